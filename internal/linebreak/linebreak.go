// Package linebreak says where a line of text may break: the one rule
// that the PDF and plain-text backends both follow, so that the same
// paragraph breaks at the same kinds of places in both.
//
// The rule is Unicode's line breaking algorithm (UAX #14, as implemented
// by github.com/rivo/uniseg), used as follows:
//
//   - A space always separates words. The backends collapse runs of
//     spaces and break there themselves; a Scanner reports spaces as
//     ordinary clusters, and no break just after one. They do not break
//     at the spaces where UAX #14 allows no break even after spaces, as
//     SpaceJoins says: before "!", "?", ":" or ")", after "(" or "«"
//     (French puts a space there).
//   - Between two non-space clusters the line may break where UAX #14
//     allows a break and a wide character (East Asian Wide or Fullwidth:
//     Chinese, Japanese, Korean, fullwidth forms) stands on either side,
//     or where a zero-width space (U+200B) comes before. Japanese and
//     Chinese therefore break between characters but never before
//     closing punctuation or small kana ("、。）」ー": UAX #14 classes CL,
//     CP, NS) nor after opening punctuation ("（「": OP) — kinsoku. A
//     no-break space (U+00A0, U+202F: class GL) joins what stands beside
//     it.
//   - Korean is written with spaces between words and breaks only there
//     (and after a zero-width space): no break is used between two
//     Hangul clusters, nor between Hangul and a Han ideograph (Hanja
//     written in a Korean word), though UAX #14 by default allows one
//     between any two syllables (classes H2, H3, JL, JV, JT). UAX #14
//     itself names this tailoring ("When Korean uses SPACE for line
//     breaking, the classes in rule LB26, as well as characters of class
//     ID, are often tailored to AL"), and it is what Korean typography
//     expects: a word is never split across lines. Beside
//     punctuation, Latin text and kana, UAX #14 decides as for any wide
//     character (kinsoku still holds).
//   - Thai, Lao, Khmer and Myanmar are written without spaces between
//     words, and UAX #14 finds their breaks only with a dictionary
//     (class SA), which this package does not have: they break only at
//     spaces and after a zero-width space (U+200B), which an author can
//     put between words. (The PDF refuses these scripts anyway until it
//     shapes text; the plain text wraps them so.)
//   - The other breaks UAX #14 allows inside a word of a script written
//     with spaces — after a hyphen or a slash, before an opening
//     parenthesis that follows a space — are not used to fill lines: a
//     word such as "opt-out" or a URL stays whole on its line when it
//     fits on one. Arabic, Hebrew and Thai words likewise stay whole.
//
// Two rules are not UAX #14 and belong to the PDF, which cannot let a
// line run past the margin: a word wider than a line is cut where
// CutBetween allows when possible (so that a long URL breaks after a
// slash, a dot or a query separator, or before a hyphen), else between
// clusters; and a line never ends in a word that ends in a hyphen
// followed by a space ("pre- and post-processing": see EndsInHyphen),
// which a reader would take for a word broken in two. The plain-text
// backend lets an over-long word stand alone on its line instead, so
// that URLs stay whole and clickable.
//
// This package knows text only; it never measures glyphs or lays out
// lines, which the backends do with their own units.
package linebreak

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Scanner walks a text grapheme cluster by grapheme cluster and says
// before which clusters a line may break (see the package comment). A
// paragraph given in several pieces (one per style) is scanned with
// Reset for the first piece and Continue for the others, so that a break
// between pieces is decided as in one text. The zero Scanner holds an
// empty text; Continue on a Scanner that has seen no cluster is Reset.
type Scanner struct {
	rest  string // what is left of the text
	state int    // uniseg's state after the previous cluster; -1 for none
	// mark is the text after the last cluster uniseg saw (or from the
	// start), and markState uniseg's state there: the fast path forgets
	// uniseg's state, which is rebuilt by stepping from mark with
	// markState when uniseg is needed again.
	mark      string
	markState int
	// last is the previous cluster; lastW its width in columns (0 at the
	// start of a text).
	last  string
	lastW int
	// canBreak is whether UAX #14 allows a break after last; join means
	// last belongs to an earlier piece, so that this has to be decided
	// once the next cluster is known.
	canBreak, join bool
}

// Reset starts a new text: no break comes before its first cluster.
func (s *Scanner) Reset(text string) {
	*s = Scanner{rest: text, mark: text, state: -1, markState: -1}
}

