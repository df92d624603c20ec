package pdf

import (
	"fmt"
	"unicode"

	"golang.org/x/text/unicode/rangetable"

	"github.com/policyexport/policyexport/internal/srcerr"
)

// shapedScripts are the scripts whose text is wrong when drawn code
// point by code point, one glyph per character at its advance: a
// shaping engine (HarfBuzz's Indic, Myanmar, Khmer and Universal
// shapers, or OpenType mark positioning) must reorder, combine or
// position their glyphs. Those marked shaped are drawn shaped
// (shaping.go), and checked glyph for glyph against hb-shape
// (shaping_test.go); a character of any other is refused
// (*ShapingError), whatever font has it: a Devanagari font given with --font has the glyphs, but
// drawing them in code point order puts the short-i sign ि after its
// consonant instead of before it and breaks the conjuncts क्ष and श्र
// into consonant + virama + consonant.
//
// The list, by what a code-point drawing gets wrong:
//
//   - Brahmic scripts of India and Sri Lanka, and their relatives in the
//     Basic Multilingual Plane and beyond: pre-base vowel signs that
//     stand before their consonant, conjuncts, reph, split vowels.
//     Tamil is among them: its vowel signs ெ ே ை are written before the
//     consonant, and ொ ோ ௌ around it.
//
//   - Thai and Lao: tone marks and vowel signs take another glyph or
//     another place depending on their neighbours, and sara am (ำ) is
//     split around a tone mark. hb-shape with the Thai font Garuda
//     (fonts-tlwg-garuda-ttf): ก่ draws the tone mark as uni0E48.low,
//     not the high uni0E48 that a code-point drawing takes; in ป่ the
//     mark moves 99 units left, off the tall stem; ญู drops ญ's
//     descender (uni0E0D.descless) for the vowel below; น้ำ becomes
//     nikhahit, tone mark, sara aa. Drawn code point by code point,
//     the marks float or collide.
//
//   - Tibetan (stacked consonants), Myanmar and Khmer (pre-base vowels,
//     stacked subscripts), and the scripts of Indonesia and the
//     Philippines (Javanese, Balinese, Sundanese, Batak, Buginese,
//     Makasar, Rejang, Tagalog, Hanunoo, Buhid, Tagbanwa), Cham, Tai
//     Tham, Lepcha, Limbu, Meetei Mayek, Chakma and the others that
//     HarfBuzz's Universal Shaping Engine shapes.
//
//   - Joining scripts other than Arabic: Syriac, Mongolian, N'Ko,
//     Mandaic, Phags-pa, Hanifi Rohingya, Sogdian, Adlam. Their letters
//     change shape with their neighbours, and unlike Arabic's they have
//     no presentation forms in Unicode for internal/bidi to substitute.
//
//   - Thaana: every letter carries a vowel sign (fili), placed by mark
//     positioning.
//
//   - Hebrew points (niqqud and cantillation marks; the letters are
//     fine), shaped: drawn code point by code point, in visual order
//     with each mark after its letter (bidi.Pieces keeps clusters
//     whole), where HarfBuzz draws it before, at the letter's origin
//     (DejaVu Sans's points are drawn from there), the points of
//     שָׁלוֹם stood to the right of their letters, over the letter read
//     before or in the space (pdftoppm of the PDF against hb-view).
//     A right-to-left piece of a line is shaped right to left from its
//     logical text (shaping.go, makePieceRun), and its glyphs drawn in
//     logical order, as an Arabic word's with marks (rightToLeftMark).
//
//   - Arabic marks (harakat, tanwin, shadda, sukun, the superscript
//     alef of الرَّحْمَٰنِ, Quranic signs: ًا is in most Arabic text),
//     shaped: drawn code point by code point at no width, they stood
//     beside their letter, and shadda with fatha (مَّ) overlapped
//     instead of stacking; Noto Naskh Arabic places them with mark
//     positioning (hb-shape: fatha at x offset 285 on the final ب of
//     كَتَبَ, 26 units up) and draws shadda with fatha as one glyph.
//     The letters stay presentation forms, which internal/bidi chooses
//     (a letter without one is refused in rtl.go; a lam and an alef
//     with marks keep their own forms, for the font to ligate): a word
//     with marks is shaped from those, which the font shapes as it
//     shapes the letters (the same glyphs and offsets in hb-shape), and
//     its glyphs are drawn in logical order
//     (shaping.go, logicalGlyphs).
//
// Not in the list: Arabic letters, which internal/bidi joins with their
// presentation forms. Latin, Greek, Cyrillic, Armenian, Georgian,
// Ethiopic and the CJK scripts are drawn one glyph per character.
var shapedScripts = []struct {
	name  string
	table *unicode.RangeTable
	// shaped: drawn shaped (shaping.go) rather than refused.
	shaped bool
}{
	{"Devanagari", unicode.Devanagari, true}, {"Bengali", unicode.Bengali, true}, {"Gurmukhi", unicode.Gurmukhi, true},
	{"Gujarati", unicode.Gujarati, true}, {"Oriya", unicode.Oriya, true}, {"Tamil", unicode.Tamil, true},
	{"Telugu", unicode.Telugu, true}, {"Kannada", unicode.Kannada, true}, {"Malayalam", unicode.Malayalam, true},
	{"Sinhala", unicode.Sinhala, true}, {"Thai", unicode.Thai, true}, {"Lao", unicode.Lao, false},
	{"Tibetan", unicode.Tibetan, false}, {"Myanmar", unicode.Myanmar, true}, {"Khmer", unicode.Khmer, true},
	{"Mongolian", unicode.Mongolian, false}, {"Syriac", unicode.Syriac, false}, {"Thaana", unicode.Thaana, false},
	{"N'Ko", unicode.Nko, false}, {"Mandaic", unicode.Mandaic, false}, {"Phags-pa", unicode.Phags_Pa, false},
	{"Javanese", unicode.Javanese, false}, {"Balinese", unicode.Balinese, false}, {"Sundanese", unicode.Sundanese, false},
	{"Batak", unicode.Batak, false}, {"Buginese", unicode.Buginese, false}, {"Rejang", unicode.Rejang, false},
	{"Tagalog", unicode.Tagalog, false}, {"Hanunoo", unicode.Hanunoo, false}, {"Buhid", unicode.Buhid, false},
	{"Tagbanwa", unicode.Tagbanwa, false}, {"Cham", unicode.Cham, false}, {"Tai Tham", unicode.Tai_Tham, false},
	{"Lepcha", unicode.Lepcha, false}, {"Limbu", unicode.Limbu, false}, {"Meetei Mayek", unicode.Meetei_Mayek, false},
	{"Saurashtra", unicode.Saurashtra, false}, {"Syloti Nagri", unicode.Syloti_Nagri, false},
	// Beyond the Basic Multilingual Plane, which fpdf cannot draw
	// anyway: named here so that the error names the script.
	{"Brahmi", unicode.Brahmi, false}, {"Kaithi", unicode.Kaithi, false}, {"Chakma", unicode.Chakma, false},
	{"Sharada", unicode.Sharada, false}, {"Grantha", unicode.Grantha, false}, {"Tirhuta", unicode.Tirhuta, false},
	{"Siddham", unicode.Siddham, false}, {"Modi", unicode.Modi, false}, {"Takri", unicode.Takri, false},
	{"Ahom", unicode.Ahom, false}, {"Dogra", unicode.Dogra, false}, {"Newa", unicode.Newa, false},
	{"Khojki", unicode.Khojki, false}, {"Khudawadi", unicode.Khudawadi, false}, {"Makasar", unicode.Makasar, false},
	{"Hanifi Rohingya", unicode.Hanifi_Rohingya, false}, {"Sogdian", unicode.Sogdian, false}, {"Adlam", unicode.Adlam, false},
	{"Pointed Hebrew", hebrewPoints, true}, {"Pointed Arabic", arabicMarks, true},
}

