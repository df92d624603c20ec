package pdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
	"github.com/policyexport/policyexport/internal/testutil/golden"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// tool returns the path of an external validator: qpdf, or one of
// poppler's tools. A missing one skips the test, visibly, or fails it in CI
// (see internal/testutil/validate).
func tool(t testing.TB, name string) string {
	t.Helper()
	pkg := "poppler-utils"
	if name == "qpdf" {
		pkg = "qpdf"
	}
	return validate.Tool(t, name, pkg)
}

func render(t testing.TB, opts pdf.Options, doc *ast.Document) []byte {
	t.Helper()
	r, err := pdf.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeTemp(t testing.TB, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(tool(t, name), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// drawnCodes returns the two-byte codes that the PDF's content streams
// draw with hex strings (fpdf's UTF-8 fonts, whose codes are the
// characters drawn), read from qpdf's uncompressed copy of data.
func drawnCodes(t testing.TB, data []byte) map[rune]bool {
	t.Helper()
	out := run(t, "qpdf", "--qdf", "--object-streams=disable", writeTemp(t, data), "-")
	codes := map[rune]bool{}
	for _, m := range regexp.MustCompile(`<([0-9a-fA-F]+)> Tj`).FindAllStringSubmatch(out, -1) {
		for h := m[1]; len(h) >= 4; h = h[4:] {
			v, err := strconv.ParseUint(h[:4], 16, 16)
			if err != nil {
				t.Fatal(err)
			}
			codes[rune(v)] = true
		}
	}
	return codes
}

// checkPDF runs qpdf, pdffonts and pdfinfo on data and returns the text
// pdftotext extracts.
func checkPDF(t testing.TB, data []byte, title string) string {
	t.Helper()
	p := writeTemp(t, data)
	qp := run(t, "qpdf", "--check", p)
	if !strings.Contains(qp, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", qp)
	}
	fonts := run(t, "pdffonts", p)
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) < 3 {
		t.Errorf("pdffonts lists no fonts:\n%s", fonts)
	}
	for _, ln := range lines[2:] {
		f := strings.Fields(ln)
		// name type... encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %q", ln)
		}
		if strings.Contains(ln, "Type 1") || regexp.MustCompile(`(?i)helvetica|times|courier|arial|symbol|zapf`).MatchString(f[0]) {
			t.Errorf("core font used: %q", ln)
		}
	}
	info := run(t, "pdfinfo", p)
	if title != "" && !strings.Contains(info, "Title:") || !strings.Contains(info, strings.Join(strings.Fields(title), " ")) {
		t.Errorf("pdfinfo does not show the title %q:\n%s", title, info)
	}
	if !regexp.MustCompile(`(?m)^Pages:\s+[1-9]`).MatchString(info) {
		t.Errorf("pdfinfo shows no pages:\n%s", info)
	}
	// -raw keeps the order in which text is drawn: cell by cell in
	// tables, which is the reading order.
	return run(t, "pdftotext", "-raw", "-enc", "UTF-8", p, "-")
}

// positionText is pdftotext's text of data in its default mode, which
// orders each line by position. Right-to-left text needs it: its runs are
// drawn glyph by glyph in logical order (TestRightToLeftInLogicalOrder),
// right to left, and -raw, which keeps drawing order, ends a line at
// every step to the left. pdftotext wraps the runs of a line in the
// directional embeddings U+202A–U+202C, which touch the words beside
// them: they become spaces.
func positionText(t testing.TB, data []byte) string {
	t.Helper()
	text := run(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, data), "-")
	return strings.NewReplacer("\u202a", " ", "\u202b", " ", "\u202c", " ").Replace(text)
}

// words splits text into lower-case words of letters or digits; letters
// and digits are separate words (a superscript footnote number touches
// the word before it in extracted text).
func words(s string) []string {
	var out []string
	var b strings.Builder
	kind := 0
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	// NFKC maps the Arabic presentation forms the PDF draws back to the
	// letters of the source.
	for _, r := range strings.ToLower(norm.NFKC.String(s)) {
		k := 0
		switch {
		case unicode.Is(unicode.Cf, r):
			// Format characters (ZWNJ in Persian words) are not drawn.
			continue
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			// CJK text has no spaces: every character is a word.
			flush()
			out = append(out, string(r))
			kind = 0
			continue
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			k = 1
		case unicode.IsDigit(r):
			k = 2
		}
		if k != kind {
			flush()
		}
		kind = k
		if k != 0 {
			b.WriteRune(r)
		}
	}
	flush()
	return out
}

