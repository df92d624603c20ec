package bidi

import (
	"unicode"

	xbidi "golang.org/x/text/unicode/bidi"
)

// Direction is the direction of a paragraph: the order in which its lines
// are read.
type Direction int

const (
	// LeftToRight is the direction of Latin, Greek, Cyrillic and most
	// other scripts, and the default when a paragraph has no strong
	// character.
	LeftToRight Direction = iota
	// RightToLeft is the direction of Arabic, Persian and Hebrew.
	RightToLeft
)

// String returns "ltr" or "rtl".
func (d Direction) String() string {
	if d == RightToLeft {
		return "rtl"
	}
	return "ltr"
}

// level returns the paragraph embedding level of d.
func (d Direction) level() level {
	if d == RightToLeft {
		return 1
	}
	return 0
}

// BaseDirection returns the direction of the paragraph s by UAX #9 rules P2
// and P3: the direction of its first strong character (L, or R and AL),
// skipping text inside isolates (between LRI, RLI or FSI and the matching
// PDI), and looking no further than the first paragraph separator. It
// returns LeftToRight when there is no strong character.
func BaseDirection(s string) Direction {
	depth := 0
	for i := 0; i < len(s); {
		p, n := xbidi.LookupString(s[i:])
		if n == 0 {
			n = 1
		}
		i += n
		if d, ok := p2(p.Class(), &depth); ok {
			if d == xbidi.R {
				return RightToLeft
			}
			return LeftToRight
		}
	}
	return LeftToRight
}

// firstRTLLead is the lowest UTF-8 lead byte of a rune that can be
// right-to-left: U+0590, the start of the Hebrew block, encodes as D6 90,
// and every rune below it is left-to-right or neutral.
const firstRTLLead = 0xD6

// HasRTL reports whether s contains a character that can make text
// right-to-left in a left-to-right paragraph: a letter of class R or AL
// (Hebrew, Arabic, Syriac, Thaana, …), an Arabic number (class AN), or an
// RLE, RLO, RLI or FSI control. It does not allocate.
func HasRTL(s string) bool {
	for i := 0; i < len(s); {
		// Most text is ASCII: eight bytes below 0x80 at a time (the PDF
		// backend asks this of every run of every line, about 1 % of a
		// document's time byte by byte).
		for i+8 <= len(s) && ascii8(s[i:i+8]) {
			i += 8
		}
		if i == len(s) {
			break
		}
		if s[i] < firstRTLLead {
			i++
			continue
		}
		p, n := xbidi.LookupString(s[i:])
		if n == 0 {
			n = 1
		}
		i += n
		if isRTLClass(p.Class()) {
			return true
		}
	}
	return false
}

// ascii8 reports whether the eight bytes of s are all below 0x80.
func ascii8(s string) bool {
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	return w&0x8080808080808080 == 0
}

func isRTLClass(c xbidi.Class) bool {
	switch c {
	case xbidi.R, xbidi.AL, xbidi.AN, xbidi.RLE, xbidi.RLO, xbidi.RLI, xbidi.FSI:
		return true
	}
	return false
}

// IsControl reports whether c is a bidirectional formatting character,
// of the Unicode property Bidi_Control: the Arabic letter mark (U+061C),
// the left-to-right and right-to-left marks (U+200E, U+200F), the
// embeddings, overrides and their pop (U+202A–U+202E) and the isolates
// (U+2066–U+2069). None of them has a glyph: they only steer the order
// of the text around them. This is the one definition of them that the
// backends use.
func IsControl(c rune) bool {
	return c >= 0x061C && unicode.Is(unicode.Bidi_Control, c)
}

// NeedsIsolation reports whether s, a piece of text that is one unit
// inside a paragraph of direction base (a value filled into a
// template), must be isolated from the text around it, as HTML's <bdi>
// and Unicode's FSI … PDI do: whether its first strong character (L, or
// R and AL) is of the other direction than base, or it has strong
// characters of both directions. Without an isolate, UAX #9 lets the
// neutrals and digits next to such text join its run: in an English
// sentence "{company}: 5 employees" with the Hebrew company "שלום" was
// shown "5 :שלום employees". Text without a strong character (digits,
// punctuation) needs none. This is the one definition of the rule: the
// template filler asks it of every value (ast.Text.Isolate).
func NeedsIsolation(s string, base Direction) bool {
	if base == LeftToRight && !HasRTL(s) {
		// No R or AL: at most left-to-right letters, as the paragraph.
		return false
	}
	first := xbidi.ON
	hasL, hasR := false, false
	for i := 0; i < len(s); {
		p, n := xbidi.LookupString(s[i:])
		if n == 0 {
			n = 1
		}
		i += n
		switch p.Class() {
		case xbidi.L:
			hasL = true
			if first == xbidi.ON {
				first = xbidi.L
			}
		case xbidi.R, xbidi.AL:
			hasR = true
			if first == xbidi.ON {
				first = xbidi.R
			}
		default:
			continue
		}
		if hasL && hasR {
			return true
		}
	}
	switch first {
	case xbidi.L:
		return base == RightToLeft
	case xbidi.R:
		return base == LeftToRight
	}
	return false
}
