package ast

// Outline gives headings their outline level, the level the PDF's
// outline and its structure tags (H1–H6) show: the first heading is at
// level 1, and a heading is at most one level below the heading it comes
// under, so "# A" then "### B" puts B at level 2 (tagged H2). A heading
// comes under the nearest heading before it of a lower written level, as
// in the HTML (whose h1–h6 follow the same rule): "# A", "### B", "### C"
// are at levels 1, 2, 2, B and C both under A, not C under B. Its zero
// value is ready for the first heading of a document.
type Outline struct {
	// KeepTop keeps a heading that comes under none at its written
	// level, as the HTML writes it ("## A" is h2); the PDF's outline
	// (false) puts it at level 1.
	KeepTop bool

	// open holds the headings a next heading may come under, outermost
	// first: each of a lower written level than the one after it.
	open []HeadingLevel
	seen bool // a heading has been given
}

// HeadingLevel is a heading's level as written and its outline level.
type HeadingLevel struct {
	// At is where the heading is.
	At Pos
	// Level is its level as written, 1 to 6.
	Level int
	// Outline is its outline level, 1 to 6.
	Outline int
	// Before is the outline level of the heading it comes under (the
	// nearest heading before it of a lower written level); 0 when there
	// is none.
	Before int
	// First reports whether it is the document's first heading.
	First bool
}

// Skipped reports whether the heading's outline level is not its own:
// it comes under no heading and is not of level 1 (the first heading,
// or one of its level after it), or it is more than one level below the
// heading it comes under.
func (h HeadingLevel) Skipped() bool { return h.Outline != h.Level }

// Next returns the levels of h, which follows the headings Next has
// been given.
func (o *Outline) Next(h *Heading) HeadingLevel {
	lvl := min(max(h.Level, 1), 6)
	for len(o.open) > 0 && o.open[len(o.open)-1].Level >= lvl {
		o.open = o.open[:len(o.open)-1]
	}
	hl := HeadingLevel{At: h.At, Level: lvl, Outline: 1, First: !o.seen}
	if o.KeepTop {
		hl.Outline = lvl
	}
	if n := len(o.open); n > 0 {
		hl.Before = o.open[n-1].Outline
		hl.Outline = min(lvl, hl.Before+1)
	}
	o.open = append(o.open, hl)
	o.seen = true
	return hl
}

// SkippedHeadings returns, in document order, the headings of blocks
// whose outline level is not their own (HeadingLevel.Skipped): those
// the PDF tags at another level than written. Headings are visited as
// WalkHeadings visits them, which is the order the PDF lays them out.
func SkippedHeadings(blocks []Block) []HeadingLevel {
	var o Outline
	var out []HeadingLevel
	WalkHeadings(blocks, func(h *Heading) bool {
		if hl := o.Next(h); hl.Skipped() {
			out = append(out, hl)
		}
		return true
	})
	return out
}

// TitleLeftOut says why a document whose front matter gives it the
// title title does not begin with that title as its title block: at is
// its first level-1 heading (a title block is added only when the body
// has none), or the zero Pos when it has none, so that the title block
// was left out on purpose. ok is false when title is empty or blocks
// begin with a title block.
func TitleLeftOut(blocks []Block, title string) (at Pos, ok bool) {
	if title == "" {
		return Pos{}, false
	}
	first := true
	titled := false
	WalkHeadings(blocks, func(h *Heading) bool {
		if first && h.TitleBlock {
			titled = true
			return false
		}
		first = false
		if h.Level == 1 {
			at = h.At
			return false
		}
		return true
	})
	return at, !titled
}
