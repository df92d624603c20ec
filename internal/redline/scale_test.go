package redline_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/redline"
)

// TestHugeHunk checks that long runs of blocks compare in linear work,
// counted as steps of alignment (CompareWork) and as allocations, which
// do not depend on the machine's speed or load: twice the paragraphs
// must cost at most 2.5 times as much. 8,000 paragraphs replaced by
// 8,000 others took 44–75 s when every deleted block was tried against
// every inserted one (allocations four times as many for twice the
// paragraphs); and aligning 16,000 paragraphs with 16,000 others took
// 5.8 s, 32,000 17.9 s, before runs beyond blockBudget were aligned in
// bounded pieces (steps four times as many). Each case must also still
// be a correct redline: its changes turn the old words into the new.
func TestHugeHunk(t *testing.T) {
	if testing.Short() {
		t.Skip("compares thousands of paragraphs")
	}
	cases := []struct {
		name string
		make func(n int) (old, new string)
	}{
		{"none alike", func(n int) (string, string) {
			var o, nw strings.Builder
			for i := range n {
				fmt.Fprintf(&o, "o%d\n\n", i)
				fmt.Fprintf(&nw, "n%d\n\n", i)
			}
			return o.String(), nw.String()
		}},
		{"reversed", func(n int) (string, string) {
			var o, nw strings.Builder
			for i := range n {
				fmt.Fprintf(&o, "p%d\n\n", i)
				fmt.Fprintf(&nw, "p%d\n\n", n-1-i)
			}
			return o.String(), nw.String()
		}},
		{"edited and moved", func(n int) (string, string) {
			rng := rand.New(rand.NewPCG(uint64(n), 11))
			var o, nw strings.Builder
			for i := range n {
				fmt.Fprintf(&o, "p%d\n\n", i)
				switch r := rng.IntN(10); {
				case r < 2: // replaced
					fmt.Fprintf(&nw, "q%d\n\n", i)
				case r < 3: // a paragraph from elsewhere, repeated
					fmt.Fprintf(&nw, "p%d\n\n", rng.IntN(n))
				default:
					fmt.Fprintf(&nw, "p%d\n\n", i)
				}
			}
			return o.String(), nw.String()
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkLinear(t, 5000, "paragraphs", tc.make) })
	}
}

// checkLinear compares the pair that pair gives for n and for 2n units (what
// counts them) and checks that both the alignment steps (CompareWork)
// and the allocations at most 2.5 times as many for twice the units,
// and that the changes of each turn the old words into the new.
func checkLinear(t *testing.T, n int, what string, pair func(n int) (old, new string)) {
	t.Helper()
	work, allocs := map[int]float64{}, map[int]float64{}
	for _, n := range []int{n, 2 * n} {
		o, nw := pair(n)
		od := fillSource(t, "o.md", []byte(o), nil)
		nd := fillSource(t, "n.md", []byte(nw), nil)
		w, err := redline.CompareWork(od, nd)
		if err != nil {
			t.Fatal(err)
		}
		work[n] = float64(w)
		var res *redline.Result
		allocs[n] = testing.AllocsPerRun(1, func() {
			var err error
			if res, err = redline.Compare(od, nd); err != nil {
				t.Fatal(err)
			}
		})
		if got, ok := apply(redline.Words(od), res.Changes); !ok || !slices.Equal(got, redline.Words(nd)) {
			t.Fatalf("%d %s: applying the %d changes to the old words does not give the new words (ok=%v)", n, what, len(res.Changes), ok)
		}
	}
	// +1: a run that needs no alignment step costs none.
	if r := (work[2*n] + 1) / (work[n] + 1); r > 2.5 {
		t.Errorf("%d %s took %.0f steps of alignment, %.2f times the %.0f of %d: the work grows faster than the %s", 2*n, what, work[2*n], r, work[n], n, what)
	}
	if r := allocs[2*n] / allocs[n]; r > 2.5 {
		t.Errorf("%d %s took %.0f allocations, %.2f times the %.0f of %d: the work grows faster than the %s", 2*n, what, allocs[2*n], r, allocs[n], n, what)
	}
}

