package template

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/policyexport/policyexport/internal/ast"
)

// converter turns goldmark's tree of an encoded body into model blocks
// with placeholders unfilled. Every string is copied out of the source.
type converter struct {
	src      *source
	names    []string
	textIDs  map[*ast.Text]int
	maxDepth int
	depth    int
	// inlineDepth counts the calls of inlines in progress: 1 in a
	// paragraph's own text, one more per emphasis, link or strikethrough.
	inlineDepth int
	err         error
	// linkBudget is how many more bytes the destinations and titles of
	// links and images may hold: a link reference repeats its
	// definition's, so 64 KiB of "[a]" under one long definition made
	// gigabytes (see checkLinkBudget).
	linkBudget int
	// runText is the literal Text being built by appendText, and run its
	// text once a second piece has been added (runLong).
	runText *ast.Text
	run     []byte
	runLong bool
	// bracedNames caches "{name}" by placeholder number.
	bracedNames []string
	// footnoteLabels maps footnote numbers to their labels.
	footnoteLabels map[int]string
	// quotes records the typographer's quotation marks in literal
	// Texts (see quotes.go), and openSingles counts the single quotes
	// opened and not yet closed in the block being converted.
	quotes      map[*ast.Text][]quoteAt
	openSingles int
	// straightInBlock is true when the block whose text is being
	// converted holds a straight double quote (appendResolved), whose
	// typed marks before it chainTyped records.
	straightInBlock bool
	// notices are what the conversion finds written most likely not as
	// meant (a table row with too few or too many cells).
	notices []Notice
}

// document converts a goldmark document: its blocks, then its footnote
// definitions ordered by number.
func (c *converter) document(doc gast.Node) []ast.Block {
	var list *east.FootnoteList
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if l, ok := n.(*east.FootnoteList); ok {
			list = l
		}
	}
	c.footnoteLabels = map[int]string{}
	if list != nil {
		for n := list.FirstChild(); n != nil; n = n.NextSibling() {
			if f, ok := n.(*east.Footnote); ok {
				c.footnoteLabels[f.Index] = c.restore(f.Ref)
			}
		}
	}
	var out []ast.Block
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*east.FootnoteList); ok {
			continue
		}
		if b := c.block(n); b != nil {
			out = append(out, b)
		}
	}
	if list != nil {
		var defs []*ast.FootnoteDefinition
		for n := list.FirstChild(); n != nil; n = n.NextSibling() {
			f, ok := n.(*east.Footnote)
			if !ok || f.Index <= 0 {
				continue
			}
			defs = append(defs, &ast.FootnoteDefinition{
				Index:  f.Index,
				Label:  c.footnoteLabels[f.Index],
				Blocks: c.blocks(f),
				At:     c.blockPos(f),
			})
		}
		sort.SliceStable(defs, func(i, j int) bool { return defs[i].Index < defs[j].Index })
		for _, d := range defs {
			out = append(out, d)
		}
	}
	return out
}

// blocks converts the block children of n.
func (c *converter) blocks(n gast.Node) []ast.Block {
	var out []ast.Block
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if b := c.block(ch); b != nil {
			out = append(out, b)
		}
	}
	return out
}

// block converts one block; nil for nodes the model does not keep.
func (c *converter) block(n gast.Node) ast.Block {
	switch n := n.(type) {
	case *gast.Heading:
		return &ast.Heading{Level: n.Level, Inlines: c.inlines(n), At: c.blockPos(n)}
	case *gast.Paragraph:
		return c.paragraph(n)
	case *gast.TextBlock:
		return c.paragraph(n)
	case *gast.List:
		return c.list(n)
	case *gast.Blockquote:
		return c.blockQuote(n)
	case *gast.FencedCodeBlock:
		return c.fencedCode(n)
	case *gast.CodeBlock:
		return &ast.CodeBlock{Text: c.codeLines(n.Lines()), At: c.blockPos(n)}
	case *gast.ThematicBreak:
		return &ast.ThematicBreak{At: c.blockPos(n)}
	case *gast.HTMLBlock:
		return c.htmlBlock(n)
	case *east.Table:
		return c.table(n)
	case *gast.ListItem:
		// Only inside a List; converted by list.
		return nil
	}
	// No other block kind comes out of the configured parsers; should one
	// appear, keep its text as a paragraph rather than lose it.
	if n.FirstChild() != nil && n.FirstChild().Type() == gast.TypeInline {
		return &ast.Paragraph{Inlines: c.inlines(n), At: c.blockPos(n)}
	}
	return nil
}

