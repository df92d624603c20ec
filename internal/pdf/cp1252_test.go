package pdf

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// printable1252 reports whether r is a printable character of code page
// 1252 (what the writer draws through the 8-bit fonts).
func printable1252(r rune) bool {
	if r < 0x20 || r == 0x7F || r >= 0x80 && r < 0xA0 || r == utf8.RuneError {
		return false
	}
	_, ok := charmap.Windows1252.EncodeRune(r)
	return ok
}

// allFacesDocument draws every cp1252 character in every body and code
// face, plus runs that need the UTF-8 fonts (nested bullets, task boxes,
// a continued code line, Polish), so that one page mixes both kinds.
func allFacesDocument() *ast.Document {
	var b strings.Builder
	for c := 0x21; c < 0x100; c++ {
		r := charmap.Windows1252.DecodeByte(byte(c))
		if printable1252(r) && r != 0xAD {
			b.WriteRune(r)
			if c%16 == 15 {
				b.WriteString(" ")
			}
		}
	}
	all := b.String()
	t := func(s string) *ast.Text { return &ast.Text{Text: s} }
	li := func(bs ...ast.Block) *ast.ListItem { return &ast.ListItem{Blocks: bs} }
	p := func(ins ...ast.Inline) *ast.Paragraph { return &ast.Paragraph{Inlines: ins} }
	return &ast.Document{
		Meta: ast.Meta{Title: "Zürich “Test” — Łódź"},
		Blocks: []ast.Block{
			&ast.Heading{Level: 1, ID: "t", Inlines: []ast.Inline{t("Zürich “Test” — Łódź")}},
			p(t("Regular: " + all)),
			p(&ast.Strong{Inlines: []ast.Inline{t("Bold: " + all)}}),
			p(&ast.Emphasis{Inlines: []ast.Inline{t("Italic: " + all)}}),
			p(&ast.Strong{Inlines: []ast.Inline{&ast.Emphasis{Inlines: []ast.Inline{t("Bold italic: " + all)}}}}),
			p(t("Code: "), &ast.Code{Text: all}),
			p(t("No-break\u00a0spaces\u00a0here, Polish Łódź, café and ½ in one line.")),
			&ast.List{Tight: true, Items: []*ast.ListItem{
				li(p(t("First level •")), &ast.List{Tight: true, Items: []*ast.ListItem{li(p(t("Second level ◦")))}}),
				{Task: ast.TaskOpen, Blocks: []ast.Block{p(t("Open task"))}},
			}},
			&ast.CodeBlock{Text: "x := \"" + strings.Repeat("é ", 70) + "\"\n"},
			&ast.Heading{Level: 2, ID: "s", Inlines: []ast.Inline{t("Section « two »")}},
			p(t("The end.")),
		},
	}
}

