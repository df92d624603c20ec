package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

func TestEncode1252(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"plain ASCII", "plain ASCII", true},
		{"“quoted” – it’s… • €5", "\x93quoted\x94 \x96 it\x92s\x85 \x95 \x805", true},
		{"Zürich\u00a0café", "Z\xfcrich\xa0caf\xe9", true},
		{"◦ nested", "", false},  // not in cp1252
		{"☐ task", "", false},    // not in cp1252
		{"Łódź", "", false},      // Ł is not in cp1252
		{"tab\there", "", false}, // control character
		{"c1 \u0081", "", false}, // C1 control, undefined in cp1252
		{"bad \xff utf8", "", false},
		{"", "", true},
	} {
		got, ok := encode1252(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("encode1252(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestEncodingMapRoundTrips(t *testing.T) {
	n := 0
	for _, ln := range strings.Split(strings.TrimSpace(string(encodingMap())), "\n") {
		var code, r int
		var name string
		if _, err := fmt.Sscanf(ln, "!%x U+%x %s", &code, &r, &name); err != nil {
			t.Fatalf("line %q: %v", ln, err)
		}
		if got := charmap.Windows1252.DecodeByte(byte(code)); got != rune(r) {
			t.Errorf("line %q: cp1252 has %U at %02X", ln, got, code)
		}
		n++
	}
	// 0x20–0xFF less DEL and the five codes cp1252 leaves undefined.
	if n != 224-1-5 {
		t.Errorf("%d codes in the map, want %d", n, 224-1-5)
	}
}

func TestUTF16Text(t *testing.T) {
	if got, want := utf16Text("Aé—"), "\xfe\xff\x00A\x00\xe9\x20\x14"; got != want {
		t.Errorf("utf16Text = %q, want %q", got, want)
	}
}

// allFacesDocument draws every cp1252 character in every body and code
// face, plus runs that need the UTF-8 fonts (nested bullets, task boxes,
// a continued code line, Polish), so that one page mixes both kinds.
func allFacesDocument() *ast.Document {
	var b strings.Builder
	for c := 0x21; c < 0x100; c++ {
		r := charmap.Windows1252.DecodeByte(byte(c))
		if _, ok := code1252(r); ok && r != 0xAD {
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
	rU, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	rU.base8 = nil // every run through the UTF-8 fonts
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
	if len(r.cuts.cuts8) == 0 {
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
	r.cuts.cuts8 = map[string]font8{}
	for i := range maxCuts {
		r.cuts.cuts8[string(rune(i))] = font8{}
	}
	if full := renderBytes(); !bytes.Equal(first, full) {
		t.Error("a render with a full cache differs from the first render")
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

func TestNewNeedsWritableTempDir(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", notDir)
	_, err := New(Options{})
	if err == nil || !strings.Contains(err.Error(), "TMPDIR") {
		t.Fatalf("New with an unusable TMPDIR: %v, want an error naming TMPDIR", err)
	}
}