// recall returns the words of want that are missing from got. Words must
// appear in order (got may have extra words: footers, the table of
// contents): the in-order match is a longest common subsequence. When
// words are missing, the ones reported are those whose count in got is
// lower than in want, or, if every word is there but out of order, the
// first words outside the common subsequence.
//
// A word longer than its line or table column is cut between characters
// in the PDF; adjacent extracted pieces that make a wanted word which one
// of them is not are joined first.
func recall(want, got []string) (missing []string) {
	wanted := map[string]bool{}
	for _, w := range want {
		wanted[w] = true
	}
	var joined []string
	for i := 0; i < len(got); i++ {
		w := got[i]
		for k := i + 1; k < len(got) && k < i+4; k++ {
			c := strings.Join(got[i:k+1], "")
			if wanted[c] && (!wanted[got[i]] || !wanted[got[k]]) {
				w, i = c, k
				break
			}
		}
		joined = append(joined, w)
	}
	got = joined
	if lcs(want, got) == len(want) {
		return nil
	}
	count := map[string]int{}
	for _, w := range got {
		count[w]++
	}
	for _, w := range want {
		if count[w] == 0 {
			missing = append(missing, w)
			continue
		}
		count[w]--
	}
	if len(missing) == 0 {
		missing = []string{"(all words present, but out of order)"}
	}
	return missing
}

// lcs returns the length of the longest common subsequence of a and b.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// docText is every word a reader must find in the PDF: the document's
// text without raw HTML.
func docText(doc *ast.Document) string {
	var b strings.Builder
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Text:
			b.WriteString(n.Text)
		case *ast.Code:
			b.WriteString(n.Text)
		case *ast.CodeBlock:
			b.WriteString(n.Text)
		case *ast.Image:
			b.WriteString(n.Alt)
		case *ast.FootnoteRef:
			b.WriteString(strconv.Itoa(n.Index))
		case *ast.FootnoteDefinition:
			b.WriteString(" " + strconv.Itoa(n.Index) + " ")
		case *ast.SoftBreak, *ast.HardBreak:
		case ast.Block:
			b.WriteString("\n")
			return true
		default:
			return true
		}
		b.WriteString(" ")
		return true
	})
	return b.String()
}

func TestRichDocumentValidates(t *testing.T) {
	doc := richDocument()
	data := render(t, pdf.Options{TOC: true, Creator: "policyexport test"}, doc)
	text := checkPDF(t, data, doc.Meta.Title)
	if missing := recall(words(docText(doc)), words(text)); len(missing) > 0 {
		t.Errorf("pdftotext lost %d words, first %q\n%s", len(missing), missing[:min(10, len(missing))], text)
	}
	info := run(t, "pdfinfo", writeTemp(t, data))
	for _, want := range []string{"Author:          Example Ltd", "Creator:         policyexport test", "Keywords:        privacy, gdpr", "Producer:        " + pdf.Producer} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	if !strings.Contains(text, "Page 1 of ") {
		t.Errorf("no footer \"Page 1 of N\" in:\n%s", text)
	}
	// External links are URI annotations, blocked schemes are not live,
	// internal links (TOC, #contact, footnotes both ways) are destinations.
	if !bytes.Contains(data, []byte("/URI (https://example.com/privacy)")) {
		t.Error("no link annotation for https://example.com/privacy")
	}
	if bytes.Contains(data, []byte("javascript")) {
		t.Error("a javascript: link is live")
	}
	if n := bytes.Count(data, []byte("/Dest [")); n < 3+1+2 {
		t.Errorf("%d internal links, want at least 6 (TOC, #contact, footnote and back)", n)
	}
	// The outline mirrors the headings, with Unicode titles.
	outline := run(t, "qpdf", "--json", "--json-key=outlines", writeTemp(t, data))
	titles := regexp.MustCompile(`"title": "([^"]*)"`).FindAllStringSubmatch(outline, -1)
	var got []string
	for _, m := range titles {
		got = append(got, m[1])
	}
	slices.Sort(got)
	// "Links" heads the list of link destinations (Options.Links).
	want := []string{"1. Introduction", "1.1 Lists", "2. Contact", "Links", "Privacy Policy — Ünïcödé Test"}
	if !slices.Equal(got, want) {
		t.Errorf("outline titles %q, want %q", got, want)
	}
}

