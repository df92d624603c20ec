package jsondoc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
)

// Render writes doc to w as JSON in the format described in the package
// documentation, with one call of w.Write.
//
// It refuses, before writing anything, a document that breaks the model's
// contract and so could not be read back: a node of no known kind (an
// *ast.UnknownNodeError, nil included), a nil pointer, a heading level
// outside 1 to 6, a list marker that is not one of the five Markdown
// markers for its kind of list, a negative list start, an unknown task
// state or alignment, a table row whose length differs from its
// alignments, a footnote index below 1, two value names that are the same
// once invalid UTF-8 is replaced, or nesting deeper than JSON readers
// accept. The error names the place, as in "blocks[2].level".
func Render(w io.Writer, doc *ast.Document, opts Options) error {
	if doc == nil {
		return errors.New("jsondoc: render: nil document")
	}
	wire, err := document(doc)
	if err != nil {
		return fmt.Errorf("jsondoc: render: %w", err)
	}
	// The Encoder, not json.Marshal, keeps '<', '>' and '&'. It hands its
	// whole output to one Write, from a buffer it reuses afterwards.
	var writeErr error
	enc := json.NewEncoder(writerFunc(func(p []byte) (int, error) {
		out := p
		if !opts.Compact {
			// Sized once: growing by doubling took three times the
			// memory. json.Indent itself asks for twice the input.
			var indented bytes.Buffer
			indented.Grow(max(indentedSize(p), 2*len(p)))
			if err := json.Indent(&indented, p, "", "  "); err != nil {
				return 0, err
			}
			out = indented.Bytes()
		}
		// encoding/json leaves DEL as it is: valid JSON, but invisible.
		// Byte 0x7f is never part of a longer UTF-8 sequence, nor JSON
		// syntax, so each one is a character in a string, to escape.
		if bytes.IndexByte(out, 0x7f) >= 0 {
			out = bytes.ReplaceAll(out, []byte{0x7f}, []byte(`\u007f`))
		}
		if _, err := w.Write(out); err != nil {
			writeErr = err
			return 0, err
		}
		return len(p), nil
	}))
	enc.SetEscapeHTML(false)
	if err := enc.Encode(wire); err != nil {
		if writeErr != nil {
			return fmt.Errorf("jsondoc: writing: %w", writeErr)
		}
		return fmt.Errorf("jsondoc: render: %w", err)
	}
	return nil
}

// writerFunc is an io.Writer that hands each write to a function.
type writerFunc func([]byte) (int, error)

// Write calls f(p).
func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// indentedSize returns the length of the compact JSON c once json.Indent
// has indented it with two spaces: a line break and indentation for each
// element and each non-empty closing bracket, and a space after each
// colon. Only memory depends on it being right.
func indentedSize(c []byte) int {
	n, depth := len(c), 0
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case '"': // skip the string
			for i++; i < len(c) && c[i] != '"'; i++ {
				if c[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
			if i+1 < len(c) && c[i+1] != '}' && c[i+1] != ']' {
				n += 1 + 2*depth
			}
		case '}', ']':
			depth--
			if i > 0 && c[i-1] != '{' && c[i-1] != '[' {
				n += 1 + 2*depth
			}
		case ',':
			n += 1 + 2*depth
		case ':':
			n++
		}
	}
	return n
}

// maxNesting is how deeply Render lets arrays and objects nest: the limit
// of encoding/json's reader and indenter, which other readers share.
const maxNesting = 10000

// errTooDeep is the error for nesting beyond maxNesting. It carries no
// place: the path to it would be thousands of steps long.
var errTooDeep = fmt.Errorf("lists, quotes or inlines nest more than %d JSON arrays and objects deep, more than JSON readers accept", maxNesting)

// nest refuses a depth beyond maxNesting.
func nest(depth int) error {
	if depth > maxNesting {
		return errTooDeep
	}
	return nil
}

