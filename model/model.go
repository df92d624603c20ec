// Package model is the document model of policyexport as programs see it:
// what policyexport.Renderer.Fill returns and every output format is
// written from. A Document holds metadata, the values it was filled with,
// and blocks; blocks hold blocks or inlines.
//
// The types are the ones the renderer itself uses (each is an alias of
// the internal definition, so there is one definition and no copying):
// a *model.Heading is exactly what the backends draw. Block and Inline are
// closed sum types: only the types listed here implement them, so a
// program can switch over them exhaustively, and its default case is
// where a kind added in a later version arrives. The model owns its
// strings; Text is always literal text that a writer must escape.
//
// Walk the tree with Walk, WalkBlocks or Children, or switch over the
// node types:
//
//	model.WalkBlocks(doc.Blocks, func(n model.Node) bool {
//		if l, ok := n.(*model.Link); ok {
//			fmt.Println(l.Destination)
//		}
//		return true
//	})
//
// This package only names the model; it never parses or renders. Its
// fields are documented on the types (go doc -all
// github.com/policyexport/policyexport/internal/ast shows them from a
// checkout).
package model

import "github.com/policyexport/policyexport/internal/ast"

// Document is a whole filled document: Meta, Values (the placeholder
// values it was filled with, by name; nil when none) and Blocks (the body
// in reading order, footnote definitions last).
type Document = ast.Document

// Meta is document-level metadata, all plain text: Title, Lang (a BCP 47
// tag), Description, Author, Subject, Keywords and Date (as written).
type Meta = ast.Meta

// Pos is a position in the template: a 1-based Line and a 1-based byte
// Col. The zero Pos means "unknown"; String formats "line:col".
type Pos = ast.Pos

// Node is implemented by every Block and Inline; Pos says where the node
// starts in the template.
type Node = ast.Node

// Block is a block-level element: *Heading, *Paragraph, *List,
// *BlockQuote, *CodeBlock, *ThematicBreak, *Table, *HTMLBlock or
// *FootnoteDefinition (and *ListItem, as the child of a *List).
type Block = ast.Block

// Inline is an inline element: *Text, *Emphasis, *Strong, *Strikethrough,
// *Code, *Link, *Image, *SoftBreak, *HardBreak, *RawHTML or *FootnoteRef.
type Inline = ast.Inline

// Heading is a section heading: Level 1 to 6, its Inlines and its unique
// anchor ID.
type Heading = ast.Heading

// Paragraph is a paragraph of Inlines.
type Paragraph = ast.Paragraph

// List is a bullet or ordered list of *ListItem blocks.
type List = ast.List

// ListItem is one item of a List: its Blocks and its Task state.
type ListItem = ast.ListItem

// TaskState says whether a list item is a task and whether it is checked.
type TaskState = ast.TaskState

// The task states of a ListItem.
const (
	NoTask   = ast.NoTask   // an ordinary list item
	TaskOpen = ast.TaskOpen // "- [ ]"
	TaskDone = ast.TaskDone // "- [x]"
)

// BlockQuote is a quoted run of Blocks.
type BlockQuote = ast.BlockQuote

// CodeBlock is preformatted text, with its info string.
type CodeBlock = ast.CodeBlock

// ThematicBreak is a horizontal rule.
type ThematicBreak = ast.ThematicBreak

// Table is a table: column alignments, a header row and rows of cells.
type Table = ast.Table

// TableCell is one cell of a Table: its Inlines.
type TableCell = ast.TableCell

// Alignment is a table column's alignment.
type Alignment = ast.Alignment

// The alignments of a table column.
const (
	AlignNone   = ast.AlignNone // left to the writer
	AlignLeft   = ast.AlignLeft
	AlignCenter = ast.AlignCenter
	AlignRight  = ast.AlignRight
)

// HTMLBlock is raw HTML from the template, kept verbatim; writers decide
// whether to pass it through.
type HTMLBlock = ast.HTMLBlock

// FootnoteDefinition is the text of a footnote.
type FootnoteDefinition = ast.FootnoteDefinition

// Text is literal text; it never contains markup.
type Text = ast.Text

// Emphasis is emphasised (usually italic) text.
type Emphasis = ast.Emphasis

// Strong is strongly emphasised (usually bold) text.
type Strong = ast.Strong

// Strikethrough is struck-out text.
type Strikethrough = ast.Strikethrough

// Code is an inline code span.
type Code = ast.Code

// Link is a hyperlink: its Destination as written, a Title and Inlines.
type Link = ast.Link

// Image is an inline image: its Destination, a Title and Alt text.
type Image = ast.Image

// SoftBreak is a line ending inside a paragraph.
type SoftBreak = ast.SoftBreak

// HardBreak is a forced line break.
type HardBreak = ast.HardBreak

// RawHTML is inline raw HTML from the template, kept verbatim.
type RawHTML = ast.RawHTML

// FootnoteRef is a reference to a FootnoteDefinition.
type FootnoteRef = ast.FootnoteRef

// Walk calls visit for n and then, if visit returns true, for each of n's
// descendants in document order.
func Walk(n Node, visit func(Node) bool) { ast.Walk(n, visit) }

// WalkBlocks calls Walk for each block in turn.
func WalkBlocks(blocks []Block, visit func(Node) bool) { ast.WalkBlocks(blocks, visit) }

// Children returns the direct children of n in document order (table
// cells give their inlines, row by row); leaves give nil.
func Children(n Node) []Node { return ast.Children(n) }

// PlainText returns the text of inlines with all formatting removed: the
// text of a heading for an outline or a title.
func PlainText(inlines []Inline) string { return ast.PlainText(inlines) }

// Title returns the title heading of doc: the first level-1 heading among
// the top-level blocks, or nil.
func Title(doc *Document) *Heading { return ast.Title(doc) }
