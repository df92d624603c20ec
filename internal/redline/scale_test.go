package redline_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/redline"
)

// TestHugeHunk checks that a hunk of thousands of deleted and inserted
// blocks, none like another, compares in linear work: 8,000 paragraphs
// replaced by 8,000 others took 44–75 s when every deleted block was
// tried against every inserted one, and take under a second now. The
// work is counted in allocations, which do not depend on the machine's
// speed or load: twice the paragraphs must cost at most 2.5 times as
// many (every pair tried made it four times as many).
func TestHugeHunk(t *testing.T) {
	if testing.Short() {
		t.Skip("compares thousands of paragraphs")
	}
	allocs := map[int]float64{}
	for _, n := range []int{1000, 2000} {
		var o, nw strings.Builder
		for i := range n {
			fmt.Fprintf(&o, "o%d\n\n", i)
			fmt.Fprintf(&nw, "n%d\n\n", i)
		}
		od := fillSource(t, "o.md", []byte(o.String()), nil)
		nd := fillSource(t, "n.md", []byte(nw.String()), nil)
		var res *redline.Result
		allocs[n] = testing.AllocsPerRun(1, func() {
			var err error
			if res, err = redline.Compare(od, nd); err != nil {
				t.Fatal(err)
			}
		})
		if len(res.Changes) != 2*n {
			t.Errorf("%d paragraphs: got %d changes, want %d (each paragraph deleted or inserted)", n, len(res.Changes), 2*n)
		}
	}
	if r := allocs[2000] / allocs[1000]; r > 2.5 {
		t.Errorf("2,000 paragraphs took %.0f allocations, %.2f times the %.0f of 1,000: the work grows faster than the paragraphs", allocs[2000], r, allocs[1000])
	}
}
