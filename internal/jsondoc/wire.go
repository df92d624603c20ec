package jsondoc

// Container types take the type of their children as N: Render uses any
// (holding one of the structs below), and a reader may use json.RawMessage
// to look at a child's "type" before choosing the struct to decode it into.

// Document is the whole JSON document.
type Document[N any] struct {
	SchemaVersion int               `json:"schemaVersion"`
	Meta          Meta              `json:"meta"`
	Values        map[string]string `json:"values,omitempty"`
	Blocks        []N               `json:"blocks"`
}

// Meta is the document metadata; every field is left out when empty.
type Meta struct {
	Title       string   `json:"title,omitempty"`
	Lang        string   `json:"lang,omitempty"`
	Description string   `json:"description,omitempty"`
	Author      string   `json:"author,omitempty"`
	Subject     string   `json:"subject,omitempty"`
	Keywords    []string `json:"keywords,omitempty"`
	Date        string   `json:"date,omitempty"`
}

// Heading is a heading block, "type": "heading". TitleBlock is true for
// the title block, the heading the template added from its front
// matter's title (ast.Heading.TitleBlock), and left out otherwise.
type Heading[N any] struct {
	Type       string `json:"type"`
	Level      int    `json:"level"`
	ID         string `json:"id,omitempty"`
	TitleBlock bool   `json:"titleBlock,omitempty"`
	Inlines    []N    `json:"inlines"`
}

// Paragraph is a paragraph block, "type": "paragraph".
type Paragraph[N any] struct {
	Type    string `json:"type"`
	Inlines []N    `json:"inlines"`
}

// List is a list block, "type": "list". Start is written for an ordered
// list and for a bullet list whose start is not 0; Marker is "-", "*" or
// "+" for a bullet list, "." or ")" for an ordered one, and left out when
// unknown.
type List[N any] struct {
	Type    string        `json:"type"`
	Ordered bool          `json:"ordered"`
	Start   *int          `json:"start,omitempty"`
	Marker  string        `json:"marker,omitempty"`
	Tight   bool          `json:"tight"`
	Items   []ListItem[N] `json:"items"`
}

// ListItem is an item of a List, "type": "listItem"; Task is "open",
// "done", or left out for an item that is not a task.
type ListItem[N any] struct {
	Type   string `json:"type"`
	Task   string `json:"task,omitempty"`
	Blocks []N    `json:"blocks"`
}

// BlockQuote is a block quote, "type": "blockQuote".
type BlockQuote[N any] struct {
	Type   string `json:"type"`
	Blocks []N    `json:"blocks"`
}

// CodeBlock is a code block, "type": "codeBlock".
type CodeBlock struct {
	Type     string `json:"type"`
	Language string `json:"language,omitempty"`
	Text     string `json:"text"`
	// Change is "delete" or "insert" for a redline's deleted or inserted
	// block, with the change's anchor in ID; both left out otherwise.
	Change string `json:"change,omitempty"`
	ID     string `json:"id,omitempty"`
}

// ThematicBreak is a thematic break, "type": "thematicBreak".
type ThematicBreak struct {
	Type string `json:"type"`
}

// Table is a table, "type": "table". Align holds "none", "left", "center"
// or "right" per column, and the header and every row hold one Cell per
// column.
type Table[N any] struct {
	Type   string      `json:"type"`
	Align  []string    `json:"align"`
	Header []Cell[N]   `json:"header"`
	Rows   [][]Cell[N] `json:"rows"`
}

// Cell is a table cell; it has no "type".
type Cell[N any] struct {
	Inlines []N `json:"inlines"`
}

// HTMLBlock is a block of raw HTML, "type": "htmlBlock".
type HTMLBlock struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// FootnoteDefinition is a footnote's text, "type": "footnoteDefinition";
// Index counts from 1.
type FootnoteDefinition[N any] struct {
	Type   string `json:"type"`
	Index  int    `json:"index"`
	Label  string `json:"label"`
	Blocks []N    `json:"blocks"`
}

// Text is plain text, "type": "text". Isolate is true for a value
// whose direction is not the document's (ast.Text.Isolate), which a
// reader isolates as the HTML's <bdi>, and left out otherwise.
type Text struct {
	Type    string `json:"type"`
	Text    string `json:"text"`
	Isolate bool   `json:"isolate,omitempty"`
}

// Emphasis is emphasised text, "type": "emphasis".
type Emphasis[N any] struct {
	Type    string `json:"type"`
	Inlines []N    `json:"inlines"`
}

// Strong is strongly emphasised text, "type": "strong".
type Strong[N any] struct {
	Type    string `json:"type"`
	Inlines []N    `json:"inlines"`
}

// Strikethrough is struck-out text, "type": "strikethrough".
type Strikethrough[N any] struct {
	Type    string `json:"type"`
	Inlines []N    `json:"inlines"`
}

// Change marks inlines as inserted, deleted or reformatted in a redline,
// "type": "change"; Kind is "insert", "delete" or "format".
type Change[N any] struct {
	Type    string `json:"type"`
	Kind    string `json:"kind"`
	ID      string `json:"id,omitempty"`
	Inlines []N    `json:"inlines"`
}

// Code is a code span, "type": "code".
type Code struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// Link is a link, "type": "link".
type Link[N any] struct {
	Type        string `json:"type"`
	Destination string `json:"destination"`
	Title       string `json:"title,omitempty"`
	Inlines     []N    `json:"inlines"`
}

// Image is an image, "type": "image".
type Image struct {
	Type        string `json:"type"`
	Destination string `json:"destination"`
	Title       string `json:"title,omitempty"`
	Alt         string `json:"alt"`
}

// SoftBreak is a line break inside a paragraph, "type": "softBreak".
type SoftBreak struct {
	Type string `json:"type"`
}

// HardBreak is a forced line break, "type": "hardBreak".
type HardBreak struct {
	Type string `json:"type"`
}

// RawHTML is inline raw HTML, "type": "rawHtml".
type RawHTML struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// FootnoteRef is a reference to a footnote, "type": "footnoteRef"; Index
// counts from 1.
type FootnoteRef struct {
	Type  string `json:"type"`
	Index int    `json:"index"`
	Label string `json:"label"`
}
