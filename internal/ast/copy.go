package ast

// CopyBlocks returns a deep copy of blocks: every node, list item and
// table cell in it is new, and it shares no slice with blocks.
//
// When edit is not nil it is called for each node, in document order,
// with the original and its copy, before the copy's children are copied:
// it may change the copy's own fields (its child lists are replaced
// afterwards), and returning false leaves the node out of its parent's
// list. The filler uses it to put values in place of placeholders.
//
// A node of an unknown kind (see UnknownNodeError) stops the copy with an
// *UnknownNodeError; the copy is then nil.
func CopyBlocks(blocks []Block, edit func(orig, copy Node) bool) ([]Block, error) {
	c := &copier{edit: edit}
	out := c.blocks(blocks, Pos{})
	if c.err != nil {
		return nil, c.err
	}
	return out, nil
}

// copier is the state of one CopyBlocks call.
type copier struct {
	edit func(orig, copy Node) bool
	err  error
}

// keep calls edit, if any, and reports whether to keep the copy.
func (c *copier) keep(orig, copy Node) bool {
	return c.edit == nil || c.edit(orig, copy)
}

// unknown records the error for a node of an unknown kind.
func (c *copier) unknown(n Node, near Pos) {
	if c.err == nil {
		c.err = Unknown(n, near)
	}
}

func (c *copier) blocks(in []Block, near Pos) []Block {
	if in == nil {
		return nil
	}
	out := make([]Block, 0, len(in))
	for _, b := range in {
		if b := c.block(b, near); b != nil {
			out = append(out, b)
		}
	}
	return out
}

// block returns the copy of b, or nil when edit leaves it out or its kind
// is unknown.
func (c *copier) block(b Block, near Pos) Block {
	switch b := b.(type) {
	case *Heading:
		cp := *b
		if !c.keep(b, &cp) {
			return nil
		}
		cp.Inlines = c.inlines(b.Inlines, b.At)
		return &cp
	case *Paragraph:
		cp := *b
		if !c.keep(b, &cp) {
			return nil
		}
		cp.Inlines = c.inlines(b.Inlines, b.At)
		return &cp
	case *List:
		cp := *b
		if !c.keep(b, &cp) {
			return nil
		}
		cp.Items = nil
		for _, it := range b.Items {
			if it := c.item(it, b.At); it != nil {
				cp.Items = append(cp.Items, it)
			}
		}
		return &cp
	case *ListItem:
		if it := c.item(b, near); it != nil {
			return it
		}
		return nil
	case *BlockQuote:
		cp := *b
		if !c.keep(b, &cp) {
			return nil
		}
		cp.Blocks = c.blocks(b.Blocks, b.At)
		return &cp
	case *CodeBlock:
		cp := *b
		if !c.keep(b, &cp) {
			return nil
		}
		return &cp
	case *ThematicBreak:
		cp := *b
		if !c.keep(b, &cp) {
			return nil
		}
		return &cp
	case *Table:
		cp := *b
		if !c.keep(b, &cp) {
			return nil
		}
		cp.Align = append([]Alignment(nil), b.Align...)
		cp.Header = c.cells(b.Header, b.At)
		cp.Rows = nil
		for _, row := range b.Rows {
			cp.Rows = append(cp.Rows, c.cells(row, b.At))
		}
		return &cp
	case *HTMLBlock:
		cp := *b
		if !c.keep(b, &cp) {
			return nil
		}
		return &cp
	case *FootnoteDefinition:
		cp := *b
		if !c.keep(b, &cp) {
			return nil
		}
		cp.Blocks = c.blocks(b.Blocks, b.At)
		return &cp
	}
	c.unknown(b, near)
	return nil
}

// item returns the copy of a list item, or nil when edit leaves it out.
func (c *copier) item(it *ListItem, near Pos) *ListItem {
	if it == nil {
		c.unknown(nil, near)
		return nil
	}
	cp := *it
	if !c.keep(it, &cp) {
		return nil
	}
	cp.Blocks = c.blocks(it.Blocks, it.At)
	return &cp
}

// cells copies a table row; a nil cell stays nil.
func (c *copier) cells(in []*TableCell, near Pos) []*TableCell {
	out := make([]*TableCell, len(in))
	for i, cell := range in {
		if cell != nil {
			out[i] = &TableCell{Inlines: c.inlines(cell.Inlines, near)}
		}
	}
	return out
}

func (c *copier) inlines(in []Inline, near Pos) []Inline {
	if in == nil {
		return nil
	}
	out := make([]Inline, 0, len(in))
	for _, n := range in {
		if n := c.inline(n, near); n != nil {
			out = append(out, n)
		}
	}
	return out
}

// inline returns the copy of n, or nil when edit leaves it out or its
// kind is unknown.
func (c *copier) inline(n Inline, near Pos) Inline {
	switch n := n.(type) {
	case *Text:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		return &cp
	case *Emphasis:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		cp.Inlines = c.inlines(n.Inlines, near)
		return &cp
	case *Strong:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		cp.Inlines = c.inlines(n.Inlines, near)
		return &cp
	case *Strikethrough:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		cp.Inlines = c.inlines(n.Inlines, near)
		return &cp
	case *Code:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		return &cp
	case *Link:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		cp.Inlines = c.inlines(n.Inlines, near)
		return &cp
	case *Image:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		return &cp
	case *SoftBreak:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		return &cp
	case *HardBreak:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		return &cp
	case *RawHTML:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		return &cp
	case *FootnoteRef:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		return &cp
	case *Change:
		cp := *n
		if !c.keep(n, &cp) {
			return nil
		}
		cp.Inlines = c.inlines(n.Inlines, near)
		return &cp
	}
	c.unknown(n, near)
	return nil
}