// Continue goes on with text that follows the text scanned so far in the
// same paragraph (a new style, a piece of a long text): whether the line
// may break before text's first cluster is decided from that cluster and
// the one before it.
func (s *Scanner) Continue(text string) {
	s.rest, s.mark, s.state, s.markState, s.join = text, text, -1, -1, s.last != ""
}

// Next returns the next piece of the text, its width in monospace
// columns (2 for a wide character, 0 for a control or a lone combining
// mark) and whether a line may break before it; ok is false at the end
// of the text. A piece is one grapheme cluster or, for speed, a run of
// printable ASCII characters other than the space, between which no
// break is ever used; a space is a piece of its own.
func (s *Scanner) Next() (piece string, width int, breakBefore, ok bool) {
	if s.rest == "" {
		return "", 0, false, false
	}
	canBreakAfter := false
	firstW, lastW := 1, 1
	// Fast path: printable ASCII followed by ASCII or the end is one
	// cluster a character, one column wide. UAX #14 matters only beside
	// a wide character, which an ASCII neighbour is not, so uniseg need
	// not be asked. The last two characters before a non-ASCII one are
	// left to uniseg: the last may start a cluster with the marks that
	// follow it, which uniseg may count wide ("b" and the Telugu vowel
	// sign U+0C43: two columns), so the break before it is uniseg's to
	// decide too, from the one before it.
	n := 0
	for n < len(s.rest) && s.rest[n] > ' ' && s.rest[n] < 0x7f {
		n++
	}
	if n < len(s.rest) && s.rest[n] >= 0x80 {
		n = max(n-2, 0)
	}
	switch {
	case n > 0:
		piece, s.rest, width, s.state = s.rest[:n], s.rest[n:], n, -1
	case s.rest[0] == ' ' && (len(s.rest) == 1 || s.rest[1] < 0x80):
		// The mark stays where it is: what comes before a space can
		// matter to UAX #14 after it ("( " then a control character and
		// a wide one: LB14 keeps them together), so the state is rebuilt
		// from before the space when uniseg is needed again.
		piece, s.rest, width, s.state = s.rest[:1], s.rest[1:], 1, -1
	default:
		if s.state < 0 && len(s.mark) > len(s.rest) {
			// The break after this cluster may depend on the ASCII before
			// it ("(12)％": no break inside a number; "( " and a control
			// character: LB14): rebuild the state by stepping uniseg from
			// the last cluster it saw, with its state there. Each byte is
			// read again at most once.
			s.state = resume(s.mark, s.markState, len(s.mark)-len(s.rest))
		}
		var boundaries int
		piece, s.rest, boundaries, s.state = uniseg.StepString(s.rest, s.state)
		s.mark, s.markState = s.rest, s.state
		width = boundaries >> uniseg.ShiftWidth
		firstW, lastW = width, width
		// At the end of the text uniseg reports a mandatory break (UAX
		// #14 LB3); what follows, if anything, comes with Continue.
		canBreakAfter = s.rest != "" && boundaries&uniseg.MaskLine != uniseg.LineDontBreak
	}
	if s.join {
		s.join = false
		first := piece // the first cluster
		if n > 0 {
			first = piece[:1]
		}
		s.canBreak = s.tight(firstW) && joinedBreak(s.last, first)
	}
	// After a space the backends break anyway; no break is reported.
	breakBefore = s.canBreak && s.tight(firstW) && s.last != " " && !korean(s.last, piece)
	s.last, s.lastW, s.canBreak = piece, lastW, canBreakAfter
	if n > 1 {
		s.last = piece[n-1:]
	}
	return piece, width, breakBefore, true
}

// PrintableASCII reports whether text holds nothing but printable ASCII
// characters, the space included (U+0020 to U+007E). Such a text breaks at
// its spaces only: scanned from Reset, a Scanner returns each run of other
// characters as one piece, one column a character, and each space as a
// piece of its own, with no break before any piece. A backend may cut it
// at its spaces without a Scanner (TestPrintableASCII).
func PrintableASCII(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] < ' ' || text[i] > '~' {
			return false
		}
	}
	return true
}

