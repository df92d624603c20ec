package l10n

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"
)

// TestTableComplete: every built-in language has every label, each with
// the fields of the English one.
func TestTableComplete(t *testing.T) {
	keys := []Key{PageOf, Contents, TableOfContents, Footnotes, BackToReference, Notes, Links, Deleted, Image, FootnoteRef, Document,
		SummaryOfChanges, NoChanges, InsertionOne, InsertionMany, DeletionOne, DeletionMany, ReplacementOne,
		ReplacementMany, FormatChangeOne, FormatChangeMany, MoveOne, MoveMany, ListSep, ListAnd, FullStop, Preamble,
		MetadataChanged, ChangeRef, ChangeRefs, NoticeUpdated, NoticeUpdatedUntitled, NoticeEffective,
		NoticeSections, NoticeUnchanged, NoticeNoChange, NoticeNoChangeUntitled, Inserted, Reformatted, OldVersion, NewVersion,
		MovedTo, MovedFrom, Table, Code, RedlineTitle}
	if len(table) != len(codes) {
		t.Errorf("table has %d languages, codes %d", len(table), len(codes))
	}
	for _, c := range codes {
		for _, k := range keys {
			s := table[c][k]
			if s == "" {
				t.Errorf("%s lacks key %d", c, k)
				continue
			}
			if got, want := fieldsOf(s), fieldsOf(table["en"][k]); got != want {
				t.Errorf("%s key %d = %q: fields %q, want %q", c, k, s, got, want)
			}
		}
		if len(keys) != int(keyCount) {
			t.Errorf("the test lists %d keys, there are %d", len(keys), keyCount)
		}
		if dateLocales[c] == nil {
			t.Errorf("%s has no date locale", c)
		}
	}
}

func fieldsOf(s string) string {
	var f string
	for _, p := range Fields(s) {
		if p.Field != "" {
			f += "{" + p.Field + "}"
		}
	}
	return f
}

func TestMatch(t *testing.T) {
	for _, tt := range [][]string{
		{"en"}, {"", "en"}, {"de-CH", "de"}, {"pt-BR", "pt"},
		// Traditional Chinese got the Simplified labels.
		{"zh-Hant", "zh-Hant"}, {"zh-hant", "zh-Hant"}, {"zh-TW", "zh-Hant"}, {"zh-HK", "zh-Hant"},
		{"zh-MO", "zh-Hant"}, {"zh-Hant-TW", "zh-Hant"}, {"zh-Hant-HK", "zh-Hant"},
		{"zh", "zh"}, {"zh-CN", "zh"}, {"zh-Hans", "zh"}, {"zh-SG", "zh"}, {"zh-Hans-HK", "zh"},
		{"not a tag", "en"}, {"iw", "he"}, {"ar-EG", "ar"}, {"es-419", "es"}, {"xx", "en"}, {"sk", "en"},
		// Russian, Ukrainian and Norwegian got English or Danish labels.
		{"ru", "ru"}, {"ru-RU", "ru"}, {"RU", "ru"}, {"uk", "uk"}, {"uk-UA", "uk"}, {"cs", "cs"},
		{"tr", "tr"}, {"el", "el"}, {"el-CY", "el"}, {"fi", "fi"}, {"hu", "hu"}, {"ro", "ro"}, {"ro-MD", "ro"},
		{"nb", "nb"}, {"nb-NO", "nb"}, {"no", "nb"}, {"no-NO", "nb"}, {"nn", "nb"}, {"nn-NO", "nb"},
		{"da", "da"}, {"sv", "sv"},
		// Persian got English labels.
		{"fa", "fa"}, {"fa-IR", "fa"}, {"fa-AF", "fa"},
	} {
		if got := Match(tt[0]).Code(); got != tt[len(tt)-1] {
			t.Errorf("Match(%q) = %s, want %s", tt[0], got, tt[len(tt)-1])
		}
	}
	if got := Match("", "fr").Code(); got != "fr" {
		t.Errorf("fallback: %s", got)
	}
	if got := Match("de", "fr").Code(); got != "de" {
		t.Errorf("first wins: %s", got)
	}
	for tag, want := range map[string]bool{
		"he": true, "ar": true, "he-IL": true, "fa": true, "ur": true, "yi": true, "az-Arab": true, "dv": true,
		"hi": false, "en": false, "az": false, "he-Latn": false, "ru": false, "": false, "english": false,
	} {
		if got := Match(tag).RTL(); got != want {
			t.Errorf("Match(%q).RTL() = %v, want %v", tag, got, want)
		}
	}
}