// pathError is an error at one place of the document. The place is built
// while the error returns through the converters, innermost step first,
// so that a document without errors costs nothing for it.
type pathError struct {
	steps []string // field names and "[index]", innermost first
	msg   string
	err   error // the cause, an *ast.UnknownNodeError, in place of msg
}

// failf returns a pathError at the current place.
func failf(format string, args ...any) error {
	return &pathError{msg: fmt.Sprintf(format, args...)}
}

// unknown returns the *ast.UnknownNodeError for n, at the current place
// and at n's own position; near gives it that of the nearest enclosing
// node when n has none.
func unknown(n ast.Node) error {
	return &pathError{err: ast.Unknown(n, ast.Pos{})}
}

// near gives the *ast.UnknownNodeError in err, if it has no position yet,
// the position of n, a node that holds the unknown one.
func near(err error, n ast.Node) error {
	var u *ast.UnknownNodeError
	if errors.As(err, &u) && !u.Pos.IsValid() {
		u.Pos = n.Pos()
	}
	return err
}

// Error formats the error as "place: message", or just the message when
// it is about the document as a whole.
func (e *pathError) Error() string {
	msg := e.msg
	if e.err != nil {
		msg = e.err.Error()
	}
	var b strings.Builder
	for i := len(e.steps) - 1; i >= 0; i-- {
		if b.Len() > 0 && e.steps[i][0] != '[' {
			b.WriteByte('.')
		}
		b.WriteString(e.steps[i])
	}
	if b.Len() == 0 {
		return msg
	}
	return b.String() + ": " + msg
}

// Unwrap returns the cause, if any.
func (e *pathError) Unwrap() error { return e.err }

// at puts err, from inside field, at that field; with an index i >= 0, at
// element i of the field's array (of the array itself when field is "").
// Errors without a place pass unchanged.
func at(err error, field string, i int) error {
	if pe, ok := err.(*pathError); ok {
		if i >= 0 {
			pe.steps = append(pe.steps, "["+strconv.Itoa(i)+"]")
		}
		if field != "" {
			pe.steps = append(pe.steps, field)
		}
	}
	return err
}

// valid returns s with each byte of invalid UTF-8 replaced by U+FFFD, so
// that every string written reads back as the same string.
func valid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s))
}

// document converts doc, whose object is at depth 1.
func document(doc *ast.Document) (*Document[any], error) {
	vals, err := values(doc.Values)
	if err != nil {
		return nil, at(err, "values", -1)
	}
	m := doc.Meta
	meta := Meta{Title: valid(m.Title), Lang: valid(m.Lang), Description: valid(m.Description),
		Author: valid(m.Author), Subject: valid(m.Subject), Date: valid(m.Date)}
	for _, k := range m.Keywords {
		meta.Keywords = append(meta.Keywords, valid(k))
	}
	blocks, err := blocks(doc.Blocks, 1)
	return &Document[any]{SchemaVersion: SchemaVersion, Meta: meta, Values: vals, Blocks: blocks}, err
}

// values converts the values; encoding/json sorts the names.
func values(vals map[string]string) (map[string]string, error) {
	if len(vals) == 0 {
		return nil, nil
	}
	names := slices.Sorted(maps.Keys(vals))
	out := make(map[string]string, len(vals))
	for _, k := range names {
		vk := valid(k)
		if _, dup := out[vk]; dup {
			other := names[slices.IndexFunc(names, func(o string) bool { return valid(o) == vk })]
			return nil, failf("names %q and %q are the same once invalid UTF-8 is replaced", other, k)
		}
		out[vk] = valid(vals[k])
	}
	return out, nil
}

// children converts the children of the node at depth, into its field
// ("blocks" or "inlines"), each with convert. An unknown node found inside
// a child and without a position of its own gets the child's (see near).
func children[T ast.Node](field string, ns []T, depth int, convert func(T, int) (any, error)) ([]any, error) {
	if err := nest(depth + 2); err != nil {
		return nil, err
	}
	out := make([]any, len(ns))
	for i, n := range ns {
		c, err := convert(n, depth+2)
		if err != nil {
			if ast.Node(n) != nil && !nilPointer(n) {
				err = near(err, n)
			}
			return nil, at(err, field, i)
		}
		out[i] = c
	}
	return out, nil
}

