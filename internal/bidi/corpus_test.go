package bidi

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	xbidi "golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// rtlCorpus lists the right-to-left documents of the shared corpus,
// relative to its corpus/ directory.
var rtlCorpus = []string{
	"contributor_covenant/content/version/1/4/code-of-conduct.ar.md",
	"contributor_covenant/content/version/1/4/code-of-conduct.fa-ir.md",
	"contributor_covenant/content/version/1/4/code-of-conduct.iw.md",
	"contributor_covenant/content/version/2/1/code_of_conduct.ar.md",
}

// corpusDir finds shared/corpus beside the repository (../../../shared
// from this package), or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		c := filepath.Join(d, "shared", "corpus")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		if filepath.Dir(d) == d {
			t.Skip("shared/corpus not found beside the repository")
		}
	}
}

// corpusLines returns the non-empty lines of the RTL corpus files.
func corpusLines(t testing.TB) []string {
	t.Helper()
	dir := corpusDir(t)
	var lines []string
	for _, name := range rtlCorpus {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if l := strings.TrimSpace(sc.Text()); l != "" {
				lines = append(lines, sc.Text())
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return lines
}

// letters returns the sorted multiset of the runes of s after undoing
// presentation forms and ligatures (NFKD, which unlike NFKC does not
// compose and so does not depend on which runes are adjacent), with each
// mirrored character counted as the lower of it and its mirror.
func letters(s string) []rune {
	// Each invalid byte counts as one U+FFFD, as in a range loop.
	rs := []rune(norm.NFKD.String(string([]rune(s))))
	for i, r := range rs {
		rs[i] = min(r, mirrorOf(r))
	}
	slices.Sort(rs)
	return rs
}

// joinRuns concatenates the texts of runs.
func joinRuns(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// TestCorpusRTL shapes and reorders every line of the Arabic, Persian and
// Hebrew corpus documents and checks that no letter is lost, added or left
// unshaped, and that purely right-to-left lines come out reversed.
func TestCorpusRTL(t *testing.T) {
	lines := corpusLines(t)
	rtlLines, pureRTL := 0, 0
	for n, line := range lines {
		base := BaseDirection(line)
		if base == RightToLeft {
			rtlLines++
		}
		shaped := Shape(line)
		for _, r := range shaped {
			if formsOf(r) != nil {
				t.Errorf("line %d: U+%04X left unshaped in %q", n, r, line)
				break
			}
		}
		vis := joinRuns(Reorder([]Run{{Text: shaped}}, base))
		if !utf8.ValidString(vis) {
			t.Errorf("line %d: invalid UTF-8 out", n)
		}
		if !slices.Equal(letters(vis), letters(line)) {
			t.Errorf("line %d: letters differ after shaping and reordering:\n in  %q\n out %q", n, line, vis)
		}
		// With no left-to-right letter and no digit, every character of
		// an RTL paragraph is at level 1: the line is simply reversed.
		if base == RightToLeft && !hasClass(line, xbidi.L, xbidi.EN, xbidi.AN) {
			pureRTL++
			var want strings.Builder
			writeReversed(&want, shaped, nil)
			if vis != want.String() {
				t.Errorf("line %d: pure RTL line not reversed:\n got  %q\n want %q", n, vis, want.String())
			}
		}
	}
	t.Logf("%d lines, %d RTL paragraphs, %d purely RTL", len(lines), rtlLines, pureRTL)
	if rtlLines < 100 || pureRTL < 20 {
		t.Errorf("corpus too small: %d RTL lines, %d purely RTL", rtlLines, pureRTL)
	}
}

// TestCorpusRTLLines breaks each corpus paragraph into lines of a few
// words, one run per word with alternating styles, as the PDF backend
// does, and checks that every style keeps exactly its letters.
func TestCorpusRTLLines(t *testing.T) {
	for n, para := range corpusLines(t) {
		base := BaseDirection(para)
		words := strings.SplitAfter(para, " ")
		shaped := ShapeRuns(wordRuns(words))
		for start := 0; start < len(shaped); start += 7 {
			line := shaped[start:min(start+7, len(shaped))]
			got := Reorder(line, base)
			for style := range 7 {
				var in, out strings.Builder
				for _, r := range line {
					if r.Style%7 == style {
						in.WriteString(r.Text)
					}
				}
				for _, r := range got {
					if r.Text == "" {
						t.Errorf("paragraph %d: empty run in output", n)
					}
					if r.Style%7 == style {
						out.WriteString(r.Text)
					}
				}
				if !slices.Equal(letters(in.String()), letters(out.String())) {
					t.Errorf("paragraph %d, line at word %d, style %d: letters differ:\n in  %q\n out %q", n, start, style, in.String(), out.String())
				}
			}
		}
	}
}

// wordRuns makes one run per word, styled by position.
func wordRuns(words []string) []Run {
	runs := make([]Run, len(words))
	for i, w := range words {
		runs[i] = Run{Text: w, Style: i}
	}
	return runs
}

// hasClass reports whether s has a rune of one of the bidi classes.
func hasClass(s string, classes ...xbidi.Class) bool {
	for _, r := range s {
		p, _ := xbidi.LookupRune(r)
		if slices.Contains(classes, p.Class()) {
			return true
		}
	}
	return false
}