// TestMatchBuiltIn: a built-in language, written as any case, matches
// itself without the matcher, as the matcher would match it.
func TestMatchBuiltIn(t *testing.T) {
	for _, c := range codes {
		for _, s := range []string{c, strings.ToUpper(c)} {
			tag := language.MustParse(s)
			_, i, conf := matcher().Match(tag)
			if got := Match(s); got.Code() != codes[i] || conf != language.Exact || got.tag != tag {
				t.Errorf("Match(%q) = %s %v, the matcher gives %s (%v)", s, got.Code(), got.tag, codes[i], conf)
			}
		}
	}
}

func TestLabel(t *testing.T) {
	if got := Match("de").Label(PageOf); got != "Seite {page} von {pages}" {
		t.Errorf("de: %q", got)
	}
	if got := (Lang{}).Label(Contents); got != "Contents" {
		t.Errorf("zero Lang: %q", got)
	}
	if got := Match("xx-unknown").Label(Links); got != "Links" {
		t.Errorf("unknown: %q", got)
	}
}

// TestLabelLanguages: a document in each of these languages gets its
// own labels: a Russian PDF's footer read "Page 1 of 3" and a Norwegian
// one "Side 1 af 3" (Danish).
func TestLabelLanguages(t *testing.T) {
	for _, c := range []struct {
		lang                               string
		page, contents, footnotes, summary string
	}{
		{"ru", "Страница {page} из {pages}", "Содержание", "Сноски", "Сводка изменений"},
		{"uk", "Сторінка {page} з {pages}", "Зміст", "Виноски", "Огляд змін"},
		{"cs", "Strana {page} z {pages}", "Obsah", "Poznámky pod čarou", "Přehled změn"},
		{"tr", "Sayfa {page} / {pages}", "İçindekiler", "Dipnotlar", "Değişikliklerin özeti"},
		{"el", "Σελίδα {page} από {pages}", "Περιεχόμενα", "Υποσημειώσεις", "Σύνοψη αλλαγών"},
		{"fi", "Sivu {page}/{pages}", "Sisällys", "Alaviitteet", "Yhteenveto muutoksista"},
		{"hu", "{page}/{pages}. oldal", "Tartalom", "Lábjegyzetek", "A változások összefoglalása"},
		{"ro", "Pagina {page} din {pages}", "Cuprins", "Note de subsol", "Rezumatul modificărilor"},
		{"nb", "Side {page} av {pages}", "Innhold", "Fotnoter", "Sammendrag av endringer"},
		{"no", "Side {page} av {pages}", "Innhold", "Fotnoter", "Sammendrag av endringer"},
		{"nn", "Side {page} av {pages}", "Innhold", "Fotnoter", "Sammendrag av endringer"},
		{"fa", "صفحه {page} از {pages}", "فهرست مطالب", "پانویس\u200cها", "خلاصهٔ تغییرات"},
		{"zh-TW", "第 {page} 頁，共 {pages} 頁", "目錄", "註腳", "變更摘要"},
		{"zh-HK", "第 {page} 頁，共 {pages} 頁", "目錄", "註腳", "變更摘要"},
		{"zh-Hant", "第 {page} 頁，共 {pages} 頁", "目錄", "註腳", "變更摘要"},
		{"zh-CN", "第 {page} 页，共 {pages} 页", "目录", "脚注", "变更摘要"},
		{"zh-Hans", "第 {page} 页，共 {pages} 页", "目录", "脚注", "变更摘要"},
	} {
		l := Match(c.lang)
		for k, want := range map[Key]string{PageOf: c.page, Contents: c.contents, Footnotes: c.footnotes, SummaryOfChanges: c.summary} {
			if got := l.Label(k); got != want {
				t.Errorf("%s key %d = %q, want %q", c.lang, k, got, want)
			}
		}
	}
}

