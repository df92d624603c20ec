package template

import (
	"fmt"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
)

// dump writes a document as an indented tree, one node a line, for
// golden files and failure messages.
func dump(doc *ast.Document) string {
	var b strings.Builder
	m := doc.Meta
	fmt.Fprintf(&b, "Meta title=%q lang=%q description=%q author=%q subject=%q date=%q keywords=%q\n",
		m.Title, m.Lang, m.Description, m.Author, m.Subject, m.Date, m.Keywords)
	for _, bl := range doc.Blocks {
		dumpNode(&b, bl, 0)
	}
	return b.String()
}

func dumpNode(b *strings.Builder, n ast.Node, depth int) {
	ind := strings.Repeat("  ", depth)
	switch n := n.(type) {
	case *ast.Heading:
		mark := ""
		if n.TitleBlock {
			mark = " title-block"
		}
		fmt.Fprintf(b, "%sHeading %d id=%q%s @%s\n", ind, n.Level, n.ID, mark, n.At)
	case *ast.Paragraph:
		fmt.Fprintf(b, "%sParagraph @%s\n", ind, n.At)
	case *ast.List:
		fmt.Fprintf(b, "%sList ordered=%v start=%d marker=%q tight=%v @%s\n", ind, n.Ordered, n.Start, n.Marker, n.Tight, n.At)
	case *ast.ListItem:
		fmt.Fprintf(b, "%sItem task=%q @%s\n", ind, n.Task, n.At)
	case *ast.BlockQuote:
		fmt.Fprintf(b, "%sBlockQuote @%s\n", ind, n.At)
	case *ast.CodeBlock:
		fmt.Fprintf(b, "%sCodeBlock lang=%q %q @%s\n", ind, n.Language, n.Text, n.At)
	case *ast.ThematicBreak:
		fmt.Fprintf(b, "%sThematicBreak @%s\n", ind, n.At)
	case *ast.Table:
		fmt.Fprintf(b, "%sTable align=%v @%s\n", ind, n.Align, n.At)
		for _, c := range n.Header {
			fmt.Fprintf(b, "%s  HeaderCell\n", ind)
			for _, in := range c.Inlines {
				dumpNode(b, in, depth+2)
			}
		}
		for _, row := range n.Rows {
			fmt.Fprintf(b, "%s  Row\n", ind)
			for _, c := range row {
				fmt.Fprintf(b, "%s    Cell\n", ind)
				for _, in := range c.Inlines {
					dumpNode(b, in, depth+3)
				}
			}
		}
		return
	case *ast.HTMLBlock:
		fmt.Fprintf(b, "%sHTMLBlock %q @%s\n", ind, n.Text, n.At)
	case *ast.FootnoteDefinition:
		fmt.Fprintf(b, "%sFootnoteDefinition %d %q @%s\n", ind, n.Index, n.Label, n.At)
	case *ast.Text:
		fmt.Fprintf(b, "%sText %q @%s\n", ind, n.Text, n.At)
	case *ast.Emphasis:
		fmt.Fprintf(b, "%sEmphasis\n", ind)
	case *ast.Strong:
		fmt.Fprintf(b, "%sStrong\n", ind)
	case *ast.Strikethrough:
		fmt.Fprintf(b, "%sStrikethrough\n", ind)
	case *ast.Code:
		fmt.Fprintf(b, "%sCode %q @%s\n", ind, n.Text, n.At)
	case *ast.Link:
		fmt.Fprintf(b, "%sLink dest=%q title=%q\n", ind, n.Destination, n.Title)
	case *ast.Image:
		fmt.Fprintf(b, "%sImage dest=%q title=%q alt=%q @%s\n", ind, n.Destination, n.Title, n.Alt, n.At)
	case *ast.SoftBreak:
		fmt.Fprintf(b, "%sSoftBreak\n", ind)
	case *ast.HardBreak:
		fmt.Fprintf(b, "%sHardBreak\n", ind)
	case *ast.RawHTML:
		fmt.Fprintf(b, "%sRawHTML %q @%s\n", ind, n.Text, n.At)
	case *ast.FootnoteRef:
		fmt.Fprintf(b, "%sFootnoteRef %d %q\n", ind, n.Index, n.Label)
	default:
		fmt.Fprintf(b, "%s%T\n", ind, n)
	}
	for _, c := range ast.Children(n) {
		dumpNode(b, c, depth+1)
	}
}
