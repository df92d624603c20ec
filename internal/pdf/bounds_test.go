package pdf

import (
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
		got := footerTitle(tc.in)
		if got != tc.want {
			t.Errorf("footerTitle(%.20q…) = %.40q… (%d runes), want %.40q… (%d runes)", tc.in, got, utf8.RuneCountInString(got), tc.want, utf8.RuneCountInString(tc.want))
		}
	}
}
