package redline

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/policyexport/policyexport/internal/ast"
)

// opKind is what an alignment step does.
type opKind int

const (
	opEqual opKind = iota
	opDelete
	opInsert
)

// op is one step of an alignment: n elements kept, deleted from the old
// sequence or inserted from the new one.
type op struct {
	kind opKind
	n    int
}

// skipChanges steps over the run of deletions and insertions that starts
// at ops[x], the old sequence being at i and the new one at j; it
// returns where the run ends in ops and in each sequence.
func skipChanges(ops []op, x, i, j int) (int, int, int) {
	for ; x < len(ops) && ops[x].kind != opEqual; x++ {
		if ops[x].kind == opDelete {
			i += ops[x].n
		} else {
			j += ops[x].n
		}
	}
	return x, i, j
}

// maxSymbols is the number of distinct elements align can tell apart:
// every valid rune from firstSymbol on, less the surrogates.
const (
	firstSymbol = 0x100
	maxSymbols  = 0x10FFFF - firstSymbol + 1 - 0x800
)

// align aligns two sequences of keys, equal keys being equal elements. The
// alignment itself is diffmatchpatch's (Myers' algorithm with its
// speed-ups): each distinct key becomes one rune, and the runes are
// diffed without a deadline, so that the result never depends on the
// machine's speed.
func align(a, b []string) ([]op, error) {
	ids := map[string]rune{}
	symbol := func(k string) (rune, error) {
		if r, ok := ids[k]; ok {
			return r, nil
		}
		n := len(ids)
		if n >= maxSymbols {
			return 0, fmt.Errorf("more than %d distinct words and blocks to compare", maxSymbols)
		}
		r := rune(firstSymbol + n)
		if r >= 0xD800 {
			r += 0x800 // skip the surrogates, which are not runes of their own
		}
		ids[k] = r
		return r, nil
	}
	ra, rb := make([]rune, len(a)), make([]rune, len(b))
	for i, k := range a {
		r, err := symbol(k)
		if err != nil {
			return nil, err
		}
		ra[i] = r
	}
	for i, k := range b {
		r, err := symbol(k)
		if err != nil {
			return nil, err
		}
		rb[i] = r
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	var ops []op
	for _, d := range dmp.DiffMainRunes(ra, rb, false) {
		n := len([]rune(d.Text))
		if n == 0 {
			continue
		}
		k := opEqual
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			k = opDelete
		case diffmatchpatch.DiffInsert:
			k = opInsert
		}
		if l := len(ops) - 1; l >= 0 && ops[l].kind == k {
			ops[l].n += n
			continue
		}
		ops = append(ops, op{kind: k, n: n})
	}
	return ops, nil
}

// align aligns two sequences of keys (see align) and adds the work
// Myers' algorithm does for them to c.work: the elements of both times
// the elements deleted and inserted. The tests read it (CompareWork) to
// check that work grows linearly, as a time would, but the same on every
// machine: Myers' algorithm costs time, not allocations.
func (c *comparer) align(a, b []string) ([]op, error) {
	ops, err := align(a, b)
	d := 0
	for _, o := range ops {
		if o.kind != opEqual {
			d += o.n
		}
	}
	c.work += (len(a) + len(b)) * d
	return ops, err
}

// blockBudget is the most blocks (or table rows, old and new together)
// that one alignment takes whole, as every normal document's are. Two
// runs of 16,000 paragraphs that share none took 5.8 s to align and
// 32,000 took 17.9 s (Myers' algorithm costs the blocks times the
// differences), so that a 4 MiB template of short paragraphs compared
// with another would have taken hours; see alignLong.
const blockBudget = 4000

// alignLong aligns two runs of blocks (or rows) as c.align does when
// they are at most blockBudget together, so that every normal document
// is compared as it always was. Longer runs keep the blocks both start
// and end with, take a block whose key the other run lacks as deleted
// or inserted at once (it can be in no alignment), and align the rest
// whole when it is within the budget. Beyond that, the blocks that
// occur once in each run are matched in their longest common order (as
// patience diff does) and the runs between two such blocks aligned alone
// the same way, without matching again: one beyond the budget is taken
// as changed, a correct but coarser redline. No alignment is then
// larger than the budget, so that the work grows with the blocks, not
// with their square, and it is a count, never a deadline, so that the
// redline is the same on every machine. A run matched at anchors is a
// ByAnchor warning at the first block past the common start, which at
// gives (the position of b's element j); one and many name the elements
// ("block", "blocks").
func (c *comparer) alignLong(a, b []string, one, many string, at func(j int) ast.Pos) ([]op, error) {
	if len(a)+len(b) <= blockBudget {
		return c.align(a, b)
	}
	var pairs []pair
	var run anchorRun
	if err := c.matchRun(a, b, 0, 0, true, &run, &pairs); err != nil {
		return nil, err
	}
	if run.anchored {
		c.warnings = append(c.warnings, byAnchor(at(run.start), one, many, run.n, run.anchors, run.whole))
	}
	var ops opList
	i, j := 0, 0
	for _, p := range pairs {
		ops.add(opDelete, p.i-i)
		ops.add(opInsert, p.j-j)
		ops.add(opEqual, 1)
		i, j = p.i+1, p.j+1
	}
	ops.add(opDelete, len(a)-i)
	ops.add(opInsert, len(b)-j)
	return ops, nil
}

