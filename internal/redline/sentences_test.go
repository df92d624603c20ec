package redline

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// TestNormalParagraphWordByWord checks that a pair of paragraphs within
// wordBudget, 900 words each with their full stops (the seed's longest
// has 87), is aligned word by word as it was before long paragraphs were
// aligned by sentences, and that one of 1,000 words is not.
func TestNormalParagraphWordByWord(t *testing.T) {
	for _, n := range []int{10, 200, 900, 1000} {
		rng := rand.New(rand.NewPCG(uint64(n), 3))
		var a, b []ast.Inline
		for i := range n {
			sp := " "
			if i == 0 {
				sp = ""
			}
			w := fmt.Sprintf("w%d", rng.IntN(40))
			if rng.IntN(8) == 0 {
				w += "."
			}
			a = append(a, &ast.Text{Text: sp + w})
			if rng.IntN(10) < 3 {
				w = fmt.Sprintf("w%d", rng.IntN(40))
			}
			b = append(b, &ast.Text{Text: sp + w})
		}
		ua, ub := units(a), units(b)
		ka, kb := unitKeys(ua), unitKeys(ub)
		want, err := align(ka, kb)
		if err != nil {
			t.Fatal(err)
		}
		got, err := (&comparer{}).alignUnits(ka, kb, ua, ub, ast.Pos{})
		if err != nil {
			t.Fatal(err)
		}
		within := len(ka)+len(kb) <= wordBudget
		if within != (n <= 900) {
			t.Fatalf("%d words are %d units, within the budget %v", n, len(ka)+len(kb), within)
		}
		if same := slices.Equal(got, want); same != within {
			t.Errorf("%d words (%d units): same alignment as word by word is %v, want %v", n, len(ka)+len(kb), same, within)
		}
	}
}

// TestSentences checks where sentences end: after a word that ends in
// a full stop, question or exclamation mark, before closing quotes and
// brackets, with the whitespace after it; the last sentence ends with
// the last unit.
func TestSentences(t *testing.T) {
	us := units([]ast.Inline{&ast.Text{Text: `One two. "Three?" (Four!) e.g five 3.5 six`}})
	var got []string
	for _, s := range sentences(us) {
		got = append(got, unitsText(us[s.start:s.end]))
	}
	want := []string{"One two. ", `"Three?" `, "(Four!) ", "e.g five 3.5 six"}
	if !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}
