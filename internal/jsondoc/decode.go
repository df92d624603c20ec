package jsondoc

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
)

// Decode reads one JSON document in the format that Render writes and
// returns its model. Positions are zero, and empty lists and maps are nil.
//
// Decode is strict. It refuses, with an error that names the place (as in
// "blocks[2].inlines[0]"), input that is not exactly one JSON value, a
// schemaVersion other than SchemaVersion (checked before anything else),
// an unknown node type or a node in the wrong place (an inline among
// blocks, a listItem outside a list), a missing required field, an unknown
// field, a field of the wrong JSON type, a value outside its enumeration or
// range, a duplicate object key, a table row whose length differs from its
// alignments, and nesting deeper than 10000 arrays and objects. Every
// document Decode accepts is also valid against the schema.
func Decode(r io.Reader) (*ast.Document, error) {
	v, err := readJSON(r)
	if err != nil {
		return nil, fmt.Errorf("jsondoc: decode: %w", err)
	}
	var d decoder
	doc := d.document(v)
	if d.err != nil {
		return nil, fmt.Errorf("jsondoc: decode: %w", d.err)
	}
	return doc, nil
}

// decoder turns the generic JSON tree into the model. Its error is
// sticky: the first failure is kept, and every later call returns a zero
// value at once.
type decoder struct {
	err error
}

// fail records an error at p unless one is already recorded.
func (d *decoder) fail(p *path, format string, args ...any) {
	if d.err == nil {
		d.err = &pathError{p, fmt.Sprintf(format, args...)}
	}
}

// fields is one JSON object being decoded: where it is, its keys, what
// kind of object it is ("heading", "meta", ...) for messages, and whether
// it is a node, whose "type" key is always allowed.
type fields struct {
	at     *path
	obj    *object
	kind   string
	isNode bool
}

// only fails on the first key of f, in input order, that is not one of
// allowed (nor "type", for a node).
func (d *decoder) only(f fields, allowed ...string) {
	for _, k := range f.obj.keys {
		if d.err != nil {
			return
		}
		if k == "type" && f.isNode {
			continue
		}
		ok := false
		for _, a := range allowed {
			if k == a {
				ok = true
				break
			}
		}
		if !ok {
			d.fail(f.at, "unknown field %q in %s", k, f.kind)
		}
	}
}

// get returns the value of key in f; when it is absent, it fails if
// required and returns false either way.
func (d *decoder) get(f fields, key string, required bool) (any, bool) {
	if d.err != nil {
		return nil, false
	}
	v, ok := f.obj.vals[key]
	if !ok && required {
		d.fail(f.at, "%s has no %q", f.kind, key)
	}
	return v, ok
}

// str returns the required string field key.
func (d *decoder) str(f fields, key string) string {
	v, ok := d.get(f, key, true)
	if !ok {
		return ""
	}
	return d.asString(f.at.field(key), v)
}

// optStr returns the optional string field key and whether it is present.
func (d *decoder) optStr(f fields, key string) (string, bool) {
	v, ok := d.get(f, key, false)
	if !ok {
		return "", false
	}
	return d.asString(f.at.field(key), v), d.err == nil
}

// boolean returns the required boolean field key.
func (d *decoder) boolean(f fields, key string) bool {
	v, ok := d.get(f, key, true)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		d.fail(f.at.field(key), "want a boolean, got %s", describe(v))
	}
	return b
}

// intIn returns the integer field key, which must lie in [lo, hi]; an
// absent optional field is 0.
func (d *decoder) intIn(f fields, key string, required bool, lo, hi int) int {
	v, ok := d.get(f, key, required)
	if !ok {
		return 0
	}
	p := f.at.field(key)
	n, ok := v.(json.Number)
	if !ok {
		d.fail(p, "want an integer, got %s", describe(v))
		return 0
	}
	i, problem := integer(string(n))
	switch {
	case problem != "":
		d.fail(p, "want an integer, got number %s (%s)", n, problem)
	case i < lo && hi == math.MaxInt:
		d.fail(p, "%d is below %d", i, lo)
	case i < lo || i > hi:
		d.fail(p, "%d is not between %d and %d", i, lo, hi)
	}
	return i
}

