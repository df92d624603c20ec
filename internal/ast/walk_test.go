package ast

import (
	"reflect"
	"slices"
	"testing"
)

// sample uses every container kind once.
func sample() []Block {
	return []Block{
		&Heading{Level: 1, Inlines: []Inline{&Text{Text: "Title"}}},
		&Paragraph{Inlines: []Inline{
			&Text{Text: "a "},
			&Emphasis{Inlines: []Inline{&Strong{Inlines: []Inline{&Strikethrough{Inlines: []Inline{&Text{Text: "deep"}}}}}}},
			&Link{Destination: "https://x", Inlines: []Inline{&Code{Text: "code"}}},
			&SoftBreak{}, &Image{Alt: "alt"}, &HardBreak{}, &FootnoteRef{Index: 1},
		}},
		&List{Items: []*ListItem{{Blocks: []Block{&Paragraph{Inlines: []Inline{&Text{Text: "item"}}}}}}},
		&BlockQuote{Blocks: []Block{&CodeBlock{Text: "x\\n"}}},
		&Table{Align: []Alignment{AlignNone}, Header: []*TableCell{{Inlines: []Inline{&Text{Text: "h"}}}},
			Rows: [][]*TableCell{{{Inlines: []Inline{&Text{Text: "c"}}}}}},
		&FootnoteDefinition{Index: 1, Blocks: []Block{&ThematicBreak{}, &HTMLBlock{Text: "<div>"}}},
	}
}

// TestWalkMatchesChildren checks that Walk visits exactly what a walk
// through Children visits, in the same order.
func TestWalkMatchesChildren(t *testing.T) {
	var viaChildren func(n Node, out *[]Node)
	viaChildren = func(n Node, out *[]Node) {
		*out = append(*out, n)
		for _, c := range Children(n) {
			viaChildren(c, out)
		}
	}
	var want, got []Node
	blocks := sample()
	for _, b := range blocks {
		viaChildren(b, &want)
	}
	WalkBlocks(blocks, func(n Node) bool { got = append(got, n); return true })
	if !slices.Equal(got, want) {
		t.Fatalf("Walk visited %d nodes, Children %d, or in another order", len(got), len(want))
	}
	if len(got) != 26 {
		t.Errorf("visited %d nodes, want 26", len(got))
	}
}

func TestWalkSkipsChildrenWhenToldTo(t *testing.T) {
	n := 0
	WalkBlocks(sample(), func(Node) bool { n++; return false })
	if n != len(sample()) {
		t.Errorf("visited %d nodes, want only the %d top-level blocks", n, len(sample()))
	}
}

func TestWalkAllocatesNothing(t *testing.T) {
	blocks := sample()
	visit := func(Node) bool { return true }
	if a := testing.AllocsPerRun(100, func() { WalkBlocks(blocks, visit) }); a != 0 {
		t.Errorf("Walk allocates %v times per walk", a)
	}
}