// blocks converts the blocks of the node at depth.
func blocks(bs []ast.Block, depth int) ([]any, error) { return children("blocks", bs, depth, block) }

// inlines converts the inlines of the node at depth.
func inlines(ins []ast.Inline, depth int) ([]any, error) {
	return children("inlines", ins, depth, inline)
}

// nilPointer reports whether n is a nil pointer to a node.
func nilPointer(n ast.Node) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// block converts one block, whose object is at depth. Its error, if any,
// is placed inside the block.
func block(b ast.Block, depth int) (any, error) {
	if nilPointer(b) {
		return nil, failf("nil %T", b)
	}
	switch n := b.(type) {
	case *ast.Heading:
		if n.Level < 1 || n.Level > 6 {
			return nil, at(failf("heading level %d is not between 1 and 6", n.Level), "level", -1)
		}
		ins, err := inlines(n.Inlines, depth)
		return Heading[any]{Type: "heading", Level: n.Level, ID: valid(n.ID), Inlines: ins}, err
	case *ast.Paragraph:
		ins, err := inlines(n.Inlines, depth)
		return Paragraph[any]{Type: "paragraph", Inlines: ins}, err
	case *ast.List:
		return list(n, depth)
	case *ast.ListItem:
		return nil, failf("a listItem may only be an item of a list")
	case *ast.BlockQuote:
		bs, err := blocks(n.Blocks, depth)
		return BlockQuote[any]{Type: "blockQuote", Blocks: bs}, err
	case *ast.CodeBlock:
		return CodeBlock{Type: "codeBlock", Language: valid(n.Language), Text: valid(n.Text)}, nil
	case *ast.ThematicBreak:
		return ThematicBreak{Type: "thematicBreak"}, nil
	case *ast.Table:
		return table(n, depth)
	case *ast.HTMLBlock:
		return HTMLBlock{Type: "htmlBlock", Text: valid(n.Text)}, nil
	case *ast.FootnoteDefinition:
		if n.Index < 1 {
			return nil, at(failf("footnote index %d is below 1", n.Index), "index", -1)
		}
		bs, err := blocks(n.Blocks, depth)
		return FootnoteDefinition[any]{Type: "footnoteDefinition", Index: n.Index, Label: valid(n.Label), Blocks: bs}, err
	}
	return nil, unknown(b)
}

// inline converts one inline, whose object is at depth.
func inline(in ast.Inline, depth int) (any, error) {
	if nilPointer(in) {
		return nil, failf("nil %T", in)
	}
	switch n := in.(type) {
	case *ast.Text:
		return Text{Type: "text", Text: valid(n.Text)}, nil
	case *ast.Emphasis:
		ins, err := inlines(n.Inlines, depth)
		return Emphasis[any]{Type: "emphasis", Inlines: ins}, err
	case *ast.Strong:
		ins, err := inlines(n.Inlines, depth)
		return Strong[any]{Type: "strong", Inlines: ins}, err
	case *ast.Strikethrough:
		ins, err := inlines(n.Inlines, depth)
		return Strikethrough[any]{Type: "strikethrough", Inlines: ins}, err
	case *ast.Code:
		return Code{Type: "code", Text: valid(n.Text)}, nil
	case *ast.Link:
		ins, err := inlines(n.Inlines, depth)
		return Link[any]{Type: "link", Destination: valid(n.Destination), Title: valid(n.Title), Inlines: ins}, err
	case *ast.Image:
		return Image{Type: "image", Destination: valid(n.Destination), Title: valid(n.Title), Alt: valid(n.Alt)}, nil
	case *ast.SoftBreak:
		return SoftBreak{Type: "softBreak"}, nil
	case *ast.HardBreak:
		return HardBreak{Type: "hardBreak"}, nil
	case *ast.RawHTML:
		return RawHTML{Type: "rawHtml", Text: valid(n.Text)}, nil
	case *ast.FootnoteRef:
		if n.Index < 1 {
			return nil, at(failf("footnote index %d is below 1", n.Index), "index", -1)
		}
		return FootnoteRef{Type: "footnoteRef", Index: n.Index, Label: valid(n.Label)}, nil
	case *ast.Change:
		kind := n.Kind.String()
		if kind == "" {
			return nil, at(failf("unknown change kind %d", int(n.Kind)), "kind", -1)
		}
		ins, err := inlines(n.Inlines, depth)
		return Change[any]{Type: "change", Kind: kind, ID: valid(n.ID), Inlines: ins}, err
	}
	return nil, unknown(in)
}

