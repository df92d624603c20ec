package l10n

import (
	"slices"
	"strings"
	"testing"
)

// TestQuotes: each language's four quotation marks, as CLDR's delimiters
// give them (French with a narrow no-break space inside « », Swiss
// German with « »), for the document's tag as Match reads it; a
// language that writes English's, or is unknown, gets English's.
func TestQuotes(t *testing.T) {
	for _, c := range []struct{ tag, want string }{
		{"", "“ ” ‘ ’"},
		{"en", "“ ” ‘ ’"},
		{"en-GB", "“ ” ‘ ’"},
		{"xx", "“ ” ‘ ’"},
		{"sk", "“ ” ‘ ’"}, // not in the table: English's
		{"de", "„ “ ‚ ‘"},
		{"de-AT", "„ “ ‚ ‘"},
		{"de-CH", "« » ‹ ›"},
		{"de-LI", "« » ‹ ›"},
		{"fr", "«\u202f \u202f» “ ”"},
		{"fr-CA", "«\u202f \u202f» “ ”"},
		{"fr-CH", "« » ‹ ›"},
		{"es", "“ ” ‘ ’"},
		{"it", "« » “ ”"},
		{"nl", "‘ ’ “ ”"},
		{"pt", "“ ” ‘ ’"},
		{"pt-BR", "“ ” ‘ ’"},
		{"pt-PT", "« » “ ”"},
		{"pt-AO", "« » “ ”"},
		{"pl", "„ ” « »"},
		{"sv", "” ” ’ ’"},
		{"da", "“ ” ‘ ’"},
		{"ja", "「 」 『 』"},
		{"zh", "“ ” ‘ ’"},
		{"zh-Hans", "“ ” ‘ ’"},
		{"zh-Hant", "「 」 『 』"},
		{"zh-TW", "「 」 『 』"},
		{"ko", "“ ” ‘ ’"},
		{"ar", "” “ ’ ‘"},
		{"he", "” ” ’ ’"},
		{"hi", "“ ” ‘ ’"},
		{"ru", "« » „ “"},
		{"be", "« » „ “"}, // matched to Russian
		{"uk", "« » „ “"},
		{"cs", "„ “ ‚ ‘"},
		{"tr", "“ ” ‘ ’"},
		{"el", "« » “ ”"},
		{"fi", "” ” ’ ’"},
		{"hu", "„ ” » «"},
		{"ro", "„ ” « »"},
		{"nb", "« » ‘ ’"},
		{"nn", "« » ‘ ’"},
		{"fa", "« » ‹ ›"},
	} {
		l := Match(c.tag)
		got := strings.Join([]string{l.Quote(OpenQuote), l.Quote(CloseQuote), l.Quote(OpenInnerQuote), l.Quote(CloseInnerQuote)}, " ")
		if got != c.want {
			t.Errorf("%q: quotes %q, want %q", c.tag, got, c.want)
		}
		if english := c.want == "“ ” ‘ ’"; l.EnglishQuotes() != english {
			t.Errorf("%q: EnglishQuotes() = %v, want %v", c.tag, !english, english)
		}
	}
}

// TestQuotesTable: the table holds only the table's languages (and
// regions of them), each with four marks.
func TestQuotesTable(t *testing.T) {
	for k, q := range quotes {
		lang, _, _ := strings.Cut(k, "-")
		if !slices.Contains(codes, k) && !slices.Contains(codes, lang) {
			t.Errorf("quotes[%q]: no language of the table", k)
		}
		for i, m := range q {
			if m == "" {
				t.Errorf("quotes[%q][%d] is empty", k, i)
			}
		}
	}
}
