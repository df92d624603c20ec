package app

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/testutil/golden"
	"github.com/policyexport/policyexport/internal/testutil/pdfrules"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// runDiff runs the command line args in-process and returns its exit
// code, standard output and standard error.
func runDiff(t *testing.T, args ...string) (int, []byte, string) {
	t.Helper()
	var out, errs bytes.Buffer
	env := Env{Args: append([]string{"policyexport"}, args...), Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs,
		Getenv: func(string) string { return "" }}
	code := Main(t.Context(), env)
	return code, out.Bytes(), errs.String()
}

// seedPairArgs compare the two versions of the seed in
// testdata/input/redline: an
// inserted paragraph, a deleted sentence, a one-word replacement in a
// long paragraph, a changed heading, a new list item, a changed table
// cell, emphasis added, and a changed value (lastUpdated).
var seedPairArgs = []string{
	"diff", "../../testdata/input/redline/old.md", "../../testdata/input/redline/new.md",
	"--set", "siteName=Acme Imaging", "--set", "email=privacy@acme.example", "--set", "lastUpdated=2026-06-01",
	"--new-set", "lastUpdated=2026-11-28",
}

// TestDiffGolden pins every format of the seed pair's redline; the HTML
// passes the Nu HTML checker and the PDF qpdf, with the old and the new
// words in its text.
func TestDiffGolden(t *testing.T) {
	for _, f := range []string{"txt", "html", "side-by-side.html", "json", "notice", "pdf"} {
		t.Run(f, func(t *testing.T) {
			args := append(seedPairArgs[:len(seedPairArgs):len(seedPairArgs)], "-f", f, "-o", "-")
			ext := f
			switch f {
			case "notice":
				ext = "notice.txt"
			case "side-by-side.html":
				args = append(seedPairArgs[:len(seedPairArgs):len(seedPairArgs)], "-f", "html", "--side-by-side", "-o", "-")
				f = "html"
			}
			code, out, errs := runDiff(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden.Check(t, filepath.Join("testdata", "diff", "redline."+ext), out)
			switch f {
			case "html":
				path := filepath.Join(t.TempDir(), "redline.html")
				if err := os.WriteFile(path, out, 0o644); err != nil {
					t.Fatal(err)
				}
				validate.HTML(t, path)
			case "pdf":
				path := filepath.Join(t.TempDir(), "redline.pdf")
				if err := os.WriteFile(path, out, 0o644); err != nil {
					t.Fatal(err)
				}
				validate.QPDFCheck(t, path)
				text := validate.PDFText(t, path)
				// "temporarily briefly": a replacement's old and new
				// words stay two words, on the page and in the text.
				for _, w := range []string{"temporarily briefly", "Summary of changes", "Location Data"} {
					if text != "" && !strings.Contains(text, w) {
						t.Errorf("the PDF's text lacks %q", w)
					}
				}
			case "txt":
				if !bytes.Contains(out, []byte("[-temporarily-]{+briefly+}")) {
					t.Error("the one-word change is not [-temporarily-]{+briefly+}")
				}
			}
		})
	}
}

// TestDiffExitCode checks the exit status: 0 with or without changes,
// and with --exit-code 0 for none, 1 for changes (a value change alone
// is one) and 3 for bad input; usage errors are 2 either way.
func TestDiffExitCode(t *testing.T) {
	same := []string{"diff", "../../testdata/input/redline/new.md", "../../testdata/input/redline/new.md", "--set", "siteName=A", "--set", "email=e", "--set", "lastUpdated=1", "-f", "txt", "-o", "-"}
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"no change", same, 0},
		{"no change, --exit-code", append(same, "--exit-code"), 0},
		{"changes", append(seedPairArgs, "-f", "json", "-o", "-"), 0},
		{"changes, --exit-code", append(seedPairArgs, "-f", "json", "-o", "-", "--exit-code"), 1},
		{"a value change alone, --exit-code", append(same, "--new-set", "siteName=B", "--exit-code"), 1},
		{"bad input", []string{"diff", "../../testdata/input/redline/missing.md", "../../testdata/input/redline/new.md", "-f", "txt", "-o", "-"}, 1},
		{"bad input, --exit-code", []string{"diff", "--exit-code", "../../testdata/input/redline/missing.md", "../../testdata/input/redline/new.md", "-f", "txt", "-o", "-"}, 3},
		{"a missing value, --exit-code", []string{"diff", "--exit-code", "../../testdata/input/redline/old.md", "../../testdata/input/redline/new.md", "-f", "txt", "-o", "-"}, 3},
		{"one template", []string{"diff", "../../testdata/input/redline/new.md"}, 2},
		{"one template, --exit-code", []string{"diff", "--exit-code", "../../testdata/input/redline/new.md"}, 2},
		{"unknown format", append(same[:len(same)-4:len(same)-4], "-f", "docx", "-o", "-"), 2},
	}
	for _, tc := range cases {
		code, _, errs := runDiff(t, tc.args...)
		if code != tc.want {
			t.Errorf("%s: exit %d, want %d (%s)", tc.name, code, tc.want, errs)
		}
	}
}

