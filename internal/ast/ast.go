// Package ast is policyexport's document model: the one contract between the
// Markdown parser and every output backend.
//
// A Document holds metadata, the values it was filled with, and a list of
// blocks; blocks hold blocks or inlines. Block and Inline are closed sum
// types: only the types in this package implement them, so a backend can
// switch over them exhaustively. The model owns all of its strings and keeps
// no reference to the template source.
//
// Adding a node kind leaves no switch silently behind. Code that does
// something for every kind (a backend, the template filler, CopyBlocks)
// switches over Block or Inline with a case for each kind and no default clause, and
// returns an *UnknownNodeError for a value that matches no case (nil, or
// a type of another package that embeds one of ours); scripts/check runs
// go-check-sumtype, which fails when such a switch misses a kind (the
// "sumtype:decl" comments mark the sum types). Code that picks out a few
// kinds walks the tree with Walk, WalkBlocks, WalkHeadings or
// InlineChildren and never restates which kinds hold which.
//
// This package imports only the standard library. It must never import
// goldmark, a parser or a backend.
package ast

import "strconv"

// Document is a whole filled document, ready for any backend.
type Document struct {
	// Meta is the document's metadata (front matter and defaults).
	Meta Meta
	// Values are the placeholder values the document was filled with,
	// keyed by placeholder name. Nil when no values were used.
	Values map[string]string
	// Blocks is the document body in reading order. Footnote definitions,
	// when there are any, come last, ordered by their number.
	Blocks []Block
	// BaseURL is the address the document's relative links are relative
	// to (--base-url, filled with the document's values); "" for none.
	// The outputs read away from the site (the PDF, the plain text)
	// resolve relative links against it; the HTML and the JSON keep
	// every link as written.
	BaseURL string
}

// Meta is document-level metadata. Every field is plain text.
type Meta struct {
	// Title is the document title: front matter, else the text of the
	// title heading (see Title).
	Title string
	// Lang is a BCP 47 language tag such as "en" or "de-CH"; empty when
	// unknown.
	Lang string
	// Description is a one-sentence summary of the document.
	Description string
	// Author is the person or organisation responsible for the document.
	Author string
	// Subject is what the document is about.
	Subject string
	// Keywords are search keywords, in the order given.
	Keywords []string
	// Date is the document date as written in the front matter or values
	// (for example "2026-11-28"); empty when none is known.
	Date string
}

// Pos is a position in the template source: a 1-based line and a 1-based
// byte column. The zero Pos means "unknown".
type Pos struct {
	Line int
	Col  int
}

