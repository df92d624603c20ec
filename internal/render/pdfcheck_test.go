package render_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// TestPDFArchiveChecks renders the seed, the feature document and every
// corpus document (the copy in testdata and, when present, the whole shared
// corpus) to PDF and holds each PDF to the archive checks: qpdf finds no
// error, pdffonts lists only embedded fonts, pdfinfo shows the title and
// page count, and pdftotext recovers every word of the plain-text output.
// A document with a character no font has must fail with a GlyphError that
// names it, and one in a script that needs shaping (Devanagari, Thai, …)
// with a ShapingError that names the script; it must never render with a
// character missing or drawn wrong.
func TestPDFArchiveChecks(t *testing.T) {
	ins := inputs(t)
	ins = append(ins, sharedCorpus(t)...)
	dir := t.TempDir()
	for _, in := range ins {
		t.Run(in.name, func(t *testing.T) {
			doc := fill(t, in)
			var fonts [][]byte
			for _, f := range in.pdfFonts {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Skipf("fallback font %s not installed (apt-get install fonts-droid-fallback)", f)
				}
				fonts = append(fonts, data)
			}
			opts := goldenOptions(fonts, filepath.Join(root, filepath.Dir(in.path)))
			// Corpus documents link remote badges; a PDF never fetches them.
			opts.PDF.MissingImagesAlt = in.missing == template.MissingKeep
			r, err := render.New(opts, []render.Format{render.PDF, render.TXT})
			if err != nil {
				t.Fatal(err)
			}
			var pdfBuf, txtBuf bytes.Buffer
			err = r.Write(&pdfBuf, doc, render.PDF)
			var ge *pdf.GlyphError
			if errors.As(err, &ge) {
				if !strings.Contains(err.Error(), "U+") || !strings.Contains(err.Error(), "Options.Fonts") {
					t.Errorf("glyph error does not name the character and the fix: %v", err)
				}
				t.Logf("refused as expected: %v", err)
				return
			}
			var se *pdf.ShapingError
			if errors.As(err, &se) {
				if se.Script == "" || !strings.Contains(err.Error(), "U+") || !strings.Contains(err.Error(), "-f html,txt") {
					t.Errorf("shaping error does not name the script, the character and the way out: %v", err)
				}
				t.Logf("refused as expected: %v", err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Write(&txtBuf, doc, render.TXT); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, strings.ReplaceAll(in.name, "/", "_")+".pdf")
			if err := os.WriteFile(file, pdfBuf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			validate.QPDFCheck(t, file)
			fonts2 := validate.PDFFonts(t, file)
			if len(fonts2) == 0 {
				t.Error("pdffonts lists no fonts")
			}
			for _, f := range fonts2 {
				if !f.Embedded {
					t.Errorf("font %s (%s) is not embedded", f.Name, f.Type)
				}
			}
			info := validate.PDFInfo(t, file)
			if info["Title"] != doc.Meta.Title {
				t.Errorf("pdfinfo Title = %q, want %q", info["Title"], doc.Meta.Title)
			}
			if info["Pages"] == "" || info["Pages"] == "0" {
				t.Errorf("pdfinfo Pages = %q", info["Pages"])
			}
			checkRecall(t, txtBuf.String(), validate.PDFText(t, file))
		})
	}
}

// sharedCorpus lists every Markdown document of the shared corpus beside
// the repository, when it is there (it is in CI).
func sharedCorpus(t *testing.T) []input {
	base := filepath.Join(root, "..", "shared", "corpus")
	if dir := os.Getenv("POLICYEXPORT_SHARED"); dir != "" {
		base = filepath.Join(dir, "corpus")
	}
	var ins []input
	filepath.WalkDir(base, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		name := "shared/" + strings.TrimSuffix(strings.TrimPrefix(path, base+"/"), ".md")
		ins = append(ins, input{name: name, path: rel, missing: template.MissingKeep})
		return nil
	})
	if len(ins) == 0 {
		t.Logf("shared corpus not found at %s: only the copied corpus is checked", base)
	}
	return ins
}

// checkRecall requires every word of the plain-text output to appear in
// the PDF's extracted text (distinct-word recall of 100%), where a word may
// also stand cut into consecutive pieces. Counts are not
// compared: the plain-text writer repeats a wide table's header in front of
// each row, where the PDF repeats it once per page. The plain text's own
// apparatus is left out first: the list of link URLs at the end and the [N]
// markers that point into it.
func checkRecall(t *testing.T, plain, extracted string) {
	t.Helper()
	have := map[string]bool{}
	got := words(extracted)
	for i := range got {
		// A word too long for its table column is cut between characters
		// over several lines: join up to four pieces.
		joined := ""
		for j := i; j < len(got) && j < i+4; j++ {
			joined += got[j]
			have[joined] = true
		}
	}
	need := map[string]bool{}
	var lost []string
	ws := words(stripApparatus(plain))
	for i, w := range ws {
		// pdftotext joins a word that ends a line in a hyphen with the
		// next line's first word ("publieke-" "of" → "publiekeof").
		joined := i+1 < len(ws) && have[w+ws[i+1]]
		if !need[w] && !have[w] && !joined {
			lost = append(lost, w)
		}
		need[w] = true
	}
	if len(lost) > 0 {
		t.Errorf("word recall below 100%%: %d of %d distinct words of the plain text are not in the PDF text, e.g. %q",
			len(lost), len(need), lost[:min(len(lost), 10)])
	}
}

// stripApparatus removes what the plain-text writer adds that a PDF shows
// otherwise: the closing "Links" list of URLs and the [N] markers that point
// into it (the PDF has live links), "[Image: alt]" (the PDF shows the
// image), task markers "[x]" (the PDF draws a box), the "[deleted: "
// around struck text (the PDF strikes it through) and the "Notes" heading
// over the footnotes (the PDF sets them off with a rule).
func stripApparatus(plain string) string {
	if i := strings.LastIndex(plain, "\nLinks\n-----\n"); i >= 0 {
		plain = plain[:i]
	}
	plain = strings.Replace(plain, "\nNotes\n-----\n", "\n", 1)
	plain = regexp.MustCompile(`\[Image:\s[^\]]*\]|\[[0-9]+\]|\[[x ]\]|\[deleted(:\s|\])`).ReplaceAllString(plain, "")
	return plain
}

// words splits s into comparable words: runs of letters, marks and digits,
// case-folded ("ΚΏΔΙΚΑΣ" and "κώδικας" are one word, as a case-insensitive
// search takes them) and NFKC-normalised (which also undoes Arabic
// presentation forms), with zero-width joiners removed. A word with
// right-to-left letters is reduced to its sorted runes, since a PDF holds
// such words in visual order.
func words(s string) []string {
	// Zero-width (non-)joiners sit inside Persian words; the PDF draws
	// nothing for them.
	s = strings.NewReplacer("\u200c", "", "\u200d", "").Replace(norm.NFKC.String(s))
	var out []string
	fold := cases.Fold()
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
	}) {
		f = fold.String(f)
		if hasRTL(f) {
			rs := []rune(f)
			sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
			f = string(rs)
		}
		out = append(out, f)
	}
	return out
}

func hasRTL(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana) {
			return true
		}
	}
	return false
}