func (c *converter) paragraph(n gast.Node) ast.Block {
	ins := c.inlines(n)
	if len(ins) == 0 {
		return nil
	}
	return &ast.Paragraph{Inlines: ins, At: c.blockPos(n)}
}

// enter counts one more level of list or block quote nesting and records
// an error when it passes the limit.
func (c *converter) enter(n gast.Node) bool {
	c.depth++
	if c.depth > c.maxDepth {
		if c.err == nil {
			c.err = &Error{File: c.src.file, Pos: c.blockPos(n),
				Msg: fmt.Sprintf("lists and block quotes nested more than %d deep (the limit; Options.MaxDepth raises it)", c.maxDepth)}
		}
		return false
	}
	return true
}

func (c *converter) list(n *gast.List) ast.Block {
	defer func() { c.depth-- }()
	if !c.enter(n) {
		return nil
	}
	l := &ast.List{Ordered: n.IsOrdered(), Marker: n.Marker, Tight: n.IsTight, At: c.blockPos(n)}
	if l.Ordered {
		l.Start = n.Start
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		it, ok := ch.(*gast.ListItem)
		if !ok {
			continue
		}
		l.Items = append(l.Items, c.listItem(it))
	}
	return l
}

func (c *converter) listItem(n *gast.ListItem) *ast.ListItem {
	item := &ast.ListItem{At: c.blockPos(n)}
	if first := n.FirstChild(); first != nil {
		if box, ok := first.FirstChild().(*east.TaskCheckBox); ok {
			item.Task = ast.TaskOpen
			if box.IsChecked {
				item.Task = ast.TaskDone
			}
		}
	}
	item.Blocks = c.blocks(n)
	if item.Task != ast.NoTask && len(item.Blocks) > 0 {
		if p, ok := item.Blocks[0].(*ast.Paragraph); ok && len(p.Inlines) > 0 {
			if t, ok := p.Inlines[0].(*ast.Text); ok {
				if _, isPH := placeholderID(c.textIDs, t); !isPH {
					trimmed := strings.TrimLeft(t.Text, " \t")
					c.moveQuotes(t, t, len(trimmed)-len(t.Text))
					t.Text = trimmed
					if t.Text == "" {
						p.Inlines = p.Inlines[1:]
					}
				}
			}
		}
	}
	return item
}

func (c *converter) blockQuote(n *gast.Blockquote) ast.Block {
	defer func() { c.depth-- }()
	if !c.enter(n) {
		return nil
	}
	return &ast.BlockQuote{Blocks: c.blocks(n), At: c.blockPos(n)}
}

func (c *converter) fencedCode(n *gast.FencedCodeBlock) ast.Block {
	cb := &ast.CodeBlock{Text: c.codeLines(n.Lines()), At: c.blockPos(n)}
	if n.Info != nil {
		seg := n.Info.Segment
		c.markCode(seg.Start, seg.Stop)
		info := resolveText(c.restore(seg.Value(c.src.enc)))
		if i := strings.IndexAny(info, " \t"); i >= 0 {
			info = info[:i]
		}
		cb.Language = info
	}
	return cb
}

// codeLines returns the text of code lines, each ending in "\n", with
// placeholders written back as "{name}".
func (c *converter) codeLines(lines *text.Segments) string {
	var b []byte
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		c.markCode(seg.Start, seg.Stop)
		b = append(b, seg.Value(c.src.enc)...)
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		b = append(b, '\n')
	}
	return c.restore(b)
}

func (c *converter) htmlBlock(n *gast.HTMLBlock) ast.Block {
	lines := n.Lines()
	segs := make([]text.Segment, 0, lines.Len()+1)
	for i := 0; i < lines.Len(); i++ {
		segs = append(segs, lines.At(i))
	}
	if n.HasClosure() {
		segs = append(segs, n.ClosureLine)
	}
	b := c.rawHTML(segs)
	if len(b) > 0 && b[len(b)-1] != '\n' {
		b = append(b, '\n')
	}
	return &ast.HTMLBlock{Text: string(b), At: c.blockPos(n)}
}