func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		opts pdf.Options
	}{
		{"rich", pdf.Options{TOC: true, Creator: "policyexport test", Date: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)}},
		{"rich.letter-justify", pdf.Options{Paper: "letter", Justify: true, FooterText: "{title} · {page}/{pages}", Margins: &pdf.Margins{Top: 20, Right: 25, Bottom: 25, Left: 30}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := render(t, c.opts, richDocument())
			golden.Check(t, filepath.Join("testdata", c.name+".pdf"), got)
		})
	}
}

func TestTrailerID(t *testing.T) {
	data := render(t, pdf.Options{}, richDocument())
	if !regexp.MustCompile(`trailer\n<<\n/ID \[<[0-9a-f]{32}><[0-9a-f]{32}>\]\n/Size`).Match(data) {
		t.Errorf("no /ID in the trailer:\n%s", data[bytes.LastIndex(data, []byte("trailer")):])
	}
	other := render(t, pdf.Options{Justify: true}, richDocument())
	id := func(b []byte) string {
		return regexp.MustCompile(`/ID \[<([0-9a-f]+)>`).FindStringSubmatch(string(b))[1]
	}
	if id(data) == id(other) {
		t.Error("different documents have the same /ID")
	}
}

// TestHelperRender is run as a subprocess by TestDeterministicAcrossEnv.
func TestHelperRender(t *testing.T) {
	if os.Getenv("PDF_HELPER_OUT") == "" {
		t.Skip("helper for TestDeterministicAcrossEnv")
	}
	for i, std := range envStandards {
		data := render(t, pdf.Options{TOC: true, Standard: mustStandard(t, std)}, richDocument())
		if err := os.WriteFile(os.Getenv("PDF_HELPER_OUT")+fmt.Sprint(i), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// envStandards are the --pdf-standard lists TestDeterministicAcrossEnv
// renders with: plain PDF and every standard.
var envStandards = []string{"", "a-1b", "a-2b", "a-2u", "a-3b", "a-3u", "a-3u,ua-1", "ua-1"}

func mustStandard(t testing.TB, list string) pdf.Standard {
	t.Helper()
	s, err := pdf.ParseStandard(list)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDeterministicAcrossEnv(t *testing.T) {
	var firsts [][]byte
	for _, std := range envStandards {
		opts := pdf.Options{TOC: true, Standard: mustStandard(t, std)}
		first := render(t, opts, richDocument())
		if again := render(t, opts, richDocument()); !bytes.Equal(first, again) {
			t.Fatalf("--pdf-standard %q: two renders in one process differ", std)
		}
		firsts = append(firsts, first)
	}
	dir := t.TempDir()
	for i, env := range [][]string{
		{"TZ=Pacific/Kiritimati", "GOMAXPROCS=1"},
		{"TZ=America/St_Johns", "GOMAXPROCS=2", "LC_ALL=de_DE.UTF-8"},
	} {
		out := filepath.Join(dir, fmt.Sprint(i))
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRender$")
		cmd.Env = append(append(os.Environ(), env...), "PDF_HELPER_OUT="+out)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", env, err, b)
		}
		for k, std := range envStandards {
			got, err := os.ReadFile(out + fmt.Sprint(k))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(firsts[k], got) {
				t.Errorf("--pdf-standard %q: render with %v differs from the in-process render", std, env)
			}
		}
	}
}

func TestConcurrentRenders(t *testing.T) {
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := render(t, pdf.Options{}, richDocument())
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			var buf bytes.Buffer
			err := r.Render(&buf, richDocument())
			if err == nil && !bytes.Equal(buf.Bytes(), want) {
				err = errors.New("concurrent render differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	_ = runtime.NumGoroutine()
}

func TestEmojiIsGlyphError(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "T"}, Blocks: []ast.Block{
		para(txt("Fine text.")),
		&ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: "Shield 🛡 here", At: ast.Pos{Line: 12, Col: 5}}}},
	}}
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = r.Render(&bytes.Buffer{}, doc)
	var ge *pdf.GlyphError
	if !errors.As(err, &ge) {
		t.Fatalf("got %v, want a *GlyphError", err)
	}
	if ge.Rune != 0x1F6E1 || ge.Pos != (ast.Pos{Line: 12, Col: 5}) {
		t.Errorf("got %+v", ge)
	}
	want := "12:5: character U+1F6E1 (🛡) is in no font; add a font that has it to Options.Fonts"
	if err.Error() != want {
		t.Errorf("got %q\nwant %q", err.Error(), want)
	}
}