// resume returns uniseg's state after the first n bytes of text, stepping
// from state (uniseg's state just before text), or -1 when a cluster does
// not end there. The first n bytes are printable ASCII and spaces, which
// the fast path scanned.
//
// The stepping starts at the last ASCII letter among them, from no state:
// after a letter (UAX #14 class AL, its own grapheme cluster when ASCII
// follows) uniseg's line and grapheme states are the same whatever came
// before, so only the bytes after it are read again (TestRestartAtLetter
// checks this against uniseg alone for every class before and after it).
// Stepping from the start would read every word since the last non-ASCII
// character again: a paragraph with one curly quote at its end cost as
// much as no fast path at all.
func resume(text string, state, n int) int {
	if p := lastLetter(text[:n]); p > 0 {
		text, state, n = text[p:], -1, n-p
	}
	for rest := text; len(rest) > len(text)-n; {
		_, rest, _, state = uniseg.StepString(rest, state)
		if len(rest) < len(text)-n {
			return -1
		}
	}
	return state
}

// lastLetter returns the index of the last ASCII letter of s, or -1.
func lastLetter(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			return i
		}
	}
	return -1
}

// korean reports whether a break between cluster a and cluster b, which
// follows it, is not used because it falls inside a Korean word: Hangul
// beside Hangul, or Hangul beside a Han ideograph (see the package
// comment). Only the first character of each cluster is looked at (a
// Hangul cluster starts with a syllable or a leading jamo).
func korean(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	if ra < 0x1100 || rb < 0x1100 {
		return false // neither Hangul nor Han: the fast way out for ASCII
	}
	ha, hb := unicode.Is(unicode.Hangul, ra), unicode.Is(unicode.Hangul, rb)
	return ha && (hb || unicode.Is(unicode.Han, rb)) || hb && unicode.Is(unicode.Han, ra)
}

// tight reports whether a break that UAX #14 allows between the previous
// cluster and one of width w is used without a space: beside a wide
// character or after a zero-width space.
func (s *Scanner) tight(w int) bool {
	return s.lastW >= 2 || w >= 2 || s.last == "\u200b"
}

// joinedBreak reports whether UAX #14 allows a break between cluster a,
// the end of one piece of text, and cluster b, the start of the next.
// Context further back than a is not seen.
func joinedBreak(a, b string) bool {
	first, rest, boundaries, _ := uniseg.StepString(a+b, -1)
	if len(first) != len(a) || rest == "" {
		return false // b continues a's cluster (a combining mark)
	}
	return boundaries&uniseg.MaskLine != uniseg.LineDontBreak
}

// CutBetween reports whether a word wider than a line is preferably cut
// between its characters before and after: after one of the characters
// that separate the parts of a URL or an identifier ("/_.?&=#"), or
// before a hyphen ("-"), never after one. This is not UAX #14 (which
// keeps "example.com" and "a_b" together): it is used only for a word
// that must be cut anyway. A line that ends in a hyphen reads as a word
// the typesetter hyphenated, and pdftotext takes it so and drops the
// hyphen: "anfragen-zu-" then "personenbezogenen" came out as
// "anfragen-zupersonenbezogenen", an address that does not exist (see
// EndsInHyphen). A line that starts with one is read as the rest of the
// address, as the Chicago Manual of Style breaks URLs.
func CutBetween(before, after rune) bool {
	if before == '-' {
		return false
	}
	return after == '-' || before < 0x80 && strings.IndexByte("/_.?&=#", byte(before)) >= 0
}

// SpaceJoins reports whether the line may not break at the spaces
// between before and after, the texts on either side of them (a word or
// its last piece, and the next word or its first piece): a backend that
// breaks at spaces itself asks it there. UAX #14 allows a break after
// spaces but for these rules, which hold across them:
//
//   - no break before closing punctuation, "!", "?", the separators , . : ;
//     and the slash (LB13: classes CL, CP, EX, IS, SY): "Contact :",
//     "pourquoi ?", "droits ;" and "( voir )" as French writes them, with a
//     space before, stay together;
//   - no break after opening punctuation (LB14, class OP: "( voir"), nor
//     between a quotation mark and opening punctuation (LB15), after
//     closing punctuation before a non-starter (LB16) or between two em
//     dashes (LB17);
//   - no break after an opening quotation mark that starts a quotation,
//     nor before a closing one that ends it (Unicode 15.1's LB15a and
//     LB15b: "« droit à l'oubli »"), which uniseg (Unicode 15.0) does not
//     have yet.
//
// A break at the spaces is allowed otherwise, "10 %" and "§ 5" too, as
// UAX #14 allows it; an author keeps them together with a no-break space.
// The classes come from tables checked against uniseg's
// (TestSpaceJoinsLikeUniseg): asking uniseg for every pair of words took
// thousands of instructions a pair.
func SpaceJoins(before, after string) bool {
	if before == "" || after == "" {
		return false
	}
	if a, b := before[len(before)-1], after[0]; a < utf8.RuneSelf && b < utf8.RuneSelf {
		ca, cb := asciiClass[a], asciiClass[b]
		return cb&asciiNoBreakBefore != 0 || ca&asciiOpening != 0 || ca&asciiQuotation != 0 && cb&asciiOpening != 0
	}
	a := lastBase(before)
	b, n := utf8.DecodeRuneInString(after)
	if a < 0x13000 && b < 0x13000 && (unicode.IsLetter(a) || unicode.IsDigit(a)) && (unicode.IsLetter(b) || unicode.IsDigit(b)) {
		// The common case: below the Egyptian hieroglyphs, no letter or
		// digit is of a class these rules name but NS, which only
		// closing punctuation holds on to.
		return false
	}
	switch {
	case unicode.In(b, unicode.Pe, noBreakBefore), // LB13
		unicode.In(a, unicode.Ps, opening),                      // LB14
		unicode.Is(unicode.Pi, a) && opensQuotation(before),     // LB15a
		unicode.Is(unicode.Pf, b) && closesQuotation(after[n:]): // LB15b
		return true
	case unicode.In(b, unicode.Ps, opening):
		return unicode.In(a, unicode.Pi, unicode.Pf, quotation) // LB15
	case unicode.In(a, unicode.Pe, closing):
		return unicode.Is(nonStarter, b) // LB16
	}
	return unicode.Is(emDash, a) && unicode.Is(emDash, b) // LB17
}