// hebrewPoints are the combining marks of the Hebrew script: points
// (niqqud), cantillation marks, the shin and sin dots, dagesh.
// Only the Hebrew script's own characters are visited: testing every
// code point from U+0591 to U+FB4F cost 350 µs of every start.
var hebrewPoints = func() *unicode.RangeTable {
	var marks []rune
	rangetable.Visit(unicode.Hebrew, func(c rune) {
		if unicode.Is(unicode.Mn, c) {
			marks = append(marks, c)
		}
	})
	return rangetable.New(marks...)
}()

// arabicMarks are the combining marks of the Arabic blocks (arabicMark):
// harakat, tanwin, shadda, sukun, Quranic annotation signs.
var arabicMarks = func() *unicode.RangeTable {
	var marks []rune
	for _, r := range [][2]rune{{0x0600, 0x06FF}, {0x0750, 0x077F}, {0x08A0, 0x08FF}} {
		for c := r[0]; c <= r[1]; c++ {
			if arabicMark(c) {
				marks = append(marks, c)
			}
		}
	}
	return rangetable.New(marks...)
}()

// arabicMark reports whether r is a combining mark of the Arabic blocks.
// The harakat are of Unicode's Inherited script (their Script_Extensions
// name Arabic), so the Arabic script table does not hold them: the
// blocks decide.
func arabicMark(r rune) bool {
	inArabic := r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0x08A0 && r <= 0x08FF
	return inArabic && unicode.Is(unicode.Mn, r)
}