func TestMissingGlyphInBMPIsGlyphError(t *testing.T) {
	// U+4E2D (中) is in no built-in font.
	doc := &ast.Document{Blocks: []ast.Block{&ast.Heading{Level: 1, Inlines: []ast.Inline{&ast.Text{Text: "中文", At: ast.Pos{Line: 1, Col: 3}}}}}}
	r, _ := pdf.New(pdf.Options{})
	err := r.Render(&bytes.Buffer{}, doc)
	var ge *pdf.GlyphError
	if !errors.As(err, &ge) || ge.Rune != 0x4E2D || ge.Pos.Line != 1 {
		t.Fatalf("got %v", err)
	}
}

func TestCJKWithExtraFont(t *testing.T) {
	font, err := os.ReadFile(pdf.DroidFont)
	if err != nil {
		if os.Getenv("POLICYEXPORT_REQUIRE_VALIDATORS") == "1" {
			t.Fatal(err)
		}
		t.Skipf("%s not installed (Debian: fonts-droid-fallback): %v", pdf.DroidFont, err)
	}
	doc := &ast.Document{Meta: ast.Meta{Title: "隐私政策"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, Inlines: []ast.Inline{txt("隐私政策")}},
		para(txt("我们重视您的隐私。本政策说明我们如何收集、使用和保护您的个人信息。" + strings.Repeat("数据保护是我们的责任。", 12))),
		para(txt("日本語のテキストも表示されます。")),
	}}
	data := render(t, pdf.Options{Fonts: [][]byte{font}}, doc)
	text := checkPDF(t, data, "隐私政策")
	got := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"我们重视您的隐私", "日本語のテキスト", "数据保护是我们的责任"} {
		if !strings.Contains(got, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
}

func TestBadExtraFont(t *testing.T) {
	for _, f := range [][]byte{nil, []byte("not a font"), []byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")} {
		if _, err := pdf.New(pdf.Options{Fonts: [][]byte{f}}); err == nil {
			t.Errorf("New accepted font %q", f)
		}
	}
	if _, err := pdf.New(pdf.Options{Paper: "a5"}); err == nil {
		t.Error("New accepted paper a5")
	}
}

func longTable(rows int) *ast.Table {
	tb := &ast.Table{Align: []ast.Alignment{ast.AlignLeft, ast.AlignNone, ast.AlignRight},
		Header: []*ast.TableCell{{Inlines: []ast.Inline{txt("Processor")}}, {Inlines: []ast.Inline{txt("Purpose")}}, {Inlines: []ast.Inline{txt("Country")}}}}
	for i := range rows {
		tb.Rows = append(tb.Rows, []*ast.TableCell{
			{Inlines: []ast.Inline{txt(fmt.Sprintf("Vendor%03d", i))}},
			{Inlines: []ast.Inline{txt("Hosting, analytics and email delivery for the service, described at some length")}},
			{Inlines: []ast.Inline{txt("Ireland")}}})
	}
	return tb
}

func TestLongTableRepeatsHeader(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "Sub-processors"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, Inlines: []ast.Inline{txt("Sub-processors")}},
		longTable(90),
	}}
	data := render(t, pdf.Options{}, doc)
	p := writeTemp(t, data)
	checkPDF(t, data, "Sub-processors")
	info := run(t, "pdfinfo", p)
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	n, _ := strconv.Atoi(m[1])
	if n < 3 {
		t.Fatalf("table of 90 rows fits on %d pages", n)
	}
	seen := 0
	for pg := 1; pg <= n; pg++ {
		text := run(t, "pdftotext", "-f", fmt.Sprint(pg), "-l", fmt.Sprint(pg), p, "-")
		if !strings.Contains(text, "Processor") || !strings.Contains(text, "Purpose") {
			t.Errorf("page %d lacks the table header:\n%s", pg, text)
		}
		for i := range 90 {
			if strings.Contains(text, fmt.Sprintf("Vendor%03d", i)) {
				seen++
			}
		}
	}
	if seen != 90 {
		t.Errorf("found %d of 90 rows", seen)
	}
}

