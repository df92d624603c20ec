package pdf

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFooterTitle(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"  Privacy\t\nPolicy  ", "Privacy Policy"},
		{strings.Repeat("a", maxFooterTitle), strings.Repeat("a", maxFooterTitle)},
		{strings.Repeat("a", maxFooterTitle+1), strings.Repeat("a", maxFooterTitle) + "…"},
		{strings.Repeat("# ", 100000), strings.Repeat("# ", maxFooterTitle/2)[:maxFooterTitle-1] + "…"},
	} {
		got := shortTitle(tc.in, maxFooterTitle)
		if got != tc.want {
			t.Errorf("shortTitle(%.20q…) = %.40q… (%d runes), want %.40q… (%d runes)", tc.in, got, utf8.RuneCountInString(got), tc.want, utf8.RuneCountInString(tc.want))
		}
	}
}

// TestMargins: nil Margins are the default margins; given Margins are
// used as they are, 0 included (no margin, not the default); a negative
// or NaN margin is an error.
func TestMargins(t *testing.T) {
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.margin != DefaultMargins() {
		t.Errorf("nil Margins: %+v, want the default %+v", r.margin, DefaultMargins())
	}
	for _, m := range []Margins{{}, {Top: 0, Right: 10, Bottom: 0, Left: 30}} {
		r, err := New(Options{Margins: &m})
		if err != nil {
			t.Fatalf("%+v: %v", m, err)
		}
		if r.margin != m {
			t.Errorf("Margins %+v: the renderer uses %+v", m, r.margin)
		}
	}
	for _, m := range []Margins{{Top: -1}, {Left: math.NaN()}} {
		if _, err := New(Options{Margins: &m}); err == nil {
			t.Errorf("Margins %+v: no error", m)
		}
	}
}
