package shape_test

import (
	"testing"
	"unicode/utf8"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/shape"
)

func devanagari(t testing.TB) *shape.Font {
	t.Helper()
	f, err := shape.Parse(fonts.Scripts()[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestConjunctAndMatra: क्ष is one glyph that no character maps to, and
// the short-i sign ि comes before its consonant, in one cluster with it.
func TestConjunctAndMatra(t *testing.T) {
	f := devanagari(t)
	gs := f.Shape("क्ष", shape.LeftToRight, "")
	if len(gs) != 1 || gs[0].Start != 0 || gs[0].End != len("क्ष") {
		t.Fatalf("क्ष: %+v, want one glyph for all of it", gs)
	}
	for _, c := range "क्ष" {
		if g, _ := f.Glyph(c); g == gs[0].GID {
			t.Errorf("क्ष's glyph is %U's", c)
		}
	}
	gs = f.Shape("कि", shape.LeftToRight, "")
	ki, _ := f.Glyph('क')
	if len(gs) != 2 || gs[1].GID != ki || gs[0].Start != 0 || gs[1].Start != 0 || gs[0].End != len("कि") {
		t.Fatalf("कि: %+v, want ि then क, one cluster", gs)
	}
}

// FuzzShape: any text gives glyphs whose clusters are whole characters
// inside the text (for valid UTF-8, which is all the layout shapes).
func FuzzShape(f *testing.F) {
	font := devanagari(f)
	for _, s := range []string{"क्षत्रिय श्री", "किताब", "a\u200dक्\u200cष", "\xff", "", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, g := range font.Shape(s, shape.LeftToRight, "hi") {
			if g.Start < 0 || g.End > len(s) || g.Start >= g.End && len(s) > 0 {
				t.Fatalf("%q: cluster %d–%d", s, g.Start, g.End)
			}
			if utf8.ValidString(s) && (g.Start < len(s) && !utf8.RuneStart(s[g.Start]) || g.End < len(s) && !utf8.RuneStart(s[g.End])) {
				t.Fatalf("%q: cluster %d–%d cuts a character", s, g.Start, g.End)
			}
		}
	})
}