// TestPluralLabels: a language whose nouns take more than one plural
// form after a number (Russian 2 вставки, 5 вставок) counts as Polish
// does, "label: {n}", one label for one and for many; the others write
// the number first, as English does.
func TestPluralLabels(t *testing.T) {
	counts := [][2]Key{{InsertionOne, InsertionMany}, {DeletionOne, DeletionMany}, {ReplacementOne, ReplacementMany},
		{FormatChangeOne, FormatChangeMany}, {MoveOne, MoveMany}}
	for _, c := range codes {
		for _, k := range counts {
			one, many := table[c][k[0]], table[c][k[1]]
			labelN := strings.HasSuffix(many, ": {n}")
			if labelN != pluralForms[c] {
				t.Errorf("%s key %d = %q: label: {n} is %v, want %v", c, k[1], many, labelN, pluralForms[c])
			}
			if labelN && one != strings.Replace(many, "{n}", "1", 1) {
				t.Errorf("%s key %d = %q, want %q", c, k[0], one, strings.Replace(many, "{n}", "1", 1))
			}
		}
	}
}

// pluralForms are the languages that count "label: {n}".
var pluralForms = map[string]bool{"pl": true, "ar": true, "he": true, "hi": true, "ru": true, "uk": true, "cs": true, "ro": true}

