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
	ast.WalkHeadings(blocks, func(h *ast.Heading) bool {
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
