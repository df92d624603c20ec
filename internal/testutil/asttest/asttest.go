// Package asttest holds what tests of the document model share: builders
// for hand-made documents, Everything (one document that holds every node
// kind, each with a word of its own), Kind and MissingKinds (to check that
// a fixture meant to hold every kind does), and node types that no
// backend knows, to test the unknown-node error.
//
// It is for tests only: no production code may import it. It imports
// only package ast and the standard library.
package asttest

import "github.com/policyexport/policyexport/internal/ast"

// T makes literal text.
func T(s string) *ast.Text { return &ast.Text{Text: s} }

// TAt makes literal text at a position.
func TAt(s string, line, col int) *ast.Text {
	return &ast.Text{Text: s, At: ast.Pos{Line: line, Col: col}}
}

// Em makes emphasis.
func Em(ins ...ast.Inline) *ast.Emphasis { return &ast.Emphasis{Inlines: ins} }

// Strong makes strong emphasis.
func Strong(ins ...ast.Inline) *ast.Strong { return &ast.Strong{Inlines: ins} }

// Strike makes strikethrough.
func Strike(ins ...ast.Inline) *ast.Strikethrough { return &ast.Strikethrough{Inlines: ins} }

// Link makes a link to dest.
func Link(dest string, ins ...ast.Inline) *ast.Link {
	return &ast.Link{Destination: dest, Inlines: ins}
}

// P makes a paragraph.
func P(ins ...ast.Inline) *ast.Paragraph { return &ast.Paragraph{Inlines: ins} }

// H makes a heading of a level.
func H(level int, ins ...ast.Inline) *ast.Heading {
	return &ast.Heading{Level: level, Inlines: ins}
}

// Item makes a list item.
func Item(bs ...ast.Block) *ast.ListItem { return &ast.ListItem{Blocks: bs} }

// Task makes a task list item with one paragraph of text.
func Task(state ast.TaskState, text string) *ast.ListItem {
	return &ast.ListItem{Task: state, Blocks: []ast.Block{P(T(text))}}
}

// Bullets makes a "-" bullet list.
func Bullets(tight bool, items ...*ast.ListItem) *ast.List {
	return &ast.List{Marker: '-', Tight: tight, Items: items}
}

// Ordered makes a "." ordered list that starts at start.
func Ordered(start int, tight bool, items ...*ast.ListItem) *ast.List {
	return &ast.List{Ordered: true, Start: start, Marker: '.', Tight: tight, Items: items}
}

// Quote makes a block quote.
func Quote(bs ...ast.Block) *ast.BlockQuote { return &ast.BlockQuote{Blocks: bs} }

// Cell makes a table cell.
func Cell(ins ...ast.Inline) *ast.TableCell { return &ast.TableCell{Inlines: ins} }

// Cells makes a table row of one text per cell.
func Cells(texts ...string) []*ast.TableCell {
	out := make([]*ast.TableCell, len(texts))
	for i, s := range texts {
		out[i] = Cell(T(s))
	}
	return out
}

// Doc makes a document of blocks.
func Doc(bs ...ast.Block) *ast.Document { return &ast.Document{Blocks: bs} }

// UnknownBlock is a Block of no kind that package ast declares: it embeds
// a *ast.Paragraph, whose position it has. Every backend must refuse it
// with an *ast.UnknownNodeError.
type UnknownBlock struct{ *ast.Paragraph }

// UnknownInline is an Inline of no kind that package ast declares: it
// embeds a *ast.Text, whose position it has.
type UnknownInline struct{ *ast.Text }

// Word is a word of Everything and the node kind that holds it.
type Word struct {
	// Kind names the node kind, as in "Heading" or "Strikethrough".
	Kind string
	// Text is the word. Every word is ASCII letters only and appears once
	// in Everything.
	Text string
	// Markup is true for raw HTML, which only JSON and HTML with raw
	// HTML allowed keep.
	Markup bool
}