func TestFormatDate(t *testing.T) {
	d := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"en": "28 November 2026", "en-GB": "28 November 2026", "en-US": "November 28, 2026",
		"de": "28. November 2026", "de-AT": "28. November 2026", "fr": "28 novembre 2026",
		"ja": "2026年11月28日", "zh-Hant": "2026年11月28日", "ko": "2026년 11월 28일",
		"es": "28 de noviembre de 2026", "pl": "28 listopada 2026",
		// CLDR's long dates, as github.com/go-playground/locales v0.14.2
		// writes them (dateFormatLength long of each locale).
		"ru": "28 ноября 2026 г.", "uk": "28 листопада 2026 р.", "cs": "28. listopadu 2026",
		"tr": "28 Kasım 2026", "el": "28 Νοεμβρίου 2026", "fi": "28. marraskuuta 2026",
		"hu": "2026. november 28.", "ro": "28 noiembrie 2026", "nb": "28. november 2026",
		"no": "28. november 2026", "nn": "28. november 2026", "fa": "28 نوامبر 2026",
		"zh-TW": "2026年11月28日", "zh-HK": "2026年11月28日", "zh": "2026年11月28日",
	} {
		if got := Match(lang).FormatDate(d); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

// TestFormatDateFrenchFirst: French writes the first of a month as an
// ordinal, "1er décembre 2026", in France, Canada and Switzerland alike,
// and any other day as a number; no other language changes.
func TestFormatDateFrenchFirst(t *testing.T) {
	first := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"fr": "1er décembre 2026", "fr-CA": "1er décembre 2026", "fr-CH": "1er décembre 2026",
		"en": "1 December 2026", "de": "1. Dezember 2026", "es": "1 de diciembre de 2026",
	} {
		if got := Match(lang).FormatDate(first); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	for day, want := range map[int]string{2: "2 décembre 2026", 11: "11 décembre 2026", 21: "21 décembre 2026", 31: "31 décembre 2026"} {
		if got := Match("fr").FormatDate(time.Date(2026, 12, day, 0, 0, 0, 0, time.UTC)); got != want {
			t.Errorf("fr, day %d: %q, want %q", day, got, want)
		}
	}
}

// TestParseDateNumericHint: a date in figures written day first (the
// way a German, French, Polish, Spanish or Hebrew author types it) or
// month first is refused with the form to write: the one reading for
// dots, which are day first, or for a day over 12; both when both are
// dates.
func TestParseDateNumericHint(t *testing.T) {
	for in, want := range map[string]string{
		"01.12.2026": `"01.12.2026" is not a date (use 2006-01-02 or RFC 3339): write 2026-12-01`,
		"28/11/2026": `"28/11/2026" is not a date (use 2006-01-02 or RFC 3339): write 2026-11-28`,
		"11/28/2026": `"11/28/2026" is not a date (use 2006-01-02 or RFC 3339): write 2026-11-28`,
		"01/12/2026": `"01/12/2026" is not a date (use 2006-01-02 or RFC 3339): write 2026-12-01 (1 December) or 2026-01-12 (12 January)`,
		"05-05-2026": `"05-05-2026" is not a date (use 2006-01-02 or RFC 3339): write 2026-05-05`,
		"31.02.2026": `"31.02.2026" is not a date (use 2006-01-02 or RFC 3339)`,
		"soon":       `"soon" is not a date (use 2006-01-02 or RFC 3339)`,
		"1.2.3":      `"1.2.3" is not a date (use 2006-01-02 or RFC 3339)`,
		"28.11.26":   `"28.11.26" is not a date (use 2006-01-02 or RFC 3339)`,
		"2026.11.28": `"2026.11.28" is not a date (use 2006-01-02 or RFC 3339)`,
	} {
		_, err := ParseDate(in)
		if err == nil || err.Error() != want {
			t.Errorf("ParseDate(%q): %v, want %s", in, err, want)
		}
	}
}

func TestExpand(t *testing.T) {
	vals := map[string]string{"page": "2", "pages": "9", "title": "{page} & {x}"}
	lookup := func(f string) (string, bool) { v, ok := vals[f]; return v, ok }
	if got := Expand("{title} · {page}/{pages} {nope} {1} {", lookup); got != "{page} & {x} · 2/9 {nope} {1} {" {
		t.Errorf("%q", got)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2026-11-28", " 2026-11-28 ", "2026-11-28T10:00:00Z", "November 28, 2026", "28 Nov 2026"} {
		if d, err := ParseDate(s); err != nil || d.Day() != 28 {
			t.Errorf("%q: %v %v", s, d, err)
		}
	}
	if _, err := ParseDate("28/11/2026"); err == nil {
		t.Error("28/11/2026 parsed")
	}
}

// TestParseDateKeepsOffset: a date with an offset is the day as written,
// not the day in UTC, and FormatDate writes that day.
func TestParseDateKeepsOffset(t *testing.T) {
	for _, s := range []string{"2026-11-28T01:30:00+09:00", "2026-11-28T23:30:00-05:00"} {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if got := Match("en").FormatDate(d); got != "28 November 2026" {
			t.Errorf("%q: %q, want 28 November 2026", s, got)
		}
	}
}

// TestSentences: sentences are joined with a space, except after a
// full-width stop, after which Chinese and Japanese write none.
func TestSentences(t *testing.T) {
	for _, c := range [][]string{
		{"We have updated our policy.", "The new version takes effect on 1 May 2026.", "We have updated our policy. The new version takes effect on 1 May 2026."},
		{"我们更新了《政策》。", "新版本自2026年5月1日起生效。", "我们更新了《政策》。新版本自2026年5月1日起生效。"},
		{"変更しました！", "x", "変更しました！x"},
		{"a", "a"},
	} {
		if got := Sentences(c[:len(c)-1]...); got != c[len(c)-1] {
			t.Errorf("Sentences(%q) = %q, want %q", c[:len(c)-1], got, c[len(c)-1])
		}
	}
}

// TestCountryHint: a country's code written for its language gets what
// to write, a region kept; a tag that is a language too (se, br) is
// valid; a language's own code, or another tag, gets none.
func TestCountryHint(t *testing.T) {
	for _, c := range []struct {
		in, hint string
		valid    bool
	}{
		{"se", "se is Northern Sami, and the country code of Sweden; Swedish is sv", true},
		{"se_SE", "se is Northern Sami, and the country code of Sweden; Swedish is sv-SE", true},
		{"dk", "dk is the country code of Denmark; Danish is da", false},
		{"DK-dk", "dk is the country code of Denmark; Danish is da-DK", false},
		{"il", "il is the country code of Israel; Hebrew is he", false},
		{"br", "br is Breton, and the country code of Brazil; Portuguese is pt-BR", true},
		{"sv", "", false}, {"he", "", false}, {"de-CH", "", false}, {"", "", false},
	} {
		hint, valid := CountryHint(c.in)
		if hint != c.hint || valid != c.valid {
			t.Errorf("CountryHint(%q) = %q, %v; want %q, %v", c.in, hint, valid, c.hint, c.valid)
		}
	}
}
