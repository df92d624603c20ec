package txt

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/cases"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/linebreak"
	"github.com/policyexport/policyexport/internal/safeurl"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

// Builders for hand-made documents: those every backend's tests share,
// by the short names these tests use.
var (
	tx        = asttest.T
	para      = asttest.P
	head      = asttest.H
	item      = asttest.Item
	bullets   = asttest.Bullets
	ordered   = asttest.Ordered
	quote     = asttest.Quote
	link      = asttest.Link
	cell      = asttest.Cell
	textCells = asttest.Cells
	doc       = asttest.Doc
)

// render renders d with opts and checks the layout invariants that hold
// for every output.
func render(t testing.TB, d *ast.Document, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, d, opts); err != nil {
		t.Fatalf("Render: %v", err)
	}
	out := b.String()
	checkLayout(t, d, out, opts)
	return out
}

// lines splits out into lines without their line endings.
func lines(out string) []string {
	out = strings.ReplaceAll(out, "\r\n", "\n")
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

// prefixRE matches the container prefixes a line can start with: quote
// marks, bullets, item numbers, task boxes, note and link markers, and
// indentation. A line can be all prefix (an empty list item).
var prefixRE = regexp.MustCompile(`^(?:(?:>|[-*+]|-?\d+[.)]|\[[ x]\]|\[\^?\d+\])(?: |$)| )*`)

// checkLayout checks the invariants of every output: valid UTF-8, the
// right line endings, exactly one final line ending, no trailing spaces,
// no control characters, and no line wider than the width unless it is
// a code line or its text after the container prefix is one unbreakable
// word.
func checkLayout(t testing.TB, d *ast.Document, out string, opts Options) {
	t.Helper()
	width := opts.Width
	if width <= 0 {
		width = 72
	}
	if !utf8.ValidString(out) {
		t.Errorf("output is not valid UTF-8: %q", out)
	}
	if out == "" {
		return
	}
	eol := "\n"
	if opts.CRLF {
		eol = "\r\n"
		if strings.Count(out, "\n") != strings.Count(out, "\r\n") || strings.Count(out, "\r") != strings.Count(out, "\r\n") {
			t.Errorf("CRLF output has a bare \\r or \\n: %q", out)
		}
	} else if strings.Contains(out, "\r") {
		t.Errorf("LF output has a \\r: %q", out)
	}
	if !strings.HasSuffix(out, eol) || strings.HasSuffix(out, eol+eol) {
		t.Errorf("output does not end in exactly one line ending: %q", tail(out))
	}
	code := codeLines(d)
	for i, l := range lines(out) {
		if strings.TrimRight(l, " \t") != l {
			t.Errorf("line %d has trailing space: %q", i+1, l)
		}
		for _, c := range l {
			if c != '\t' && (c < 0x20 || c == 0x7f) {
				t.Errorf("line %d has control character %U: %q", i+1, c, l)
			}
		}
		if uniseg.StringWidth(l) <= width || code[codeKey(l)] {
			continue
		}
		rest := l[len(prefixRE.FindString(l)):]
		if !oneWord(rest) {
			t.Errorf("line %d is %d columns wide (> %d) and not one word: %q",
				i+1, uniseg.StringWidth(l), width, l)
		}
	}
}

// codeLines is the set of the lines of every code block in d, keyed by
// codeKey.
func codeLines(d *ast.Document) map[string]bool {
	set := map[string]bool{}
	ast.WalkBlocks(d.Blocks, func(n ast.Node) bool {
		if cb, ok := n.(*ast.CodeBlock); ok {
			for _, l := range strings.Split(cb.Text, "\n") {
				set[codeKey(cleanCode(l))] = true
			}
		}
		return true
	})
	return set
}

// codeKey is a code line without container prefixes and without
// leading and trailing blanks, so that a line of code in the output and
// in the document give the same key.
func codeKey(l string) string {
	return strings.TrimSpace(l[len(prefixRE.FindString(l)):])
}

// oneWord reports whether s has no place a line could break: no space
// and no break that internal/linebreak would use.
func oneWord(s string) bool {
	var sc linebreak.Scanner
	sc.Reset(s)
	for {
		c, _, brk, ok := sc.Next()
		if !ok {
			return true
		}
		if c == " " || brk {
			return false
		}
	}
}

func tail(s string) string {
	if len(s) > 40 {
		return s[len(s)-40:]
	}
	return s
}

// tokens counts the words of s, case-folded: runs of letters and digits,
// each wide character (CJK) a word of its own.
func tokens(s string, m map[string]int) {
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			m[cases.Fold().String(cur.String())]++ // as a case-insensitive search compares
			cur.Reset()
		}
	}
	state := -1
	for len(s) > 0 {
		var c string
		var w int
		c, s, w, state = uniseg.FirstGraphemeClusterInString(s, state)
		r, _ := utf8.DecodeRuneInString(c)
		switch {
		case !unicode.IsLetter(r) && !unicode.IsNumber(r):
			flush()
		case w >= 2:
			flush()
			cur.WriteString(c)
			flush()
		default:
			cur.WriteString(c)
		}
	}
	flush()
}

