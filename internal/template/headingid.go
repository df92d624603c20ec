package template

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/policyexport/policyexport/internal/ast"
)

// assignHeadingIDs gives every heading, in document order, an id made from
// its filled plain text (see slug), unique in the document: the second
// "intro" becomes "intro-1", the third "intro-2" (GitHub style).
//
// next remembers, per base, the first suffix not yet known to be taken,
// so that n headings with the same text take linear, not quadratic, time
// (every suffix below it is taken for good: used only grows).
func assignHeadingIDs(blocks []ast.Block) {
	used := map[string]bool{}
	next := map[string]int{}
	walkHeadings(blocks, func(h *ast.Heading) bool {
		base := slug(ast.PlainText(h.Inlines))
		id := base
		i := max(next[base], 1)
		if used[id] {
			id = base + "-" + strconv.Itoa(i)
		}
		for used[id] {
			i++
			id = base + "-" + strconv.Itoa(i)
		}
		next[base] = i
		used[id] = true
		h.ID = id
		return true
	})
}

// walkHeadings calls visit for every heading in blocks, in document
// order, until visit returns false; it reports whether the walk went to
// the end. It descends only into blocks that can hold headings (list
// items, block quotes, footnote definitions), never into inlines or
// tables, and allocates nothing: ast.Walk builds a slice of children for
// every node, which on a document of a million nodes costs more than the
// rest of Fill.
func walkHeadings(blocks []ast.Block, visit func(*ast.Heading) bool) bool {
	for _, b := range blocks {
		switch b := b.(type) {
		case *ast.Heading:
			if !visit(b) {
				return false
			}
		case *ast.List:
			for _, it := range b.Items {
				if !walkHeadings(it.Blocks, visit) {
					return false
				}
			}
		case *ast.ListItem:
			if !walkHeadings(b.Blocks, visit) {
				return false
			}
		case *ast.BlockQuote:
			if !walkHeadings(b.Blocks, visit) {
				return false
			}
		case *ast.FootnoteDefinition:
			if !walkHeadings(b.Blocks, visit) {
				return false
			}
		}
	}
	return true
}

// slug turns heading text into an anchor: lower case; Unicode letters,
// digits and combining marks kept ("Datenschutzerklärung" gives
// "datenschutzerklärung"); runs of spaces and dashes become one '-';
// other punctuation and symbols are dropped; no '-' at either end. Text
// with nothing left gives "section".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || unicode.Is(unicode.Pd, r):
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}