// pair is an element of the old run (i) aligned with one of the new (j).
type pair struct{ i, j int }

// anchorRun is what matchRun did that was coarser than one alignment:
// whether it matched at anchors, from which element of the new run on
// (start), with how many elements of both runs then left (n) and how
// many anchors, and how many stretches between two anchors it took as
// changed whole.
type anchorRun struct {
	anchored                 bool
	start, n, anchors, whole int
}

// matchRun appends to pairs, in order, the elements of a and b (at
// offsets ai and bi of the whole runs) that alignLong aligns; anchor
// says whether it may match the elements that occur once in each. It
// notes in run what it did coarsely.
func (c *comparer) matchRun(a, b []string, ai, bi int, anchor bool, run *anchorRun, pairs *[]pair) error {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		*pairs = append(*pairs, pair{ai + pre, bi + pre})
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	a, b = a[pre:len(a)-suf], b[pre:len(b)-suf]
	ai, bi = ai+pre, bi+pre
	// Only the elements whose key the other run has can be aligned.
	inA, inB := map[string]int{}, map[string]int{}
	for _, k := range a {
		inA[k]++
	}
	for _, k := range b {
		inB[k]++
	}
	var ka, kb []string
	var xa, xb []int // where each element of ka and kb is in a and b
	for x, k := range a {
		if inB[k] > 0 {
			ka, xa = append(ka, k), append(xa, x)
		}
	}
	for x, k := range b {
		if inA[k] > 0 {
			kb, xb = append(kb, k), append(xb, x)
		}
	}
	switch {
	case len(ka)+len(kb) <= blockBudget:
		ops, err := c.align(ka, kb)
		if err != nil {
			return err
		}
		i, j := 0, 0
		for _, o := range ops {
			switch o.kind {
			case opEqual:
				for k := range o.n {
					*pairs = append(*pairs, pair{ai + xa[i+k], bi + xb[j+k]})
				}
				i, j = i+o.n, j+o.n
			case opDelete:
				i += o.n
			case opInsert:
				j += o.n
			}
		}
	case anchor:
		// The elements that occur once in each run, in the longest order
		// both runs have them in, split the runs; each stretch between
		// two is matched alone, without anchors of its own.
		at := map[string]int{}
		for x, k := range b {
			if inA[k] == 1 && inB[k] == 1 {
				at[k] = x
			}
		}
		var once []pair
		for x, k := range a {
			if j, ok := at[k]; ok {
				once = append(once, pair{x, j})
			}
		}
		anchors := increasing(once)
		*run = anchorRun{anchored: true, start: bi, n: len(a) + len(b), anchors: len(anchors), whole: run.whole}
		pi, pj := 0, 0
		for _, p := range anchors {
			if err := c.matchRun(a[pi:p.i], b[pj:p.j], ai+pi, bi+pj, false, run, pairs); err != nil {
				return err
			}
			*pairs = append(*pairs, pair{ai + p.i, bi + p.j})
			pi, pj = p.i+1, p.j+1
		}
		if err := c.matchRun(a[pi:], b[pj:], ai+pi, bi+pj, false, run, pairs); err != nil {
			return err
		}
	default:
		run.whole++
	}
	for k := range suf {
		*pairs = append(*pairs, pair{ai + len(a) + k, bi + len(b) + k})
	}
	return nil
}

// increasing returns the longest run of ps (ordered by i) whose j
// increase too, in O(n log n) (patience sorting); of runs as long, the
// one it returns depends only on ps.
func increasing(ps []pair) []pair {
	var tails []int // tails[k]: index in ps of the smallest j ending a run of k+1
	prev := make([]int, len(ps))
	for x, p := range ps {
		k, _ := slices.BinarySearchFunc(tails, p.j, func(t, j int) int { return cmp.Compare(ps[t].j, j) })
		if k > 0 {
			prev[x] = tails[k-1]
		} else {
			prev[x] = -1
		}
		if k == len(tails) {
			tails = append(tails, x)
		} else {
			tails[k] = x
		}
	}
	out := make([]pair, len(tails))
	x := -1
	if len(tails) > 0 {
		x = tails[len(tails)-1]
	}
	for k := len(tails) - 1; k >= 0; k-- {
		out[k] = ps[x]
		x = prev[x]
	}
	return out
}