// asciiClass has the classes of the ASCII characters that these rules
// name: OP "([{", CL and CP ")]}", EX "!?", IS ",.:;", SY "/" and QU
// `"'` (TestSpaceJoinsLikeUniseg checks them against uniseg).
var asciiClass = [utf8.RuneSelf]uint8{
	'(': asciiOpening, '[': asciiOpening, '{': asciiOpening,
	')': asciiNoBreakBefore, ']': asciiNoBreakBefore, '}': asciiNoBreakBefore,
	'!': asciiNoBreakBefore, '?': asciiNoBreakBefore, ',': asciiNoBreakBefore, '.': asciiNoBreakBefore,
	':': asciiNoBreakBefore, ';': asciiNoBreakBefore, '/': asciiNoBreakBefore,
	'"': asciiQuotation, '\'': asciiQuotation,
}

// The bits of asciiClass: classes CL, CP, EX, IS and SY (no break before,
// LB13), OP (none after, LB14) and QU (none before OP, LB15).
const (
	asciiNoBreakBefore = 1 << iota
	asciiOpening
	asciiQuotation
)

// The characters of the classes these rules name, beyond a Unicode
// category: noBreakBefore are those other than closing punctuation
// (category Pe) of classes CL, CP, EX, IS and SY, opening those other
// than opening punctuation (Ps) of class OP, closing those other than
// Pe of classes CL and CP, quotation those other than initial and final
// quotation marks (Pi, Pf) of class QU, nonStarter class NS and emDash
// class B2. TestSpaceJoinsLikeUniseg checks them against uniseg, whose
// classes they are, for every character.
var (
	noBreakBefore = &unicode.RangeTable{
		R16: []unicode.Range16{
			{Lo: 0x0021, Hi: 0x0021, Stride: 1}, {Lo: 0x002c, Hi: 0x002c, Stride: 1}, {Lo: 0x002e, Hi: 0x002f, Stride: 1},
			{Lo: 0x003a, Hi: 0x003b, Stride: 1}, {Lo: 0x003f, Hi: 0x003f, Stride: 1}, {Lo: 0x037e, Hi: 0x037e, Stride: 1},
			{Lo: 0x0589, Hi: 0x0589, Stride: 1}, {Lo: 0x05c6, Hi: 0x05c6, Stride: 1}, {Lo: 0x060c, Hi: 0x060d, Stride: 1},
			{Lo: 0x061b, Hi: 0x061b, Stride: 1}, {Lo: 0x061d, Hi: 0x061f, Stride: 1}, {Lo: 0x06d4, Hi: 0x06d4, Stride: 1},
			{Lo: 0x07f8, Hi: 0x07f9, Stride: 1}, {Lo: 0x0f0d, Hi: 0x0f11, Stride: 1}, {Lo: 0x0f14, Hi: 0x0f14, Stride: 1},
			{Lo: 0x1802, Hi: 0x1803, Stride: 1}, {Lo: 0x1808, Hi: 0x1809, Stride: 1}, {Lo: 0x1944, Hi: 0x1945, Stride: 1},
			{Lo: 0x2044, Hi: 0x2044, Stride: 1}, {Lo: 0x2762, Hi: 0x2763, Stride: 1}, {Lo: 0x2cf9, Hi: 0x2cf9, Stride: 1},
			{Lo: 0x2cfe, Hi: 0x2cfe, Stride: 1}, {Lo: 0x2e2e, Hi: 0x2e2e, Stride: 1}, {Lo: 0x2e53, Hi: 0x2e54, Stride: 1},
			{Lo: 0x3001, Hi: 0x3002, Stride: 1}, {Lo: 0xa60e, Hi: 0xa60e, Stride: 1}, {Lo: 0xa876, Hi: 0xa877, Stride: 1},
			{Lo: 0xfe10, Hi: 0xfe16, Stride: 1}, {Lo: 0xfe50, Hi: 0xfe52, Stride: 2}, {Lo: 0xfe56, Hi: 0xfe57, Stride: 1},
			{Lo: 0xff01, Hi: 0xff01, Stride: 1}, {Lo: 0xff0c, Hi: 0xff0e, Stride: 2}, {Lo: 0xff1f, Hi: 0xff1f, Stride: 1},
			{Lo: 0xff61, Hi: 0xff64, Stride: 3},
		},
		R32: []unicode.Range32{
			{Lo: 0x115c4, Hi: 0x115c5, Stride: 1}, {Lo: 0x11c71, Hi: 0x11c71, Stride: 1}, {Lo: 0x1325b, Hi: 0x1325d, Stride: 1},
			{Lo: 0x13282, Hi: 0x13282, Stride: 1}, {Lo: 0x13287, Hi: 0x13289, Stride: 2}, {Lo: 0x1337a, Hi: 0x1337b, Stride: 1},
			{Lo: 0x13438, Hi: 0x13438, Stride: 1}, {Lo: 0x1343d, Hi: 0x1343f, Stride: 2}, {Lo: 0x145cf, Hi: 0x145cf, Stride: 1},
		},
		LatinOffset: 6,
	}
	opening = &unicode.RangeTable{
		R16: []unicode.Range16{
			{Lo: 0x00a1, Hi: 0x00a1, Stride: 1}, {Lo: 0x00bf, Hi: 0x00bf, Stride: 1}, {Lo: 0x2e18, Hi: 0x2e18, Stride: 1},
		},
		R32: []unicode.Range32{
			{Lo: 0x13258, Hi: 0x1325a, Stride: 1}, {Lo: 0x13286, Hi: 0x13288, Stride: 2}, {Lo: 0x13379, Hi: 0x13379, Stride: 1},
			{Lo: 0x13437, Hi: 0x13437, Stride: 1}, {Lo: 0x1343c, Hi: 0x1343e, Stride: 2}, {Lo: 0x145ce, Hi: 0x145ce, Stride: 1},
			{Lo: 0x1e95e, Hi: 0x1e95f, Stride: 1},
		},
		LatinOffset: 2,
	}
	closing = &unicode.RangeTable{
		R16: []unicode.Range16{
			{Lo: 0x3001, Hi: 0x3002, Stride: 1}, {Lo: 0xfe11, Hi: 0xfe12, Stride: 1}, {Lo: 0xfe50, Hi: 0xfe52, Stride: 2},
			{Lo: 0xff0c, Hi: 0xff0e, Stride: 2}, {Lo: 0xff61, Hi: 0xff64, Stride: 3},
		},
		R32: []unicode.Range32{
			{Lo: 0x1325b, Hi: 0x1325d, Stride: 1}, {Lo: 0x13282, Hi: 0x13282, Stride: 1}, {Lo: 0x13287, Hi: 0x13289, Stride: 2},
			{Lo: 0x1337a, Hi: 0x1337b, Stride: 1}, {Lo: 0x13438, Hi: 0x13438, Stride: 1}, {Lo: 0x1343d, Hi: 0x1343f, Stride: 2},
			{Lo: 0x145cf, Hi: 0x145cf, Stride: 1},
		},
	}
	quotation = &unicode.RangeTable{
		R16: []unicode.Range16{
			{Lo: 0x0022, Hi: 0x0027, Stride: 5}, {Lo: 0x275b, Hi: 0x2760, Stride: 1}, {Lo: 0x2e00, Hi: 0x2e01, Stride: 1},
			{Lo: 0x2e06, Hi: 0x2e08, Stride: 1}, {Lo: 0x2e0b, Hi: 0x2e0b, Stride: 1},
		},
		R32: []unicode.Range32{
			{Lo: 0x1f676, Hi: 0x1f678, Stride: 1},
		},
		LatinOffset: 1,
	}
	nonStarter = &unicode.RangeTable{
		R16: []unicode.Range16{
			{Lo: 0x17d6, Hi: 0x17d6, Stride: 1}, {Lo: 0x203c, Hi: 0x203d, Stride: 1}, {Lo: 0x2047, Hi: 0x2049, Stride: 1},
			{Lo: 0x3005, Hi: 0x3005, Stride: 1}, {Lo: 0x301c, Hi: 0x301c, Stride: 1}, {Lo: 0x303b, Hi: 0x303c, Stride: 1},
			{Lo: 0x3041, Hi: 0x3049, Stride: 2}, {Lo: 0x3063, Hi: 0x3063, Stride: 1}, {Lo: 0x3083, Hi: 0x3087, Stride: 2},
			{Lo: 0x308e, Hi: 0x308e, Stride: 1}, {Lo: 0x3095, Hi: 0x3096, Stride: 1}, {Lo: 0x309b, Hi: 0x309e, Stride: 1},
			{Lo: 0x30a0, Hi: 0x30a1, Stride: 1}, {Lo: 0x30a3, Hi: 0x30a9, Stride: 2}, {Lo: 0x30c3, Hi: 0x30c3, Stride: 1},
			{Lo: 0x30e3, Hi: 0x30e7, Stride: 2}, {Lo: 0x30ee, Hi: 0x30ee, Stride: 1}, {Lo: 0x30f5, Hi: 0x30f6, Stride: 1},
			{Lo: 0x30fb, Hi: 0x30fe, Stride: 1}, {Lo: 0x31f0, Hi: 0x31ff, Stride: 1}, {Lo: 0xa015, Hi: 0xa015, Stride: 1},
			{Lo: 0xfe54, Hi: 0xfe55, Stride: 1}, {Lo: 0xff1a, Hi: 0xff1b, Stride: 1}, {Lo: 0xff65, Hi: 0xff65, Stride: 1},
			{Lo: 0xff67, Hi: 0xff70, Stride: 1},
		},
		R32: []unicode.Range32{
			{Lo: 0x16fe0, Hi: 0x16fe3, Stride: 1}, {Lo: 0x1b132, Hi: 0x1b132, Stride: 1}, {Lo: 0x1b150, Hi: 0x1b152, Stride: 1},
			{Lo: 0x1b155, Hi: 0x1b155, Stride: 1}, {Lo: 0x1b164, Hi: 0x1b167, Stride: 1}, {Lo: 0x1f679, Hi: 0x1f67b, Stride: 1},
		},
	}
	emDash = &unicode.RangeTable{
		R16: []unicode.Range16{{Lo: 0x2014, Hi: 0x2014, Stride: 1}, {Lo: 0x2e3a, Hi: 0x2e3b, Stride: 1}},
	}
)

