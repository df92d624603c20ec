package ast_test

import (
	"testing"
	"unicode"

	"github.com/policyexport/policyexport/internal/ast"
)

// TestSpaceEquivalents pins the five characters every backend writes as
// a space, and that replacing them leaves every other byte, invalid
// UTF-8 included, as it is.
func TestSpaceEquivalents(t *testing.T) {
	var got []rune
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if ast.IsSpaceEquivalent(r) {
			got = append(got, r)
		}
	}
	if want := []rune{'\v', '\f', 0x85, 0x2028, 0x2029}; string(got) != string(want) {
		t.Errorf("space equivalents %U, want %U", got, want)
	}
	for in, want := range map[string]string{
		"":                             "",
		"plain text":                   "plain text",
		"a\vb\fc\u0085d\u2028e\u2029f": "a b c d e f",
		"\xff\v\xc2\u2028\t\n\u00a0":   "\xff \xc2 \t\n\u00a0",
	} {
		if got := ast.ReplaceSpaceEquivalents(in); got != want {
			t.Errorf("ReplaceSpaceEquivalents(%q) = %q, want %q", in, got, want)
		}
	}
}
