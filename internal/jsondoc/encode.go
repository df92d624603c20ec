package jsondoc

import (
	"bytes"
	"cmp"
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
// Before writing anything it refuses a document that breaks the model's
// contract and so could not be read back: a node of no known kind (an
// *ast.UnknownNodeError, nil included), a nil pointer, a heading level,
// list start or marker, task state, alignment or footnote index out of
// its range, a table row whose length differs from its alignments, two
// value names that are the same once invalid UTF-8 is replaced, or nesting
// deeper than JSON readers accept. The error names the place, as in
// "blocks[2].level".
func Render(w io.Writer, doc *ast.Document, opts Options) error {
	out, err := Marshal(doc, opts)
	if err != nil {
		return err
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("jsondoc: writing: %w", err)
	}
	return nil
}

// Marshal is Render returning the JSON instead of writing it (indented,
// the caller gets the one buffer it was written into, not a copy).
func Marshal(doc *ast.Document, opts Options) ([]byte, error) {
	if doc == nil {
		return nil, errors.New("jsondoc: render: nil document")
	}
	wire, err := document(doc, opts.Interrupt)
	if err == nil && opts.Interrupt != nil {
		err = opts.Interrupt()
	}
	if err != nil {
		return nil, fmt.Errorf("jsondoc: render: %w", err)
	}
	// The Encoder, not json.Marshal, keeps '<', '>' and '&'. It hands its
	// whole output to one Write, from a buffer it reuses afterwards.
	var out []byte
	enc := json.NewEncoder(writerFunc(func(p []byte) (int, error) {
		if opts.Compact {
			out = bytes.Clone(p)
		} else {
			// Sized exactly: on the pathological inputs the indented JSON
			// is 2 to 19 times the compact, so no fixed factor fits, and
			// growing by append (as the Encoder's SetIndent does)
			// allocated 2 to 3 times as much in all.
			out = indent(make([]byte, 0, indentedSize(p)), p)
		}
		// encoding/json leaves DEL as it is: valid JSON, but invisible.
		// Byte 0x7f is never part of a longer UTF-8 sequence, nor JSON
		// syntax, so each one is a character in a string, to escape.
		if bytes.IndexByte(out, 0x7f) >= 0 {
			out = bytes.ReplaceAll(out, []byte{0x7f}, []byte(`\u007f`))
		}
		return len(p), nil
	}))
	enc.SetEscapeHTML(false)
	// Every wire type marshals, and the writer cannot fail.
	if err := enc.Encode(wire); err != nil {
		return nil, fmt.Errorf("jsondoc: encoding: %w", err)
	}
	return out, nil
}

// writerFunc is an io.Writer that hands each write to a function.
type writerFunc func([]byte) (int, error)

// Write calls f(p).
func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// indent appends the compact JSON c, as encoding/json writes it (no space
// outside strings but the newline at the end), to dst with each element
// on a line of its own, indented two spaces a level, exactly as
// json.Indent(dst, c, "", "  ") does (FuzzIndent compares the two). It
// reads c once and copies strings whole: json.Indent steps its JSON
// scanner byte by byte, which cost as much as encoding the document.
func indent(dst, c []byte) []byte {
	depth := 0
	for i := 0; i < len(c); i++ {
		switch ch := c[i]; ch {
		case '"':
			end := stringEnd(c, i)
			dst = append(dst, c[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, ch)
			if i+1 < len(c) && (c[i+1] == '}' || c[i+1] == ']') {
				dst = append(dst, c[i+1]) // empty: {} or []
				i++
				continue
			}
			depth++
			dst = newline(dst, depth)
		case '}', ']':
			depth--
			dst = append(newline(dst, depth), ch)
		case ',':
			dst = newline(append(dst, ch), depth)
		case ':':
			dst = append(dst, ch, ' ')
		default:
			dst = append(dst, ch)
		}
	}
	return dst
}

// newline appends a line break and two spaces for each level of depth.
func newline(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for range depth {
		dst = append(dst, ' ', ' ')
	}
	return dst
}

// stringEnd returns the index just after the JSON string that starts
// with the quote c[i], or len(c) when it does not end.
func stringEnd(c []byte, i int) int {
	for j := i + 1; ; j++ {
		k := bytes.IndexByte(c[j:], '"')
		if k < 0 {
			return len(c)
		}
		j += k
		// The quote ends the string unless an odd number of
		// backslashes stands before it.
		backslashes := 0
		for b := j - 1; c[b] == '\\'; b-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return j + 1
		}
	}
}

// indentedSize returns the length of the compact JSON c once indent has
// indented it: a line break and indentation for each element and each
// non-empty closing bracket, and a space after each colon. Only memory
// depends on it being right.
func indentedSize(c []byte) int {
	n, depth := len(c), 0
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case '"': // skip the string
			i = stringEnd(c, i) - 1
		case '{', '[': // in compact JSON an opener is never last, a closer never first
			if depth++; c[i+1] != '}' && c[i+1] != ']' {
				n += 1 + 2*depth
			}
		case '}', ']':
			if depth--; c[i-1] != '{' && c[i-1] != '[' {
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

// pathError is an error at one place of the document. The place is built
// while the error returns through the converters, innermost step first,
// so that a document without errors costs nothing for it.
type pathError struct {
	steps []string // field names and "[index]", innermost first
	err   error
}

// Error formats the error as "place: message".
func (e *pathError) Error() string {
	steps := slices.Clone(e.steps)
	slices.Reverse(steps)
	return strings.ReplaceAll(strings.Join(steps, "."), ".[", "[") + ": " + e.err.Error()
}

// Unwrap returns the cause.
func (e *pathError) Unwrap() error { return e.err }

// at puts err, from inside field, at that field; with an index i >= 0, at
// element i of the field's array (of the array itself when field is "").
// errTooDeep passes unchanged.
func at(err error, field string, i int) error {
	if err == errTooDeep {
		return err
	}
	pe, ok := err.(*pathError)
	if !ok {
		pe = &pathError{err: err}
	}
	if i >= 0 {
		pe.steps = append(pe.steps, "["+strconv.Itoa(i)+"]")
	}
	if field != "" {
		pe.steps = append(pe.steps, field)
	}
	return pe
}

// valid returns s with each byte of invalid UTF-8 replaced by U+FFFD, so
// that every string written reads back as the same string.
func valid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s))
}

