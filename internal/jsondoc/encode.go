package jsondoc

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
)

// Render writes doc to w as JSON in the format described in the package
// documentation.
//
// It refuses, before writing anything, a document that breaks the model's
// contract and so could not be decoded again: a nil node, a heading level
// outside 1 to 6, a list marker that is not one of the five Markdown
// markers for its kind of list, a negative list start, an unknown task
// state or alignment, a table row whose length differs from its
// alignments, a footnote index below 1, or two value names that encode to
// the same JSON string. The error names the place, as in
// "blocks[2].level".
func Render(w io.Writer, doc *ast.Document, opts Options) error {
	if doc == nil {
		return errors.New("jsondoc: render: nil document")
	}
	e := encoder{indent: !opts.Compact, buf: make([]byte, 0, chunkCap)}
	if err := e.document(doc); err != nil {
		return fmt.Errorf("jsondoc: render: %w", err)
	}
	e.buf = append(e.buf, '\n')
	e.chunks = append(e.chunks, e.buf)
	if g, ok := w.(interface{ Grow(int) }); ok {
		// A bytes.Buffer takes the whole output in one allocation
		// instead of doubling its way there.
		total := 0
		for _, c := range e.chunks {
			total += len(c)
		}
		g.Grow(total)
	}
	for _, c := range e.chunks {
		if _, err := w.Write(c); err != nil {
			return fmt.Errorf("jsondoc: writing: %w", err)
		}
	}
	return nil
}

// The encoder fills chunks of about chunkSize bytes, each allocated with
// chunkCap bytes of room: appending to one buffer of the whole output
// copied it at every doubling and left the old copies to the collector.
const (
	chunkSize = 64 << 10
	chunkCap  = chunkSize + 4<<10
)

// spaces indents up to len(spaces)/2 levels without a loop.
const spaces = "                                                                                                                                "

// encoder writes JSON into buf, keys in an explicit order, compact or
// indented as encoding/json.Indent would with prefix "" and indent "  "
// (written directly: indenting a compact copy afterwards doubled the time
// and the memory of large documents). Commas and line breaks are placed
// by looking at the last byte written: a value never ends in '{' or '[',
// so those mean an object or array was just opened. An empty object or
// array stays "{}" or "[]".
//
// The output is kept in memory until the whole document has been
// checked, so that nothing is written for a document that is refused.
type encoder struct {
	// buf is the chunk being filled; it is never empty once the
	// document has started, so its last byte can always be looked at.
	buf []byte
	// chunks are the chunks filled before buf.
	chunks [][]byte
	indent bool
	depth  int
}

// nextChunk moves buf, all but its last byte, to chunks once it holds
// chunkSize bytes, and goes on in a new chunk that starts with that byte.
func (e *encoder) nextChunk() {
	n := len(e.buf)
	if n < chunkSize {
		return
	}
	e.chunks = append(e.chunks, e.buf[:n-1])
	last := e.buf[n-1]
	e.buf = append(make([]byte, 0, chunkCap), last)
}

// key starts the field name of an object.
func (e *encoder) key(name string) {
	e.sep()
	e.buf = appendString(e.buf, name)
	e.buf = append(e.buf, ':')
	if e.indent {
		e.buf = append(e.buf, ' ')
	}
}

// justOpened reports whether the last byte written opened an object or
// array.
func (e *encoder) justOpened() bool {
	n := len(e.buf)
	return n > 0 && (e.buf[n-1] == '{' || e.buf[n-1] == '[')
}

// sep starts an element of an object or array: a comma unless one was
// just opened, then, when indenting, a new line.
func (e *encoder) sep() {
	if len(e.buf) == 0 {
		return
	}
	e.nextChunk()
	if !e.justOpened() {
		e.buf = append(e.buf, ',')
	}
	e.newline()
}

