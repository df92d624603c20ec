package pdf

import (
	"strings"
	"testing"
	"unicode"
)

// TestShapedScriptsAreUnicodeScripts: every entry of shapedScripts is
// the script of the standard library that its name says (no table
// paired with the wrong name), and shapedScript finds each by a
// character of it.
func TestShapedScriptsAreUnicodeScripts(t *testing.T) {
	for _, s := range shapedScripts {
		key := strings.NewReplacer(" ", "_", "'", "", "-", "_").Replace(s.name)
		if key == "NKo" {
			key = "Nko"
		}
		if key == "Phags_pa" {
			key = "Phags_Pa"
		}
		if key == "Pointed_Hebrew" {
			for _, c := range "\u0591\u05b0\u05b8\u05bc\u05c1\u05c2\u05c7\ufb1e" {
				if shapedScript(c) != "" || !isShaped(c) || !needsShaper(c) {
					t.Errorf("Hebrew point %U: refused as %q, shaped %v", c, shapedScript(c), isShaped(c))
				}
			}
			continue
		}
		if key == "Pointed_Arabic" {
			// Harakat, tanwin, shadda, sukun, superscript alef,
			// Quranic marks: drawn shaped with their letters.
			for _, c := range "\u064b\u064e\u0650\u0651\u0652\u0670\u06d6\u08f0" {
				if shapedScript(c) != "" || !isShaped(c) || !needsShaper(c) {
					t.Errorf("Arabic mark %U: refused as %q, shaped %v", c, shapedScript(c), isShaped(c))
				}
			}
			for _, c := range "\u0627\u0644\ufefb\u0660" {
				if isShaped(c) {
					t.Errorf("Arabic %U: shaped; only marks are", c)
				}
			}
			continue
		}
		if unicode.Scripts[key] != s.table {
			t.Errorf("%s: table is not unicode.Scripts[%q]", s.name, key)
			continue
		}
		var lo rune
		if len(s.table.R16) > 0 {
			lo = rune(s.table.R16[0].Lo)
		} else {
			lo = rune(s.table.R32[0].Lo)
		}
		want := s.name
		if s.shaped {
			want = ""
		}
		if got := shapedScript(lo); got != want {
			t.Errorf("shapedScript(%U) = %q, want %q", lo, got, want)
		}
		if isShaped(lo) != s.shaped {
			t.Errorf("isShaped(%U) = %v, want %v", lo, !s.shaped, s.shaped)
		}
	}
	for _, c := range "aé€Ωж漢字かなカナ한글עברית\u05be\u05c3عربي\u064b\u0964" {
		if got := shapedScript(c); got != "" {
			t.Errorf("shapedScript(%U %c) = %q, want none", c, c, got)
		}
	}
}

// TestFirstShaped: no table of shapedScripts has a character below
// firstShaped, which faceFor, shapedScript and needsShaper take for the
// first that needs shaping; and it is one.
func TestFirstShaped(t *testing.T) {
	for _, table := range []*unicode.RangeTable{needShaping, shapedTable} {
		lo := rune(unicode.MaxRune)
		if len(table.R16) > 0 {
			lo = rune(table.R16[0].Lo)
		} else if len(table.R32) > 0 {
			lo = rune(table.R32[0].Lo)
		}
		if lo < firstShaped {
			t.Errorf("a script of shapedScripts starts at %U, below firstShaped %U", lo, firstShaped)
		}
	}
	if !needsShaper(firstShaped) {
		t.Errorf("firstShaped %U needs no shaper", firstShaped)
	}
}