func TestPlainText(t *testing.T) {
	p := sample()[1].(*Paragraph)
	if got, want := PlainText(p.Inlines), "a deepcode alt\n"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

func TestWalkHeadings(t *testing.T) {
	blocks := []Block{
		&Heading{Level: 1},
		&List{Items: []*ListItem{{Blocks: []Block{&Heading{Level: 2}}}}},
		&BlockQuote{Blocks: []Block{&Heading{Level: 3}, &Paragraph{}}},
		&FootnoteDefinition{Blocks: []Block{&Heading{Level: 4}}},
	}
	var levels []int
	if !WalkHeadings(blocks, func(h *Heading) bool { levels = append(levels, h.Level); return true }) {
		t.Error("WalkHeadings stopped early")
	}
	if !slices.Equal(levels, []int{1, 2, 3, 4}) {
		t.Errorf("levels %v, want [1 2 3 4]", levels)
	}
	levels = nil
	if WalkHeadings(blocks, func(h *Heading) bool { levels = append(levels, h.Level); return h.Level < 2 }) {
		t.Error("WalkHeadings reported the end after visit said stop")
	}
	if !slices.Equal(levels, []int{1, 2}) {
		t.Errorf("levels %v, want [1 2]", levels)
	}
}

func TestWalkSkipsNilTableCells(t *testing.T) {
	tbl := &Table{Align: []Alignment{AlignNone, AlignNone}, Header: []*TableCell{nil, {Inlines: []Inline{&Text{Text: "h"}}}}}
	n := 0
	Walk(tbl, func(Node) bool { n++; return true })
	if n != 2 {
		t.Errorf("visited %d nodes, want the table and one text", n)
	}
}

// TestPlainTextSkipsDeleted checks that a redline's heading reads as the
// new version in an outline: deleted text gives nothing, inserted and
// reformatted text give theirs.
func TestPlainTextSkipsDeleted(t *testing.T) {
	ins := []Inline{
		&Text{Text: "4. Data "},
		&Change{Kind: Deleted, Inlines: []Inline{&Text{Text: "Storage"}}},
		&Change{Kind: Inserted, Inlines: []Inline{&Text{Text: "Retention"}}},
		&Change{Kind: Reformatted, Inlines: []Inline{&Emphasis{Inlines: []Inline{&Text{Text: " rules"}}}}},
	}
	if got, want := PlainText(ins), "4. Data Retention rules"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

func TestSkippedHeadings(t *testing.T) {
	h := func(level, line int) *Heading { return &Heading{Level: level, At: Pos{Line: line, Col: 1}} }
	blocks := []Block{
		h(2, 1), // first, not 1: H1
		h(2, 2), // its sibling, under no heading: H1 too
		h(4, 3), // skips 3 under H1: H2
		h(4, 4), // its sibling: H2 too, not H3 under it
		h(1, 5),
		&BlockQuote{Blocks: []Block{h(3, 6)}}, // inside a quote too: H2
		h(6, 7),                               // under the level 3: H3
	}
	want := []HeadingLevel{
		{At: Pos{Line: 1, Col: 1}, Level: 2, Outline: 1, Before: 0, First: true},
		{At: Pos{Line: 2, Col: 1}, Level: 2, Outline: 1, Before: 0},
		{At: Pos{Line: 3, Col: 1}, Level: 4, Outline: 2, Before: 1},
		{At: Pos{Line: 4, Col: 1}, Level: 4, Outline: 2, Before: 1},
		{At: Pos{Line: 6, Col: 1}, Level: 3, Outline: 2, Before: 1},
		{At: Pos{Line: 7, Col: 1}, Level: 6, Outline: 3, Before: 2},
	}
	if got := SkippedHeadings(blocks); !reflect.DeepEqual(got, want) {
		t.Errorf("SkippedHeadings =\n%+v\nwant\n%+v", got, want)
	}
	if got := SkippedHeadings([]Block{h(1, 1), h(2, 2), h(3, 3), h(1, 4), h(2, 5)}); got != nil {
		t.Errorf("SkippedHeadings of levels that never skip = %+v, want none", got)
	}
}

// TestOutlineSiblings: headings of one written level under the same
// heading are siblings at one outline level, as the HTML's h1–h6 are:
// "# Terms", "### Scope", "### Changes", "### Contact" are H1, H2, H2,
// H2. The outline made each heading at most one level below the heading
// just before it, so Changes went under Scope (H3) and Contact after it,
// and the PDF's bookmarks and tags nested what the HTML shows side by
// side.
func TestOutlineSiblings(t *testing.T) {
	for _, c := range []struct {
		written, want []int
		keep          []int // with KeepTop, the HTML's h1–h6
	}{
		{[]int{1, 3, 3, 3}, []int{1, 2, 2, 2}, []int{1, 2, 2, 2}},
		{[]int{4, 4, 4}, []int{1, 1, 1}, []int{4, 4, 4}},
		{[]int{1, 3, 5, 5, 3, 2, 4}, []int{1, 2, 3, 3, 2, 2, 3}, []int{1, 2, 3, 3, 2, 2, 3}},
		{[]int{2, 3, 4}, []int{1, 2, 3}, []int{2, 3, 4}},
		{[]int{2, 4, 3, 1, 3}, []int{1, 2, 2, 1, 2}, []int{2, 3, 3, 1, 2}},
		{[]int{1, 2, 3, 2, 3, 1}, []int{1, 2, 3, 2, 3, 1}, []int{1, 2, 3, 2, 3, 1}},
	} {
		for _, keep := range []bool{false, true} {
			o := Outline{KeepTop: keep}
			var got []int
			for _, l := range c.written {
				got = append(got, o.Next(&Heading{Level: l}).Outline)
			}
			if want := map[bool][]int{false: c.want, true: c.keep}[keep]; !reflect.DeepEqual(got, want) {
				t.Errorf("levels %v, KeepTop %v: outline %v, want %v", c.written, keep, got, want)
			}
		}
	}
}
