package template

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// quoteRunInputs are texts around runs of quotes: every run length up to
// past quoteRunKeep and some longer, of ' and ", after and before the
// characters the typographer looks at (letters, digits, punctuation,
// spaces, the other quote, a multi-byte letter, the end of the line),
// inside emphasis and table cells, and across paragraphs (the typographer
// counts unclosed quotes over the whole document).
func quoteRunInputs() []string {
	befores := []string{"", "a", " ", "(", "2", `"`, "'", "é", "*"}
	afters := []string{"", "a", " ", ".", "s", "ve", "ll", "t", "90s", `"`, "'", "é", "\n\nnext \"para", "*", ")"}
	lengths := []int{1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 20, 100}
	var out []string
	for _, q := range []string{`"`, "'"} {
		for _, n := range lengths {
			for _, b := range befores {
				for _, a := range afters {
					out = append(out, b+strings.Repeat(q, n)+a)
				}
			}
		}
	}
	out = append(out,
		`"a `+strings.Repeat(`"`, 30)+` b" `+strings.Repeat(`'`, 30)+"x",
		"| a | b |\n|---|---|\n| "+strings.Repeat(`"`, 20)+" | x"+strings.Repeat("'", 20)+" |\n",
		"*"+strings.Repeat(`"`, 20)+"*"+strings.Repeat(`"`, 20)+"\n\n"+strings.Repeat(`"`, 20)+"a",
		"> "+strings.Repeat(`"`, 12)+"\n> "+strings.Repeat(`"`, 12)+"a\n",
		"Monitor 21"+strings.Repeat(`"`, 12)+" and 21\"\"",
	)
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{`"`, `"`, `"`, "'", "'", "'", "a", " ", ".", "1", "s", "\n", "*", "é"}
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(60) {
			s := alphabet[rng.IntN(len(alphabet))]
			if rng.IntN(8) == 0 {
				s = strings.Repeat(s, 1+rng.IntN(20))
			}
			b.WriteString(s)
		}
		out = append(out, b.String())
	}
	return out
}

// TestQuoteRunsSameOutput checks that the wrapped typographer gives
// goldmark's own typographer's output on every quoteRunInputs text.
func TestQuoteRunsSameOutput(t *testing.T) {
	exts := []goldmark.Extender{extension.GFM, extension.Footnote}
	plain := goldmark.New(goldmark.WithExtensions(append(exts, extension.NewTypographer())...))
	wrapped := goldmark.New(goldmark.WithExtensions(append(exts, newTypographer())...))
	long := 0
	for _, in := range quoteRunInputs() {
		var want, got bytes.Buffer
		if err := plain.Convert([]byte(in), &want); err != nil {
			t.Fatal(err)
		}
		if err := wrapped.Convert([]byte(in), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("input %q:\n got %q\nwant %q", in, got.String(), want.String())
		}
		if strings.Contains(in, strings.Repeat(`"`, quoteRunKeep+1)) || strings.Contains(in, strings.Repeat("'", quoteRunKeep+1)) {
			long++
		}
	}
	if long < 500 {
		t.Errorf("only %d inputs hold a run longer than quoteRunKeep", long)
	}
}

// TestQuoteRunsLinear parses long runs of ' and " (which took goldmark's
// typographer 3.3 s for 160,000 "): each must parse well under a second.
func TestQuoteRunsLinear(t *testing.T) {
	for _, unit := range []string{`"`, "'", `"'`, `" `, `a"`} {
		src := []byte(strings.Repeat(unit, 320_000/len(unit)))
		start := time.Now()
		tp, err := Parse("q.md", src, Options{})
		if err != nil {
			t.Fatalf("%q: %v", unit, err)
		}
		if _, _, err := tp.Fill(nil, FillOptions{}); err != nil {
			t.Fatalf("%q: %v", unit, err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("320,000 bytes of %q took %v to parse and fill (want well under a second; goldmark's typographer alone takes 13 s)", unit, d)
		}
	}
}

// FuzzQuoteRuns checks the wrapped typographer against goldmark's own on
// any input.
func FuzzQuoteRuns(f *testing.F) {
	for i, in := range quoteRunInputs() {
		if i%20 == 0 {
			f.Add(in)
		}
	}
	exts := []goldmark.Extender{extension.GFM, extension.Footnote}
	plain := goldmark.New(goldmark.WithExtensions(append(exts, extension.NewTypographer())...))
	wrapped := goldmark.New(goldmark.WithExtensions(append(exts, newTypographer())...))
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 4096 {
			return // goldmark's own typographer is quadratic in a run
		}
		var want, got bytes.Buffer
		if err := plain.Convert([]byte(in), &want); err != nil {
			t.Fatal(err)
		}
		if err := wrapped.Convert([]byte(in), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("input %q:\n got %q\nwant %q", in, got.String(), want.String())
		}
	})
}