func TestMissingImage(t *testing.T) {
	doc := &ast.Document{Blocks: []ast.Block{para(txt("Logo:"), &ast.Image{Destination: "nope.png", Alt: "Company logo", At: ast.Pos{Line: 4, Col: 7}})}}
	r, _ := pdf.New(pdf.Options{ImageDir: t.TempDir()})
	err := r.Render(&bytes.Buffer{}, doc)
	if err == nil || !strings.Contains(err.Error(), "4:7") || !strings.Contains(err.Error(), "nope.png") {
		t.Errorf("got %v, want an error naming 4:7 and nope.png", err)
	}
	data := render(t, pdf.Options{MissingImagesAlt: true}, doc)
	if text := checkPDF(t, data, ""); !strings.Contains(text, "Company logo") {
		t.Errorf("alt text missing:\n%s", text)
	}
}

func TestImageEmbedded(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dot.png"), pngBytes(t), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := &ast.Document{Blocks: []ast.Block{para(&ast.Image{Destination: "dot.png", Alt: "dot"})}}
	data := render(t, pdf.Options{ImageDir: dir}, doc)
	checkPDF(t, data, "")
	if !bytes.Contains(data, []byte("/Subtype /Image")) {
		t.Error("no image XObject in the PDF")
	}
}

func FuzzPDF(f *testing.F) {
	for _, s := range []string{"hello", "Ünïcödé αβγ жизнь", "שלום עולם", "🛡", "a\u00adb\u200bc\x00\x1f", strings.Repeat("x", 500), "中文", "\t\n\r ", "\uFFFD", "١٢٣", "क्षत्रिय कि श्री", "தமிழ் கொள்கை", "ভাষায়।", "ภาษาไทย น้ำ", "क्\u200dष क्\u200cष", "שלום क्ष 😀", "ראו סעיף 17. Acme Ltd.", "نحوه\u200cی \u061C(17).", "مُحَمَّد رَبِّ شكراً", "سَلَامٌ لِأَنَّ الرَّحْمَٰنِ", "ً aَ لَ\u200cا", "שָׁלוֹם בְּרֵאשִׁית בּ.", "ב\u05bc\u05b0 \u05b8 aָ שָׁ-GDPR"} {
		f.Add(s)
	}
	r, err := pdf.New(pdf.Options{TOC: true})
	if err != nil {
		f.Fatal(err)
	}
	// The standards pass must take whatever renders as plain PDF.
	ra, err := pdf.New(pdf.Options{TOC: true, Standard: mustStandard(f, "a-3u,ua-1")})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := &ast.Document{Meta: ast.Meta{Title: s}, Blocks: []ast.Block{
			&ast.Heading{Level: 1, ID: "h", Inlines: []ast.Inline{txt(s)}},
			para(txt(s), &ast.Strong{Inlines: []ast.Inline{txt(s)}}, &ast.Code{Text: s}, &ast.Link{Destination: s, Inlines: []ast.Inline{txt(s)}}),
			&ast.CodeBlock{Text: s},
			&ast.Table{Align: []ast.Alignment{ast.AlignNone}, Header: []*ast.TableCell{{Inlines: []ast.Inline{txt(s)}}}, Rows: [][]*ast.TableCell{{{Inlines: []ast.Inline{txt(s)}}}}},
			&ast.List{Items: []*ast.ListItem{item(para(txt(s)))}},
		}}
		var buf bytes.Buffer
		err := r.Render(&buf, doc)
		var ge *pdf.GlyphError
		var se *pdf.ShapingError
		switch {
		case err == nil:
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(buf.Bytes(), []byte("%%EOF\n")) {
				t.Fatalf("not a PDF: %q", buf.Bytes()[:min(20, buf.Len())])
			}
			var a bytes.Buffer
			var untitled *pdf.StandardError
			if err := ra.Render(&a, doc); err != nil && (strings.TrimSpace(s) != "" || !errors.As(err, &untitled)) {
				// PDF/UA-1 refuses a document without a title (TestUntitled).
				t.Fatalf("renders as plain PDF, but not with a-3u,ua-1: %v", err)
			}
		case errors.As(err, &ge), errors.As(err, &se):
		default:
			t.Fatalf("unexpected error: %v", err)
		}
	})
}