func (c *converter) table(n *east.Table) ast.Block {
	t := &ast.Table{At: c.blockPos(n)}
	for _, a := range n.Alignments {
		t.Align = append(t.Align, alignment(a))
	}
	var odd tableRowCount
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		cells := c.cells(row, len(t.Align))
		switch row.(type) {
		case *east.TableHeader:
			t.Header = cells
		default:
			t.Rows = append(t.Rows, cells)
			odd.add(c, row, len(t.Align))
		}
	}
	if t.Header == nil {
		t.Header = c.cells(nil, len(t.Align))
	}
	if odd.rows > 0 {
		c.notices = append(c.notices, odd.notice(t.Header))
	}
	return t
}

// tableRowCount finds the body rows of a table whose cells are fewer or
// more than its columns. GitHub Flavored Markdown takes both: a short
// row gets empty cells at its end, and the cells past the last column
// are dropped. In a table of cookies or processors, a cell left out in
// the middle of a row ("| _ga | Google | 2 years |" under Name, Provider,
// Purpose, Lifetime) moves the cells after it one column to the left,
// the lifetime shown as the purpose and the lifetime empty, in every
// output, and a cell too many vanishes: both were written without a
// word. One notice a table, at its first such row, counting the others.
type tableRowCount struct {
	rows       int // such rows
	first      ast.Pos
	have, want int    // the first one's cells, and the columns
	dropped    string // the first one's text past the last column
}

// add looks at row, a body row of a table of cols columns.
func (r *tableRowCount) add(c *converter, row gast.Node, cols int) {
	have, last := 0, gast.Node(nil)
	for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
		if cell.Lines().Len() == 0 { // an empty cell goldmark added
			break
		}
		have++
		last = cell
	}
	var dropped string
	if have == cols && last != nil {
		// goldmark leaves out the cells past the last column: they are
		// the rest of the line after the last cell's "|".
		rest := c.src.enc[last.Lines().At(0).Stop:]
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			rest = rest[:i]
		}
		rest = bytes.TrimSpace(rest)
		rest = bytes.TrimSpace(bytes.TrimPrefix(rest, []byte("|")))
		rest = bytes.TrimSpace(bytes.TrimSuffix(rest, []byte("|")))
		if len(bytes.Trim(rest, "| \t")) > 0 {
			dropped = string(rest)
			have = cols + 1 + bytes.Count(rest, []byte("|"))
		}
	}
	if have == cols || have == 0 {
		return
	}
	if r.rows == 0 {
		r.first, r.have, r.want, r.dropped = c.blockPos(row), have, cols, dropped
	}
	r.rows++
}

// notice says what the first such row shows, and how to write it.
func (r *tableRowCount) notice(header []*ast.TableCell) Notice {
	var msg string
	if r.have < r.want {
		names := make([]string, 0, r.want-r.have)
		for _, h := range header[r.have:] {
			if name := ast.PlainText(h.Inlines); name != "" {
				names = append(names, strconv.Quote(name))
			}
		}
		empty := fmt.Sprintf("its last %d columns", r.want-r.have)
		if r.want-r.have == 1 {
			empty = "its last column"
		}
		if len(names) > 0 {
			empty += " (" + strings.Join(names, ", ") + ")"
		}
		cells := fmt.Sprintf("%d cells", r.have)
		if r.have == 1 {
			cells = "1 cell"
		}
		msg = fmt.Sprintf("table row has %s, but the table has %d columns: %s left empty, and if a cell was left out in the middle, the cells after it show one column to the left; write every cell (| | for one left empty)", cells, r.want, empty)
	} else {
		msg = fmt.Sprintf("table row has more cells than the table's %d columns: the cells past the last column are left out of every output (%s); add a column to the header and the delimiter row, or remove them", r.want, strconv.Quote(r.dropped))
	}
	if r.rows > 1 {
		msg += fmt.Sprintf(" (%d more rows of this table differ from its columns)", r.rows-1)
	}
	return Notice{Kind: TableCellsNotice, Pos: r.first, Msg: msg}
}