// rightToLeftMark reports whether r is a combining mark of a
// right-to-left script that is drawn shaped: a Hebrew point or an
// Arabic mark. A right-to-left run with one has its glyphs drawn in
// logical order (shaping.go, logicalGlyphs).
func rightToLeftMark(r rune) bool {
	return arabicMark(r) || unicode.Is(hebrewPoints, r)
}

// needShaping is the union of the tables of shapedScripts that are
// refused, and shapedTable of those that are drawn shaped: one lookup
// each for a character that needs no shaping.
var needShaping, shapedTable = func() (*unicode.RangeTable, *unicode.RangeTable) {
	var refused, shaped []*unicode.RangeTable
	for _, s := range shapedScripts {
		if s.shaped {
			shaped = append(shaped, s.table)
		} else {
			refused = append(refused, s.table)
		}
	}
	return rangetable.Merge(refused...), rangetable.Merge(shaped...)
}()

// firstShaped is the first character of a script of shapedScripts, the
// first Hebrew point: nothing below it is refused or drawn shaped, so the
// checks of a character below it end there (TestFirstShaped).
const firstShaped = 0x0591

// shapedScript returns the name of c's script when drawing c needs a
// shaping engine that this backend does not use for it yet (see
// shapedScripts): c is refused. It returns "" otherwise.
func shapedScript(c rune) string {
	if c < firstShaped || !unicode.Is(needShaping, c) {
		return ""
	}
	for _, s := range shapedScripts {
		if !s.shaped && unicode.Is(s.table, c) {
			return s.name
		}
	}
	return ""
}

// isShaped reports whether c is of a script of shapedScripts that is
// drawn shaped (shaping.go).
func isShaped(c rune) bool { return unicode.Is(shapedTable, c) }

// ShapingError reports a character that this backend cannot draw
// correctly because its script needs shaping: a letter of a script of
// shapedScripts (Script names it), or an Arabic-script letter that has
// no joined presentation form (Script is ""). Its Pos is where the
// character is in the template; the zero Pos for a label of the
// document's language (the footer, the table of contents' title).
type ShapingError struct {
	srcerr.At
	// Rune is the character.
	Rune rune
	// Script is the name of the character's script ("Devanagari"), or
	// "" for an Arabic letter without a presentation form.
	Script string
}

// Error formats the error as "12:5: Tibetan needs shaping, which
// policyexport does not do yet: "བ" (U+0F56); the HTML and plain-text
// outputs are correct — render them with -f html,txt".
func (e *ShapingError) Error() string {
	if e.Script == "" {
		return fmt.Sprintf("%scharacter %U (%c) has no joined presentation form; it is refused rather than drawn unjoined", e.Prefix(), e.Rune, e.Rune)
	}
	return fmt.Sprintf("%s%s needs shaping, which policyexport does not do yet: %q (%U); the HTML and plain-text outputs are correct — render them with -f html,txt",
		e.Prefix(), e.Script, string(e.Rune), e.Rune)
}