func TestArabicIsShapedAndHebrewReordered(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "مدونة قواعد السلوك", Lang: "ar"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, Inlines: []ast.Inline{txt("مدونة قواعد السلوك")}},
		para(txt("نحن كأعضاء ومساهمين وقادة نتعهد بجعل المشاركة في مجتمعنا تجربة خالية من المضايقة، لا غير.")),
		para(txt("שלום עולם, hello")),
	}}
	data := render(t, pdf.Options{}, doc)
	checkPDF(t, data, "")
	text := positionText(t, data)
	// Joined letters are drawn as presentation forms: meem initial
	// (U+FEE3) and lam-alef (U+FEFB) must be drawn, the logical letters
	// must not. The text copies out as the letters (the ToUnicode maps
	// give each form of one letter its letter).
	drawn := drawnCodes(t, data)
	for _, want := range []rune{0xFEE3, 0xFEFB} {
		if !drawn[want] {
			t.Errorf("the PDF does not draw %U", want)
		}
	}
	if drawn[0x0645] {
		t.Errorf("unshaped meem (U+0645) drawn")
	}
	if !strings.Contains(text, "نحن") || !strings.Contains(text, "مجتمعنا") {
		t.Errorf("the Arabic does not copy out as its letters:\n%s", text)
	}
	if missing := recall(sortedWords(words(docText(doc))), sortedWords(words(text))); len(missing) > 0 {
		t.Errorf("missing words %q:\n%s", missing, text)
	}
}

func TestDeepNesting(t *testing.T) {
	var b ast.Block = para(txt(strings.Repeat("deep text ", 30)))
	for i := range 60 {
		if i%2 == 0 {
			b = &ast.List{Ordered: i%4 == 0, Start: 1, Marker: '.', Items: []*ast.ListItem{item(b, &ast.CodeBlock{Text: strings.Repeat("code ", 40) + "\n"})}}
		} else {
			b = &ast.BlockQuote{Blocks: []ast.Block{b, longTable(2)}}
		}
	}
	doc := &ast.Document{Meta: ast.Meta{Title: "Deep"}, Blocks: []ast.Block{b}}
	data := render(t, pdf.Options{}, doc)
	text := checkPDF(t, data, "Deep")
	if missing := recall(words(docText(doc)), words(text)); len(missing) > 0 {
		t.Errorf("lost %d words, first %q", len(missing), missing[:min(5, len(missing))])
	}
}

