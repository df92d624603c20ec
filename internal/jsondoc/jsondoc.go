// Package jsondoc is policyexport's JSON backend: it serialises an
// *ast.Document as JSON with encoding/json. Its exported struct types are
// the format, one per node kind; document.schema.json describes the same
// format for other programs, and the tests hold every output to it
// (package internal/testutil/jsondoctest reads the JSON back and validates
// it).
//
// It owns the JSON encoding of the model and nothing else. It must never
// import goldmark, the template parser or another backend, never write
// positions, and never depend on map iteration order.
//
// # Format
//
// A document is one JSON object:
//
//	{"schemaVersion": 1, "meta": {...}, "values": {...}, "blocks": [...]}
//
// Every block and inline is an object whose first key is "type" (for
// example "heading", "listItem", "softBreak"), followed by the node's
// fields in the order of its struct (Heading, ListItem, SoftBreak, ...),
// children last. Lists of children ("blocks", "inlines", "items", and a
// table's "align", "header" and "rows") are always written, as [] when
// empty; a field tagged omitempty is left out when empty or zero, and
// "values" is sorted by code point. Enumerations are strings: list
// "marker" ("-", "*", "+", ".", ")"), listItem "task" ("open", "done"),
// table "align" ("none", "left", "center", "right"). A heading that is
// the title block (ast.Heading.TitleBlock: the front matter's title,
// added as the first heading) has "titleBlock": true; no other has the
// key. Text that is a value whose direction is not the document's
// (ast.Text.Isolate) has "isolate": true; no other text has the key.
// Positions (ast.Pos)
// are not written: they are coordinates in the template, not content.
// Arrays and objects nest at most 10000 deep, the limit of encoding/json's
// reader; Render refuses a deeper document rather than write JSON that
// readers refuse.
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
	// Interrupt, when not nil, is called before each top-level block and
	// before the encoding; an error from it stops the rendering, and
	// Render returns it wrapped, having written nothing
	// (context.Context's Err fits).
	Interrupt func() error
}
