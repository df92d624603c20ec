package bidi

//go:generate go run gen.go

import "sort"

// joiningType is the Unicode Joining_Type property (ArabicShaping.txt).
type joiningType uint8

const (
	joinU joiningType = iota // Non_Joining: spaces, digits, Latin, …
	joinT                    // Transparent: harakat and other marks
	joinR                    // Right_Joining: joins the preceding letter only (alef, dal, reh, waw)
	joinL                    // Left_Joining: joins the following letter only
	joinD                    // Dual_Joining: joins on both sides (beh, seen, lam, …)
	joinC                    // Join_Causing: tatweel, ZWJ
)

// joiningRange gives the joining type of the code points lo through hi.
type joiningRange struct {
	lo, hi rune
	t      joiningType
}

// Indexes into formSet.forms.
const (
	formIsolated = iota
	formFinal
	formInitial
	formMedial
	numForms
)

// formSet lists the presentation forms of one letter, 0 where a form does
// not exist.
type formSet struct {
	base  rune
	forms [numForms]rune
}

// ligatureSet lists the forms of the ligature of U+0644 ARABIC LETTER LAM
// with the letter second.
type ligatureSet struct {
	second, isolated, final rune
}

// runePair maps a rune to another (Bidi_Mirroring_Glyph).
type runePair struct {
	r, to rune
}

// bracketPair gives a paired bracket, its counterpart and whether it opens.
type bracketPair struct {
	r, pair rune
	open    bool
}

// joiningTypeOf returns the Joining_Type of r.
func joiningTypeOf(r rune) joiningType {
	if r < joiningRanges[0].lo {
		return joinU
	}
	i := sort.Search(len(joiningRanges), func(i int) bool { return joiningRanges[i].hi >= r })
	if i < len(joiningRanges) && joiningRanges[i].lo <= r {
		return joiningRanges[i].t
	}
	return joinU
}

// formsOf returns the presentation forms of r, or nil if it has none.
func formsOf(r rune) *formSet {
	if r < presentationForms[0].base || r > presentationForms[len(presentationForms)-1].base {
		return nil
	}
	i := sort.Search(len(presentationForms), func(i int) bool { return presentationForms[i].base >= r })
	if i < len(presentationForms) && presentationForms[i].base == r {
		return &presentationForms[i]
	}
	return nil
}

// lamAlefOf returns the ligature of lam with r, or nil if there is none.
func lamAlefOf(r rune) *ligatureSet {
	for i := range lamAlefLigatures {
		if lamAlefLigatures[i].second == r {
			return &lamAlefLigatures[i]
		}
	}
	return nil
}

// Mirror returns the character whose glyph a right-to-left piece of a
// line draws for r (its Bidi_Mirroring_Glyph: ")" for "(", "»" for "«"),
// or r itself when it has none. A right-to-left Piece's Text holds
// Mirror of each character of its logical text.
func Mirror(r rune) rune { return mirrorOf(r) }

// mirrorOf returns the Bidi_Mirroring_Glyph of r, or r itself.
func mirrorOf(r rune) rune {
	if r < mirrorGlyphs[0].r || r > mirrorGlyphs[len(mirrorGlyphs)-1].r {
		return r
	}
	i := sort.Search(len(mirrorGlyphs), func(i int) bool { return mirrorGlyphs[i].r >= r })
	if i < len(mirrorGlyphs) && mirrorGlyphs[i].r == r {
		return mirrorGlyphs[i].to
	}
	return r
}

// bracketOf returns the paired-bracket data of r, or nil if r is not a
// paired bracket.
func bracketOf(r rune) *bracketPair {
	if r < pairedBrackets[0].r || r > pairedBrackets[len(pairedBrackets)-1].r {
		return nil
	}
	i := sort.Search(len(pairedBrackets), func(i int) bool { return pairedBrackets[i].r >= r })
	if i < len(pairedBrackets) && pairedBrackets[i].r == r {
		return &pairedBrackets[i]
	}
	return nil
}