// docTokens counts the words of d that must appear in its text output:
// all text, code, alt text and link and image destinations (each
// destination once, however often it is linked), except the destination
// of a link whose text is its URL and of a link inside the document
// (#id), which is its words alone. A link number separates
// a link from a word that follows it directly, and so does a footnote
// marker, so the text is cut there.
func docTokens(d *ast.Document) map[string]int {
	m := map[string]int{}
	dests := map[string]bool{}
	var b strings.Builder
	// Each node's invalid UTF-8 is replaced on its own, as the renderer
	// does: two halves in neighbouring nodes must not join into a letter.
	valid := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	var inl func(ins []ast.Inline)
	inl = func(ins []ast.Inline) {
		for _, in := range ins {
			switch n := in.(type) {
			case *ast.Text:
				b.WriteString(valid(n.Text))
			case *ast.Code:
				b.WriteString(valid(n.Text))
			case *ast.Strikethrough:
				b.WriteString("[deleted: ")
				inl(n.Inlines)
				b.WriteString("]")
			case *ast.Image:
				b.WriteString(" " + valid(n.Alt) + " ")
				if safeurl.Allowed(n.Destination) { // else the alt text alone
					dests[destKey(n.Destination)] = true
				}
			case *ast.Link:
				inl(n.Inlines)
				t := ast.PlainText(n.Inlines)
				// A link inside the document (#id), or to an address
				// safeurl refuses, is its words alone.
				if t != n.Destination && "mailto:"+t != n.Destination && !strings.HasPrefix(strings.TrimSpace(n.Destination), "#") && safeurl.Allowed(n.Destination) {
					dests[destKey(n.Destination)] = true
					b.WriteString(" ")
				}
			case *ast.FootnoteRef:
				b.WriteString(" ")
			case *ast.SoftBreak, *ast.HardBreak:
				b.WriteString(" ")
			default:
				// Emphasis, strong emphasis, strikethrough: their text.
				inl(ast.InlineChildren(in))
			}
		}
	}
	flush := func() {
		tokens(b.String(), m)
		b.Reset()
	}
	ast.WalkBlocks(d.Blocks, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Heading:
			inl(n.Inlines)
		case *ast.Paragraph:
			inl(n.Inlines)
		case *ast.CodeBlock:
			b.WriteString(n.Text)
		case *ast.Table:
			for _, c := range n.Header {
				inl(c.Inlines)
				flush()
			}
			for _, row := range n.Rows {
				for _, c := range row {
					inl(c.Inlines)
					flush()
				}
			}
		}
		flush()
		return true
	})
	for d := range dests {
		tokens(d, m)
	}
	return m
}

// destKey is a destination as the Links list shows it, where two
// destinations that read the same (a NUL and an invalid byte both
// become U+FFFD) are one entry with one number.
func destKey(dest string) string { return strings.TrimSpace(clean(dest)) }

// checkWords checks that every word of d appears in out at least as often
// as in d, ignoring case.
func checkWords(t testing.TB, d *ast.Document, out string) {
	t.Helper()
	got := map[string]int{}
	tokens(out, got)
	for w, n := range docTokens(d) {
		if got[w] < n {
			t.Errorf("word %q appears %d times in the output, %d times in the document", w, got[w], n)
		}
	}
}