// TestDiffSideBySideTOC checks that --toc --side-by-side writes one table
// of contents, the new column's, and no id twice: the page above the
// columns had a second <nav>, of the summary alone.
func TestDiffSideBySideTOC(t *testing.T) {
	args := append(seedPairArgs[:len(seedPairArgs):len(seedPairArgs)], "-f", "html", "--side-by-side", "--toc", "-o", "-")
	code, out, errs := runDiff(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if n := bytes.Count(out, []byte("<nav")); n != 1 {
		t.Errorf("%d <nav> elements, want 1", n)
	}
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllSubmatch(out, -1) {
		if id := string(m[1]); seen[id] {
			t.Errorf("id %q twice", id)
		} else {
			seen[id] = true
		}
	}
	path := filepath.Join(t.TempDir(), "redline.html")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	validate.HTML(t, path)
}

// TestDiffSideBySideFootnotes checks that the old column of
// --side-by-side shows its footnote references and definitions, with ids
// of their own: it left them out (their ids would have been the new
// column's), so that its reader did not see the sentence had a footnote
// nor what it said. No id is twice, and the page passes the Nu checker.
func TestDiffSideBySideFootnotes(t *testing.T) {
	_, old, new := writePair(t, "# T\n\nThis has a footnote.[^1]\n\n[^1]: The note.\n",
		"# T\n\nThis has a footnote now.[^1]\n\n[^1]: The new note.\n")
	code, out, errs := runDiff(t, "diff", old, new, "-f", "html", "--side-by-side", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page := string(out)
	oldCol, newCol, ok := strings.Cut(page[strings.Index(page, `<section class="old"`):], `<section class="new"`)
	if !ok {
		t.Fatalf("no columns:\n%s", page)
	}
	for _, want := range []string{`role="doc-noteref"`, `role="doc-endnotes"`, "The note."} {
		if !strings.Contains(oldCol, want) {
			t.Errorf("the old column lacks %q:\n%s", want, oldCol)
		}
	}
	if !strings.Contains(newCol, `id="fn-1"`) || !strings.Contains(newCol, `id="fnref-1"`) {
		t.Errorf("the new column's footnote ids changed:\n%s", newCol)
	}
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if id := m[1]; seen[id] {
			t.Errorf("id %q twice", id)
		} else {
			seen[id] = true
		}
	}
	for _, m := range regexp.MustCompile(` href="#([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !seen[m[1]] {
			t.Errorf("a link to #%s, which no element has", m[1])
		}
	}
	path := filepath.Join(t.TempDir(), "redline.html")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	validate.HTML(t, path)
}

// TestDiffSideBySideHeadingOrder checks that --side-by-side begins, as
// a page of one column does, with the title's <h1> and then the
// summary's <h2>: it began with the <h2>, before each column's <h1>, and
// had no <h1> at all when the title came from the front matter. A
// changed title shows both versions, marked, and the summary links to
// its change.
func TestDiffSideBySideHeadingOrder(t *testing.T) {
	headings := regexp.MustCompile(`<h([1-6])[ >]`)
	for _, tc := range []struct{ name, old, new, h1 string }{
		{"body title", "# T\n\n## A\n\nOld words.\n", "# T\n\n## A\n\nNew words.\n", ">T<"},
		{"front matter title", "---\ntitle: Front\n---\n\nOld words.\n", "---\ntitle: Front\n---\n\nNew words.\n", ">Front<"},
		{"changed title", "# Old title\n\nWords.\n", "# New title\n\nWords.\n", `<del id="redline_change-1">Old</del>`},
	} {
		_, old, new := writePair(t, tc.old, tc.new)
		for _, sbs := range []bool{false, true} {
			args := []string{"diff", old, new, "-f", "html", "-o", "-"}
			if sbs {
				args = append(args, "--side-by-side")
			}
			code, out, errs := runDiff(t, args...)
			if code != 0 {
				t.Fatalf("%s: exit %d: %s", tc.name, code, errs)
			}
			page := string(out)
			var levels []string
			for _, m := range headings.FindAllStringSubmatch(page, -1) {
				levels = append(levels, m[1])
			}
			if len(levels) < 2 || levels[0] != "1" || levels[1] != "2" || strings.Count(page, "<h1") != 1 {
				t.Errorf("%s, side by side %v: headings %v, want one <h1> and then the summary's <h2>", tc.name, sbs, levels)
			}
			at := strings.Index(page, "<h1")
			if at < 0 {
				continue
			}
			h1, _, _ := strings.Cut(page[at:], "</h1>")
			if !strings.Contains(h1, tc.h1) {
				t.Errorf("%s, side by side %v: the <h1> is %s, want %s in it", tc.name, sbs, h1, tc.h1)
			}
			if summary := page[strings.Index(page, `id="redline_summary"`):]; !strings.Contains(summary, `href="#redline_change-1"`) {
				t.Errorf("%s, side by side %v: the summary links to no change", tc.name, sbs)
			}
		}
	}
}

// TestDiffMovePDF checks that the PDF redline marks both ends of a moved
// paragraph, each mark a link to the other end: it showed a deletion and
// an insertion, with no link at all.
func TestDiffMovePDF(t *testing.T) {
	dir, old, new := writePair(t, "# T\n\n## 1. Intro\n\nFirst paragraph of several words.\n\nSecond.\n\n## 2. Later\n\nThird.\n",
		"# T\n\n## 1. Intro\n\nSecond.\n\n## 2. Later\n\nThird.\n\nFirst paragraph of several words.\n")
	code, out, errs := runDiff(t, "diff", old, new, "-f", "pdf", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !bytes.Contains(out, []byte("/Subtype /Link")) || !bytes.Contains(out, []byte("/Dest [")) {
		t.Error("no internal link between the ends of the move")
	}
	text := checkedPDFText(t, filepath.Join(dir, "redline.pdf"), out)
	for _, w := range []string{"[Moved to 2. Later] First paragraph", "[Moved here from 1. Intro] First paragraph"} {
		if text != "" && !strings.Contains(text, w) {
			t.Errorf("the PDF's text lacks %q:\n%s", w, text)
		}
	}
}

// writePair writes the templates old and new into old.md and new.md of
// a new temporary directory, and returns it and their paths.
func writePair(t *testing.T, old, new string) (dir, oldPath, newPath string) {
	t.Helper()
	dir = t.TempDir()
	oldPath, newPath = filepath.Join(dir, "old.md"), filepath.Join(dir, "new.md")
	for path, src := range map[string]string{oldPath: old, newPath: new} {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, oldPath, newPath
}

// checkedPDFText writes the PDF pdf to path, checks it with qpdf and
// returns its text ("" without pdftotext).
func checkedPDFText(t *testing.T, path string, pdf []byte) string {
	t.Helper()
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	validate.QPDFCheck(t, path)
	return validate.PDFText(t, path)
}

// TestDiffSummaryLinksPDF checks that the PDF's summary of changes links
// each change, as HTML's does: it named no change, and then none in a
// table cell, which had no anchor in the PDF; a table's change is an
// anchor at its row. With --pdf-standard ua-1 the PDF is written.
func TestDiffSummaryLinksPDF(t *testing.T) {
	dir, old, new := writePair(t, "# T\n\n## 1. Text\n\nWe keep logs for three weeks.\n\n## 2. Table\n\n| a | b |\n| - | - |\n| x | one |\n",
		"# T\n\n## 1. Text\n\nWe keep logs for four weeks.\n\n## 2. Table\n\n| a | b |\n| - | - |\n| x | two |\n")
	for _, std := range []string{"", "ua-1"} {
		args := []string{"diff", old, new, "-f", "pdf", "-o", "-"}
		if std != "" {
			args = append(args, "--pdf-standard", std)
		}
		code, out, errs := runDiff(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		if n := len(regexp.MustCompile(`/Subtype /Link [^\n]*/Dest \[`).FindAll(out, -1)); n != 2 {
			t.Errorf("%v: %d links, want two, to the paragraph's change and the table's", args, n)
		}
		if std != "" {
			if vs := pdfrules.Check(out, pdfrules.PDFUA1); len(vs) > 0 {
				t.Errorf("%v: %v", args, vs)
			}
		}
		text := checkedPDFText(t, filepath.Join(dir, "redline"+std+".pdf"), out)
		for _, w := range []string{"1. Text: 1 replacement (change 1)", "2. Table: 1 replacement (change 2)"} {
			if text != "" && !strings.Contains(text, w) {
				t.Errorf("%v: the PDF's text lacks %q:\n%s", args, w, text)
			}
		}
	}
}

// TestDiffSummaryRefNoBreak checks that the PDF's summary never ends a
// line between "(change" and the change's number: with a section name
// of 51 or 52 characters, one line ended in "1 replacement (change" and
// the next began with "1)". A no-break space joins them now.
func TestDiffSummaryRefNoBreak(t *testing.T) {
	for n := 40; n < 64; n++ {
		h := ("## Section " + strings.Repeat("x", n))[:3+n]
		dir, old, new := writePair(t, "# T\n\n"+h+"\n\nWe keep logs for three weeks.\n", "# T\n\n"+h+"\n\nWe keep logs for four weeks.\n")
		code, out, errs := runDiff(t, "diff", old, new, "-f", "pdf", "-o", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		text := checkedPDFText(t, filepath.Join(dir, "redline.pdf"), out)
		for _, line := range strings.Split(text, "\n") {
			if l := strings.TrimSpace(line); strings.HasSuffix(l, "(change") || strings.HasSuffix(l, "(changes") {
				t.Errorf("a section name of %d characters: a line of the summary ends in %q", n, l)
			}
		}
	}
}

// TestDiffTitle checks that a redline's title says it is one, in the
// document's language (l10n.RedlineTitle): its HTML <title>, side by
// side too, and its PDF's /Title and XMP dc:title, which stay equal for
// PDF/A. They were the document's own title, so that a tab, a window's
// title bar or a screen reader did not tell the redline from the
// document (WCAG 2.4.2).
func TestDiffTitle(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"en", "Comparison of versions: Terms"},
		{"de", "Versionsvergleich: Terms"},
		{"fr", "Comparaison des versions\u00a0: Terms"},
		{"he", "השוואת גרסאות: Terms"},
	} {
		dir, old, new := writePair(t, "---\ntitle: Terms\nlang: "+c.lang+"\n---\n# Terms\n\nWe keep data.\n",
			"---\ntitle: Terms\nlang: "+c.lang+"\n---\n# Terms\n\nWe keep less data.\n")
		for _, extra := range [][]string{nil, {"--side-by-side"}} {
			args := append([]string{"diff", old, new, "-f", "html", "-o", "-"}, extra...)
			code, out, errs := runDiff(t, args...)
			if code != 0 {
				t.Fatalf("%s %v: exit %d: %s", c.lang, extra, code, errs)
			}
			if got := regexp.MustCompile(`<title>([^<]*)</title>`).FindSubmatch(out); got == nil || string(got[1]) != c.want {
				t.Errorf("%s %v: <title> %q, want %q", c.lang, extra, got, c.want)
			}
		}
		code, out, errs := runDiff(t, "diff", old, new, "-f", "pdf", "--pdf-standard", "a-3u,ua-1", "-o", "-")
		if code != 0 {
			t.Fatalf("%s: pdf: exit %d: %s", c.lang, code, errs)
		}
		path := filepath.Join(dir, "redline.pdf")
		checkedPDFText(t, path, out)
		if got := validate.PDFInfo(t, path)["Title"]; got != "" && got != c.want {
			t.Errorf("%s: PDF /Title %q, want %q", c.lang, got, c.want)
		}
		if !bytes.Contains(out, []byte(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">`+c.want+`</rdf:li>`)) {
			t.Errorf("%s: the XMP's dc:title is not %q", c.lang, c.want)
		}
		for _, p := range []pdfrules.Profile{pdfrules.PDFA3U, pdfrules.PDFUA1} {
			if vs := pdfrules.Check(out, p); len(vs) > 0 {
				t.Errorf("%s: %s: %v", c.lang, p, vs)
			}
		}
	}
}
