package template

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
	n := 0
	ast.WalkHeadings(blocks, func(*ast.Heading) bool { n++; return true })
	used := make(map[string]bool, n)
	var next map[string]int // made at the first id taken twice
	ast.WalkHeadings(blocks, func(h *ast.Heading) bool {
		base := slug(ast.PlainText(h.Inlines))
		id := base
		if used[id] {
			if next == nil {
				next = map[string]int{}
			}
			i := max(next[base], 1)
			id = base + "-" + strconv.Itoa(i)
			for used[id] {
				i++
				id = base + "-" + strconv.Itoa(i)
			}
			next[base] = i
		}
		used[id] = true
		h.ID = id
		return true
	})
}

// slug turns heading text into an anchor: lower case; Unicode letters,
// digits and combining marks kept ("Datenschutzerklärung" gives
// "datenschutzerklärung"); runs of spaces and dashes become one '-';
// other punctuation and symbols are dropped; no '-' at either end. Text
// with nothing left gives "section". ASCII text is read byte by byte
// (asciiSlug), other text rune by rune (unicodeSlug).
func slug(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return unicodeSlug(s)
		}
	}
	return asciiSlug(s)
}

// asciiSlug is slug for ASCII text: the letters and digits of the
// Unicode rule are "A" to "Z", "a" to "z" and "0" to "9", its spaces
// "\t\n\v\f\r " and its only dash "-" (TestSlugASCII checks every
// character against unicodeSlug).
func asciiSlug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(c)
		case c == ' ' || '\t' <= c && c <= '\r' || c == '-':
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// unicodeSlug is slug for any text.
func unicodeSlug(s string) string {
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