// newline starts a new line at the current depth when indenting.
func (e *encoder) newline() {
	if !e.indent {
		return
	}
	e.buf = append(e.buf, '\n')
	n := 2 * e.depth
	for n > len(spaces) {
		e.buf = append(e.buf, spaces...)
		n -= len(spaces)
	}
	e.buf = append(e.buf, spaces[:n]...)
}

// open opens an object ('{') or array ('[').
func (e *encoder) open(c byte) {
	e.buf = append(e.buf, c)
	e.depth++
}

// close closes an object ('}') or array (']'), on a line of its own
// unless it is empty.
func (e *encoder) close(c byte) {
	e.depth--
	if !e.justOpened() {
		e.newline()
	}
	e.buf = append(e.buf, c)
}

func (e *encoder) str(name, s string) {
	e.key(name)
	e.buf = appendString(e.buf, s)
}

func (e *encoder) optStr(name, s string) {
	if s != "" {
		e.str(name, s)
	}
}

func (e *encoder) int(name string, n int) {
	e.key(name)
	e.buf = strconv.AppendInt(e.buf, int64(n), 10)
}

func (e *encoder) bool(name string, b bool) {
	e.key(name)
	e.buf = strconv.AppendBool(e.buf, b)
}

// node opens the object of a node and writes its "type"; close it with
// end.
func (e *encoder) node(typ string) {
	e.sep()
	e.open('{')
	e.str("type", typ)
}

func (e *encoder) end() { e.close('}') }

func (e *encoder) document(doc *ast.Document) error {
	e.open('{')
	e.int("schemaVersion", SchemaVersion)
	e.key("meta")
	e.meta(doc.Meta)
	if err := e.values(doc.Values); err != nil {
		return err
	}
	if err := e.blocks(nil, doc.Blocks); err != nil {
		return err
	}
	e.end()
	return nil
}

func (e *encoder) meta(m ast.Meta) {
	e.open('{')
	e.optStr("title", m.Title)
	e.optStr("lang", m.Lang)
	e.optStr("description", m.Description)
	e.optStr("author", m.Author)
	e.optStr("subject", m.Subject)
	if len(m.Keywords) > 0 {
		e.key("keywords")
		e.open('[')
		for _, k := range m.Keywords {
			e.sep()
			e.buf = appendString(e.buf, k)
		}
		e.close(']')
	}
	e.optStr("date", m.Date)
	e.end()
}

// values writes the "values" object, keys sorted by their encoded form so
// that re-encoding a decoded document gives the same bytes.
func (e *encoder) values(vals map[string]string) error {
	if len(vals) == 0 {
		return nil
	}
	type entry struct{ key, encoded string }
	entries := make([]entry, 0, len(vals))
	for k := range vals {
		entries = append(entries, entry{k, validUTF8(k)})
	}
	slices.SortFunc(entries, func(a, b entry) int {
		return cmp.Or(strings.Compare(a.encoded, b.encoded), strings.Compare(a.key, b.key))
	})
	e.key("values")
	e.open('{')
	for i, en := range entries {
		if i > 0 && entries[i-1].encoded == en.encoded {
			return &pathError{(*path)(nil).field("values"),
				fmt.Sprintf("names %q and %q are the same once invalid UTF-8 is replaced", entries[i-1].key, en.key)}
		}
		e.str(en.encoded, vals[en.key])
	}
	e.end()
	return nil
}

// blocks writes the "blocks" array of the node at p.
func (e *encoder) blocks(p *path, blocks []ast.Block) error {
	p = p.field("blocks")
	e.key("blocks")
	e.open('[')
	for i, b := range blocks {
		if err := e.block(p.elem(i), b); err != nil {
			return err
		}
	}
	e.close(']')
	return nil
}

// inlines writes the "inlines" array of the node at p.
func (e *encoder) inlines(p *path, inlines []ast.Inline) error {
	p = p.field("inlines")
	e.key("inlines")
	e.open('[')
	for i, in := range inlines {
		if err := e.inline(p.elem(i), in); err != nil {
			return err
		}
	}
	e.close(']')
	return nil
}