// document converts doc, whose object is at depth 1, calling interrupt
// (Options.Interrupt) before each top-level block.
func document(doc *ast.Document, interrupt func() error) (*Document[any], error) {
	vals, verr := values(doc.Values)
	m := doc.Meta
	meta := Meta{Title: valid(m.Title), Lang: valid(m.Lang), Description: valid(m.Description),
		Author: valid(m.Author), Subject: valid(m.Subject), Date: valid(m.Date)}
	for _, k := range m.Keywords {
		meta.Keywords = append(meta.Keywords, valid(k))
	}
	convert := block
	if interrupt != nil {
		convert = func(b ast.Block, depth int) (any, error) {
			if err := interrupt(); err != nil {
				return nil, err
			}
			return block(b, depth)
		}
	}
	blocks, err := children("blocks", doc.Blocks, 1, convert)
	return &Document[any]{SchemaVersion: SchemaVersion, Meta: meta, Values: vals, Blocks: blocks}, cmp.Or(verr, err)
}

// values converts the values; encoding/json sorts the names, and leaves
// out an empty map.
func values(vals map[string]string) (map[string]string, error) {
	names := slices.Sorted(maps.Keys(vals))
	out := make(map[string]string, len(vals))
	for _, k := range names {
		vk := valid(k)
		if _, dup := out[vk]; dup {
			other := names[slices.IndexFunc(names, func(o string) bool { return valid(o) == vk })]
			return nil, at(fmt.Errorf("names %q and %q are the same once invalid UTF-8 is replaced", other, k), "values", -1)
		}
		out[vk] = valid(vals[k])
	}
	return out, nil
}

