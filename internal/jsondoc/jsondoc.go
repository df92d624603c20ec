// Package jsondoc is policyexport's JSON backend: it serialises an
// *ast.Document as JSON. Its exported struct types are the format, one per
// node kind; document.schema.json describes the same format for other
// programs, and the tests hold every output to it (package jsondoctest
// reads the JSON back and validates it).
//
// It owns the JSON encoding of the model and nothing else. It must never
// import goldmark, the template parser or another backend, never read
// positions back into the model, and never depend on map iteration order.
//
// # Format
//
// A document is one JSON object:
//
//	{"schemaVersion": 1, "meta": {...}, "values": {...}, "blocks": [...]}
//
// Every block and inline is an object whose first key is "type" (for
// example "heading", "listItem", "softBreak"), followed by the node's
// fields in a fixed order, with its children last ("blocks", "inlines" or
// "items"). The schema lists every node type and field.
//
// Which keys are written:
//
//   - Always: "schemaVersion", "meta" and "blocks" on the document; "type"
//     on every node; every list of children ("blocks", "inlines", "items",
//     and a table's "align", "header" and "rows"), written as [] when empty;
//     the content of leaves ("text" of text, code, codeBlock, htmlBlock and
//     rawHtml; "destination" of link and image; "alt" of image); "level" of
//     heading; "ordered" and "tight" of list, and "start" of an ordered
//     list; "index" and "label" of footnoteDefinition and footnoteRef.
//   - Only when not empty or zero: "values" (keys sorted by code point);
//     every field of "meta"; "id" of heading; "start" of a bullet list;
//     "marker" of list (an unknown marker is the zero byte); "task" of
//     listItem; "language" of codeBlock; "title" of link and image.
//
// Enumerations are strings: list "marker" is one of "-", "*", "+" (bullet)
// or ".", ")" (ordered); listItem "task" is "open" or "done"; table "align"
// holds one of "none", "left", "center", "right" per column. A table cell
// is an object {"inlines": [...]} without a "type".
//
// Positions (ast.Pos) are not written: they are coordinates in the
// template, not content. Reading a document back gives the model up to
// positions, and up to empty lists and maps.
//
// # Strings
//
// Strings are written as UTF-8, not as \u escapes. Only what JSON requires
// is escaped ('"', '\\' and control characters), plus DEL and the line
// separators U+2028 and U+2029, which older JavaScript cannot hold in a
// string literal. '<', '>' and '&' are written as they are, because legal
// text is full of "&" and the output is meant to be read; a caller who
// embeds the JSON in an HTML <script> element must escape it for that
// context (for example with encoding/json.HTMLEscape). A string that is not
// valid UTF-8 is written with each invalid byte replaced by U+FFFD, so the
// round trip is exact only for valid UTF-8.
package jsondoc

import (
	"strconv"
	"strings"
)

// SchemaVersion is the version of the JSON format that Render writes. It
// changes whenever a change to the format could make an old reader misread
// a new document; a reader must refuse a version it does not know.
const SchemaVersion = 1

// Options controls Render. The zero value is the default.
type Options struct {
	// Compact writes the whole document on one line. By default (false)
	// the JSON is indented with two spaces. Either way the output ends in
	// a newline.
	Compact bool
}

// path names a place in the JSON document, such as blocks[2].inlines[0],
// for error messages. It is a linked list from the innermost key up, so
// naming a child costs nothing until an error is formatted.
type path struct {
	parent *path
	key    string // a field name, or "" for an array index
	index  int
}

// field returns the path of the field key inside p.
func (p *path) field(key string) *path { return &path{parent: p, key: key} }

// elem returns the path of element i of the array at p.
func (p *path) elem(i int) *path { return &path{parent: p, index: i} }

// String formats p as "blocks[2].inlines[0]", or "document" for the root.
func (p *path) String() string {
	var parts []*path
	for q := p; q != nil; q = q.parent {
		parts = append(parts, q)
	}
	if len(parts) == 0 {
		return "document"
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		q := parts[i]
		if q.key == "" {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(q.index))
			b.WriteByte(']')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(q.key)
	}
	return b.String()
}

// pathError is an error at one place of the document; a nil place is the
// document itself.
type pathError struct {
	at  *path
	msg string
}

// Error formats the error as "place: message", or just the message when
// it is about the document as a whole.
func (e *pathError) Error() string {
	if e.at == nil {
		return e.msg
	}
	return e.at.String() + ": " + e.msg
}
