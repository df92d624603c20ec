package render

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/policyexport/policyexport/internal/ast"
)

func TestDocumentDatePrecedence(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		in   DateInputs
		want time.Time
		src  DateSource
	}{
		{"flag wins", DateInputs{Flag: "2025-01-02", SourceDateEpoch: "86400", FrontMatter: "2024-05-06", LastUpdated: "2026-11-28"}, day(2025, 1, 2), DateFlag},
		{"SOURCE_DATE_EPOCH next", DateInputs{SourceDateEpoch: "86400", FrontMatter: "2024-05-06", LastUpdated: "2026-11-28"}, day(1970, 1, 2), DateEnv},
		{"front matter date next", DateInputs{FrontMatter: "2024-05-06", LastUpdated: "2026-11-28"}, day(2024, 5, 6), DateFrontMatter},
		{"front matter date in words", DateInputs{FrontMatter: "6 May 2024"}, day(2024, 5, 6), DateFrontMatter},
		{"blank front matter date is none", DateInputs{FrontMatter: "  ", LastUpdated: "2026-11-28"}, day(2026, 11, 28), DateLastUpdated},
		{"lastUpdated next", DateInputs{LastUpdated: "2026-11-28"}, day(2026, 11, 28), DateLastUpdated},
		{"lastUpdated in words", DateInputs{LastUpdated: "November 28, 2026"}, day(2026, 11, 28), DateLastUpdated},
		{"lastUpdated not a date is skipped", DateInputs{LastUpdated: "soon"}, FixedEpoch(), DateEpoch},
		{"fixed epoch last", DateInputs{}, FixedEpoch(), DateEpoch},
		{"zone converted to UTC", DateInputs{Flag: "2026-11-28T01:00:00+02:00"}, time.Date(2026, 11, 27, 23, 0, 0, 0, time.UTC), DateFlag},
		{"front matter zone converted to UTC", DateInputs{FrontMatter: "2026-11-28T01:30:00+09:00"}, time.Date(2026, 11, 27, 16, 30, 0, 0, time.UTC), DateFrontMatter},
		{"lastUpdated zone converted to UTC", DateInputs{LastUpdated: "2026-11-28T01:30:00+09:00"}, time.Date(2026, 11, 27, 16, 30, 0, 0, time.UTC), DateLastUpdated},
	} {
		got, src, err := DocumentDate(tc.in)
		if err != nil || !got.Equal(tc.want) || src != tc.src || got.Location() != time.UTC {
			t.Errorf("%s: DocumentDate = %v, %s, %v; want %v, %s", tc.name, got, src, err, tc.want, tc.src)
		}
	}
	for _, bad := range []DateInputs{{Flag: "yesterday"}, {SourceDateEpoch: "-5"}, {SourceDateEpoch: "soon"}} {
		if _, _, err := DocumentDate(bad); err == nil {
			t.Errorf("DocumentDate(%+v) accepted a bad date", bad)
		}
	}
}

