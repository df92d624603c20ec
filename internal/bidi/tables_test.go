package bidi

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// The generated tables must be sorted for the binary searches in ucd.go.
func TestTablesSorted(t *testing.T) {
	for i := 1; i < len(joiningRanges); i++ {
		if joiningRanges[i].lo <= joiningRanges[i-1].hi {
			t.Errorf("joiningRanges not sorted at %d", i)
		}
	}
	for i := 1; i < len(presentationForms); i++ {
		if presentationForms[i].base <= presentationForms[i-1].base {
			t.Errorf("presentationForms not sorted at %d", i)
		}
	}
	for i := 1; i < len(mirrorGlyphs); i++ {
		if mirrorGlyphs[i].r <= mirrorGlyphs[i-1].r {
			t.Errorf("mirrorGlyphs not sorted at %d", i)
		}
	}
	for i := 1; i < len(pairedBrackets); i++ {
		if pairedBrackets[i].r <= pairedBrackets[i-1].r {
			t.Errorf("pairedBrackets not sorted at %d", i)
		}
	}
}

// Every presentation form must decompose (NFKC) to its letter, and every
// letter with forms must lie in U+0600–U+06FF, which needsShaping relies on.
func TestPresentationForms(t *testing.T) {
	for _, f := range presentationForms {
		if f.base < 0x0600 || f.base > 0x06FF {
			t.Errorf("U+%04X has presentation forms but lies outside U+0600–U+06FF", f.base)
		}
		for k, r := range f.forms {
			if r == 0 {
				continue
			}
			if got, want := norm.NFKC.String(string(r)), norm.NFKC.String(string(f.base)); got != want {
				t.Errorf("form %d of U+%04X is U+%04X, whose NFKC is %+q, want %+q", k, f.base, r, got, want)
			}
		}
		if f.forms[formIsolated] == 0 && joiningTypeOf(f.base) != joinU {
			t.Errorf("U+%04X lacks an isolated form", f.base)
		}
		if jt := joiningTypeOf(f.base); jt == joinD && (f.forms[formInitial] == 0 || f.forms[formMedial] == 0) {
			t.Logf("dual-joining U+%04X lacks initial or medial form", f.base)
		}
	}
	if len(lamAlefLigatures) != 4 {
		t.Errorf("%d lam-alef ligatures, want 4", len(lamAlefLigatures))
	}
	for _, l := range lamAlefLigatures {
		want := "\u0644" + string(l.second)
		for _, r := range []rune{l.isolated, l.final} {
			if got := norm.NFKC.String(string(r)); got != want {
				t.Errorf("ligature U+%04X: NFKC %+q, want %+q", r, got, want)
			}
		}
	}
}

func TestJoiningTypes(t *testing.T) {
	tests := []struct {
		r    rune
		want joiningType
	}{
		{' ', joinU}, {'a', joinU}, {0x0621, joinU}, {0x0627, joinR}, {0x0628, joinD},
		{0x0629, joinR}, {0x0644, joinD}, {0x064E, joinT}, {0x0670, joinT},
		{0x0640, joinC}, {0x200D, joinC}, {0x200C, joinU}, {0x06CC, joinD},
		{0x0301, joinT}, {0x05D0, joinU}, {0x10FFFF, joinU},
	}
	for _, tc := range tests {
		if got := joiningTypeOf(tc.r); got != tc.want {
			t.Errorf("joiningTypeOf(U+%04X) = %d, want %d", tc.r, got, tc.want)
		}
	}
}

func TestMirrorsAndBrackets(t *testing.T) {
	for _, p := range [][2]rune{{'(', ')'}, {')', '('}, {'[', ']'}, {'{', '}'}, {'<', '>'}, {'«', '»'}, {'»', '«'}, {'a', 'a'}, {0x05D0, 0x05D0}} {
		if got := mirrorOf(p[0]); got != p[1] {
			t.Errorf("mirrorOf(%q) = %q, want %q", p[0], got, p[1])
		}
	}
	for _, b := range pairedBrackets {
		c := bracketOf(b.pair)
		if c == nil || c.pair != b.r || c.open == b.open {
			t.Errorf("bracket U+%04X: counterpart U+%04X does not pair back", b.r, b.pair)
		}
	}
	if o, c := bracketInfoOf(0x2329), bracketInfoOf(0x3009); o.kind != openBracket || c.kind != closeBracket || o.id != c.id {
		t.Errorf("U+2329 and U+3009 do not pair (canonical equivalence): %+v %+v", o, c)
	}
}
