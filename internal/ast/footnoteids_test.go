package ast

import (
	"strconv"
	"testing"
)

// TestFootnoteIDs checks the footnote id prefix against heading ids, the
// ids it gives, and that many headings taking prefixes in turn are all
// passed over (each is looked at once, see NewFootnoteIDs).
func TestFootnoteIDs(t *testing.T) {
	hs := func(ids ...string) []Block {
		var bs []Block
		for _, id := range ids {
			bs = append(bs, &Heading{Level: 2, ID: id})
		}
		return bs
	}
	for _, tc := range []struct {
		ids  []string
		want string
	}{
		{nil, "fn"},
		{[]string{"fnord", "fn1-a", "fn02-b", "fn20-c"}, "fn"},
		{[]string{"fn-a"}, "fn2"},
		{[]string{"fnref-a", "fn2ref-b", "fn3-c"}, "fn4"},
		{[]string{"fn-a", "fn3-c"}, "fn2"},
	} {
		if got := NewFootnoteIDs(hs(tc.ids...)).Prefix(); got != tc.want {
			t.Errorf("%q: prefix %q, want %q", tc.ids, got, tc.want)
		}
	}
	f := NewFootnoteIDs(hs("fn-1"))
	if d, r1, r2 := f.Definition(3), f.Reference(3, 1), f.Reference(3, 2); d != "fn2-3" || r1 != "fn2ref-3" || r2 != "fn2ref-3-2" {
		t.Errorf("ids %q %q %q, want fn2-3 fn2ref-3 fn2ref-3-2", d, r1, r2)
	}
	var ids []string
	for i := 1; i <= 100_000; i++ {
		if i == 1 {
			ids = append(ids, "fn-x")
		} else {
			ids = append(ids, "fn"+strconv.Itoa(i)+"-x")
		}
	}
	if got := NewFootnoteIDs(hs(ids...)).Prefix(); got != "fn100001" {
		t.Errorf("prefix %q, want fn100001", got)
	}
}

// TestFootnoteIDsBesides checks that a document's footnote ids avoid
// those of another in the same page (the columns of a side-by-side
// redline) as well as its own heading ids.
func TestFootnoteIDsBesides(t *testing.T) {
	plain := NewFootnoteIDs(nil)
	if got := NewFootnoteIDs(nil, plain).Definition(1); got != "fn2-1" {
		t.Errorf("beside fn: %q, want fn2-1", got)
	}
	headed := []Block{&Heading{Level: 2, ID: "fn2-x"}}
	if got := NewFootnoteIDs(headed, plain).Reference(1, 1); got != "fn3ref-1" {
		t.Errorf("beside fn, with a heading fn2-x: %q, want fn3ref-1", got)
	}
}