// TestDocumentDateRange: a date must fit a PDF date's four-digit year.
// An epoch past 9999-12-31T23:59:59Z is an error that names
// SOURCE_DATE_EPOCH (not --date, which was not given), and so is a
// Fixed date out of range; the last second itself is fine.
func TestDocumentDateRange(t *testing.T) {
	got, src, err := DocumentDate(DateInputs{SourceDateEpoch: "253402300799"})
	if err != nil || !got.Equal(LastDate()) || src != DateEnv {
		t.Errorf("the last second: %v, %s, %v", got, src, err)
	}
	for _, epoch := range []string{"253402300800", "99999999999999999999"} {
		_, _, err := DocumentDate(DateInputs{SourceDateEpoch: epoch})
		if want := `SOURCE_DATE_EPOCH="` + epoch + `": want a whole number of seconds since 1970, from 0 to 253402300799`; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("SOURCE_DATE_EPOCH=%s: %v, want %s…", epoch, err, want)
		}
	}
	fixed := time.Date(2025, 1, 2, 3, 4, 5, 0, time.FixedZone("", 3600))
	if got, src, err := DocumentDate(DateInputs{Fixed: &fixed, Flag: "2020-01-01", SourceDateEpoch: "86400"}); err != nil || !got.Equal(fixed) || got.Location() != time.UTC || src != DateFixed {
		t.Errorf("Fixed: %v, %s, %v; want %v in UTC", got, src, err, fixed)
	}
	for _, bad := range []time.Time{LastDate().Add(time.Second), time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC)} {
		if _, _, err := DocumentDate(DateInputs{Fixed: &bad}); err == nil || strings.Contains(err.Error(), "--date") {
			t.Errorf("Fixed %v: %v, want an error that does not blame --date", bad, err)
		}
	}
	// --date, the front matter and lastUpdated (when it is the date
	// used) are held to the same years, in UTC: a year 0 or 10000 was
	// written as a PDF date (D:00000601…, or D:10000101… that readers
	// take for the year 1000).
	for _, tc := range []struct {
		in   DateInputs
		want string
	}{
		{DateInputs{Flag: "0000-12-31"}, "--date: the year 0 is outside 1 to 9999"},
		{DateInputs{Flag: "0001-01-01T00:00:00+01:00"}, "--date: 0001-01-01T00:00:00+01:00 is in the year 0 in UTC"},
		{DateInputs{FrontMatter: "9999-12-31T23:00:00-05:00", FrontMatterPos: ast.Pos{Line: 2, Col: 7}}, "2:7: front matter date: 9999-12-31T23:00:00-05:00 is in the year 10000 in UTC"},
		{DateInputs{FrontMatter: "0000-06-01", Flag: "2020-01-01"}, "front matter date: the year 0 is outside 1 to 9999"},
		{DateInputs{LastUpdated: "0000-05-05"}, `lastUpdated "0000-05-05": the year 0 is outside 1 to 9999`},
	} {
		if _, _, err := DocumentDate(tc.in); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %s…", tc.in, err, tc.want)
		}
	}
	if got, src, err := DocumentDate(DateInputs{Flag: "2020-01-01", LastUpdated: "0000-05-05"}); err != nil || src != DateFlag || got.Year() != 2020 {
		t.Errorf("--date over a lastUpdated of the year 0: %v, %s, %v", got, src, err)
	}
	// 0001-01-01 is the zero time.Time and a date: given as Fixed, by
	// --date, in the front matter or as lastUpdated, it wins as any
	// other date would (it was taken for "no date").
	year1 := time.Time{}
	for _, in := range []DateInputs{
		{Fixed: &year1, Flag: "2020-01-01"},
		{Flag: "0001-01-01", FrontMatter: "2020-01-01"},
		{FrontMatter: "0001-01-01", LastUpdated: "2020-01-01"},
		{LastUpdated: "0001-01-01"},
	} {
		if got, src, err := DocumentDate(in); err != nil || !got.Equal(year1) || src == DateEpoch {
			t.Errorf("%+v: %v, %s, %v; want 0001-01-01", in, got, src, err)
		}
	}
}

// TestDocumentDateFrontMatterError checks that a front matter date that
// is not a date is an error at its place, even when --date or
// SOURCE_DATE_EPOCH would win.
func TestDocumentDateFrontMatterError(t *testing.T) {
	pos := ast.Pos{Line: 3, Col: 7}
	for _, in := range []DateInputs{
		{FrontMatter: "next Tuesday", FrontMatterPos: pos, LastUpdated: "2026-11-28"},
		{Flag: "2025-01-02", FrontMatter: "next Tuesday", FrontMatterPos: pos},
		{SourceDateEpoch: "86400", FrontMatter: "next Tuesday", FrontMatterPos: pos},
	} {
		_, _, err := DocumentDate(in)
		var de *DateError
		if !errors.As(err, &de) || de.Position() != pos {
			t.Errorf("DocumentDate(%+v) = %v, want a DateError at 3:7", in, err)
			continue
		}
		if want := `3:7: front matter date: "next Tuesday" is not a date (use 2006-01-02 or RFC 3339)`; err.Error() != want {
			t.Errorf("error %q, want %q", err, want)
		}
	}
	if _, _, err := DocumentDate(DateInputs{Flag: "yesterday", FrontMatter: "next Tuesday"}); err == nil || !strings.HasPrefix(err.Error(), "--date:") {
		t.Errorf("a bad --date and a bad front matter date: %v, want the --date error first", err)
	}
}
