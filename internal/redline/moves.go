package redline

import (
	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
)

// MoveMarks returns doc, a redline of res or a View of one, with a mark
// at each end of every move it shows, as a compare tool marks a moved
// paragraph: where the block went from, "[Moved to SECTION]" before its
// struck text, and where it went to, "[Moved here from SECTION]" before
// its inserted text, each in the language lang, in emphasis and with
// links a link to the other end (its anchor, Anchor). Without them a
// moved paragraph read as a deletion and an unrelated insertion in
// every format but the JSON and the summary. A mark goes at the start of
// the paragraph the move's change starts; before any other block (a
// heading, whose text is its outline entry, a code block, a table).
// doc is not changed.
func MoveMarks(doc *ast.Document, res *Result, lang l10n.Lang, links bool) *ast.Document {
	byID := map[string]*Change{}
	for i := range res.Changes {
		byID[res.Changes[i].ID] = &res.Changes[i]
	}
	marks := map[string]ast.Inline{}
	for _, c := range res.Changes {
		other, key := c.MovedTo, l10n.MovedTo
		if other == "" {
			other, key = c.MovedFrom, l10n.MovedFrom
		}
		if o := byID[other]; c.Kind == Move && o != nil {
			marks[Anchor(c.ID)] = moveMark(lang, key, o, links)
		}
	}
	if len(marks) == 0 {
		return doc
	}
	d := *doc
	d.Blocks = markMoves(doc.Blocks, marks)
	return &d
}

// moveMark is the mark of a move's end whose other end is other, labelled
// by key: "[Moved to 4. Security]", the section linked to other with
// links.
func moveMark(lang l10n.Lang, key l10n.Key, other *Change, links bool) ast.Inline {
	label := expand(lang.Label(key), "section", sectionName(lang, other.Section))
	if !links {
		return &ast.Emphasis{Inlines: []ast.Inline{&ast.Text{Text: "[" + label + "]"}}}
	}
	return &ast.Emphasis{Inlines: []ast.Inline{
		&ast.Text{Text: "["},
		&ast.Link{Destination: "#" + Anchor(other.ID), Inlines: []ast.Inline{&ast.Text{Text: label}}},
		&ast.Text{Text: "]"},
	}}
}

// markMoves returns bs with the marks (by the anchor of the change they
// mark) put in (see MoveMarks): the blocks that hold one are copies.
func markMoves(bs []ast.Block, marks map[string]ast.Inline) []ast.Block {
	out := make([]ast.Block, 0, len(bs))
	for _, b := range bs {
		switch b := b.(type) {
		case *ast.Paragraph:
			if c, ok := first(b.Inlines); ok && marks[c] != nil {
				p := *b
				p.Inlines = append([]ast.Inline{marks[c], &ast.Text{Text: " "}}, b.Inlines...)
				out = append(out, &p)
				continue
			}
		case *ast.List:
			l := *b
			l.Items = make([]*ast.ListItem, len(b.Items))
			for i, it := range b.Items {
				c := *it
				c.Blocks = markMoves(it.Blocks, marks)
				l.Items[i] = &c
			}
			out = append(out, &l)
			continue
		case *ast.ListItem:
			c := *b
			c.Blocks = markMoves(b.Blocks, marks)
			out = append(out, &c)
			continue
		case *ast.BlockQuote:
			q := *b
			q.Blocks = markMoves(b.Blocks, marks)
			out = append(out, &q)
			continue
		case *ast.FootnoteDefinition:
			f := *b
			f.Blocks = markMoves(b.Blocks, marks)
			out = append(out, &f)
			continue
		case *ast.Heading, *ast.CodeBlock, *ast.Table, *ast.HTMLBlock, *ast.ThematicBreak:
			if m := blockMark(b, marks); m != nil {
				out = append(out, &ast.Paragraph{Inlines: []ast.Inline{m}, At: b.Pos()})
			}
		}
		out = append(out, b)
	}
	return out
}

// first returns the anchor of the change that ins starts with.
func first(ins []ast.Inline) (string, bool) {
	if len(ins) > 0 {
		if c, ok := ins[0].(*ast.Change); ok && c.ID != "" {
			return c.ID, true
		}
	}
	return "", false
}

// blockMark returns the mark of the first change in b that has one.
func blockMark(b ast.Block, marks map[string]ast.Inline) ast.Inline {
	var m ast.Inline
	ast.WalkBlocks([]ast.Block{b}, func(n ast.Node) bool {
		id := ""
		switch n := n.(type) {
		case *ast.Change:
			id = n.ID
		case *ast.CodeBlock:
			id = n.ChangeID
		}
		if m == nil && marks[id] != nil {
			m = marks[id]
		}
		return m == nil
	})
	return m
}