// cells converts a table row into exactly n cells.
func (c *converter) cells(row gast.Node, n int) []*ast.TableCell {
	out := make([]*ast.TableCell, 0, n)
	if row != nil {
		for cell := row.FirstChild(); cell != nil && len(out) < n; cell = cell.NextSibling() {
			out = append(out, &ast.TableCell{Inlines: c.inlines(cell)})
		}
	}
	for len(out) < n {
		out = append(out, &ast.TableCell{})
	}
	return out
}

func alignment(a east.Alignment) ast.Alignment {
	switch a {
	case east.AlignLeft:
		return ast.AlignLeft
	case east.AlignCenter:
		return ast.AlignCenter
	case east.AlignRight:
		return ast.AlignRight
	}
	return ast.AlignNone
}

// inlines converts the inline children of n, merging adjacent literal
// text and dropping line breaks at the ends.
//
// Inline nesting (emphasis in a link in emphasis…) deeper than maxDepth
// is an error: real documents nest two or three deep, and every backend
// and the JSON encoding pay for each level.
func (c *converter) inlines(n gast.Node) []ast.Inline {
	c.inlineDepth++
	defer func() { c.inlineDepth-- }()
	if c.inlineDepth > c.maxDepth+1 {
		if c.err == nil {
			c.err = &Error{File: c.src.file, Pos: c.inlinePos(n),
				Msg: fmt.Sprintf("emphasis, links and strikethrough nested more than %d deep (the limit; Options.MaxDepth raises it)", c.maxDepth)}
		}
		return nil
	}
	c.flushRun() // a run of the caller's stays as it is
	if c.inlineDepth == 1 {
		// A block's own text: its single quotes pair among themselves.
		c.openSingles = 0
		c.straightInBlock = false
	}
	var out []ast.Inline
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		out = c.inline(out, ch)
	}
	c.flushRun()
	out = c.mergeTexts(out)
	if c.inlineDepth == 1 && c.straightInBlock {
		c.chainTyped(out)
	}
	for len(out) > 0 && isBreak(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	for len(out) > 0 && isBreak(out[0]) {
		out = out[1:]
	}
	return out
}

// inlinePos returns the position of the first text under n, or the zero
// Pos when it has none.
func (c *converter) inlinePos(n gast.Node) ast.Pos {
	for ; n != nil; n = n.FirstChild() {
		if t, ok := n.(*gast.Text); ok {
			return c.src.posEnc(t.Segment.Start)
		}
	}
	return ast.Pos{}
}

func isBreak(in ast.Inline) bool {
	switch in.(type) {
	case *ast.SoftBreak, *ast.HardBreak:
		return true
	default:
		return false
	}
}

// inline appends the conversion of n to out.
func (c *converter) inline(out []ast.Inline, n gast.Node) []ast.Inline {
	if c.err != nil {
		// The template is refused: converting the rest could only
		// cost time and memory.
		return out
	}
	switch n := n.(type) {
	case *gast.Text:
		seg := n.Segment
		out = c.text(out, seg.Value(c.src.enc), seg.Start, !n.IsRaw())
		if n.HardLineBreak() {
			out = append(out, &ast.HardBreak{})
		} else if n.SoftLineBreak() {
			out = append(out, &ast.SoftBreak{})
		}
		return out
	case *gast.String:
		if q, ok := typoQuoteOf(n.Value); ok {
			return c.quote(out, q, c.stringStart(n))
		}
		return c.text(out, n.Value, c.stringStart(n), !n.IsRaw() && !n.IsCode())
	case *gast.Emphasis:
		if n.Level == 1 {
			return append(out, &ast.Emphasis{Inlines: c.inlines(n)})
		}
		return append(out, &ast.Strong{Inlines: c.inlines(n)})
	case *east.Strikethrough:
		return append(out, &ast.Strikethrough{Inlines: c.inlines(n)})
	case *gast.CodeSpan:
		return append(out, c.codeSpan(n))
	case *gast.Link:
		c.checkLinkBudget(n, n.Destination, n.Title)
		return append(out, &ast.Link{
			Destination: c.encodeResolved(n.Destination),
			Title:       c.encodeResolved(n.Title),
			Inlines:     c.inlines(n),
			At:          c.src.posEnc(n.Pos()),
		})
	case *gast.Image:
		c.checkLinkBudget(n, n.Destination, n.Title)
		return append(out, &ast.Image{
			Destination: c.encodeResolved(n.Destination),
			Title:       c.encodeResolved(n.Title),
			Alt:         c.encodedPlain(c.inlines(n)),
			At:          c.src.posEnc(n.Pos()),
		})
	case *gast.AutoLink:
		return append(out, c.autoLink(n))
	case *gast.RawHTML:
		segs := make([]text.Segment, n.Segments.Len())
		for i := range segs {
			segs[i] = n.Segments.At(i)
		}
		pos := n.Pos()
		if len(segs) > 0 {
			pos = segs[0].Start
		}
		return append(out, &ast.RawHTML{Text: string(c.rawHTML(segs)), At: c.src.posEnc(pos)})
	case *east.FootnoteLink:
		return append(out, &ast.FootnoteRef{Index: n.Index, Label: c.footnoteLabels[n.Index]})
	case *east.FootnoteBacklink, *east.TaskCheckBox:
		return out
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		out = c.inline(out, ch)
	}
	return out
}