func (e *encoder) block(p *path, b ast.Block) error {
	switch n := b.(type) {
	case *ast.Heading:
		return e.heading(p, n)
	case *ast.Paragraph:
		return e.paragraph(p, n)
	case *ast.List:
		return e.list(p, n)
	case *ast.ListItem:
		return &pathError{p, "a listItem may only be an item of a list"}
	case *ast.BlockQuote:
		return e.blockQuote(p, n)
	case *ast.CodeBlock:
		return e.codeBlock(p, n)
	case *ast.ThematicBreak:
		return e.thematicBreak(p, n)
	case *ast.Table:
		return e.table(p, n)
	case *ast.HTMLBlock:
		return e.htmlBlock(p, n)
	case *ast.FootnoteDefinition:
		return e.footnoteDefinition(p, n)
	case nil:
		return &pathError{p, "nil block"}
	}
	return &pathError{p, fmt.Sprintf("unknown block type %T", b)}
}

func (e *encoder) inline(p *path, in ast.Inline) error {
	switch n := in.(type) {
	case *ast.Text:
		return e.text(p, n)
	case *ast.Emphasis:
		return e.emphasis(p, n)
	case *ast.Strong:
		return e.strong(p, n)
	case *ast.Strikethrough:
		return e.strikethrough(p, n)
	case *ast.Code:
		return e.code(p, n)
	case *ast.Link:
		return e.link(p, n)
	case *ast.Image:
		return e.image(p, n)
	case *ast.SoftBreak:
		return e.softBreak(p, n)
	case *ast.HardBreak:
		return e.hardBreak(p, n)
	case *ast.RawHTML:
		return e.rawHTML(p, n)
	case *ast.FootnoteRef:
		return e.footnoteRef(p, n)
	case nil:
		return &pathError{p, "nil inline"}
	}
	return &pathError{p, fmt.Sprintf("unknown inline type %T", in)}
}

// nilNode is the error for a typed nil pointer in the tree.
func nilNode(p *path, typ string) error {
	return &pathError{p, "nil " + typ}
}

func (e *encoder) heading(p *path, n *ast.Heading) error {
	if n == nil {
		return nilNode(p, "heading")
	}
	if n.Level < 1 || n.Level > 6 {
		return &pathError{p.field("level"), fmt.Sprintf("heading level %d is not between 1 and 6", n.Level)}
	}
	e.node("heading")
	e.int("level", n.Level)
	e.optStr("id", n.ID)
	if err := e.inlines(p, n.Inlines); err != nil {
		return err
	}
	e.end()
	return nil
}

func (e *encoder) paragraph(p *path, n *ast.Paragraph) error {
	if n == nil {
		return nilNode(p, "paragraph")
	}
	e.node("paragraph")
	if err := e.inlines(p, n.Inlines); err != nil {
		return err
	}
	e.end()
	return nil
}

func (e *encoder) list(p *path, n *ast.List) error {
	if n == nil {
		return nilNode(p, "list")
	}
	if n.Start < 0 {
		return &pathError{p.field("start"), fmt.Sprintf("list start %d is negative", n.Start)}
	}
	if n.Marker != 0 && !markerFits(n.Marker, n.Ordered) {
		return &pathError{p.field("marker"), fmt.Sprintf("marker %q is not a marker of %s", rune(n.Marker), listKind(n.Ordered))}
	}
	e.node("list")
	e.bool("ordered", n.Ordered)
	if n.Ordered || n.Start != 0 {
		e.int("start", n.Start)
	}
	if n.Marker != 0 {
		e.str("marker", string(rune(n.Marker)))
	}
	e.bool("tight", n.Tight)
	ip := p.field("items")
	e.key("items")
	e.open('[')
	for i, it := range n.Items {
		if err := e.listItem(ip.elem(i), it); err != nil {
			return err
		}
	}
	e.close(']')
	e.end()
	return nil
}

