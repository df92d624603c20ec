package txt

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// checkFastPaths checks that clean, upper and displayWidth, which skip
// printable ASCII, give for s what their character-by-character paths
// give.
func checkFastPaths(t *testing.T, s string) {
	t.Helper()
	if got, want := clean(s), strings.Map(cleanRune, s); got != want {
		t.Errorf("clean(%q) = %q, want %q", s, got, want)
	}
	if got, want := upper(s), strings.Map(upperRune, s); got != want {
		t.Errorf("upper(%q) = %q, want %q", s, got, want)
	}
	if got, want := displayWidth(s), uniseg.StringWidth(s); got != want {
		t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
	}
}

func FuzzASCIIFastPaths(f *testing.F) {
	for _, s := range []string{"Privacy Policy 1.2", "ıſς ß", "a\tb\r\nc\x00d\xff\x7f~ ", "日本語", "e\u0301", ""} {
		f.Add(s)
	}
	f.Fuzz(checkFastPaths)
}

// TestASCIIFastPaths checks every printable ASCII character alone and all
// of them together.
func TestASCIIFastPaths(t *testing.T) {
	var all strings.Builder
	for c := byte(' '); c <= '~'; c++ {
		checkFastPaths(t, string(c))
		all.WriteByte(c)
	}
	checkFastPaths(t, all.String())
}