// text appends encoded inline text raw, which starts at offset base of
// the encoded body (or -1): placeholders become their own Text nodes
// (listed in textIDs), literal runs are resolved when resolve is true and
// merged with a preceding literal Text.
func (c *converter) text(out []ast.Inline, raw []byte, base int, resolve bool) []ast.Inline {
	if isPlainEncoded(raw) {
		// The common case, without splitEncoded's slice.
		if len(raw) == 0 {
			return out
		}
		pos := ast.Pos{}
		if base >= 0 {
			pos = c.src.posEnc(base)
		}
		if resolve {
			return c.appendResolved(out, string(raw), pos)
		}
		return c.appendText(out, replaceNUL(string(raw)), pos)
	}
	for _, p := range splitEncoded(string(raw)) {
		pos := ast.Pos{}
		if base >= 0 {
			pos = c.src.posEnc(base + p.Off)
		}
		if p.ID >= 0 {
			t := &ast.Text{Text: c.braced(p.ID), At: pos}
			c.textIDs[t] = p.ID
			out = append(out, t)
			continue
		}
		if resolve {
			out = c.appendResolved(out, p.Lit, pos)
		} else {
			out = c.appendText(out, replaceNUL(p.Lit), pos)
		}
	}
	return out
}

// braced returns "{name}" for placeholder number id, built once per name.
func (c *converter) braced(id int) string {
	if c.bracedNames == nil {
		c.bracedNames = make([]string, len(c.names))
	}
	if id < 0 || id >= len(c.bracedNames) {
		return "{" + nameOf(c.names, id) + "}"
	}
	if c.bracedNames[id] == "" {
		c.bracedNames[id] = "{" + c.names[id] + "}"
	}
	return c.bracedNames[id]
}

// placeholderID returns the placeholder number of t when t is the Text of
// a placeholder. A placeholder's Text is always "{name}", so other text is
// told apart without a map lookup.
func placeholderID(ids map[*ast.Text]int, t *ast.Text) (int, bool) {
	if t == nil || len(t.Text) < 3 || t.Text[0] != '{' || t.Text[len(t.Text)-1] != '}' {
		return 0, false
	}
	id, ok := ids[t]
	return id, ok
}

// appendText appends literal text: to the Text that ends out when it is
// the run being built, else as a new Text that starts a run. goldmark
// splits text at every quote, escape and reference (1 MiB of quotes is a
// million nodes), and joining them here costs one copy instead of a
// node and a string each. flushRun ends the run.
func (c *converter) appendText(out []ast.Inline, s string, pos ast.Pos) []ast.Inline {
	if s == "" {
		return out
	}
	if c.runText != nil && len(out) > 0 && out[len(out)-1] == ast.Inline(c.runText) {
		if !c.runLong {
			c.run = append(c.run[:0], c.runText.Text...)
			c.runLong = true
		}
		c.run = append(c.run, s...)
		return out
	}
	c.flushRun()
	c.runText = &ast.Text{Text: s, At: pos}
	return append(out, c.runText)
}

// flushRun gives the Text of the run being built its whole text.
func (c *converter) flushRun() {
	if c.runText != nil && c.runLong {
		c.runText.Text = string(c.run)
	}
	c.runText, c.runLong = nil, false
}