// IsValid reports whether p names a real position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats p as "line:col", or "-" when p is not valid.
func (p Pos) String() string {
	if !p.IsValid() {
		return "-"
	}
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// Node is implemented by every Block and Inline.
type Node interface {
	// Pos is where the node starts in the template, the zero Pos when
	// it is not known (as go/ast's Node.Pos). A node with a position of
	// its own keeps it in its field At, which Pos returns. Emphasis,
	// strong emphasis, strikethrough, changes and a link without At,
	// which have no position of their own, give the first position
	// among their inlines; breaks
	// and footnote references give the zero Pos.
	Pos() Pos
	node()
}

// Block is a block-level element. The implementations are *Heading,
// *Paragraph, *List, *BlockQuote, *CodeBlock, *ThematicBreak, *Table,
// *HTMLBlock and *FootnoteDefinition. A *ListItem is a Block only as the
// child of a *List.
//
//sumtype:decl
type Block interface {
	Node
	block()
}

// Inline is an inline element. The implementations are *Text, *Emphasis,
// *Strong, *Strikethrough, *Code, *Link, *Image, *SoftBreak, *HardBreak,
// *RawHTML, *FootnoteRef and *Change.
//
//sumtype:decl
type Inline interface {
	Node
	inline()
}

// Heading is a section heading.
type Heading struct {
	// Level is 1 to 6.
	Level int
	// ID is the heading's anchor, unique within the document; empty when
	// the profile assigns no ids.
	ID string
	// TitleBlock marks the title block: the level-1 heading that the
	// template's front matter title: adds first when the body has no
	// level-1 heading (see package template). Its At is where the
	// title is written in the front matter. Every backend writes it as
	// any level-1 heading; the JSON model says where it came from.
	TitleBlock bool
	Inlines    []Inline
	At         Pos
}

// Paragraph is a run of inline content.
type Paragraph struct {
	Inlines []Inline
	At      Pos
}

// List is a bullet or ordered list.
type List struct {
	// Ordered is true for numbered lists.
	Ordered bool
	// Start is the number of the first item of an ordered list.
	Start int
	// Marker is the list marker as written: '-', '*' or '+' for bullet
	// lists, '.' or ')' for ordered lists.
	Marker byte
	// Tight is true when no blank line separates the items or their
	// blocks; a tight list's paragraphs are rendered without spacing.
	Tight bool
	Items []*ListItem
	At    Pos
}

// TaskState says whether a list item is a task (GFM "- [ ] ...") and,
// if so, whether it is checked.
type TaskState int

const (
	// NoTask is an ordinary list item.
	NoTask TaskState = iota
	// TaskOpen is an unchecked task item: "- [ ]".
	TaskOpen
	// TaskDone is a checked task item: "- [x]".
	TaskDone
)

// String returns "", "open" or "done".
func (s TaskState) String() string {
	switch s {
	case TaskOpen:
		return "open"
	case TaskDone:
		return "done"
	}
	return ""
}

// ListItem is one item of a List.
type ListItem struct {
	Task   TaskState
	Blocks []Block
	At     Pos
}

// BlockQuote is a quoted run of blocks.
type BlockQuote struct {
	Blocks []Block
	At     Pos
}

// CodeBlock is preformatted text: a fenced or an indented code block.
type CodeBlock struct {
	// Language is the first word of a fenced block's info string; empty
	// when none is given.
	Language string
	// Text is the code, each line ending in "\n".
	Text string
	// Change marks the whole block as deleted or inserted in a redline
	// (see package redline), which keeps it a code block, indentation
	// and all; 0 outside redlines: templates never set it.
	Change ChangeKind
	// ChangeID is the id of the change's anchor ("" for none).
	ChangeID string
	At       Pos
}

// ThematicBreak is a horizontal rule.
type ThematicBreak struct {
	At Pos
}

// Alignment is a table column's alignment.
type Alignment int

const (
	// AlignNone leaves the alignment to the backend (usually left).
	AlignNone Alignment = iota
	// AlignLeft aligns to the left.
	AlignLeft
	// AlignCenter centres.
	AlignCenter
	// AlignRight aligns to the right.
	AlignRight
)

// String returns "", "left", "center" or "right".
func (a Alignment) String() string {
	switch a {
	case AlignLeft:
		return "left"
	case AlignCenter:
		return "center"
	case AlignRight:
		return "right"
	}
	return ""
}

// Table is a GFM table. Header and every row have exactly len(Align)
// cells.
type Table struct {
	Align  []Alignment
	Header []*TableCell
	Rows   [][]*TableCell
	At     Pos
}

// NoHeader reports whether t has body rows under a header row with
// nothing in any of its cells (| | |): the way Markdown, which needs a
// header row, writes a table without one. Every backend that draws the
// table then leaves that row out, as pandoc does: no <thead>, no TH in
// the PDF's tags, no empty row above the body. The JSON keeps it as the
// template has it.
func (t *Table) NoHeader() bool {
	if len(t.Rows) == 0 {
		return false
	}
	for _, c := range t.Header {
		if c != nil && len(c.Inlines) > 0 {
			return false
		}
	}
	return true
}

// TableCell is one cell of a Table.
type TableCell struct {
	Inlines []Inline
}

// HTMLBlock is a raw HTML block from the template, kept verbatim. Backends
// decide whether to pass it through.
type HTMLBlock struct {
	Text string
	At   Pos
}

// FootnoteDefinition is the text of a footnote.
type FootnoteDefinition struct {
	// Index is the footnote's number, from 1, in order of first reference.
	Index int
	// Label is the label as written in the template ("[^label]").
	Label  string
	Blocks []Block
	At     Pos
}

// Text is literal text. It never contains markup: a backend must escape
// it for its output format, and writes its space equivalents (vertical
// tab, form feed, NEL, U+2028, U+2029: IsSpaceEquivalent) as spaces.
type Text struct {
	Text string
	// At is where the text starts in the template; for text that came
	// from a value, the position of its placeholder.
	At Pos
	// Isolate marks text that is one value filled into the template
	// whose direction is not the document's: its first strong
	// character is of the other direction, or it has strong characters
	// of both (package bidi's NeedsIsolation, which the template filler
	// asks). Every backend isolates it from the text around it, as one
	// unit of its own direction (HTML <bdi>, FIRST STRONG ISOLATE …
	// POP DIRECTIONAL ISOLATE in plain text, a bidi isolate in the
	// PDF), so that the punctuation and digits beside it keep the
	// document's direction: without it, "{company}: 5 employees" with
	// the Hebrew company "שלום" read "5 :שלום employees".
	Isolate bool
}

// Emphasis is emphasised (usually italic) text.
type Emphasis struct {
	Inlines []Inline
}

// Strong is strongly emphasised (usually bold) text.
type Strong struct {
	Inlines []Inline
}

// Strikethrough is struck-out text (GFM "~~text~~").
type Strikethrough struct {
	Inlines []Inline
}

// Code is an inline code span.
type Code struct {
	Text string
	At   Pos
}

// Link is a hyperlink. Destination is the URL as written (after entity
// and backslash unescaping); backends percent-encode and neutralise it as
// their format requires.
type Link struct {
	Destination string
	Title       string
	Inlines     []Inline
	// At is where the link starts (its "["); the zero Pos for an
	// autolink and a link made by a program.
	At Pos
}

// Image is an inline image.
type Image struct {
	Destination string
	Title       string
	// Alt is the plain-text description.
	Alt string
	At  Pos
}

// SoftBreak is a line ending inside a paragraph; most backends render it
// as a space or a newline.
type SoftBreak struct{}

// HardBreak is a forced line break.
type HardBreak struct{}

// RawHTML is inline raw HTML from the template, kept verbatim.
type RawHTML struct {
	Text string
	At   Pos
}

// FootnoteRef is a reference to a FootnoteDefinition.
type FootnoteRef struct {
	// Index is the number of the referenced footnote.
	Index int
	// Label is the label as written.
	Label string
}

// ChangeKind says what a Change marks.
type ChangeKind int

const (
	// Inserted marks text that the new version adds.
	Inserted ChangeKind = iota + 1
	// Deleted marks text that the new version removes.
	Deleted
	// Reformatted marks text whose words stay but whose formatting
	// (emphasis, a link target) changed; it holds the new formatting.
	Reformatted
)

// String returns "insert", "delete" or "format", the names of the JSON
// model and of the redline's change list.
func (k ChangeKind) String() string {
	switch k {
	case Inserted:
		return "insert"
	case Deleted:
		return "delete"
	case Reformatted:
		return "format"
	}
	return ""
}

// Change marks inlines as changed between two versions of a document: a
// redline (see package redline) is a document whose changed words are
// wrapped in Changes. Templates never produce one.
type Change struct {
	Kind ChangeKind
	// ID names the change within its document ("change-3"); backends that
	// write anchors use it. Empty when the change has no anchor.
	ID      string
	Inlines []Inline
}

func (*Heading) node()            {}
func (*Paragraph) node()          {}
func (*List) node()               {}
func (*ListItem) node()           {}
func (*BlockQuote) node()         {}
func (*CodeBlock) node()          {}
func (*ThematicBreak) node()      {}
func (*Table) node()              {}
func (*HTMLBlock) node()          {}
func (*FootnoteDefinition) node() {}

func (*Heading) block()            {}
func (*Paragraph) block()          {}
func (*List) block()               {}
func (*ListItem) block()           {}
func (*BlockQuote) block()         {}
func (*CodeBlock) block()          {}
func (*ThematicBreak) block()      {}
func (*Table) block()              {}
func (*HTMLBlock) block()          {}
func (*FootnoteDefinition) block() {}

func (*Text) node()          {}
func (*Emphasis) node()      {}
func (*Strong) node()        {}
func (*Strikethrough) node() {}
func (*Code) node()          {}
func (*Link) node()          {}
func (*Image) node()         {}
func (*SoftBreak) node()     {}
func (*HardBreak) node()     {}
func (*RawHTML) node()       {}
func (*FootnoteRef) node()   {}
func (*Change) node()        {}

func (*Text) inline()          {}
func (*Emphasis) inline()      {}
func (*Strong) inline()        {}
func (*Strikethrough) inline() {}
func (*Code) inline()          {}
func (*Link) inline()          {}
func (*Image) inline()         {}
func (*SoftBreak) inline()     {}
func (*HardBreak) inline()     {}
func (*RawHTML) inline()       {}
func (*FootnoteRef) inline()   {}
func (*Change) inline()        {}

// Pos returns h.At.
func (h *Heading) Pos() Pos { return h.At }

// Pos returns p.At.
func (p *Paragraph) Pos() Pos { return p.At }

// Pos returns l.At.
func (l *List) Pos() Pos { return l.At }

// Pos returns it.At.
func (it *ListItem) Pos() Pos { return it.At }

// Pos returns q.At.
func (q *BlockQuote) Pos() Pos { return q.At }

// Pos returns c.At.
func (c *CodeBlock) Pos() Pos { return c.At }

// Pos returns t.At.
func (t *ThematicBreak) Pos() Pos { return t.At }

// Pos returns t.At.
func (t *Table) Pos() Pos { return t.At }

// Pos returns h.At.
func (h *HTMLBlock) Pos() Pos { return h.At }

// Pos returns f.At.
func (f *FootnoteDefinition) Pos() Pos { return f.At }

// Pos returns t.At.
func (t *Text) Pos() Pos { return t.At }

// Pos returns the first position among e's inlines.
func (e *Emphasis) Pos() Pos { return firstPos(e.Inlines) }

// Pos returns the first position among s's inlines.
func (s *Strong) Pos() Pos { return firstPos(s.Inlines) }

// Pos returns the first position among s's inlines.
func (s *Strikethrough) Pos() Pos { return firstPos(s.Inlines) }

// Pos returns c.At.
func (c *Code) Pos() Pos { return c.At }

// Pos returns l.At, else the first position among l's inlines.
func (l *Link) Pos() Pos {
	if l.At.IsValid() {
		return l.At
	}
	return firstPos(l.Inlines)
}

// Pos returns i.At.
func (i *Image) Pos() Pos { return i.At }

// Pos returns the zero Pos: a soft break has no position.
func (*SoftBreak) Pos() Pos { return Pos{} }

// Pos returns the zero Pos: a hard break has no position.
func (*HardBreak) Pos() Pos { return Pos{} }

// Pos returns r.At.
func (r *RawHTML) Pos() Pos { return r.At }

// Pos returns the zero Pos: a footnote reference has no position.
func (*FootnoteRef) Pos() Pos { return Pos{} }

// Pos returns the first position among c's inlines.
func (c *Change) Pos() Pos { return firstPos(c.Inlines) }

// firstPos is the first valid position among ins, or the zero Pos.
func firstPos(ins []Inline) Pos {
	for _, in := range ins {
		if in == nil {
			continue
		}
		if p := in.Pos(); p.IsValid() {
			return p
		}
	}
	return Pos{}
}
