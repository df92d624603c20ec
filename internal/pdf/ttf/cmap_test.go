package ttf_test

import (
	"testing"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

// TestWithCmap: a font whose cmap is cut to the Hebrew block and given
// a private-use code for the glyph of א maps exactly those, with the
// glyphs' widths, and fpdf still reads it.
func TestWithCmap(t *testing.T) {
	data := fonts.Fallbacks()[1].Data // DejaVu Sans
	m, err := ttf.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := ttf.Mappings(data, func(c rune) bool { return c >= 0x0590 && c <= 0x05FF })
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 27 {
		t.Fatalf("%d Hebrew mappings", len(ms))
	}
	var alef uint16
	for _, x := range ms {
		if x.Code == 'א' {
			alef = x.GID
		}
	}
	out, err := ttf.WithCmap(data, append(ms, ttf.Mapping{Code: 0xE000, GID: alef}))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ttf.Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if runes := got.Runes(); len(runes) != len(ms)+1 {
		t.Errorf("%d characters mapped, want %d", len(runes), len(ms)+1)
	}
	if got.Has('a') || !got.Has('ש') || got.Advance('ש') != m.Advance('ש') {
		t.Errorf("Latin kept or Hebrew lost: a %v, ש %v (%d, want %d)", got.Has('a'), got.Has('ש'), got.Advance('ש'), m.Advance('ש'))
	}
	if got.Advance(0xE000) != m.Advance('א') {
		t.Errorf("U+E000 is %d wide, want א's %d", got.Advance(0xE000), m.Advance('א'))
	}
	if err := fpdfout.CheckFont(out); err != nil {
		t.Error(err)
	}
	if _, err := ttf.WithCmap(data, []ttf.Mapping{{Code: 'b', GID: 1}, {Code: 'a', GID: 2}}); err == nil {
		t.Error("entries out of order accepted")
	}
}
