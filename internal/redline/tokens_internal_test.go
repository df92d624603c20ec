package redline

import (
	"slices"
	"testing"
)

// tokensOf returns the tokens of s.
func tokensOf(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		e, _ := nextToken(s, i)
		out = append(out, s[i:e])
		i = e
	}
	return out
}

// FuzzTokensAlone checks that any run of whole tokens of a text, taken
// alone, has the same tokens: the text of a change (a run of tokens)
// then counts the words it counted in the document, which the JSON's
// word counts rely on (see TestApplyChangesGivesNew).
func FuzzTokensAlone(f *testing.F) {
	for _, s := range []string{
		"our employees and contractors.", "Don't l'utilisateur 1.5 1,000 2026-06-01 e.g. U.S.A.",
		"(see https://a.example/x_(y)).", "mail privacy@acme.example, or mailto:x@y.example.", "https://.",
		"www.a", "a+b@c.d-", "当社は個人情報を。", "ภาษาไทย", "👨\u200d👩 x\u00ady", "ё́ x̃", "_a_ 1:2:3 -1",
	} {
		f.Add(s, 1, 2)
	}
	f.Fuzz(func(t *testing.T, s string, i, j int) {
		toks := tokensOf(s)
		if len(toks) == 0 {
			return
		}
		i, j = abs(i)%len(toks), abs(j)%len(toks)
		if i > j {
			i, j = j, i
		}
		run := toks[i : j+1]
		joined := ""
		for _, t := range run {
			joined += t
		}
		if got := tokensOf(joined); !slices.Equal(got, run) {
			t.Fatalf("tokens %q of %q, taken alone, are %q", run, s, got)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