// array returns the required array field key.
func (d *decoder) array(f fields, key string) []any {
	v, ok := d.get(f, key, true)
	if !ok {
		return nil
	}
	return d.asArray(f.at.field(key), v)
}

func (d *decoder) asString(p *path, v any) string {
	s, ok := v.(string)
	if !ok {
		d.fail(p, "want a string, got %s", describe(v))
	}
	return s
}

func (d *decoder) asArray(p *path, v any) []any {
	a, ok := v.([]any)
	if !ok {
		d.fail(p, "want an array, got %s", describe(v))
	}
	return a
}

// asObject returns v as the fields of an object of the given kind.
func (d *decoder) asObject(p *path, v any, kind string) (fields, bool) {
	o, ok := v.(*object)
	if !ok {
		d.fail(p, "want %s object, got %s", article(kind), describe(v))
		return fields{}, false
	}
	return fields{at: p, obj: o, kind: kind}, true
}

func article(kind string) string {
	if strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

func (d *decoder) document(v any) *ast.Document {
	f, ok := d.asObject(nil, v, "document")
	if !ok {
		return nil
	}
	// The version comes first: a newer document may use anything else
	// differently.
	ver, ok := d.get(f, "schemaVersion", true)
	if !ok {
		return nil
	}
	vp := f.at.field("schemaVersion")
	n, isNum := ver.(json.Number)
	if !isNum {
		d.fail(vp, "want an integer, got %s", describe(ver))
		return nil
	}
	if i, problem := integer(string(n)); problem != "" || i != SchemaVersion {
		d.fail(vp, "version %s is not supported; this build reads version %d", n, SchemaVersion)
		return nil
	}
	d.only(f, "schemaVersion", "meta", "values", "blocks")
	doc := &ast.Document{}
	if mv, ok := d.get(f, "meta", true); ok {
		doc.Meta = d.meta(f.at.field("meta"), mv)
	}
	if vv, ok := d.get(f, "values", false); ok {
		doc.Values = d.values(f.at.field("values"), vv)
	}
	doc.Blocks = d.blocks(f)
	if d.err != nil {
		return nil
	}
	return doc
}

func (d *decoder) meta(p *path, v any) ast.Meta {
	f, ok := d.asObject(p, v, "meta")
	if !ok {
		return ast.Meta{}
	}
	d.only(f, "title", "lang", "description", "author", "subject", "keywords", "date")
	var m ast.Meta
	m.Title, _ = d.optStr(f, "title")
	m.Lang, _ = d.optStr(f, "lang")
	m.Description, _ = d.optStr(f, "description")
	m.Author, _ = d.optStr(f, "author")
	m.Subject, _ = d.optStr(f, "subject")
	if kv, ok := d.get(f, "keywords", false); ok {
		kp := p.field("keywords")
		for i, k := range d.asArray(kp, kv) {
			m.Keywords = append(m.Keywords, d.asString(kp.elem(i), k))
		}
	}
	m.Date, _ = d.optStr(f, "date")
	return m
}

func (d *decoder) values(p *path, v any) map[string]string {
	f, ok := d.asObject(p, v, "values")
	if !ok || len(f.obj.keys) == 0 {
		return nil
	}
	vals := make(map[string]string, len(f.obj.keys))
	for _, k := range f.obj.keys {
		vals[k] = d.asString(p.field(k), f.obj.vals[k])
	}
	return vals
}

// blocks returns the required "blocks" array of f, nil when empty.
func (d *decoder) blocks(f fields) []ast.Block {
	arr := d.array(f, "blocks")
	p := f.at.field("blocks")
	var out []ast.Block
	for i, v := range arr {
		b := d.block(p.elem(i), v)
		if d.err != nil {
			return nil
		}
		out = append(out, b)
	}
	return out
}

// inlines returns the required "inlines" array of f, nil when empty.
func (d *decoder) inlines(f fields) []ast.Inline {
	arr := d.array(f, "inlines")
	p := f.at.field("inlines")
	var out []ast.Inline
	for i, v := range arr {
		in := d.inline(p.elem(i), v)
		if d.err != nil {
			return nil
		}
		out = append(out, in)
	}
	return out
}

// node returns v as a node object and its "type".
func (d *decoder) node(p *path, v any) (fields, string) {
	f, ok := d.asObject(p, v, "node")
	if !ok {
		return f, ""
	}
	typ := d.str(f, "type")
	f.kind, f.isNode = typ, true
	return f, typ
}

// isBlockType and isInlineType tell a misplaced node from an unknown one.
func isBlockType(typ string) bool {
	switch typ {
	case "heading", "paragraph", "list", "listItem", "blockQuote", "codeBlock",
		"thematicBreak", "table", "htmlBlock", "footnoteDefinition":
		return true
	}
	return false
}

func isInlineType(typ string) bool {
	switch typ {
	case "text", "emphasis", "strong", "strikethrough", "code", "link", "image",
		"softBreak", "hardBreak", "rawHtml", "footnoteRef":
		return true
	}
	return false
}

func (d *decoder) block(p *path, v any) ast.Block {
	f, typ := d.node(p, v)
	if d.err != nil {
		return nil
	}
	switch typ {
	case "heading":
		return d.heading(f)
	case "paragraph":
		return d.paragraph(f)
	case "list":
		return d.list(f)
	case "listItem":
		d.fail(p, "a listItem may only be an item of a list")
	case "blockQuote":
		return d.blockQuote(f)
	case "codeBlock":
		return d.codeBlock(f)
	case "thematicBreak":
		return d.thematicBreak(f)
	case "table":
		return d.table(f)
	case "htmlBlock":
		return d.htmlBlock(f)
	case "footnoteDefinition":
		return d.footnoteDefinition(f)
	default:
		if isInlineType(typ) {
			d.fail(p, "%q is an inline, not a block", typ)
		} else {
			d.fail(p, "unknown node type %q", typ)
		}
	}
	return nil
}

func (d *decoder) inline(p *path, v any) ast.Inline {
	f, typ := d.node(p, v)
	if d.err != nil {
		return nil
	}
	switch typ {
	case "text":
		return d.text(f)
	case "emphasis":
		return d.emphasis(f)
	case "strong":
		return d.strong(f)
	case "strikethrough":
		return d.strikethrough(f)
	case "code":
		return d.code(f)
	case "link":
		return d.link(f)
	case "image":
		return d.image(f)
	case "softBreak":
		return d.softBreak(f)
	case "hardBreak":
		return d.hardBreak(f)
	case "rawHtml":
		return d.rawHTML(f)
	case "footnoteRef":
		return d.footnoteRef(f)
	default:
		if isBlockType(typ) {
			d.fail(p, "%q is a block, not an inline", typ)
		} else {
			d.fail(p, "unknown node type %q", typ)
		}
	}
	return nil
}

func (d *decoder) heading(f fields) *ast.Heading {
	d.only(f, "level", "id", "inlines")
	n := &ast.Heading{Level: d.intIn(f, "level", true, 1, 6)}
	n.ID, _ = d.optStr(f, "id")
	n.Inlines = d.inlines(f)
	return n
}

func (d *decoder) paragraph(f fields) *ast.Paragraph {
	d.only(f, "inlines")
	return &ast.Paragraph{Inlines: d.inlines(f)}
}

func (d *decoder) list(f fields) *ast.List {
	d.only(f, "ordered", "start", "marker", "tight", "items")
	n := &ast.List{Ordered: d.boolean(f, "ordered")}
	n.Start = d.intIn(f, "start", n.Ordered, 0, math.MaxInt)
	if m, ok := d.optStr(f, "marker"); ok {
		if len(m) == 1 && markerFits(m[0], n.Ordered) {
			n.Marker = m[0]
		} else {
			d.fail(f.at.field("marker"), "%q is not a marker of %s", m, listKind(n.Ordered))
		}
	}
	n.Tight = d.boolean(f, "tight")
	p := f.at.field("items")
	for i, v := range d.array(f, "items") {
		ip := p.elem(i)
		itf, typ := d.node(ip, v)
		if d.err == nil && typ != "listItem" {
			d.fail(ip, "want a listItem, got %q", typ)
		}
		if d.err != nil {
			return nil
		}
		n.Items = append(n.Items, d.listItem(itf))
	}
	return n
}

func (d *decoder) listItem(f fields) *ast.ListItem {
	d.only(f, "task", "blocks")
	n := &ast.ListItem{}
	if t, ok := d.optStr(f, "task"); ok {
		switch t {
		case "open":
			n.Task = ast.TaskOpen
		case "done":
			n.Task = ast.TaskDone
		default:
			d.fail(f.at.field("task"), "unknown task state %q (want \"open\" or \"done\")", t)
		}
	}
	n.Blocks = d.blocks(f)
	return n
}

func (d *decoder) blockQuote(f fields) *ast.BlockQuote {
	d.only(f, "blocks")
	return &ast.BlockQuote{Blocks: d.blocks(f)}
}

func (d *decoder) codeBlock(f fields) *ast.CodeBlock {
	d.only(f, "language", "text")
	n := &ast.CodeBlock{}
	n.Language, _ = d.optStr(f, "language")
	n.Text = d.str(f, "text")
	return n
}

func (d *decoder) thematicBreak(f fields) *ast.ThematicBreak {
	d.only(f)
	return &ast.ThematicBreak{}
}

func (d *decoder) table(f fields) *ast.Table {
	d.only(f, "align", "header", "rows")
	n := &ast.Table{}
	ap := f.at.field("align")
	for i, v := range d.array(f, "align") {
		s := d.asString(ap.elem(i), v)
		var a ast.Alignment
		switch s {
		case "none":
			a = ast.AlignNone
		case "left":
			a = ast.AlignLeft
		case "center":
			a = ast.AlignCenter
		case "right":
			a = ast.AlignRight
		default:
			d.fail(ap.elem(i), "unknown alignment %q (want \"none\", \"left\", \"center\" or \"right\")", s)
		}
		if d.err != nil {
			return nil
		}
		n.Align = append(n.Align, a)
	}
	if hv, ok := d.get(f, "header", true); ok {
		n.Header = d.tableRow(f.at.field("header"), hv, len(n.Align))
	}
	rp := f.at.field("rows")
	for i, v := range d.array(f, "rows") {
		row := d.tableRow(rp.elem(i), v, len(n.Align))
		if d.err != nil {
			return nil
		}
		n.Rows = append(n.Rows, row)
	}
	return n
}

// tableRow decodes one row of cells, which must have the given length.
func (d *decoder) tableRow(p *path, v any, columns int) []*ast.TableCell {
	arr := d.asArray(p, v)
	if d.err != nil {
		return nil
	}
	if len(arr) != columns {
		d.fail(p, "%d cells in a table of %d columns", len(arr), columns)
		return nil
	}
	var row []*ast.TableCell
	for i, cv := range arr {
		cf, ok := d.asObject(p.elem(i), cv, "table cell")
		if !ok {
			return nil
		}
		d.only(cf, "inlines")
		c := &ast.TableCell{Inlines: d.inlines(cf)}
		if d.err != nil {
			return nil
		}
		row = append(row, c)
	}
	return row
}

func (d *decoder) htmlBlock(f fields) *ast.HTMLBlock {
	d.only(f, "text")
	return &ast.HTMLBlock{Text: d.str(f, "text")}
}

func (d *decoder) footnoteDefinition(f fields) *ast.FootnoteDefinition {
	d.only(f, "index", "label", "blocks")
	n := &ast.FootnoteDefinition{Index: d.intIn(f, "index", true, 1, math.MaxInt)}
	n.Label = d.str(f, "label")
	n.Blocks = d.blocks(f)
	return n
}

func (d *decoder) text(f fields) *ast.Text {
	d.only(f, "text")
	return &ast.Text{Text: d.str(f, "text")}
}

func (d *decoder) emphasis(f fields) *ast.Emphasis {
	d.only(f, "inlines")
	return &ast.Emphasis{Inlines: d.inlines(f)}
}

func (d *decoder) strong(f fields) *ast.Strong {
	d.only(f, "inlines")
	return &ast.Strong{Inlines: d.inlines(f)}
}

func (d *decoder) strikethrough(f fields) *ast.Strikethrough {
	d.only(f, "inlines")
	return &ast.Strikethrough{Inlines: d.inlines(f)}
}

func (d *decoder) code(f fields) *ast.Code {
	d.only(f, "text")
	return &ast.Code{Text: d.str(f, "text")}
}

func (d *decoder) link(f fields) *ast.Link {
	d.only(f, "destination", "title", "inlines")
	n := &ast.Link{Destination: d.str(f, "destination")}
	n.Title, _ = d.optStr(f, "title")
	n.Inlines = d.inlines(f)
	return n
}

func (d *decoder) image(f fields) *ast.Image {
	d.only(f, "destination", "title", "alt")
	n := &ast.Image{Destination: d.str(f, "destination")}
	n.Title, _ = d.optStr(f, "title")
	n.Alt = d.str(f, "alt")
	return n
}

func (d *decoder) softBreak(f fields) *ast.SoftBreak {
	d.only(f)
	return &ast.SoftBreak{}
}

func (d *decoder) hardBreak(f fields) *ast.HardBreak {
	d.only(f)
	return &ast.HardBreak{}
}

func (d *decoder) rawHTML(f fields) *ast.RawHTML {
	d.only(f, "text")
	return &ast.RawHTML{Text: d.str(f, "text")}
}

func (d *decoder) footnoteRef(f fields) *ast.FootnoteRef {
	d.only(f, "index", "label")
	n := &ast.FootnoteRef{Index: d.intIn(f, "index", true, 1, math.MaxInt)}
	n.Label = d.str(f, "label")
	return n
}

// integer returns the value of the JSON number s when it is an integer
// that fits an int, written in any JSON form ("12", "1.2e1", "120e-1").
// Otherwise it returns why not. It never builds a big number, so an
// exponent such as 1e999999999 costs nothing.
func integer(s string) (int, string) {
	if n, err := strconv.ParseInt(s, 10, 0); err == nil {
		return int(n), ""
	}
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	mant, exp := s, int64(0)
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		e, err := strconv.ParseInt(strings.TrimPrefix(s[i+1:], "+"), 10, 64)
		if err != nil && !isRangeErr(err) {
			return 0, "malformed exponent"
		}
		// Clamp: beyond this the answer no longer depends on the exponent,
		// and the arithmetic below cannot overflow.
		exp = max(-1e12, min(e, 1e12))
	}
	digits := mant
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		digits = mant[:i] + mant[i+1:]
		exp -= int64(len(mant) - i - 1)
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return 0, ""
	}
	trimmed := strings.TrimRight(digits, "0")
	exp += int64(len(digits) - len(trimmed))
	digits = trimmed
	if exp < 0 {
		return 0, "not an integer"
	}
	if int64(len(digits))+exp > 19 {
		return 0, "too large"
	}
	text := digits + strings.Repeat("0", int(exp))
	if neg {
		text = "-" + text
	}
	n, err := strconv.ParseInt(text, 10, 0)
	if err != nil {
		return 0, "too large"
	}
	return int(n), ""
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// describe names the JSON type of v, with the value for short scalars, for
// "want X, got Y" messages.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean " + strconv.FormatBool(v)
	case json.Number:
		return "number " + clip(string(v))
	case string:
		return "string " + strconv.Quote(clip(v))
	case []any:
		return "an array"
	case *object:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// clip shortens s to at most 40 bytes for a message, on a rune boundary.
func clip(s string) string {
	const limit = 40
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
