package pdf_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/testutil/golden"
	"github.com/policyexport/policyexport/internal/testutil/validate"
	txtout "github.com/policyexport/policyexport/internal/txt"
)

var seedValues = map[string]string{
	"siteName":    "Acme Imaging",
	"email":       "privacy@acme.example",
	"lastUpdated": "2026-11-28",
}

// seedDocument is the default template filled with seedValues.
func seedDocument(t testing.TB) *ast.Document {
	t.Helper()
	tpl, err := template.Parse("privacy-policy.md", defaulttemplate.Source(), template.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := tpl.Fill(seedValues, template.FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

var linkMark = regexp.MustCompile(`\[\d+\]`)

// txtWords returns the words of the plain-text backend's output, without
// its list of link destinations (a PDF shows links as annotations, not
// as printed URLs).
func txtWords(t testing.TB, doc *ast.Document) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := txtout.Render(&buf, doc, txtout.Options{}); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	if i := strings.LastIndex(s, "\nLinks\n"); i >= 0 {
		s = s[:i]
	}
	// Link reference marks ("text [3]") point into that list.
	s = linkMark.ReplaceAllString(s, " ")
	return words(s)
}

func TestSeed(t *testing.T) {
	doc := seedDocument(t)
	data := render(t, pdf.Options{Creator: "policyexport test"}, doc)
	text := checkPDF(t, data, doc.Meta.Title)
	got := words(text)
	if missing := recall(txtWords(t, doc), got); len(missing) > 0 {
		t.Errorf("word recall against the txt output: %d words missing, first %q", len(missing), missing[:min(10, len(missing))])
	}
	if missing := recall(words(docText(doc)), got); len(missing) > 0 {
		t.Errorf("word recall against the document: %d words missing, first %q", len(missing), missing[:min(10, len(missing))])
	}
	if !strings.Contains(text, "Page 1 of ") {
		t.Error("no \"Page 1 of N\" footer")
	}
	// The outline has the headings, in UTF-16.
	if !bytes.Contains(data, []byte("/Outlines")) {
		t.Error("no outline")
	}
	if golden.Updating() {
		// A picture of the first page, for readers of the repository.
		p := writeTemp(t, data)
		out := filepath.Join(t.TempDir(), "page")
		cmd := exec.Command(tool(t, "pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", p, out)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, b)
		}
		png, err := os.ReadFile(out + ".png")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("testdata", "seed-page1.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("testdata", "seed.pdf"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(filepath.Join("testdata", "seed.pdf"))
	if err != nil {
		t.Fatalf("%v (run go test -run TestSeed -update)", err)
	}
	if !bytes.Equal(data, want) {
		t.Error("testdata/seed.pdf differs; run with -update if the change is intended")
	}
}

func TestSeedWithTOCAndAttachments(t *testing.T) {
	doc := seedDocument(t)
	data := render(t, pdf.Options{TOC: true, Attachments: []pdf.Attachment{
		{Name: "privacy-policy.md", Description: "filled template", Content: []byte("# Privacy Policy\n")},
		{Name: "values.json", Description: "values", Content: []byte(`{"siteName":"Acme Imaging"}`)},
	}}, doc)
	text := checkPDF(t, data, doc.Meta.Title)
	if !strings.Contains(text, "Contents") {
		t.Error("no table of contents")
	}
	p := writeTemp(t, data)
	list := run(t, "pdfdetach", "-list", p)
	for _, name := range []string{"privacy-policy.md", "values.json"} {
		if !strings.Contains(list, name) {
			t.Errorf("attachment %s missing:\n%s", name, list)
		}
	}
}

// corpusDir is the shared corpus of real legal documents, beside the
// repository.
const corpusDir = "../../../shared/corpus"

// TestCorpus renders every Markdown document of the shared corpus, with
// the fonts a user would give with --font for what the built-in faces do
// not cover: Droid Sans Fallback (Chinese, Japanese), Nanum Gothic
// (Korean), Abyssinica SIL (Ethiopic: the Amharic translation), Noto
// Sans Kannada and Symbola (emoji). A document either renders, passes the validators and
// keeps every word of its text in order, or fails with a *ShapingError
// (a script not shaped yet: the Modi of the Marathi translation). With every font there, no document may fail with a
// *GlyphError; without one (a machine without the Debian package) those
// refusals are allowed.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the validators on every corpus document")
	}
	var files []string
	filepath.WalkDir(corpusDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skipf("no corpus at %s", corpusDir)
	}
	var extra [][]byte
	allFonts := true
	for _, f := range []struct{ path, pkg string }{
		{pdf.DroidFont, "fonts-droid-fallback"},
		{"/usr/share/fonts/truetype/nanum/NanumGothic.ttf", "fonts-nanum"},
		{"/usr/share/fonts/truetype/abyssinica/AbyssinicaSIL-Regular.ttf", "fonts-sil-abyssinica"},
		{"/usr/share/fonts/truetype/noto/NotoSansKannada-Regular.ttf", "fonts-noto-core"},
		{"/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", "fonts-symbola"},
	} {
		data, ok := validate.OptionalFile(t, f.path, f.pkg)
		if ok {
			extra = append(extra, data)
		}
		allFonts = allFonts && ok
	}
	r, err := pdf.New(pdf.Options{Fonts: extra, MissingImagesAlt: true})
	if err != nil {
		t.Fatal(err)
	}
	var ok, glyph, shaping int
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tpl, err := template.Parse(f, src, template.Options{})
		if err != nil {
			t.Logf("%s: template: %v", f, err)
			continue
		}
		doc, _, err := tpl.Fill(nil, template.FillOptions{Missing: template.MissingKeep})
		if err != nil {
			t.Logf("%s: fill: %v", f, err)
			continue
		}
		var buf bytes.Buffer
		err = r.Render(&buf, doc)
		var ge *pdf.GlyphError
		var se *pdf.ShapingError
		switch {
		case errors.As(err, &ge):
			glyph++
			t.Logf("%s: refused: %v", f, err)
			continue
		case errors.As(err, &se):
			shaping++
			t.Logf("%s: refused: %v", f, err)
			continue
		case err != nil:
			t.Errorf("%s: %v", f, err)
			continue
		}
		ok++
		text := checkPDF(t, buf.Bytes(), doc.Meta.Title)
		// The document's own words: the txt backend's output has more
		// (it repeats a wide table's column names in every row).
		want := words(docText(doc))
		if bidi.HasRTL(text) {
			// pdftotext puts right-to-left words back in logical order
			// but may order a line's runs, and a letter's vowel marks,
			// differently: compare as sorted lists without marks.
			// Words with vowel marks are left out: pdftotext extracts
			// some of them with other letters (U+0626 as U+064A U+0621)
			// although the PDF draws them right (see the PNG check in
			// the report).
			want = sortedWords(words(withoutMarkedWords(docText(doc))))
			text = strings.Join(sortedWords(words(stripMarks(positionText(t, buf.Bytes())))), " ")
		}
		if missing := recall(want, words(text)); len(missing) > 0 {
			t.Errorf("%s: word recall: %d of %d words missing, first %q", f, len(missing), len(want), missing[:min(10, len(missing))])
		}
	}
	t.Logf("corpus: %d rendered and checked, %d refused for a character in no font, %d refused for a script not shaped yet", ok, glyph, shaping)
	if allFonts && glyph > 0 {
		t.Errorf("%d documents refused for a character in no font, with every font given", glyph)
	}
}

func sortedWords(ws []string) []string {
	out := append([]string(nil), ws...)
	slices.Sort(out)
	return out
}

// withoutMarkedWords drops the words of s that have nonspacing marks.
func withoutMarkedWords(s string) string {
	var keep []string
	for _, w := range strings.Fields(s) {
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.Is(unicode.Mn, r) }) {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}

// stripMarks removes nonspacing marks (Arabic harakat).
func stripMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, s)
}
