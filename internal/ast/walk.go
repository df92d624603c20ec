package ast

import "strings"

// Children returns the direct children of n in document order: blocks for
// container blocks, inlines for blocks and inlines that hold text. Table
// cells are returned as the inlines of the header row and then of each row,
// cell by cell. Leaves return nil.
func Children(n Node) []Node {
	var out []Node
	addInlines := func(ins []Inline) {
		for _, in := range ins {
			out = append(out, in)
		}
	}
	addBlocks := func(bs []Block) {
		for _, b := range bs {
			out = append(out, b)
		}
	}
	switch n := n.(type) {
	case *Heading:
		addInlines(n.Inlines)
	case *Paragraph:
		addInlines(n.Inlines)
	case *List:
		for _, it := range n.Items {
			out = append(out, it)
		}
	case *ListItem:
		addBlocks(n.Blocks)
	case *BlockQuote:
		addBlocks(n.Blocks)
	case *FootnoteDefinition:
		addBlocks(n.Blocks)
	case *Table:
		for _, c := range n.Header {
			addInlines(c.Inlines)
		}
		for _, row := range n.Rows {
			for _, c := range row {
				addInlines(c.Inlines)
			}
		}
	case *Emphasis:
		addInlines(n.Inlines)
	case *Strong:
		addInlines(n.Inlines)
	case *Strikethrough:
		addInlines(n.Inlines)
	case *Link:
		addInlines(n.Inlines)
	}
	return out
}

// Walk calls visit for n and then, if visit returns true, for each of n's
// descendants in document order (the order of Children). It allocates
// nothing of its own.
func Walk(n Node, visit func(Node) bool) {
	if !visit(n) {
		return
	}
	inlines := func(ins []Inline) {
		for _, in := range ins {
			Walk(in, visit)
		}
	}
	switch n := n.(type) {
	case *Heading:
		inlines(n.Inlines)
	case *Paragraph:
		inlines(n.Inlines)
	case *List:
		for _, it := range n.Items {
			Walk(it, visit)
		}
	case *ListItem:
		WalkBlocks(n.Blocks, visit)
	case *BlockQuote:
		WalkBlocks(n.Blocks, visit)
	case *FootnoteDefinition:
		WalkBlocks(n.Blocks, visit)
	case *Table:
		for _, c := range n.Header {
			inlines(c.Inlines)
		}
		for _, row := range n.Rows {
			for _, c := range row {
				inlines(c.Inlines)
			}
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

// WalkBlocks calls Walk for each block in turn.
func WalkBlocks(blocks []Block, visit func(Node) bool) {
	for _, b := range blocks {
		Walk(b, visit)
	}
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