// TestBuiltinFontsLoad checks every built-in font as New checks an extra
// one (it parses, and fpdf reads it without error or panic): New skips
// the check for the built-in fonts, whatever fonts.Body and
// fonts.Fallbacks hold.
func TestBuiltinFontsLoad(t *testing.T) {
	for _, f := range append(fonts.Body(), fonts.Fallbacks()...) {
		if _, err := ttf.Parse(f.Data); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		if err := fpdfout.CheckFont(f.Data); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
}

// TestFootnoteIDsAsHTML: a footnote's structure id follows
// ast.FootnoteIDs, as the HTML's ids do: with a heading whose id is
// "fn-1", footnote 1 is "fn2-1" in both.
func TestFootnoteIDsAsHTML(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "T"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, ID: "fn-1", Inlines: []ast.Inline{txt("Fn 1")}},
		para(txt("Text"), &ast.FootnoteRef{Index: 1, Label: "a"}),
		&ast.FootnoteDefinition{Index: 1, Label: "a", Blocks: []ast.Block{para(txt("Note."))}},
	}}
	out := render(t, pdf.Options{}, doc)
	if !bytes.Contains(out, []byte("/S /Note /P")) || !bytes.Contains(out, []byte("/ID (fn2-1)")) || bytes.Contains(out, []byte("/ID (fn-1)")) {
		t.Errorf("the footnote's structure id is not fn2-1")
	}
}

// TestLinksToFootnotes: a link to a footnote ("#fn-1") or to one of
// its references ("#fnref-1", "#fnref-1-2", the HTML's ids) goes there,
// as in the HTML; the PDF dropped such links as going nowhere, and a
// link to the second reference went to the first.
func TestLinksToFootnotes(t *testing.T) {
	link := func(dest, text string) *ast.Link {
		return &ast.Link{Destination: dest, Inlines: []ast.Inline{txt(text)}}
	}
	doc := &ast.Document{Meta: ast.Meta{Title: "T"}, Blocks: []ast.Block{
		para(txt("First"), &ast.FootnoteRef{Index: 1, Label: "a"}),
		para(txt(strings.Repeat("Filler words between the two references. ", 40))),
		para(txt("Second"), &ast.FootnoteRef{Index: 1, Label: "a"}),
		para(link("#fnref-1", "first"), txt(" "), link("#fnref-1-2", "second"), txt(" "), link("#fn-1", "note")),
		&ast.FootnoteDefinition{Index: 1, Label: "a", Blocks: []ast.Block{para(txt("Note."))}},
	}}
	out := render(t, pdf.Options{}, doc)
	dest := func(contents string) string {
		m := regexp.MustCompile(`/Contents \(` + contents + `\)[^\n]*(/Dest \[[^\]]*\])`).FindSubmatch(out)
		if m == nil {
			t.Errorf("no link %q", contents)
			return ""
		}
		return string(m[1])
	}
	first, second, note := dest("first"), dest("second"), dest("note")
	if first != dest("Back to reference 1") {
		t.Errorf("#fnref-1 goes to %s, the back link to the first reference elsewhere", first)
	}
	if note != dest("Footnote 1") {
		t.Errorf("#fn-1 goes to %s, a footnote reference elsewhere", note)
	}
	if second == first || second == note {
		t.Errorf("#fnref-1-2 goes to %s, not to the second reference (the first is %s, the note %s)", second, first, note)
	}
}