// mergeTexts joins each run of adjacent literal Text nodes into one, at
// the position of the first.
func (c *converter) mergeTexts(in []ast.Inline) []ast.Inline {
	out := in[:0]
	for i := 0; i < len(in); {
		first, ok := in[i].(*ast.Text)
		if _, isPH := placeholderID(c.textIDs, first); !ok || isPH {
			out = append(out, in[i])
			i++
			continue
		}
		j := i + 1
		size := len(first.Text)
		for ; j < len(in); j++ {
			t, ok := in[j].(*ast.Text)
			if _, isPH := placeholderID(c.textIDs, t); !ok || isPH {
				break
			}
			size += len(t.Text)
		}
		if j > i+1 {
			var b strings.Builder
			b.Grow(size)
			for _, n := range in[i:j] {
				t := n.(*ast.Text)
				if t != first {
					c.moveQuotes(t, first, b.Len())
				}
				b.WriteString(t.Text)
			}
			first.Text = b.String()
		}
		out = append(out, first)
		i = j
	}
	return out
}

func (c *converter) codeSpan(n *gast.CodeSpan) ast.Inline {
	var b []byte
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		t, ok := ch.(*gast.Text)
		if !ok {
			continue
		}
		seg := t.Segment
		c.markCode(seg.Start, seg.Stop)
		v := seg.Value(c.src.enc)
		if bytes.HasSuffix(v, []byte("\n")) {
			b = append(b, v[:len(v)-1]...)
			b = append(b, ' ')
		} else {
			b = append(b, v...)
		}
	}
	return &ast.Code{Text: c.restore(b), At: c.src.posEnc(n.Pos())}
}

func (c *converter) autoLink(n *gast.AutoLink) ast.Inline {
	dest := string(n.URL(c.src.enc))
	if n.AutoLinkType == gast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
		dest = "mailto:" + dest
	}
	label := n.Label(c.src.enc)
	base := -1
	if p := n.Pos(); p >= 0 && p < len(c.src.enc) {
		end := min(len(c.src.enc), p+len(label)+2)
		if i := bytes.Index(c.src.enc[p:end], label); i >= 0 {
			base = p + i
		}
	}
	if base >= 0 {
		c.markLookalikes(base, base+len(label), inAutolink)
	}
	c.flushRun()
	ins := c.text(nil, label, base, false)
	c.flushRun()
	return &ast.Link{Destination: dest, Inlines: c.mergeTexts(ins)}
}

// checkLinkBudget charges the destination and title of a link or image
// against linkBudget and records an error once it is spent. The budget is
// the template's size plus the size limit (Options.MaxBytes): inline
// links can never spend it, since their destinations and titles are in
// the template, but a link reference copies its definition's at every
// use, and many uses of a long definition would fill memory.
func (c *converter) checkLinkBudget(n gast.Node, dest, title []byte) {
	c.linkBudget -= len(dest) + len(title)
	if c.linkBudget < 0 && c.err == nil {
		c.err = &Error{File: c.src.file, Pos: c.inlinePos(n),
			Msg: "link references repeat their definitions' destinations and titles into more bytes than the size limit plus the template's size (Options.MaxBytes raises it)"}
	}
}

// encodeResolved resolves escapes and references in the literal parts of
// an encoded string (a link destination or title) and keeps its
// placeholders.
func (c *converter) encodeResolved(raw []byte) string {
	if len(raw) == 0 {
		return ""
	}
	var b []byte
	for _, p := range splitEncoded(string(raw)) {
		if p.ID >= 0 {
			b = appendSentinel(b, p.ID)
		} else {
			b = appendLiteral(b, resolveText(p.Lit))
		}
	}
	return string(b)
}

// encodedPlain returns the plain text of converted inlines in encoded
// form, placeholders kept: an image's alt text.
func (c *converter) encodedPlain(ins []ast.Inline) string {
	var b []byte
	var walk func([]ast.Inline)
	walk = func(ins []ast.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *ast.Text:
				if id, ok := placeholderID(c.textIDs, in); ok {
					b = appendSentinel(b, id)
				} else {
					b = c.appendQuoted(b, in)
				}
			case *ast.Code:
				b = appendLiteral(b, in.Text)
			case *ast.Image:
				b = append(b, in.Alt...)
			case *ast.SoftBreak, *ast.HardBreak:
				b = append(b, '\n')
			default:
				// Raw HTML and footnote references give no text; the
				// inlines that hold inlines give theirs below.
			}
			walk(ast.InlineChildren(in))
		}
	}
	walk(ins)
	return string(b)
}

