package redline

import (
	"fmt"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
)

// Words returns the words of doc in reading order, as a comparison
// counts them (Change.OldWord, Change.NewWord): the whitespace-separated
// words of every heading, paragraph, table cell (header first), code
// block and raw HTML block, with code spans as their code, images as
// their alt text and footnote references as "[^1]".
func Words(doc *ast.Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		out = append(out, blockWords(b)...)
	}
	return out
}

// wordCount is len(Words(doc)), without holding every word at once.
func wordCount(doc *ast.Document) int {
	n := 0
	for _, b := range doc.Blocks {
		n += len(blockWords(b))
	}
	return n
}

// words returns the words of a run of inlines.
func words(ins []ast.Inline) []string {
	var b strings.Builder
	for _, p := range pieces(ins, nil, nil) {
		b.WriteString(p.text)
	}
	return strings.Fields(b.String())
}

// blockWords returns the words of a block (see Words).
func blockWords(b ast.Block) []string {
	switch b := b.(type) {
	case *ast.Heading:
		return words(b.Inlines)
	case *ast.Paragraph:
		return words(b.Inlines)
	case *ast.List:
		var out []string
		for _, it := range b.Items {
			out = append(out, blockWords(it)...)
		}
		return out
	case *ast.ListItem:
		return blocksWords(b.Blocks)
	case *ast.BlockQuote:
		return blocksWords(b.Blocks)
	case *ast.CodeBlock:
		return strings.Fields(b.Text)
	case *ast.ThematicBreak:
		return nil
	case *ast.Table:
		out := cellsWords(b.Header)
		for _, r := range b.Rows {
			out = append(out, cellsWords(r)...)
		}
		return out
	case *ast.HTMLBlock:
		return strings.Fields(b.Text)
	case *ast.FootnoteDefinition:
		return blocksWords(b.Blocks)
	}
	return nil
}

func blocksWords(bs []ast.Block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, blockWords(b)...)
	}
	return out
}

func cellsWords(r []*ast.TableCell) []string {
	var out []string
	for _, c := range r {
		out = append(out, words(c.Inlines)...)
	}
	return out
}

// rowWords counts the words of a table row.
func rowWords(r []*ast.TableCell) int { return len(cellsWords(r)) }

// keys returns the key of each block (equal keys, equal blocks, to the
// letter and the formatting) and how many words each has.
func keys(bs []ast.Block) ([]string, []int) {
	ks, ns := make([]string, len(bs)), make([]int, len(bs))
	for i, b := range bs {
		var sb strings.Builder
		ns[i] = writeKey(&sb, b)
		ks[i] = sb.String()
	}
	return ks, ns
}

// rowKey is the key of a table row.
func rowKey(r []*ast.TableCell) string {
	var sb strings.Builder
	writeRowKey(&sb, r)
	return sb.String()
}

// The write…Key functions write the key of a node and return how many
// words it has.

func writeRowKey(sb *strings.Builder, r []*ast.TableCell) int {
	n := 0
	sb.WriteString("row(")
	for _, c := range r {
		n += writeInlinesKey(sb, c.Inlines)
		sb.WriteString("\x02")
	}
	sb.WriteString(")")
	return n
}

func writeInlinesKey(sb *strings.Builder, ins []ast.Inline) int {
	n := 0
	for _, u := range units(ins) {
		sb.WriteString(u.key)
		sb.WriteByte(0)
		sb.WriteString(u.sig)
		sb.WriteByte(0)
		n += u.n
	}
	return n
}

func writeBlocksKey(sb *strings.Builder, bs []ast.Block) int {
	n := 0
	for _, b := range bs {
		n += writeKey(sb, b)
	}
	sb.WriteString(")")
	return n
}

// writeKey writes the key of b and returns how many words it has.
func writeKey(sb *strings.Builder, b ast.Block) int {
	n := 0
	switch b := b.(type) {
	case *ast.Heading:
		fmt.Fprintf(sb, "h%d(", b.Level)
		n = writeInlinesKey(sb, b.Inlines)
		sb.WriteString(")")
	case *ast.Paragraph:
		sb.WriteString("p(")
		n = writeInlinesKey(sb, b.Inlines)
		sb.WriteString(")")
	case *ast.List:
		fmt.Fprintf(sb, "list(%t %d %c ", b.Ordered, b.Start, b.Marker)
		for _, it := range b.Items {
			n += writeKey(sb, it)
		}
		sb.WriteString(")")
	case *ast.ListItem:
		fmt.Fprintf(sb, "li%d(", b.Task)
		n = writeBlocksKey(sb, b.Blocks)
	case *ast.BlockQuote:
		sb.WriteString("quote(")
		n = writeBlocksKey(sb, b.Blocks)
	case *ast.CodeBlock:
		fmt.Fprintf(sb, "code(%q %q)", b.Language, b.Text)
		n = len(strings.Fields(b.Text))
	case *ast.ThematicBreak:
		sb.WriteString("hr()")
	case *ast.Table:
		fmt.Fprintf(sb, "table(%v ", b.Align)
		n = writeRowKey(sb, b.Header)
		for _, r := range b.Rows {
			n += writeRowKey(sb, r)
		}
		sb.WriteString(")")
	case *ast.HTMLBlock:
		fmt.Fprintf(sb, "html(%q)", b.Text)
		n = len(strings.Fields(b.Text))
	case *ast.FootnoteDefinition:
		fmt.Fprintf(sb, "fn%d(", b.Index)
		n = writeBlocksKey(sb, b.Blocks)
	}
	return n
}