// markerFits reports whether m is a Markdown marker of an ordered
// (".", ")") or bullet ("-", "*", "+") list.
func markerFits(m byte, ordered bool) bool {
	if ordered {
		return m == '.' || m == ')'
	}
	return m == '-' || m == '*' || m == '+'
}

func listKind(ordered bool) string {
	if ordered {
		return "an ordered list"
	}
	return "a bullet list"
}

func (e *encoder) listItem(p *path, n *ast.ListItem) error {
	if n == nil {
		return nilNode(p, "listItem")
	}
	if n.Task != ast.NoTask && n.Task != ast.TaskOpen && n.Task != ast.TaskDone {
		return &pathError{p.field("task"), fmt.Sprintf("unknown task state %d", int(n.Task))}
	}
	e.node("listItem")
	e.optStr("task", n.Task.String())
	if err := e.blocks(p, n.Blocks); err != nil {
		return err
	}
	e.end()
	return nil
}

func (e *encoder) blockQuote(p *path, n *ast.BlockQuote) error {
	if n == nil {
		return nilNode(p, "blockQuote")
	}
	e.node("blockQuote")
	if err := e.blocks(p, n.Blocks); err != nil {
		return err
	}
	e.end()
	return nil
}

func (e *encoder) codeBlock(p *path, n *ast.CodeBlock) error {
	if n == nil {
		return nilNode(p, "codeBlock")
	}
	e.node("codeBlock")
	e.optStr("language", n.Language)
	e.str("text", n.Text)
	e.end()
	return nil
}

func (e *encoder) thematicBreak(p *path, n *ast.ThematicBreak) error {
	if n == nil {
		return nilNode(p, "thematicBreak")
	}
	e.node("thematicBreak")
	e.end()
	return nil
}

// alignName returns the JSON name of a, and false for an unknown value.
func alignName(a ast.Alignment) (string, bool) {
	switch a {
	case ast.AlignNone:
		return "none", true
	case ast.AlignLeft:
		return "left", true
	case ast.AlignCenter:
		return "center", true
	case ast.AlignRight:
		return "right", true
	}
	return "", false
}

func (e *encoder) table(p *path, n *ast.Table) error {
	if n == nil {
		return nilNode(p, "table")
	}
	e.node("table")
	e.key("align")
	e.open('[')
	for i, a := range n.Align {
		name, ok := alignName(a)
		if !ok {
			return &pathError{p.field("align").elem(i), fmt.Sprintf("unknown alignment %d", int(a))}
		}
		e.sep()
		e.buf = appendString(e.buf, name)
	}
	e.close(']')
	e.key("header")
	if err := e.tableRow(p.field("header"), n.Header, len(n.Align)); err != nil {
		return err
	}
	rp := p.field("rows")
	e.key("rows")
	e.open('[')
	for i, row := range n.Rows {
		e.sep()
		if err := e.tableRow(rp.elem(i), row, len(n.Align)); err != nil {
			return err
		}
	}
	e.close(']')
	e.end()
	return nil
}

// tableRow writes one row of cells as an array; the key or separator has
// been written by the caller.
func (e *encoder) tableRow(p *path, cells []*ast.TableCell, columns int) error {
	if len(cells) != columns {
		return &pathError{p, fmt.Sprintf("%d cells in a table of %d columns", len(cells), columns)}
	}
	e.open('[')
	for i, c := range cells {
		cp := p.elem(i)
		if c == nil {
			return nilNode(cp, "table cell")
		}
		e.sep()
		e.open('{')
		if err := e.inlines(cp, c.Inlines); err != nil {
			return err
		}
		e.end()
	}
	e.close(']')
	return nil
}

func (e *encoder) htmlBlock(p *path, n *ast.HTMLBlock) error {
	if n == nil {
		return nilNode(p, "htmlBlock")
	}
	e.node("htmlBlock")
	e.str("text", n.Text)
	e.end()
	return nil
}

