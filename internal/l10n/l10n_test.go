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
		ReplacementMany, FormatChangeOne, FormatChangeMany, MoveOne, MoveMany, ListSep, ListAnd, Preamble,
		MetadataChanged, ChangeRef, ChangeRefs, NoticeUpdated, NoticeUpdatedUntitled, NoticeEffective,
		NoticeSections, NoticeUnchanged, NoticeNoChange, NoticeNoChangeUntitled, Inserted, Reformatted, OldVersion, NewVersion,
		MovedTo, MovedFrom}
	if len(table) != len(codes) {
		t.Errorf("table has %d languages, codes %d", len(table), len(codes))
	}
	for _, c := range codes {
		for _, k := range keys {
			s, ok := table[c][k]
			if !ok || s == "" {
				t.Errorf("%s lacks %s", c, k)
				continue
			}
			if got, want := fieldsOf(s), fieldsOf(table["en"][k]); got != want {
				t.Errorf("%s %s = %q: fields %q, want %q", c, k, s, got, want)
			}
		}
		if len(table[c]) != len(keys) {
			t.Errorf("%s has %d labels, want %d", c, len(table[c]), len(keys))
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
		{"en"}, {"", "en"}, {"de-CH", "de"}, {"zh-Hant", "zh"}, {"zh-TW", "zh"}, {"pt-BR", "pt"},
		{"ru", "en"}, {"not a tag", "en"}, {"nb", "da"}, {"iw", "he"}, {"ar-EG", "ar"}, {"es-419", "es"},
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

func TestFormatDate(t *testing.T) {
	d := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"en": "28 November 2026", "en-GB": "28 November 2026", "en-US": "November 28, 2026",
		"de": "28. November 2026", "de-AT": "28. November 2026", "fr": "28 novembre 2026",
		"ja": "2026年11月28日", "zh-Hant": "2026年11月28日", "ko": "2026년 11월 28일",
		"es": "28 de noviembre de 2026", "pl": "28 listopada 2026", "ru": "28 November 2026",
	} {
		if got := Match(lang).FormatDate(d); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
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