// TestLinkAnnotationPerLine: the words of a link on a line are one link
// annotation, so that a reader's Tab stops at the link once; a link
// that wraps has one a line, and two links side by side stay two. Each
// rectangle is written lower left corner first (ISO 32000-1 §7.9.5).
func TestLinkAnnotationPerLine(t *testing.T) {
	link := func(dest, text string) *ast.Link {
		return &ast.Link{Destination: dest, Inlines: []ast.Inline{txt(text)}}
	}
	long := strings.Repeat("many words of a long link ", 12)
	for _, c := range []struct {
		name string
		lang string
		ins  []ast.Inline
		want map[string]int // annotations by /Contents
	}{
		{"words on a line", "en", []ast.Inline{txt("See "), link("https://e.com/a", "our privacy notice"), txt(".")},
			map[string]int{"u:our privacy notice": 1}},
		{"two links side by side", "en", []ast.Inline{link("https://e.com/a", "one two"), txt(" "), link("https://e.com/b", "three four")},
			map[string]int{"u:one two": 1, "u:three four": 1}},
		{"wrapped over lines", "en", []ast.Inline{link("https://e.com/a", strings.TrimSpace(long))},
			map[string]int{"u:" + strings.TrimSpace(long): 4}}, // its four lines
		{"right to left", "he", []ast.Inline{txt("ראו "), link("https://e.com/a", "מדיניות הפרטיות שלנו"), txt(".")},
			map[string]int{"u:מדיניות הפרטיות שלנו": 1}},
	} {
		doc := &ast.Document{Meta: ast.Meta{Title: "T", Lang: c.lang}, Blocks: []ast.Block{para(c.ins...)}}
		got := map[string]int{}
		type onLine struct {
			contents string
			y        float64
		}
		lines := map[onLine]bool{}
		file := writeTemp(t, render(t, pdf.Options{Links: pdf.LinksNone, NoFooter: true}, doc))
		for _, a := range linkAnnotations(t, file) {
			got[a.Contents]++
			if len(a.Rect) != 4 || a.Rect[0] >= a.Rect[2] || a.Rect[1] >= a.Rect[3] {
				t.Errorf("%s: /Rect %v is not its lower left corner, then its upper right", c.name, a.Rect)
			}
			if at := (onLine{a.Contents, a.Rect[1]}); lines[at] {
				t.Errorf("%s: two annotations of the link %q on the line at y = %v", c.name, a.Contents, a.Rect[1])
			} else {
				lines[at] = true
			}
		}
		if !maps.Equal(got, c.want) {
			t.Errorf("%s: link annotations by text %v, want %v", c.name, got, c.want)
		}
	}
}

// TestWrappedLinkWrittenOnce: the annotations of a link drawn on many
// lines, one a line, share its /Contents and its URI action, written
// once: each held the whole link text and address, so that a 100 KB
// value as a link's text made a PDF of 171 MB (1,695 lines, each
// annotation holding all of it), and the size grew with the square of
// the text.
func TestWrappedLinkWrittenOnce(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("words of a long link ", 400))
	dest := "https://e.com/" + strings.Repeat("a", 2000)
	doc := &ast.Document{Meta: ast.Meta{Title: "T", Lang: "en"}, Blocks: []ast.Block{
		para(&ast.Link{Destination: dest, Inlines: []ast.Inline{txt(long)}}),
		para(&ast.Link{Destination: dest, Inlines: []ast.Inline{txt("a short one")}}),
	}}
	out := render(t, pdf.Options{Links: pdf.LinksNone, NoFooter: true}, doc)
	if n := bytes.Count(out, []byte("("+long+")")); n != 1 {
		t.Errorf("the link text is written %d times, want once", n)
	}
	if n := bytes.Count(out, []byte("/URI ("+dest+")")); n != 2 {
		t.Errorf("the address is written %d times, want twice (once for each link)", n)
	}
	lines := 0
	for _, a := range linkAnnotations(t, writeTemp(t, out)) {
		if a.URI != "u:"+dest {
			t.Errorf("an annotation opens %.40q…, want the link's address", a.URI)
		}
		if a.Contents == "u:"+long {
			lines++
		} else if a.Contents != "u:a short one" {
			t.Errorf("an annotation says %.40q…, want the link's text", a.Contents)
		}
	}
	if lines < 20 {
		t.Errorf("the long link has %d annotations, want one for each of its lines (more than 20)", lines)
	}
}

// TestFootnoteLinkTextLanguage: the link text of a footnote reference and
// of its back link, what a screen reader says of them, is in the
// document's language ("Fußnote 1", "Zurück zum Verweis 1").
func TestFootnoteLinkTextLanguage(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "T", Lang: "de"}, Blocks: []ast.Block{
		para(txt("Text"), &ast.FootnoteRef{Index: 1, Label: "a"}),
		&ast.FootnoteDefinition{Index: 1, Label: "a", Blocks: []ast.Block{para(txt("Anmerkung."))}},
	}}
	out := render(t, pdf.Options{}, doc)
	for _, want := range []string{"Fußnote 1", "Zurück zum Verweis 1"} {
		hex := "<FEFF"
		for _, u := range utf16.Encode([]rune(want)) {
			hex += fmt.Sprintf("%04X", u)
		}
		if !bytes.Contains(out, []byte("/Contents "+hex+">")) {
			t.Errorf("no link text %q (%s>)", want, hex)
		}
	}
}