func (e *encoder) footnoteDefinition(p *path, n *ast.FootnoteDefinition) error {
	if n == nil {
		return nilNode(p, "footnoteDefinition")
	}
	if n.Index < 1 {
		return &pathError{p.field("index"), fmt.Sprintf("footnote index %d is below 1", n.Index)}
	}
	e.node("footnoteDefinition")
	e.int("index", n.Index)
	e.str("label", n.Label)
	if err := e.blocks(p, n.Blocks); err != nil {
		return err
	}
	e.end()
	return nil
}

func (e *encoder) text(p *path, n *ast.Text) error {
	if n == nil {
		return nilNode(p, "text")
	}
	e.node("text")
	e.str("text", n.Text)
	e.end()
	return nil
}

func (e *encoder) emphasis(p *path, n *ast.Emphasis) error {
	if n == nil {
		return nilNode(p, "emphasis")
	}
	e.node("emphasis")
	if err := e.inlines(p, n.Inlines); err != nil {
		return err
	}
	e.end()
	return nil
}

func (e *encoder) strong(p *path, n *ast.Strong) error {
	if n == nil {
		return nilNode(p, "strong")
	}
	e.node("strong")
	if err := e.inlines(p, n.Inlines); err != nil {
		return err
	}
	e.end()
	return nil
}

func (e *encoder) strikethrough(p *path, n *ast.Strikethrough) error {
	if n == nil {
		return nilNode(p, "strikethrough")
	}
	e.node("strikethrough")
	if err := e.inlines(p, n.Inlines); err != nil {
		return err
	}
	e.end()
	return nil
}

func (e *encoder) code(p *path, n *ast.Code) error {
	if n == nil {
		return nilNode(p, "code")
	}
	e.node("code")
	e.str("text", n.Text)
	e.end()
	return nil
}

func (e *encoder) link(p *path, n *ast.Link) error {
	if n == nil {
		return nilNode(p, "link")
	}
	e.node("link")
	e.str("destination", n.Destination)
	e.optStr("title", n.Title)
	if err := e.inlines(p, n.Inlines); err != nil {
		return err
	}
	e.end()
	return nil
}

func (e *encoder) image(p *path, n *ast.Image) error {
	if n == nil {
		return nilNode(p, "image")
	}
	e.node("image")
	e.str("destination", n.Destination)
	e.optStr("title", n.Title)
	e.str("alt", n.Alt)
	e.end()
	return nil
}

func (e *encoder) softBreak(p *path, n *ast.SoftBreak) error {
	if n == nil {
		return nilNode(p, "softBreak")
	}
	e.node("softBreak")
	e.end()
	return nil
}

func (e *encoder) hardBreak(p *path, n *ast.HardBreak) error {
	if n == nil {
		return nilNode(p, "hardBreak")
	}
	e.node("hardBreak")
	e.end()
	return nil
}

func (e *encoder) rawHTML(p *path, n *ast.RawHTML) error {
	if n == nil {
		return nilNode(p, "rawHtml")
	}
	e.node("rawHtml")
	e.str("text", n.Text)
	e.end()
	return nil
}

func (e *encoder) footnoteRef(p *path, n *ast.FootnoteRef) error {
	if n == nil {
		return nilNode(p, "footnoteRef")
	}
	if n.Index < 1 {
		return &pathError{p.field("index"), fmt.Sprintf("footnote index %d is below 1", n.Index)}
	}
	e.node("footnoteRef")
	e.int("index", n.Index)
	e.str("label", n.Label)
	e.end()
	return nil
}

const hex = "0123456789abcdef"

// appendString appends s to dst as a JSON string: UTF-8 kept as it is,
// '"', '\\', control characters, DEL, U+2028 and U+2029 escaped, and each
// byte of invalid UTF-8 replaced by U+FFFD.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0 // s[start:i] is pending, to be copied unchanged
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = utf8.AppendRune(dst, utf8.RuneError)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// validUTF8 returns s with each byte of invalid UTF-8 replaced by U+FFFD,
// which is how appendString writes it.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s))
}