// Words lists a word of Everything for each kind that holds text, in
// document order. A thematic break, a soft or hard break, a list and a
// table hold no text of their own; the words around the breaks and inside
// lists and tables are listed under the kinds that hold them.
func Words() []Word {
	return []Word{
		{Kind: "Heading", Text: "Headingword"},
		{Kind: "Paragraph", Text: "Paragraphword"},
		{Kind: "Text", Text: "Textword"},
		{Kind: "Emphasis", Text: "Emphasisword"},
		{Kind: "Strong", Text: "Strongword"},
		{Kind: "Strikethrough", Text: "Strikethroughword"},
		{Kind: "Code", Text: "Codeword"},
		{Kind: "Link", Text: "Linkword"},
		{Kind: "SoftBreak", Text: "Beforesoftbreak"},
		{Kind: "SoftBreak", Text: "Aftersoftbreak"},
		{Kind: "HardBreak", Text: "Beforehardbreak"},
		{Kind: "HardBreak", Text: "Afterhardbreak"},
		{Kind: "Image", Text: "Imageword"},
		{Kind: "RawHTML", Text: "Rawhtmlword", Markup: true},
		{Kind: "FootnoteRef", Text: "Footnotereferrer"},
		{Kind: "ListItem", Text: "Bulletword"},
		{Kind: "ListItem", Text: "Orderedword"},
		{Kind: "ListItem", Text: "Taskword"},
		{Kind: "BlockQuote", Text: "Quoteword"},
		{Kind: "CodeBlock", Text: "Codeblockword"},
		{Kind: "TableCell", Text: "Headercellword"},
		{Kind: "TableCell", Text: "Bodycellword"},
		{Kind: "HTMLBlock", Text: "Htmlblockword", Markup: true},
		{Kind: "Change", Text: "Deletedword"},
		{Kind: "Change", Text: "Insertedword"},
		{Kind: "Change", Text: "Reformattedword"},
		{Kind: "FootnoteDefinition", Text: "Footnoteword"},
	}
}

// Everything is one document that holds every node kind: each Block and
// Inline kind, a list item of each task state, ordered and bullet lists,
// table alignments, a footnote with its reference, and a redline's
// change of each kind. Its words are
// those of Words. It uses Latin text only, so that every PDF font draws
// it; its image is a local file that does not exist (render PDFs with
// missing images as alt text).
func Everything() *ast.Document {
	at := func(line int) ast.Pos { return ast.Pos{Line: line, Col: 1} }
	return &ast.Document{
		Meta: ast.Meta{Title: "Everything", Lang: "en"},
		Blocks: []ast.Block{
			&ast.Heading{Level: 1, ID: "headingword", Inlines: []ast.Inline{TAt("Headingword", 1, 3)}, At: at(1)},
			&ast.Paragraph{At: at(3), Inlines: []ast.Inline{
				TAt("Paragraphword Textword ", 3, 1),
				Em(TAt("Emphasisword", 3, 25)), T(" "),
				Strong(TAt("Strongword", 3, 40)), T(" "),
				Strike(TAt("Strikethroughword", 3, 54)), T(" "),
				&ast.Code{Text: "Codeword", At: ast.Pos{Line: 3, Col: 75}}, T(" "),
				Link("https://example.com/", T("Linkword")), T(" Beforesoftbreak"),
				&ast.SoftBreak{},
				TAt("Aftersoftbreak Beforehardbreak", 4, 1),
				&ast.HardBreak{},
				TAt("Afterhardbreak ", 5, 1),
				&ast.Image{Destination: "missing-image.png", Alt: "Imageword", At: ast.Pos{Line: 5, Col: 16}}, T(" "),
				&ast.RawHTML{Text: "<span>Rawhtmlword</span>", At: ast.Pos{Line: 5, Col: 40}},
				T(" Footnotereferrer"),
				&ast.FootnoteRef{Index: 1, Label: "note"},
			}},
			&ast.List{Marker: '-', Tight: true, At: at(7), Items: []*ast.ListItem{
				{Blocks: []ast.Block{P(TAt("Bulletword", 7, 3))}, At: at(7)},
				{Blocks: []ast.Block{&ast.List{Ordered: true, Start: 3, Marker: '.', Tight: true, At: ast.Pos{Line: 8, Col: 3}, Items: []*ast.ListItem{
					{Blocks: []ast.Block{P(TAt("Orderedword", 8, 6))}, At: ast.Pos{Line: 8, Col: 3}},
				}}}, At: at(8)},
				{Task: ast.TaskDone, Blocks: []ast.Block{P(TAt("Taskword", 9, 7))}, At: at(9)},
				{Task: ast.TaskOpen, Blocks: []ast.Block{P(TAt("Opentask", 10, 7))}, At: at(10)},
			}},
			&ast.BlockQuote{At: at(12), Blocks: []ast.Block{&ast.Paragraph{Inlines: []ast.Inline{TAt("Quoteword", 12, 3)}, At: ast.Pos{Line: 12, Col: 3}}}},
			&ast.CodeBlock{Language: "text", Text: "Codeblockword\n", At: at(14)},
			&ast.ThematicBreak{At: at(18)},
			&ast.Table{At: at(20),
				Align:  []ast.Alignment{ast.AlignNone, ast.AlignLeft, ast.AlignCenter, ast.AlignRight},
				Header: Cells("Headercellword", "Left", "Centre", "Right"),
				Rows:   [][]*ast.TableCell{Cells("Bodycellword", "a", "b", "c")},
			},
			&ast.HTMLBlock{Text: "<div>Htmlblockword</div>\n", At: at(24)},
			&ast.Paragraph{At: at(25), Inlines: []ast.Inline{
				&ast.Change{Kind: ast.Deleted, ID: "change-1", Inlines: []ast.Inline{TAt("Deletedword", 25, 1)}},
				&ast.Change{Kind: ast.Inserted, ID: "change-1-new", Inlines: []ast.Inline{TAt("Insertedword", 25, 1)}}, T(" "),
				&ast.Change{Kind: ast.Reformatted, Inlines: []ast.Inline{Em(TAt("Reformattedword", 25, 13))}},
			}},
			&ast.FootnoteDefinition{Index: 1, Label: "note", At: at(26), Blocks: []ast.Block{
				&ast.Paragraph{Inlines: []ast.Inline{TAt("Footnoteword", 26, 9)}, At: ast.Pos{Line: 26, Col: 9}},
			}},
		},
	}
}

