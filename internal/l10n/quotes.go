package l10n

import "golang.org/x/text/language"

// QuoteMark names one of the four quotation marks that the typographer
// of a template's Markdown writes for a straight quote: the marks
// around a quotation ("…") and around a quotation inside one ('…').
type QuoteMark uint8

// The quotation marks, as CLDR names them (quotationStart,
// quotationEnd, alternateQuotationStart, alternateQuotationEnd).
const (
	// OpenQuote opens a quotation: “ in English, „ in German.
	OpenQuote QuoteMark = iota
	// CloseQuote closes a quotation: ” in English, “ in German.
	CloseQuote
	// OpenInnerQuote opens a quotation inside a quotation: ‘ in
	// English, ‚ in German.
	OpenInnerQuote
	// CloseInnerQuote closes a quotation inside a quotation: ’ in
	// English, ‘ in German. An apostrophe (don't, l'utilisateur) is no
	// quotation mark: it is ’ in every language.
	CloseInnerQuote
)

// quoteSet is a language's four quotation marks, indexed by QuoteMark.
type quoteSet [4]string

// englishQuotes are English's marks, and those of every language that
// quotes has no entry for.
var englishQuotes = quoteSet{"“", "”", "‘", "’"}

// quotes holds the quotation marks of the table's languages that write
// other marks than English, by language code, or by language and region
// for a region that writes other marks than its language ("de-CH");
// read only. Every other language (es, pt, da, ko, zh, hi, tr, and any
// language outside the table) writes English's.
//
// Source: CLDR 44.1 and 45 (the same marks in both),
// common/main/<locale>.xml <delimiters> (quotationStart, quotationEnd,
// alternateQuotationStart, alternateQuotationEnd), as
// unicode-org/cldr-json's cldr-misc-full/main/<locale>/delimiters.json
// has them, with these changes, made as the language's typography
// writes them:
//   - French sets a narrow no-break space (U+202F) inside « », which
//     CLDR's marks leave out (Typst's smartquote sets it too), and nests
//     “ ”, as Typst does, where CLDR nests « » again, which a reader
//     cannot tell from the outer quotation. Dutch, whose CLDR marks are
//     ‘ ’ at both levels, nests “ ” for the same reason ("the other
//     kind", as the Taalunie advises). Swiss French (fr-CH, CLDR's « »
//     and ‹ ›) sets no space, as Swiss practice has it.
//   - Swiss German (de-CH, de-LI) writes « » and ‹ ›, as the Swiss
//     style guides and Typst do, where CLDR's de-CH has inherited de's
//     „ “.
//
// pt-PT's marks are those of every Portuguese region but Brazil (CLDR's
// pt-PT is the parent of pt-AO, pt-MZ and the others); pt alone is
// Brazilian Portuguese. Arabic's marks are in the order CLDR gives, the
// logical one: ” opens, and shows at the right of right-to-left text.
var quotes = map[string]quoteSet{
	"de":      {"„", "“", "‚", "‘"},
	"de-CH":   {"«", "»", "‹", "›"},
	"de-LI":   {"«", "»", "‹", "›"},
	"fr":      {"«\u202f", "\u202f»", "“", "”"},
	"fr-CH":   {"«", "»", "‹", "›"},
	"it":      {"«", "»", "“", "”"},
	"nl":      {"‘", "’", "“", "”"},
	"pt-PT":   {"«", "»", "“", "”"},
	"pl":      {"„", "”", "«", "»"},
	"sv":      {"”", "”", "’", "’"},
	"ja":      {"「", "」", "『", "』"},
	"zh-Hant": {"「", "」", "『", "』"},
	"ar":      {"”", "“", "’", "‘"},
	"he":      {"”", "”", "’", "’"},
	"ru":      {"«", "»", "„", "“"},
	"uk":      {"«", "»", "„", "“"},
	"cs":      {"„", "“", "‚", "‘"},
	"el":      {"«", "»", "“", "”"},
	"fi":      {"”", "”", "’", "’"},
	"hu":      {"„", "”", "»", "«"},
	"ro":      {"„", "”", "«", "»"},
	"nb":      {"«", "»", "‘", "’"},
	"fa":      {"«", "»", "‹", "›"},
}

// Quote returns the quotation mark m as l's language writes it: „ for
// German's OpenQuote, "«\u202f" (with its narrow no-break space) for
// French's, 「 for Japanese's. A language without marks of its own in
// the table gets English's (“ ” ‘ ’).
func (l Lang) Quote(m QuoteMark) string {
	if int(m) >= len(englishQuotes) {
		return ""
	}
	return l.quotes()[m]
}

// EnglishQuotes reports whether l writes English's quotation marks,
// so that a caller can leave text made with them as it is.
func (l Lang) EnglishQuotes() bool { return l.quotes() == englishQuotes }

// quotes returns l's marks: those of its language in the tag's region,
// else its language's, else English's.
func (l Lang) quotes() quoteSet {
	if l.code == "" {
		return englishQuotes
	}
	if region, conf := l.tag.Region(); conf == language.Exact {
		r := region.String()
		if l.code == "pt" && r != "BR" {
			r = "PT"
		}
		if q, ok := quotes[l.code+"-"+r]; ok {
			return q
		}
	}
	if q, ok := quotes[l.code]; ok {
		return q
	}
	return englishQuotes
}

// HebrewPrefixes reports whether l writes Hebrew, whose one-letter
// prefixes (ב ה ו כ ל מ ש) attach to the next word, a quotation too
// (ב"הכרחיות בלבד"), and whose acronyms hold a '"' (gershayim) between
// letters (צה"ל), so that a straight quote after a letter may open a
// quotation or be no quotation mark at all.
func (l Lang) HebrewPrefixes() bool { return l.code == "he" }
