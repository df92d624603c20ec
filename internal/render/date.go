package render

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// FixedEpoch returns the document date used when nothing else gives one:
// 2000-01-01 00:00 UTC, the same instant on every machine, so that outputs
// stay byte-identical.
func FixedEpoch() time.Time { return time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC) }

// DateSource says where a document date came from.
type DateSource string

// The places a document date can come from, in order of precedence.
const (
	DateFixed       DateSource = "the caller's date"
	DateFlag        DateSource = "--date"
	DateEnv         DateSource = "SOURCE_DATE_EPOCH"
	DateFrontMatter DateSource = "front matter date"
	DateLastUpdated DateSource = "lastUpdated"
	DateEpoch       DateSource = "fixed epoch"
)

// LastDate is the latest document date outputs can hold: PDF and XMP
// dates have four digits for the year.
func LastDate() time.Time { return time.Date(9999, time.December, 31, 23, 59, 59, 0, time.UTC) }

// DateInputs are the places a document date can come from, strongest
// first; an empty string is "not given".
type DateInputs struct {
	// Fixed, when not nil, is a date the caller has decided (the
	// library's Options.Date, which the command sets from --date or
	// SOURCE_DATE_EPOCH); it wins over every other source. It must lie
	// in the years 1 to 9999. It is a pointer because 0001-01-01, the
	// zero time.Time, is a date a PDF can hold.
	Fixed *time.Time
	// Flag is the --date value.
	Flag string
	// SourceDateEpoch is the SOURCE_DATE_EPOCH variable, seconds since
	// 1970.
	SourceDateEpoch string
	// FrontMatter is the template's front matter "date:", placeholders
	// filled (ast.Meta.Date), and FrontMatterPos where it is written
	// (template.FrontMatter.DatePos).
	FrontMatter    string
	FrontMatterPos ast.Pos
	// LastUpdated is the lastUpdated value.
	LastUpdated string
}

// DateError is a front matter date that is not a date. Its Pos is where
// the date is written in the front matter, so that the caller can name
// the file: "FILE:3:7: front matter date: ...".
type DateError struct {
	srcerr.At
	// Err says why it is not a date.
	Err error
}

// Error formats the error as "3:7: front matter date: "soon" is not a
// date (use 2006-01-02 or RFC 3339)".
func (e *DateError) Error() string {
	return e.Prefix() + "front matter date: " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *DateError) Unwrap() error { return e.Err }

// DocumentDate decides the date written into outputs that record one (the
// PDF's creation and modification dates). It never reads the clock: the
// date comes from in.Fixed, else in.Flag (--date), else in.SourceDateEpoch, else the
// front matter's date, else the lastUpdated value when it parses as a
// date, else FixedEpoch(). The result is in UTC.
//
// A front matter date that does not parse is a *DateError even when a
// stronger source wins, so that a template fails or passes the same way
// on every machine and in every CI job. A lastUpdated value is free
// text ("Winter 2026") and is used only when it is a date.
func DocumentDate(in DateInputs) (time.Time, DateSource, error) {
	// Every source given is checked, strongest first, before one is
	// picked.
	type candidate struct {
		t   time.Time
		src DateSource
	}
	var found []candidate
	if in.Fixed != nil {
		if err := checkYear(*in.Fixed); err != nil {
			return time.Time{}, "", fmt.Errorf("date %s: %w", in.Fixed.UTC().Format(time.RFC3339), err)
		}
		found = append(found, candidate{in.Fixed.UTC(), DateFixed})
	}
	if in.Flag != "" {
		t, err := l10n.ParseDate(in.Flag)
		if err == nil {
			err = checkYear(t)
		}
		if err != nil {
			return time.Time{}, "", fmt.Errorf("--date: %w", err)
		}
		found = append(found, candidate{t.UTC(), DateFlag})
	}
	if s := strings.TrimSpace(in.SourceDateEpoch); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || n > LastDate().Unix() {
			// A number past the last date (or past int64) gets the same
			// message as one that is not a number: the range is the fix.
			return time.Time{}, "", fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a whole number of seconds since 1970, from 0 to %d (%s, the last date a PDF can hold)",
				in.SourceDateEpoch, LastDate().Unix(), LastDate().Format(time.RFC3339))
		}
		found = append(found, candidate{time.Unix(n, 0).UTC(), DateEnv})
	}
	if strings.TrimSpace(in.FrontMatter) != "" {
		t, err := l10n.ParseDate(in.FrontMatter)
		if err == nil {
			err = checkYear(t)
		}
		if err != nil {
			return time.Time{}, "", &DateError{At: srcerr.At{Pos: in.FrontMatterPos}, Err: err}
		}
		found = append(found, candidate{t.UTC(), DateFrontMatter})
	}
	if t, err := l10n.ParseDate(in.LastUpdated); err == nil {
		// A value, not a date of the template: checked only when it is
		// the one used.
		if err := checkYear(t); err != nil && len(found) == 0 {
			return time.Time{}, "", fmt.Errorf("lastUpdated %q: %w", in.LastUpdated, err)
		}
		if err == nil {
			found = append(found, candidate{t.UTC(), DateLastUpdated})
		}
	}
	if len(found) == 0 {
		return FixedEpoch(), DateEpoch, nil
	}
	return found[0].t, found[0].src, nil
}

// checkYear refuses a date whose year a PDF date cannot write: before
// the year 1 or after 9999, in UTC, as the PDF has it
// (0001-01-01T00:00:00+01:00 is in the year 0).
func checkYear(t time.Time) error {
	if y := t.UTC().Year(); y < 1 || t.After(LastDate()) {
		if t.Year() != y {
			return fmt.Errorf("%s is in the year %d in UTC, outside 1 to 9999, the years a PDF date can hold", t.Format(time.RFC3339), y)
		}
		return fmt.Errorf("the year %d is outside 1 to 9999, the years a PDF date can hold", y)
	}
	return nil
}
