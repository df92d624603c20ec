package render

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// FixedEpoch returns the document date used when nothing else gives one:
// 2000-01-01 00:00 UTC, the same instant on every machine, so that outputs
// stay byte-identical.
func FixedEpoch() time.Time { return time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC) }

// dateLayouts are the forms accepted for --date and the lastUpdated value.
var dateLayouts = [...]string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02",
	"January 2, 2006",
	"2 January 2006",
	"Jan 2, 2006",
	"2 Jan 2006",
}

// DateSource says where a document date came from.
type DateSource string

// The places a document date can come from, in order of precedence.
const (
	DateFlag        DateSource = "--date"
	DateEnv         DateSource = "SOURCE_DATE_EPOCH"
	DateLastUpdated DateSource = "lastUpdated"
	DateEpoch       DateSource = "fixed epoch"
)

// DocumentDate decides the date written into outputs that record one (the
// PDF's creation and modification dates). It never reads the clock: the
// date comes from flag (--date), else sourceDateEpoch (the
// SOURCE_DATE_EPOCH variable, seconds since 1970), else the lastUpdated
// value when it parses as a date, else FixedEpoch(). The result is in UTC.
func DocumentDate(flag, sourceDateEpoch, lastUpdated string) (time.Time, DateSource, error) {
	if flag != "" {
		t, err := ParseDate(flag)
		if err != nil {
			return time.Time{}, "", fmt.Errorf("--date: %w", err)
		}
		return t, DateFlag, nil
	}
	if s := strings.TrimSpace(sourceDateEpoch); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return time.Time{}, "", fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a whole number of seconds since 1970", sourceDateEpoch)
		}
		return time.Unix(n, 0).UTC(), DateEnv, nil
	}
	if t, err := ParseDate(lastUpdated); err == nil {
		return t, DateLastUpdated, nil
	}
	return FixedEpoch(), DateEpoch, nil
}

// ParseDate parses s in one of the accepted forms (RFC 3339, 2006-01-02,
// "January 2, 2006", ...). A date without a zone is taken as UTC.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (use 2006-01-02 or RFC 3339)", s)
}
