package redline

import (
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
)

// whole adds a block that only one version has (kind ast.Deleted: the
// old one; ast.Inserted: the new one) to out, every word of it marked, as
// one change of kind ck (Delete, Insert or Move).
func (c *comparer) whole(out []ast.Block, b ast.Block, kind ast.ChangeKind, ck Kind) []ast.Block {
	n := len(blockWords(b))
	text := strings.Join(blockFields(b), " ")
	var ch Change
	if kind == ast.Deleted {
		if ck != Move {
			ck = Delete
		}
		ch = Change{Kind: ck, Old: text, OldPos: b.Pos()}
	} else {
		ch = Change{Kind: ck, New: text, NewPos: b.Pos()}
	}
	// The block is in the section it is under in its own version: a
	// deleted heading's path is its old ancestors and itself.
	in := &c.new
	if kind == ast.Deleted {
		in = &c.old
	}
	if f, ok := b.(*ast.FootnoteDefinition); ok {
		// A footnote's section is the one that references it.
		defer in.inNote(f.Index)()
	}
	if h, ok := b.(*ast.Heading); ok {
		in.enter(h)
	}
	if p, ok := b.(*ast.Paragraph); ok {
		in.clause(p)
	}
	id := c.addIn(ch, in)
	if kind == ast.Deleted {
		c.oldWord += n
	} else {
		c.newWord += n
	}
	return append(out, markBlock(b, kind, &id)...)
}

// markBlock returns a copy of b with all its text in Changes of kind, the
// first of which gets the ID *id: one block, or for a deleted footnote
// definition its blocks. Every block comes out with a mark, so that
// every change the summary counts is shown and linked:
//   - a code block stays one, indentation and all, marked as a whole
//     (CodeBlock.Change): as a paragraph of code spans it lost its
//     indentation;
//   - a raw HTML block becomes a code block of its source, marked the
//     same way (raw HTML passed through could hold no mark, and its old
//     version could not be shown at all); its At is the block's first
//     line, where a fenced code block's is its fence, a line above;
//   - a thematic break becomes a paragraph of "* * *", as plain text
//     writes one;
//   - a deleted footnote definition becomes its blocks in the text,
//     the first starting with its old mark, "[^2]: ": its number belongs
//     to the old version, and the new one's notes have no place for it.
func markBlock(b ast.Block, kind ast.ChangeKind, id *string) []ast.Block {
	f, ok := b.(*ast.FootnoteDefinition)
	if !ok || kind != ast.Deleted {
		return []ast.Block{markOne(b, kind, id)}
	}
	mark := &ast.Text{Text: "[^" + strconv.Itoa(f.Index) + "]: ", At: f.At}
	blocks := append([]ast.Block{}, f.Blocks...)
	if p, ok := firstParagraph(blocks); ok {
		q := *blocks[p].(*ast.Paragraph)
		q.Inlines = append([]ast.Inline{mark}, q.Inlines...)
		blocks[p] = &q
	} else {
		blocks = append([]ast.Block{&ast.Paragraph{Inlines: []ast.Inline{mark}, At: f.At}}, blocks...)
	}
	return markBlocks(blocks, kind, id)
}

// firstParagraph returns the index of bs's first block if it is a
// paragraph.
func firstParagraph(bs []ast.Block) (int, bool) {
	if len(bs) > 0 {
		if _, ok := bs[0].(*ast.Paragraph); ok {
			return 0, true
		}
	}
	return 0, false
}

// markOne is markBlock for every block but a deleted footnote definition.
func markOne(b ast.Block, kind ast.ChangeKind, id *string) ast.Block {
	switch b := b.(type) {
	case *ast.Heading:
		if kind == ast.Deleted {
			// The redline's headings are the new version's: its outline,
			// table of contents and tags. A deleted heading is its text in
			// bold, struck through; as a heading its new text was empty,
			// an outline entry with no title in the PDF.
			return &ast.Paragraph{Inlines: markInlines([]ast.Inline{&ast.Strong{Inlines: b.Inlines}}, kind, id), At: b.At}
		}
		h := *b
		h.Inlines = markInlines(h.Inlines, kind, id)
		return &h
	case *ast.Paragraph:
		p := *b
		p.Inlines = markInlines(p.Inlines, kind, id)
		return &p
	case *ast.List:
		l := *b
		l.Items = make([]*ast.ListItem, len(b.Items))
		for i, it := range b.Items {
			l.Items[i] = markOne(it, kind, id).(*ast.ListItem)
		}
		return &l
	case *ast.ListItem:
		it := *b
		it.Blocks = markBlocks(b.Blocks, kind, id)
		return &it
	case *ast.BlockQuote:
		q := *b
		q.Blocks = markBlocks(b.Blocks, kind, id)
		return &q
	case *ast.CodeBlock:
		cb := *b
		cb.Change, cb.ChangeID = kind, *id
		*id = ""
		return &cb
	case *ast.ThematicBreak:
		return &ast.Paragraph{Inlines: markInlines([]ast.Inline{&ast.Text{Text: "* * *", At: b.At}}, kind, id), At: b.At}
	case *ast.Table:
		t := *b
		t.Header = markRow(b.Header, kind, id)
		t.Rows = make([][]*ast.TableCell, len(b.Rows))
		for i, r := range b.Rows {
			t.Rows[i] = markRow(r, kind, id)
		}
		return &t
	case *ast.HTMLBlock:
		cb := &ast.CodeBlock{Language: "html", Text: b.Text, Change: kind, ChangeID: *id, At: b.At}
		*id = ""
		return cb
	case *ast.FootnoteDefinition:
		f := *b
		f.Blocks = markBlocks(b.Blocks, kind, id)
		return &f
	}
	return b
}

// markBlocks marks every block of bs (see markBlock).
func markBlocks(bs []ast.Block, kind ast.ChangeKind, id *string) []ast.Block {
	var out []ast.Block
	for _, b := range bs {
		out = append(out, markBlock(b, kind, id)...)
	}
	return out
}

// markRow marks every cell of a table row.
func markRow(r []*ast.TableCell, kind ast.ChangeKind, id *string) []*ast.TableCell {
	out := make([]*ast.TableCell, len(r))
	for i, cell := range r {
		out[i] = &ast.TableCell{Inlines: markInlines(cell.Inlines, kind, id)}
	}
	return out
}

// markInlines wraps ins in one Change of kind with the ID *id (which it
// then clears), or returns nil for no inlines. Deleted footnote
// references become their text, "[^1]": their numbers are the old
// version's.
func markInlines(ins []ast.Inline, kind ast.ChangeKind, id *string) []ast.Inline {
	if len(ins) == 0 {
		return nil
	}
	if kind == ast.Deleted {
		ins = build(deadRefs(markedPieces(ins, 0, "")), nil)
	}
	ch := &ast.Change{Kind: kind, ID: *id, Inlines: ins}
	*id = ""
	return []ast.Inline{ch}
}

// markedPieces returns the pieces of ins, each marked with kind and id.
func markedPieces(ins []ast.Inline, kind ast.ChangeKind, id string) []marked {
	var ms []marked
	for _, p := range pieces(ins, nil, nil) {
		ms = append(ms, marked{piece: p, kind: kind, id: id})
	}
	return ms
}

// deadRefs turns the footnote references among ms into plain text.
func deadRefs(ms []marked) []marked {
	for i := range ms {
		if _, ok := ms[i].leaf.(*ast.FootnoteRef); ok {
			ms[i].leaf = nil
		}
	}
	return ms
}