// list converts a list, whose object is at depth.
func list(n *ast.List, depth int) (any, error) {
	if err := nest(depth + 2); err != nil { // an item
		return nil, err
	}
	if n.Start < 0 {
		return nil, at(failf("list start %d is negative", n.Start), "start", -1)
	}
	l := List[any]{Type: "list", Ordered: n.Ordered, Tight: n.Tight, Items: make([]ListItem[any], len(n.Items))}
	markers, kind := "-*+", "a bullet list"
	if n.Ordered {
		markers, kind = ".)", "an ordered list"
	}
	if n.Marker != 0 {
		if strings.IndexByte(markers, n.Marker) < 0 {
			return nil, at(failf("marker %q is not a marker of %s", rune(n.Marker), kind), "marker", -1)
		}
		l.Marker = string(rune(n.Marker))
	}
	if n.Ordered || n.Start != 0 {
		l.Start = &n.Start
	}
	for i, it := range n.Items {
		var err error
		switch {
		case it == nil:
			err = failf("nil listItem")
		case it.Task != ast.NoTask && it.Task != ast.TaskOpen && it.Task != ast.TaskDone:
			err = at(failf("unknown task state %d", int(it.Task)), "task", -1)
		default:
			l.Items[i] = ListItem[any]{Type: "listItem", Task: it.Task.String()}
			if l.Items[i].Blocks, err = blocks(it.Blocks, depth+2); err != nil {
				err = near(err, it)
			}
		}
		if err != nil {
			return nil, at(err, "items", i)
		}
	}
	return l, nil
}

// alignNames are the JSON names of the alignments, by ast.Alignment.
var alignNames = [...]string{ast.AlignNone: "none", ast.AlignLeft: "left", ast.AlignCenter: "center", ast.AlignRight: "right"}

// table converts a table, whose object is at depth.
func table(n *ast.Table, depth int) (any, error) {
	if err := nest(depth + 2); err != nil { // a row
		return nil, err
	}
	t := Table[any]{Type: "table", Align: make([]string, len(n.Align)), Rows: make([][]Cell[any], len(n.Rows))}
	for i, a := range n.Align {
		if a < 0 || int(a) >= len(alignNames) {
			return nil, at(failf("unknown alignment %d", int(a)), "align", i)
		}
		t.Align[i] = alignNames[a]
	}
	var err error
	if t.Header, err = row(n.Header, len(n.Align), depth+1); err != nil {
		return nil, at(err, "header", -1)
	}
	for i, r := range n.Rows {
		if t.Rows[i], err = row(r, len(n.Align), depth+2); err != nil {
			return nil, at(err, "rows", i)
		}
	}
	return t, nil
}

// row converts one row of a table of the given number of columns; the
// row's array is at depth.
func row(cells []*ast.TableCell, columns, depth int) ([]Cell[any], error) {
	if len(cells) != columns {
		return nil, failf("%d cells in a table of %d columns", len(cells), columns)
	}
	out := make([]Cell[any], len(cells))
	for i, c := range cells {
		var err error
		if c == nil {
			err = failf("nil table cell")
		} else {
			out[i].Inlines, err = inlines(c.Inlines, depth+1)
		}
		if err != nil {
			return nil, at(err, "", i)
		}
	}
	return out, nil
}
