package pdf

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// FuzzASCIIWords checks addSpan's printable ASCII path (addASCII)
// against the Scanner's (addScanned): three spans, each in one of a few
// styles (so that runs join across spans or not), with a hard break
// between some, give the same words, runs, widths and spaces, or the same
// error. The seeds put ASCII beside Chinese (a break before or after the
// span is decided across it), beside shaped Devanagari (whose face draws
// the digits that follow) and beside no-break and other spaces.
func FuzzASCIIWords(f *testing.F) {
	for _, seed := range []struct {
		a, b, c string
		st      uint16
	}{
		{"Hello, world", " and more", "text.", 0},
		{"bold", "er and", " plain", 0x012},
		{"中文", "abc def", "。", 0x000},
		{"中", "abc", "文", 0x111},
		{"", "  x  ", "", 0x020},
		{"हिन्दी", "123 abc", "", 0x000},
		{"हिन्दी", "(1)", "", 0x100},
		{"a\u00a0b", "c d", "e\u3000f", 0x042},
		{"https://example.com/a-very-long/path?q=1&r=2", "#frag", " x", 0x444},
		{"x", "", "y", 0x000},
		{"\u200b", "ab", "\u200bcd", 0x000},
		{"trailing ", " lead", " ", 0x222},
		{"", "see (", "中文)", 0x000},
	} {
		f.Add(seed.a, seed.b, seed.c, seed.st)
	}
	var fonts [][]byte
	if font, ok := validate.OptionalFile(f, DroidFont, "fonts-droid-fallback"); ok {
		fonts = append(fonts, font)
	}
	r, err := New(Options{Fonts: fonts})
	if err != nil {
		f.Fatal(err)
	}
	styles := []style{
		{size: 10, color: colorText},
		{size: 10, color: colorText, bold: true},
		{size: 10, color: colorText, mono: true},
		{size: 8, color: colorLink, italic: true, link: "https://example.com"},
	}
	f.Fuzz(func(t *testing.T, a, b, c string, st uint16) {
		var spans []span
		for i, text := range []string{a, b, c} {
			bits := st >> (4 * i)
			if i > 0 && bits&4 != 0 {
				spans = append(spans, span{brk: true})
			}
			spans = append(spans, span{text: text, st: styles[bits&3]})
		}
		fast, scanned := wordBuilder{r: r}, wordBuilder{r: r}
		var errFast, errScanned error
		for _, s := range spans {
			if errFast == nil {
				errFast = fast.addSpan(s)
			}
			if errScanned == nil {
				if s.brk {
					errScanned = scanned.addSpan(s)
				} else {
					errScanned = scanned.addScanned(s)
				}
			}
		}
		if fmt.Sprint(errFast) != fmt.Sprint(errScanned) {
			t.Fatalf("%q %q %q %#x: addSpan: %v, addScanned: %v", a, b, c, st, errFast, errScanned)
		}
		if errFast != nil {
			return
		}
		got, want := fast.finish(), scanned.finish()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q %q %q %#x:\naddSpan:    %+v\naddScanned: %+v", a, b, c, st, got, want)
		}
	})
}
