package fpdfout

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestEncode1252(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"plain ASCII", "plain ASCII", true},
		{"“quoted” – it’s… • €5", "\x93quoted\x94 \x96 it\x92s\x85 \x95 \x805", true},
		{"Zürich\u00a0café", "Z\xfcrich\xa0caf\xe9", true},
		{"◦ nested", "", false},  // not in cp1252
		{"☐ task", "", false},    // not in cp1252
		{"Łódź", "", false},      // Ł is not in cp1252
		{"tab\there", "", false}, // control character
		{"c1 \u0081", "", false}, // C1 control, undefined in cp1252
		{"bad \xff utf8", "", false},
		{"", "", true},
	} {
		got, ok := encode1252(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("encode1252(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestEncodingMapRoundTrips(t *testing.T) {
	n := 0
	for _, ln := range strings.Split(strings.TrimSpace(string(encodingMap())), "\n") {
		var code, r int
		var name string
		if _, err := fmt.Sscanf(ln, "!%x U+%x %s", &code, &r, &name); err != nil {
			t.Fatalf("line %q: %v", ln, err)
		}
		if got := charmap.Windows1252.DecodeByte(byte(code)); got != rune(r) {
			t.Errorf("line %q: cp1252 has %U at %02X", ln, got, code)
		}
		n++
	}
	// 0x20–0xFF less DEL and the five codes cp1252 leaves undefined.
	if n != 224-1-5 {
		t.Errorf("%d codes in the map, want %d", n, 224-1-5)
	}
}

func TestUTF16Text(t *testing.T) {
	if got, want := utf16Text("Aé—"), "\xfe\xff\x00A\x00\xe9\x20\x14"; got != want {
		t.Errorf("utf16Text = %q, want %q", got, want)
	}
}