// children converts the elements of an array in field ("" for an array
// inside an array) of the object at depth, each with convert, and places
// an error at the element. An *ast.UnknownNodeError without a position
// gets that of the element, when the element is a node.
func children[T, W any](field string, ns []T, depth int, convert func(T, int) (W, error)) ([]W, error) {
	if depth+2 > maxNesting {
		return nil, errTooDeep
	}
	out := make([]W, len(ns))
	for i, n := range ns {
		var err error
		if out[i], err = convert(n, depth+2); err != nil {
			var u *ast.UnknownNodeError
			if n, ok := any(n).(ast.Node); ok && errors.As(err, &u) && !u.Pos.IsValid() {
				u.Pos = n.Pos()
			}
			return nil, at(err, field, i)
		}
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

// footnote refuses a footnote index below 1.
func footnote(index int) error {
	if index < 1 {
		return at(fmt.Errorf("footnote index %d is below 1", index), "index", -1)
	}
	return nil
}

// block converts one block, whose object is at depth.
func block(b ast.Block, depth int) (any, error) {
	if nilPointer(b) {
		return nil, fmt.Errorf("nil %T", b)
	}
	switch n := b.(type) {
	case *ast.Heading:
		if n.Level < 1 || n.Level > 6 {
			return nil, at(fmt.Errorf("heading level %d is not between 1 and 6", n.Level), "level", -1)
		}
		ins, err := inlines(n.Inlines, depth)
		return Heading[any]{Type: "heading", Level: n.Level, ID: valid(n.ID), TitleBlock: n.TitleBlock, Inlines: ins}, err
	case *ast.Paragraph:
		ins, err := inlines(n.Inlines, depth)
		return Paragraph[any]{Type: "paragraph", Inlines: ins}, err
	case *ast.List:
		return list(n, depth)
	case *ast.ListItem:
		return nil, errors.New("a listItem may only be an item of a list")
	case *ast.BlockQuote:
		bs, err := blocks(n.Blocks, depth)
		return BlockQuote[any]{Type: "blockQuote", Blocks: bs}, err
	case *ast.CodeBlock:
		w := CodeBlock{Type: "codeBlock", Language: valid(n.Language), Text: valid(n.Text), ID: valid(n.ChangeID)}
		if n.Change != 0 {
			if w.Change = n.Change.String(); w.Change == "" {
				return nil, at(fmt.Errorf("unknown change kind %d", int(n.Change)), "change", -1)
			}
		}
		return w, nil
	case *ast.ThematicBreak:
		return ThematicBreak{Type: "thematicBreak"}, nil
	case *ast.Table:
		return table(n, depth)
	case *ast.HTMLBlock:
		return HTMLBlock{Type: "htmlBlock", Text: valid(n.Text)}, nil
	case *ast.FootnoteDefinition:
		bs, err := blocks(n.Blocks, depth)
		return FootnoteDefinition[any]{Type: "footnoteDefinition", Index: n.Index, Label: valid(n.Label), Blocks: bs}, cmp.Or(footnote(n.Index), err)
	}
	return nil, ast.Unknown(b, ast.Pos{})
}

// inline converts one inline, whose object is at depth.
func inline(in ast.Inline, depth int) (any, error) {
	if nilPointer(in) {
		return nil, fmt.Errorf("nil %T", in)
	}
	switch n := in.(type) {
	case *ast.Text:
		return Text{Type: "text", Text: valid(n.Text), Isolate: n.Isolate}, nil
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
		return FootnoteRef{Type: "footnoteRef", Index: n.Index, Label: valid(n.Label)}, footnote(n.Index)
	case *ast.Change:
		kind := n.Kind.String()
		if kind == "" {
			return nil, at(fmt.Errorf("unknown change kind %d", int(n.Kind)), "kind", -1)
		}
		ins, err := inlines(n.Inlines, depth)
		return Change[any]{Type: "change", Kind: kind, ID: valid(n.ID), Inlines: ins}, err
	}
	return nil, ast.Unknown(in, ast.Pos{})
}

// list converts a list, whose object is at depth.
func list(n *ast.List, depth int) (any, error) {
	if n.Start < 0 {
		return nil, at(fmt.Errorf("list start %d is negative", n.Start), "start", -1)
	}
	l := List[any]{Type: "list", Ordered: n.Ordered, Tight: n.Tight}
	markers, kind := "-*+", "a bullet list"
	if n.Ordered {
		markers, kind = ".)", "an ordered list"
	}
	if n.Marker != 0 {
		if strings.IndexByte(markers, n.Marker) < 0 {
			return nil, at(fmt.Errorf("marker %q is not a marker of %s", rune(n.Marker), kind), "marker", -1)
		}
		l.Marker = string(rune(n.Marker))
	}
	if n.Ordered || n.Start != 0 {
		l.Start = &n.Start
	}
	var err error
	l.Items, err = children("items", n.Items, depth, item)
	return l, err
}

// item converts a list item, whose object is at depth.
func item(it *ast.ListItem, depth int) (ListItem[any], error) {
	if it == nil {
		return ListItem[any]{}, errors.New("nil listItem")
	}
	if it.Task != ast.NoTask && it.Task != ast.TaskOpen && it.Task != ast.TaskDone {
		return ListItem[any]{}, at(fmt.Errorf("unknown task state %d", int(it.Task)), "task", -1)
	}
	bs, err := blocks(it.Blocks, depth)
	return ListItem[any]{Type: "listItem", Task: it.Task.String(), Blocks: bs}, err
}

// alignNames are the JSON names of the alignments, by ast.Alignment.
var alignNames = [...]string{ast.AlignNone: "none", ast.AlignLeft: "left", ast.AlignCenter: "center", ast.AlignRight: "right"}

// table converts a table, whose object is at depth.
func table(n *ast.Table, depth int) (any, error) {
	t := Table[any]{Type: "table", Align: make([]string, len(n.Align))}
	for i, a := range n.Align {
		if a < 0 || int(a) >= len(alignNames) {
			return nil, at(fmt.Errorf("unknown alignment %d", int(a)), "align", i)
		}
		t.Align[i] = alignNames[a]
	}
	// row converts a row, whose array is at depth.
	row := func(cells []*ast.TableCell, depth int) ([]Cell[any], error) {
		if len(cells) != len(n.Align) {
			return nil, fmt.Errorf("%d cells in a table of %d columns", len(cells), len(n.Align))
		}
		return children("", cells, depth-1, cell)
	}
	var err error
	if t.Header, err = row(n.Header, depth+1); err != nil {
		return nil, at(err, "header", -1)
	}
	t.Rows, err = children("rows", n.Rows, depth, row)
	return t, err
}

// cell converts a table cell, whose object is at depth.
func cell(c *ast.TableCell, depth int) (Cell[any], error) {
	if c == nil {
		return Cell[any]{}, errors.New("nil table cell")
	}
	ins, err := inlines(c.Inlines, depth)
	return Cell[any]{Inlines: ins}, err
}