// restore decodes encoded source bytes, writing placeholders back as
// "{name}": the text of code.
func (c *converter) restore(b []byte) string { return restore(string(b), c.names) }

// markCode marks the placeholders whose sentinels start in enc[start:stop],
// and the lookalikes that start there, as code.
func (c *converter) markCode(start, stop int) { c.markLiteral(start, stop, inCode) }

// markLiteral marks the placeholders whose sentinels start in
// enc[start:stop] as literal text (code, or an HTML comment: in), and
// the lookalikes that start there as written in in.
func (c *converter) markLiteral(start, stop int, in lookalikeContext) {
	occs := c.src.occs
	i := sort.Search(len(occs), func(i int) bool { return occs[i].Enc >= start })
	for ; i < len(occs) && occs[i].Enc < stop; i++ {
		occs[i].Code = true
	}
	c.markLookalikes(start, stop, in)
}

// markLookalikes says that the lookalikes starting in enc[start:stop]
// are written in the context in.
func (c *converter) markLookalikes(start, stop int, in lookalikeContext) {
	looks := c.src.lookalikes
	i := sort.Search(len(looks), func(i int) bool { return looks[i].Enc >= start })
	for ; i < len(looks) && looks[i].Enc < stop; i++ {
		looks[i].In = in
	}
}

// rawHTML returns the text of raw HTML written in segs of enc, in order.
// An HTML comment ("<!-- … -->", to the end of segs when it is not
// closed) is text nobody reads in an output: a placeholder in it is
// literal text, as in code, written back as "{name}" and never needing a
// value, and its lookalikes are not warned of. Elsewhere a placeholder's
// sentinel stays, for Fill to put its value in; its lookalikes are
// marked as written in raw HTML, where a backslash stays as written.
func (c *converter) rawHTML(segs []text.Segment) []byte {
	var b []byte
	open := false
	for _, seg := range segs {
		c.markLookalikes(seg.Start, seg.Stop, inRawHTML)
		for from := seg.Start; from < seg.Stop; {
			v := c.src.enc[from:seg.Stop]
			if !open {
				i := bytes.Index(v, []byte("<!--"))
				if i < 0 {
					b = append(b, v...)
					break
				}
				b = append(b, v[:i+4]...)
				from += i + 4
				open = true
				continue
			}
			end := len(v)
			if i := bytes.Index(v, []byte("-->")); i >= 0 {
				end = i + 3
				open = false
			}
			c.markLiteral(from, from+end, inComment)
			b = append(b, c.restore(v[:end])...)
			from += end
		}
	}
	return b
}

// blockPos returns the position of a block: goldmark's own position,
// else its first line, else its first child's.
func (c *converter) blockPos(n gast.Node) ast.Pos {
	if p := n.Pos(); p >= 0 {
		return c.src.posEnc(p)
	}
	if n.Type() == gast.TypeBlock {
		if lines := n.Lines(); lines != nil && lines.Len() > 0 {
			return c.src.posEnc(lines.At(0).Start)
		}
	}
	if ch := n.FirstChild(); ch != nil {
		return c.blockPos(ch)
	}
	return ast.Pos{}
}

// stringStart guesses where a goldmark String (typographer punctuation,
// which has no segment) starts in the encoded body: right after the text
// before it, else at the start of its block's first line; -1 if unknown.
// Only the start matters: a String's value holds no placeholders.
func (c *converter) stringStart(n *gast.String) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if prev, ok := n.PreviousSibling().(*gast.Text); ok {
		if prev.SoftLineBreak() || prev.HardLineBreak() {
			return -1
		}
		return prev.Segment.Stop
	}
	if n.PreviousSibling() == nil {
		if parent := n.Parent(); parent != nil && parent.Type() == gast.TypeBlock {
			if lines := parent.Lines(); lines != nil && lines.Len() > 0 {
				return lines.At(0).Start
			}
		}
	}
	return -1
}
