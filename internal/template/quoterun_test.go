package template

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
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
		sameConversion(t, wrapped, plain, in)
		if strings.Contains(in, strings.Repeat(`"`, quoteRunKeep+1)) || strings.Contains(in, strings.Repeat("'", quoteRunKeep+1)) {
			long++
		}
	}
	if long < 500 {
		t.Errorf("only %d inputs hold a run longer than quoteRunKeep", long)
	}
}

// quoteRunUnits are the texts long runs are made of: runs of one quote,
// and quotes that alternate or stand between other characters.
var quoteRunUnits = []string{`"`, "'", `"'`, `" `, `a"`}

// countedTypographer is the typographer's inline parser, counting the
// steps it takes: goldmark's typographer (v1.8.7) looks at the first bytes
// of the line it is shown and walks, through parser.ScanDelimiter, the
// run of the quote it is called for, so one call costs 1 plus the length
// of the run that starts the line it sees.
type countedTypographer struct {
	parser.InlineParser
	steps *int
}

// Parse counts the call's steps and calls the typographer.
func (c countedTypographer) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, _ := block.PeekLine()
	n := 1
	for n < len(line) && line[n] == line[0] {
		n++
	}
	*c.steps += n
	return c.InlineParser.Parse(parent, block, pc)
}

// quoteRunSteps parses src as the templates' parser does (GFM, footnotes
// and the typographer) and counts the steps of its handling of quotes:
// the typographer's (countedTypographer) and, with wrapped, quoteRuns'
// own (the bytes it compares to find the ends of runs); without wrapped
// goldmark's typographer parses alone.
func quoteRunSteps(t *testing.T, src []byte, wrapped bool) int {
	t.Helper()
	steps := 0
	var typo parser.InlineParser = countedTypographer{extension.NewTypographerParser(), &steps}
	if wrapped {
		typo = &quoteRuns{inner: typo}
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(typo, 9999))))
	pc := parser.NewContext()
	md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if st, ok := pc.Get(quoteRunKey).(*quoteRunState); ok {
		steps += st.scanned
	}
	return steps
}

// TestQuoteRunsLinear counts, rather than times, the work of parsing long
// runs of ' and " (which took goldmark's typographer 3.3 s for 160,000 "):
// with quoteRuns it grows as the input does, at most 20 steps a byte,
// while goldmark's typographer alone takes steps that grow as the square
// of a run (the check that the count can see it). BenchmarkQuoteRuns
// times the whole parse and fill.
func TestQuoteRunsLinear(t *testing.T) {
	const n = 40_000
	for _, unit := range quoteRunUnits {
		src := func(size int) []byte { return []byte(strings.Repeat(unit, size/len(unit))) }
		one, two := quoteRunSteps(t, src(n), true), quoteRunSteps(t, src(2*n), true)
		t.Logf("%q: %d steps for %d bytes, %d for %d", unit, one, n, two, 2*n)
		if one > 20*n || two > 20*2*n || float64(two) > 2.1*float64(one) {
			t.Errorf("%q: %d steps for %d bytes, %d for %d: not linear", unit, one, n, two, 2*n)
		}
	}
	const m = 10_000
	one, two := quoteRunSteps(t, []byte(strings.Repeat(`"`, m)), false), quoteRunSteps(t, []byte(strings.Repeat(`"`, 2*m)), false)
	t.Logf("goldmark's typographer alone: %d steps for %d quotes, %d for %d", one, m, two, 2*m)
	if float64(two) < 3.5*float64(one) {
		t.Errorf("goldmark's typographer alone took %d steps for %d quotes and %d for %d: the count does not see its quadratic cost", one, m, two, 2*m)
	}
}

// BenchmarkQuoteRuns parses and fills 320,000 bytes of each of
// quoteRunUnits (goldmark's typographer alone takes 13 s for 320,000 ").
func BenchmarkQuoteRuns(b *testing.B) {
	for _, unit := range quoteRunUnits {
		src := []byte(strings.Repeat(unit, 320_000/len(unit)))
		b.Run(fmt.Sprintf("%q", unit), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				tp, err := Parse("q.md", src, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := tp.Fill(nil, FillOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
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
		sameConversion(t, wrapped, plain, in)
	})
}