// longParagraph returns one paragraph of n words in sentences of 5 to
// 20 words, and a copy with about 30% of its words replaced, as a
// seeded rng chooses: the same pair on every run.
func longParagraph(n int) (old, new string) {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	var o, nw strings.Builder
	left := 0
	for i := range n {
		if i > 0 {
			o.WriteByte(' ')
			nw.WriteByte(' ')
		}
		if left == 0 {
			left = 5 + rng.IntN(16)
		}
		left--
		w := fmt.Sprintf("w%d", rng.IntN(500))
		v := w
		if rng.IntN(10) < 3 {
			v = fmt.Sprintf("x%d", rng.IntN(500))
		}
		if left == 0 {
			w, v = w+".", v+"."
		}
		o.WriteString(w)
		nw.WriteString(v)
	}
	return o.String() + "\n", nw.String() + "\n"
}

// TestLongParagraph checks that the words of one very long changed
// paragraph compare in linear work. Aligned word by word alone, one
// paragraph of 37,500 words with 30% of them replaced took 1.55 s,
// 75,000 5.4 s and 150,000 19.5 s: Myers' algorithm costs the elements
// times the differences, in time and not in allocations (twice the
// words made 2.1 times the allocations and 4.05 times the work). So the
// work is counted as that product, summed over the alignments
// (CompareWork), which like allocations does not depend on the machine.
// Both sizes are beyond every budget of alignUnits (wordBudget units, as
// many sentences): twice the words must cost at most 2.5 times the work
// and the allocations, and the changes must still give the new words.
func TestLongParagraph(t *testing.T) {
	if testing.Short() {
		t.Skip("compares a paragraph of thousands of words")
	}
	checkLinear(t, 30000, "words", longParagraph)
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// TestOutputMemory checks that the change list and the summary of many
// changes cost memory in proportion to what they hold, as bytes
// allocated (which do not depend on the machine): two templates of
// 420,000 short paragraphs, 250,000 changes, peaked at 1.1 GB for
// their text, HTML and JSON redlines. WriteJSON held every change as
// the list's wire type, its compact encoding and its indented copy at
// once (12 bytes allocated per byte written; now under 2), and the
// summary copied each change into its section's group (1,300 bytes per
// change as the groups grew; now under 500, its links and their text).
func TestOutputMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("compares thousands of paragraphs")
	}
	var o, nw strings.Builder
	rng := rand.New(rand.NewPCG(3, 5))
	const n = 20000
	for i := range n {
		fmt.Fprintf(&o, "p%d\n\n", i)
		if rng.IntN(10) < 3 {
			fmt.Fprintf(&nw, "q%d\n\n", i)
		} else {
			fmt.Fprintf(&nw, "p%d\n\n", i)
		}
	}
	od := fillSource(t, "o.md", []byte(o.String()), nil)
	nd := fillSource(t, "n.md", []byte(nw.String()), nil)
	res, err := redline.Compare(od, nd)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) < n/5 {
		t.Fatalf("%d changes, want over %d", len(res.Changes), n/5)
	}
	var w countingWriter
	a := allocated(func() {
		if err := redline.WriteJSON(&w, redline.Side{Name: "o.md", Doc: od}, redline.Side{Name: "n.md", Doc: nd}, res, false); err != nil {
			t.Fatal(err)
		}
	})
	// Counting each side's words allocates them, a block at a time.
	if a > uint64(3*w.n) {
		t.Errorf("WriteJSON allocated %d bytes to write %d, %.1f times as many", a, w.n, float64(a)/float64(w.n))
	}
	per := float64(allocated(func() { redline.Summary(res, redline.Anchors(res.Redline), l10n.Lang{}) })) / float64(len(res.Changes))
	if per > 600 {
		t.Errorf("Summary allocated %.0f bytes per change, want at most 600", per)
	}
}
