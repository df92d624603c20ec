package render

import (
	"testing"
	"time"
)

func TestDocumentDatePrecedence(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name                   string
		flag, epoch, lastUpdat string
		want                   time.Time
		src                    DateSource
	}{
		{"flag wins", "2025-01-02", "86400", "2026-11-28", day(2025, 1, 2), DateFlag},
		{"SOURCE_DATE_EPOCH next", "", "86400", "2026-11-28", day(1970, 1, 2), DateEnv},
		{"lastUpdated next", "", "", "2026-11-28", day(2026, 11, 28), DateLastUpdated},
		{"lastUpdated in words", "", "", "November 28, 2026", day(2026, 11, 28), DateLastUpdated},
		{"fixed epoch last", "", "", "soon", FixedEpoch(), DateEpoch},
		{"zone converted to UTC", "2026-11-28T01:00:00+02:00", "", "", time.Date(2026, 11, 27, 23, 0, 0, 0, time.UTC), DateFlag},
	} {
		got, src, err := DocumentDate(tc.flag, tc.epoch, tc.lastUpdat)
		if err != nil || !got.Equal(tc.want) || src != tc.src || got.Location() != time.UTC {
			t.Errorf("%s: DocumentDate = %v, %s, %v; want %v, %s", tc.name, got, src, err, tc.want, tc.src)
		}
	}
	for _, bad := range [][2]string{{"yesterday", ""}, {"", "-5"}, {"", "soon"}} {
		if _, _, err := DocumentDate(bad[0], bad[1], ""); err == nil {
			t.Errorf("DocumentDate(%q, %q) accepted a bad date", bad[0], bad[1])
		}
	}
}
