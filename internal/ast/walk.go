package ast

import "strings"

// InlineChildren returns the inlines that n holds: the content of
// emphasis, strong emphasis, strikethrough, links and changes, and nil for every
// other kind (text, code, images, breaks, raw HTML and footnote
// references hold no inlines). It is the one list of the inlines that
// hold inlines.
func InlineChildren(n Inline) []Inline {
	switch n := n.(type) {
	case *Emphasis:
		return n.Inlines
	case *Strong:
		return n.Inlines
	case *Strikethrough:
		return n.Inlines
	case *Link:
		return n.Inlines
	case *Change:
		return n.Inlines
	case *Text, *Code, *Image, *SoftBreak, *HardBreak, *RawHTML, *FootnoteRef:
		return nil
	}
	return nil
}

// eachChild calls fn for each direct child of n in document order: blocks
// for container blocks, inlines for blocks and inlines that hold text, and
// a table's cell inlines row by row (header first). Nil table cells are
// skipped. It is the one description of the tree's shape that Children,
// Walk and WalkHeadings share.
func eachChild(n Node, fn func(Node)) {
	switch n := n.(type) {
	case Block:
		eachBlockChild(n, fn)
	case Inline:
		for _, c := range InlineChildren(n) {
			fn(c)
		}
	}
}

// eachBlockChild is eachChild for a block.
func eachBlockChild(n Block, fn func(Node)) {
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
	case *CodeBlock, *ThematicBreak, *HTMLBlock:
		// Leaves.
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

// Title returns the document's title heading: the first level-1 heading
// among the top-level blocks, or nil when there is none; the title block
// (Heading.TitleBlock) when the document has one. Text, raw HTML
// or a lower heading before it does not matter (a template may open with
// a comment or a "last updated" line); a level-1 heading inside a list,
// a quote or a footnote is never the title. Every backend and the
// metadata title fallback use it, so the table of contents goes after
// the same heading in every format.
func Title(doc *Document) *Heading {
	if doc == nil {
		return nil
	}
	for _, b := range doc.Blocks {
		if h, ok := b.(*Heading); ok && h != nil && h.Level == 1 {
			return h
		}
	}
	return nil
}

// PlainText returns the text of inlines with all formatting removed: code
// spans give their text, images their alt text, soft breaks a space, hard
// breaks a newline. Raw HTML and footnote references give nothing, and
// so does the deleted text of a redline (a Change of kind Deleted): it is
// the text of the new version. It is the text of a heading for an
// outline, a title or an anchor.
func PlainText(inlines []Inline) string {
	var b strings.Builder
	writePlain(&b, inlines)
	return b.String()
}

func writePlain(b *strings.Builder, inlines []Inline) {
	for _, in := range inlines {
		if c, ok := in.(*Change); ok && c.Kind == Deleted {
			continue // the new version's text only
		}
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
		default:
			// Raw HTML and footnote references give no text; the
			// inlines that hold inlines give theirs below.
		}
		writePlain(b, InlineChildren(in))
	}
}

// Segment is a piece of the plain text of inlines (PlainSegments):
// Isolate says that it is one value whose direction is not the
// document's (Text.Isolate), which a writer isolates from the text
// around it as it does in the body.
type Segment struct {
	Text    string
	Isolate bool
}

// PlainSegments returns PlainText(inlines) cut where an isolated value
// (Text.Isolate) begins and ends: the text between values is one
// segment, each value one of its own. It is the plain text of a heading
// for a writer that can isolate a part of it, so that a table of
// contents shows "## {company} 2026" with a Hebrew company in an English
// document as its heading does ("<bdi>שלום</bdi> 2026"), where the plain
// text showed "2026 שלום".
func PlainSegments(inlines []Inline) []Segment {
	var segs []Segment
	var b strings.Builder
	writeSegments(&b, &segs, inlines)
	if b.Len() > 0 {
		segs = append(segs, Segment{Text: b.String()})
	}
	return segs
}

func writeSegments(b *strings.Builder, segs *[]Segment, inlines []Inline) {
	for _, in := range inlines {
		if t, ok := in.(*Text); ok && t.Isolate {
			if b.Len() > 0 {
				*segs = append(*segs, Segment{Text: b.String()})
				b.Reset()
			}
			*segs = append(*segs, Segment{Text: t.Text, Isolate: true})
			continue
		}
		if InlineChildren(in) == nil {
			writePlain(b, []Inline{in})
			continue
		}
		if c, ok := in.(*Change); ok && c.Kind == Deleted {
			continue // the new version's text only, as PlainText
		}
		writeSegments(b, segs, InlineChildren(in))
	}
}

// FirstStrongIsolate (U+2068) and PopDirectionalIsolate (U+2069) are
// Unicode's isolate around text of either direction, for a string that
// can hold no markup: an outline entry, a document's title in metadata.
const (
	FirstStrongIsolate    = "\u2068"
	PopDirectionalIsolate = "\u2069"
)

// IsolatedText joins segs, each isolated one (Segment.Isolate) between
// FirstStrongIsolate and PopDirectionalIsolate; segments without one give
// their text alone, so that it is PlainText for inlines with no isolated
// value.
func IsolatedText(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Isolate && s.Text != "" {
			b.WriteString(FirstStrongIsolate)
			b.WriteString(s.Text)
			b.WriteString(PopDirectionalIsolate)
			continue
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// TitleSegments returns the document's metadata title (Meta.Title) cut
// at its values whose direction is not the document's, for a writer that
// shows the title as a string (IsolatedText): the segments of the title
// heading (Title) when its plain text is the metadata title but for
// spaces, as it is for a title block or a title taken from the heading;
// else the metadata title as one segment (a metadata title keeps no
// mark of its own).
func TitleSegments(doc *Document) []Segment {
	if doc == nil || doc.Meta.Title == "" {
		return nil
	}
	if h := Title(doc); h != nil {
		segs := PlainSegments(h.Inlines)
		var b strings.Builder
		for _, s := range segs {
			b.WriteString(s.Text)
		}
		if strings.Join(strings.Fields(b.String()), " ") == strings.Join(strings.Fields(doc.Meta.Title), " ") {
			return segs
		}
	}
	return []Segment{{Text: doc.Meta.Title}}
}

// ShowsDestination reports whether a link's text is its destination
// (https://example.com written as itself, or an e-mail address for its
// mailto: link), so that a writer that spells out destinations (the
// plain-text links list, the PDF's link notes) need not repeat it.
func ShowsDestination(l *Link) bool {
	t := PlainText(l.Inlines)
	return t == l.Destination || "mailto:"+t == l.Destination
}

// SpellsDestination reports whether a writer that spells out link
// destinations for a reader on paper (the plain text's link list, the
// PDF's link notes, the HTML's print stylesheet) spells out l's: not when
// it has none, not when its text is its destination (ShowsDestination),
// and not when it points inside the document (#id), whose target the
// reader finds by the link's words, and whose "#id" names nothing on
// paper. It is the one rule for the three.
func SpellsDestination(l *Link) bool {
	dest := strings.TrimSpace(l.Destination)
	return dest != "" && !strings.HasPrefix(dest, "#") && !ShowsDestination(l)
}