// TestEightBitLooksLikeUTF8 renders a document through the 8-bit fonts
// and through the UTF-8 fonts only, and checks that the pages are the
// same pixels and the extracted text the same words.
func TestEightBitLooksLikeUTF8(t *testing.T) {
	pdftoppm := validate.Tool(t, "pdftoppm", "poppler-utils")
	pdffonts := validate.Tool(t, "pdffonts", "poppler-utils")
	pdftotext := validate.Tool(t, "pdftotext", "poppler-utils")
	doc := allFacesDocument()
	opts := Options{TOC: true, FooterText: "{title} · page {page} of {pages}"}
	r8, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	rU, err := newRenderer(opts, fpdfout.Config{UTF8Only: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{}
	for name, r := range map[string]*Renderer{"eight": r8, "utf8": rU} {
		var buf bytes.Buffer
		if err := r.Render(&buf, doc); err != nil {
			t.Fatal(err)
		}
		files[name] = filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(files[name], buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fonts := map[string]string{}
	for name, f := range files {
		out, err := exec.Command(pdffonts, f).CombinedOutput()
		if err != nil {
			t.Fatalf("pdffonts: %v\n%s", err, out)
		}
		fonts[name] = string(out)
	}
	for _, face := range []string{"DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic", "DejaVuSansMono"} {
		if !strings.Contains(fonts["eight"], "+"+face+" ") {
			t.Errorf("no 8-bit subset of %s:\n%s", face, fonts["eight"])
		}
	}
	if !strings.Contains(fonts["eight"], "Identity-H") {
		t.Errorf("runs outside cp1252 did not use a UTF-8 font:\n%s", fonts["eight"])
	}
	if strings.Contains(fonts["utf8"], "WinAnsi") {
		t.Errorf("the UTF-8-only render has 8-bit fonts:\n%s", fonts["utf8"])
	}
	text := map[string]string{}
	for name, f := range files {
		out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", f, "-").CombinedOutput()
		if err != nil {
			t.Fatalf("pdftotext: %v\n%s", err, out)
		}
		// WinAnsiEncoding names code A0 "space".
		text[name] = strings.Join(strings.Fields(strings.ReplaceAll(string(out), "\u00a0", " ")), " ")
	}
	if text["eight"] != text["utf8"] {
		t.Errorf("extracted text differs:\n8-bit: %s\nUTF-8: %s", text["eight"], text["utf8"])
	}
	if !strings.Contains(text["eight"], "Zürich “Test” — Łódź") {
		t.Errorf("extracted text lacks the title: %s", text["eight"])
	}
	for name, f := range files {
		out, err := exec.Command(pdftoppm, "-png", "-r", "100", f, filepath.Join(dir, name)).CombinedOutput()
		if err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "eight-*.png"))
	if len(pages) == 0 {
		t.Fatal("no pages rendered")
	}
	for _, p8 := range pages {
		pU := filepath.Join(dir, "utf8-"+strings.TrimPrefix(filepath.Base(p8), "eight-"))
		if n := differentPixels(t, p8, pU); n != 0 {
			t.Errorf("%s: %d pixels differ between the 8-bit and the UTF-8 rendering", filepath.Base(p8), n)
		}
	}
}

// TestEightBitCacheDoesNotChangeOutput checks that a render is the same
// bytes whether the 8-bit fonts come from the cache, are made for the
// document, or the cache is full.
func TestEightBitCacheDoesNotChangeOutput(t *testing.T) {
	doc := allFacesDocument()
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	renderBytes := func() []byte {
		var buf bytes.Buffer
		if err := r.Render(&buf, doc); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := renderBytes()
	if _, eight := r.out.CachedFonts(); eight == 0 {
		t.Fatal("no 8-bit font was cached")
	}
	if again := renderBytes(); !bytes.Equal(first, again) {
		t.Error("a render from the cache differs from the first render")
	}
	// Concurrent renders share the cached fonts (run with -race).
	same := make(chan bool)
	for range 4 {
		go func() {
			var buf bytes.Buffer
			err := r.Render(&buf, allFacesDocument())
			same <- err == nil && bytes.Equal(buf.Bytes(), first)
		}()
	}
	for range 4 {
		if !<-same {
			t.Error("a concurrent render from the cache differs from the first render")
		}
	}
	// Without a cache (as when it is full), fonts are cut per document.
	none, err := newRenderer(Options{}, fpdfout.Config{MaxCachedFonts: -1})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := none.Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, buf.Bytes()) {
		t.Error("a render without a font cache differs from the first render")
	}
	if u, eight := none.out.CachedFonts(); u+eight != 0 {
		t.Errorf("a Writer without a cache kept %d fonts", u+eight)
	}
}

func differentPixels(t *testing.T, a, b string) int {
	t.Helper()
	load := func(p string) image.Image {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		return img
	}
	ia, ib := load(a), load(b)
	if ia.Bounds() != ib.Bounds() {
		t.Fatalf("%s and %s differ in size", a, b)
	}
	n := 0
	for y := ia.Bounds().Min.Y; y < ia.Bounds().Max.Y; y++ {
		for x := ia.Bounds().Min.X; x < ia.Bounds().Max.X; x++ {
			if ia.At(x, y) != ib.At(x, y) {
				n++
			}
		}
	}
	return n
}

// TestNewNeedsNoTempDir checks that New prepares the 8-bit fonts of the
// built-in faces without a file system (their definitions are generated,
// fpdfout/cp1252fonts.json): with no usable TMPDIR it still works and
// the PDF has the same bytes.
func TestNewNeedsNoTempDir(t *testing.T) {
	doc := allFacesDocument()
	pdfOf := func() []byte {
		r, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := r.Render(&b, doc); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	want := pdfOf()
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", notDir)
	if got := pdfOf(); !bytes.Equal(got, want) {
		t.Fatal("with no usable TMPDIR the PDF has other bytes")
	}
}
