package l10n

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-playground/locales"
	"github.com/go-playground/locales/ar"
	"github.com/go-playground/locales/cs"
	"github.com/go-playground/locales/da"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/el"
	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/en_001"
	"github.com/go-playground/locales/es"
	"github.com/go-playground/locales/fa"
	"github.com/go-playground/locales/fi"
	"github.com/go-playground/locales/fr"
	"github.com/go-playground/locales/he"
	"github.com/go-playground/locales/hi"
	"github.com/go-playground/locales/hu"
	"github.com/go-playground/locales/it"
	"github.com/go-playground/locales/ja"
	"github.com/go-playground/locales/ko"
	"github.com/go-playground/locales/nb"
	"github.com/go-playground/locales/nl"
	"github.com/go-playground/locales/pl"
	"github.com/go-playground/locales/pt"
	"github.com/go-playground/locales/ro"
	"github.com/go-playground/locales/ru"
	"github.com/go-playground/locales/sv"
	"github.com/go-playground/locales/tr"
	"github.com/go-playground/locales/uk"
	"github.com/go-playground/locales/zh"
	"github.com/go-playground/locales/zh_Hant"
	"golang.org/x/text/language"
)

// dateLocales make the CLDR locale whose long date format each built-in
// language writes; read only. English is CLDR's en-001 (international
// English, "28 November 2026") except for the United States and the
// regions that follow its usage (see usEnglish).
var dateLocales = map[string]func() locales.Translator{
	"en": en_001.New, "de": de.New, "fr": fr.New, "es": es.New, "it": it.New, "nl": nl.New,
	"pt": pt.New, "pl": pl.New, "sv": sv.New, "da": da.New, "ja": ja.New, "zh": zh.New,
	"ko": ko.New, "ar": ar.New, "he": he.New, "hi": hi.New, "ru": ru.New, "uk": uk.New, "cs": cs.New,
	"tr": tr.New, "el": el.New, "fi": fi.New, "hu": hu.New, "ro": ro.New, "nb": nb.New,
	"fa": fa.New, "zh-Hant": zh_Hant.New,
}

// usEnglish are the regions whose English CLDR gives the United States'
// date format ("November 28, 2026"): en-US and the CLDR locales that
// inherit from en rather than en-001.
var usEnglish = map[string]bool{"US": true, "AS": true, "GU": true, "MH": true, "MP": true, "PR": true, "UM": true, "VI": true}

// dateLayouts are the forms ParseDate accepts.
var dateLayouts = [...]string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02",
	"January 2, 2006",
	"2 January 2006",
	"Jan 2, 2006",
	"2 Jan 2006",
}

// ParseDate parses s in one of the accepted forms (RFC 3339, 2006-01-02,
// "January 2, 2006", ...), spaces around it ignored. The time keeps the
// offset written in s, so that its calendar day is the day as written
// (2026-11-28T01:30:00+09:00 is 28 November, although it is 27 November
// in UTC); a date without an offset is taken as UTC. A caller that wants
// an instant in UTC converts it (render.DocumentDate does).
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	if hint := numericDateHint(s); hint != "" {
		return time.Time{}, fmt.Errorf("%q is not a date (use 2006-01-02 or RFC 3339): write %s", s, hint)
	}
	return time.Time{}, fmt.Errorf("%q is not a date (use 2006-01-02 or RFC 3339)", s)
}

// numericDateHint says how to write s, a date in figures with the day
// or month first as most of Europe (01.12.2026, 1/12/2026) or the
// United States (12/1/2026) write it, in the form ParseDate reads:
// "2026-12-01" for a date with dots, which is written day first; for
// one with slashes or hyphens, either reading that is a date, both when
// they differ ("2026-12-01 (1 December) or 2026-01-12 (12 January)").
// It is "" for anything else.
func numericDateHint(s string) string {
	var sep byte
	for _, c := range []byte{'.', '/', '-'} {
		if strings.Count(s, string(c)) == 2 {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	parts := strings.Split(s, string(sep))
	if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || len(parts[2]) != 4 {
		return ""
	}
	var n [3]int
	for i, p := range parts {
		if p == "" {
			return ""
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return ""
			}
			n[i] = n[i]*10 + int(c-'0')
		}
	}
	iso := func(day, month int) (string, string) {
		t := time.Date(n[2], time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if month < 1 || month > 12 || day < 1 || t.Day() != day {
			return "", ""
		}
		return t.Format("2006-01-02"), t.Format("2 January")
	}
	dayFirst, dayFirstName := iso(n[0], n[1])
	if sep == '.' {
		return dayFirst
	}
	monthFirst, monthFirstName := iso(n[1], n[0])
	switch {
	case dayFirst == "" || dayFirst == monthFirst:
		return monthFirst
	case monthFirst == "":
		return dayFirst
	}
	return fmt.Sprintf("%s (%s) or %s (%s)", dayFirst, dayFirstName, monthFirst, monthFirstName)
}

// FormatDate writes t's calendar day, in t's own location (the offset
// ParseDate kept), as l writes a long date, from
// CLDR: "28 November 2026", "28. November 2026", "28 novembre 2026"
// (the first of the month "1er décembre 2026", as French writes it),
// "2026年11月28日". Digits are ASCII in every language, as
// github.com/go-playground/locales writes them: Persian too, whose CLDR
// default is Persian digits (۲۸); its labels' numbers, page numbers
// among them, are ASCII too, so that the fixed text has one kind of
// digit.
func (l Lang) FormatDate(t time.Time) string {
	code := l.Code()
	if code == "en" {
		if r, conf := l.tag.Region(); conf == language.Exact && usEnglish[r.String()] {
			return en.New().FmtDateLong(t)
		}
	}
	date := dateLocales[code]().FmtDateLong(t)
	if code == "fr" && t.Day() == 1 {
		// French writes the first day of a month as an ordinal, "1er
		// décembre 2026" (premier), and every other day as a number:
		// the Imprimerie nationale's rule, which the Journal officiel
		// and French contracts follow. CLDR's "d MMMM y" has no
		// ordinal, and "en vigueur à partir du 1 décembre" reads as a
		// slip to a French reader.
		if rest, ok := strings.CutPrefix(date, "1 "); ok {
			date = "1er " + rest
		}
	}
	return date
}
