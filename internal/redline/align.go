package redline

import (
	"fmt"

	"github.com/sergi/go-diff/diffmatchpatch"
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