// lastBase is the last character of s that is not a combining mark,
// whose class a mark takes (UAX #14 LB9); a letter when s is all marks
// (LB10).
func lastBase(s string) rune {
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		if r < 0x300 || !unicode.IsMark(r) {
			return r
		}
		s = s[:len(s)-n]
	}
	return 'a'
}

// opensQuotation reports whether s, which ends in an initial quotation
// mark (Unicode category Pi), holds nothing else before it but
// punctuation: the mark opens a quotation (UAX #14 LB15a asks for the
// start of the text, a space, opening punctuation or a quotation mark
// before it), "«" and not "x«".
func opensQuotation(s string) bool {
	for _, r := range s {
		if !unicode.IsPunct(r) {
			return false
		}
	}
	return true
}

// closesQuotation reports whether s, the text after a final quotation
// mark (Unicode category Pf), is empty or punctuation: the mark closes a
// quotation (UAX #14 LB15b asks for a space, the end of the text, or
// closing punctuation, "!", "?", a separator or a quotation mark after
// it), "»." and not "’s".
func closesQuotation(s string) bool {
	for _, r := range s {
		if !unicode.IsPunct(r) {
			return false
		}
	}
	return true
}

// EndsInHyphen reports whether word, which a space follows, ends in a
// hyphen ("-" or U+2010): a line should not end after it, since "pre-"
// at the end of a line reads as a word broken in two.
func EndsInHyphen(word string) bool {
	return strings.HasSuffix(word, "-") || strings.HasSuffix(word, "\u2010")
}
