package ast

import "strings"

// eachChild calls fn for each direct child of n in document order: blocks
// for container blocks, inlines for blocks and inlines that hold text, and
// a table's cell inlines row by row (header first). Nil table cells are
// skipped. It is the one description of the tree's shape that Children,
// Walk and WalkHeadings share.
func eachChild(n Node, fn func(Node)) {
	inlines := func(ins []Inline) {
		for _, in := range ins {
			fn(in)
		}
	}
	blocks := func(bs []Block) {
		for _, b := range bs {
			fn(b)
		}
	}
	cells := func(cs []*TableCell) {
		for _, c := range cs {
			if c != nil {
				inlines(c.Inlines)
			}
		}
	}
	switch n := n.(type) {
	case *Heading:
		inlines(n.Inlines)
	case *Paragraph:
		inlines(n.Inlines)
	case *List:
		for _, it := range n.Items {
			fn(it)
		}
	case *ListItem:
		blocks(n.Blocks)
	case *BlockQuote:
		blocks(n.Blocks)
	case *FootnoteDefinition:
		blocks(n.Blocks)
	case *Table:
		cells(n.Header)
		for _, row := range n.Rows {
			cells(row)
		}
	case *Emphasis:
		inlines(n.Inlines)
	case *Strong:
		inlines(n.Inlines)
	case *Strikethrough:
		inlines(n.Inlines)
	case *Link:
		inlines(n.Inlines)
	}
}

// Children returns the direct children of n in document order: blocks for
// container blocks, inlines for blocks and inlines that hold text. Table
// cells are returned as the inlines of the header row and then of each row,
// cell by cell. Leaves return nil. It allocates the slice; Walk does not.
func Children(n Node) []Node {
	var out []Node
	eachChild(n, func(c Node) { out = append(out, c) })
	return out
}

// Walk calls visit for n and then, if visit returns true, for each of n's
// descendants in document order (the order of Children). It allocates
// nothing of its own.
func Walk(n Node, visit func(Node) bool) {
	if !visit(n) {
		return
	}
	eachChild(n, func(c Node) { Walk(c, visit) })
}

// WalkBlocks calls Walk for each block in turn.
func WalkBlocks(blocks []Block, visit func(Node) bool) {
	for _, b := range blocks {
		Walk(b, visit)
	}
}

// WalkHeadings calls visit for every heading in blocks, in document order,
// until visit returns false; it reports whether the walk went to the end.
// It descends only into blocks that can hold headings (lists, list items,
// block quotes, footnote definitions), never into inlines or tables, so
// its cost is that of the block tree.
func WalkHeadings(blocks []Block, visit func(*Heading) bool) bool {
	more := true
	WalkBlocks(blocks, func(n Node) bool {
		if !more {
			return false
		}
		switch n := n.(type) {
		case *Heading:
			more = visit(n)
			return false
		case *List, *ListItem, *BlockQuote, *FootnoteDefinition:
			return true
		}
		return false
	})
	return more
}

// PlainText returns the text of inlines with all formatting removed: code
// spans give their text, images their alt text, soft breaks a space, hard
// breaks a newline. Raw HTML and footnote references give nothing. It is
// the text of a heading for an outline, a title or an anchor.
func PlainText(inlines []Inline) string {
	var b strings.Builder
	writePlain(&b, inlines)
	return b.String()
}

func writePlain(b *strings.Builder, inlines []Inline) {
	for _, in := range inlines {
		switch in := in.(type) {
		case *Text:
			b.WriteString(in.Text)
		case *Code:
			b.WriteString(in.Text)
		case *Image:
			b.WriteString(in.Alt)
		case *SoftBreak:
			b.WriteByte(' ')
		case *HardBreak:
			b.WriteByte('\n')
		case *Emphasis:
			writePlain(b, in.Inlines)
		case *Strong:
			writePlain(b, in.Inlines)
		case *Strikethrough:
			writePlain(b, in.Inlines)
		case *Link:
			writePlain(b, in.Inlines)
		}
	}
}