// Kind names the kind of a node, as in "Heading" or "Strikethrough"; ""
// for a node of no known kind. Its switches name every kind, so
// go-check-sumtype fails scripts/check when a kind is added and not here.
func Kind(n ast.Node) string {
	switch n := n.(type) {
	case ast.Block:
		return blockKind(n)
	case ast.Inline:
		return inlineKind(n)
	}
	return ""
}

func blockKind(b ast.Block) string {
	switch b.(type) {
	case *ast.Heading:
		return "Heading"
	case *ast.Paragraph:
		return "Paragraph"
	case *ast.List:
		return "List"
	case *ast.ListItem:
		return "ListItem"
	case *ast.BlockQuote:
		return "BlockQuote"
	case *ast.CodeBlock:
		return "CodeBlock"
	case *ast.ThematicBreak:
		return "ThematicBreak"
	case *ast.Table:
		return "Table"
	case *ast.HTMLBlock:
		return "HTMLBlock"
	case *ast.FootnoteDefinition:
		return "FootnoteDefinition"
	}
	return ""
}

func inlineKind(in ast.Inline) string {
	switch in.(type) {
	case *ast.Text:
		return "Text"
	case *ast.Emphasis:
		return "Emphasis"
	case *ast.Strong:
		return "Strong"
	case *ast.Strikethrough:
		return "Strikethrough"
	case *ast.Code:
		return "Code"
	case *ast.Link:
		return "Link"
	case *ast.Image:
		return "Image"
	case *ast.SoftBreak:
		return "SoftBreak"
	case *ast.HardBreak:
		return "HardBreak"
	case *ast.RawHTML:
		return "RawHTML"
	case *ast.FootnoteRef:
		return "FootnoteRef"
	case *ast.Change:
		return "Change"
	}
	return ""
}

// Kinds names every node kind, blocks then inlines. A new kind is added
// here and in Kind's switches.
func Kinds() []string {
	return []string{
		"Heading", "Paragraph", "List", "ListItem", "BlockQuote", "CodeBlock", "ThematicBreak", "Table", "HTMLBlock", "FootnoteDefinition",
		"Text", "Emphasis", "Strong", "Strikethrough", "Code", "Link", "Image", "SoftBreak", "HardBreak", "RawHTML", "FootnoteRef", "Change",
	}
}

// MissingKinds names the kinds that doc holds no node of, in the order of
// Kinds; "unknown" is added when doc holds a node of no known kind.
func MissingKinds(doc *ast.Document) []string {
	seen := map[string]bool{}
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		seen[Kind(n)] = true
		return true
	})
	var out []string
	for _, k := range Kinds() {
		if !seen[k] {
			out = append(out, k)
		}
	}
	if seen[""] {
		out = append(out, "unknown")
	}
	return out
}
