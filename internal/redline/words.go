package redline

import (
	"fmt"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
)

// Words returns the words of doc in reading order, as a comparison
// counts them (Change.OldWord, Change.NewWord): the words of every
// heading, paragraph, table cell (header first), code block and raw HTML
// block, with code spans as their code, images as their alt text and
// footnote references as "[^1]" (whose word is "1"). A word is a run of
// letters and digits, with an apostrophe, a full stop or a middle dot
// between two of them ("don't", "l'utilisateur", "e.g", "1.5") and a
// comma, colon, slash or hyphen between two digits ("1,000", "10:30",
// "2026-06-01"); a web or e-mail address ("https://a.example/x",
// "privacy@acme.example"); or a character of a script written without
// spaces (Chinese, Japanese, Thai). Punctuation, symbols and whitespace
// are not words: "our employees." has two.
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
		blockRuns(b, func(s string) { n += countTextWords(s) })
	}
	return n
}

// words returns the words of a run of inlines.
func words(ins []ast.Inline) []string {
	return textWords(runText(pieces(ins, nil, nil)), nil)
}

// fields returns the whitespace-separated words of a run of inlines,
// punctuation and all: the text of a change of a whole block.
func fields(ins []ast.Inline) []string {
	return strings.Fields(runText(pieces(ins, nil, nil)))
}

// blockWords returns the words of a block (see Words).
func blockWords(b ast.Block) []string {
	var out []string
	blockRuns(b, func(s string) { out = textWords(s, out) })
	return out
}

// blockFields returns the whitespace-separated words of a block,
// punctuation and all: the text of a change of the whole block.
func blockFields(b ast.Block) []string {
	var out []string
	blockRuns(b, func(s string) { out = append(out, strings.Fields(s)...) })
	return out
}

// blockRuns calls f with the text of each run of inlines of b (and of
// its code), in reading order: the text Words takes the words of.
func blockRuns(b ast.Block, f func(string)) {
	switch b := b.(type) {
	case *ast.Heading:
		f(runText(pieces(b.Inlines, nil, nil)))
	case *ast.Paragraph:
		f(runText(pieces(b.Inlines, nil, nil)))
	case *ast.List:
		for _, it := range b.Items {
			blockRuns(it, f)
		}
	case *ast.ListItem:
		for _, c := range b.Blocks {
			blockRuns(c, f)
		}
	case *ast.BlockQuote:
		for _, c := range b.Blocks {
			blockRuns(c, f)
		}
	case *ast.CodeBlock:
		f(b.Text)
	case *ast.ThematicBreak:
	case *ast.Table:
		rowRuns(b.Header, f)
		for _, r := range b.Rows {
			rowRuns(r, f)
		}
	case *ast.HTMLBlock:
		f(b.Text)
	case *ast.FootnoteDefinition:
		for _, c := range b.Blocks {
			blockRuns(c, f)
		}
	}
}

// rowRuns calls f with the text of each cell of a table row.
func rowRuns(r []*ast.TableCell, f func(string)) {
	for _, c := range r {
		f(runText(pieces(c.Inlines, nil, nil)))
	}
}

// cellsWords returns the words of a table row.
func cellsWords(r []*ast.TableCell) []string {
	var out []string
	rowRuns(r, func(s string) { out = textWords(s, out) })
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
		n = countTextWords(b.Text)
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
		n = countTextWords(b.Text)
	case *ast.FootnoteDefinition:
		fmt.Fprintf(sb, "fn%d(", b.Index)
		n = writeBlocksKey(sb, b.Blocks)
	}
	return n
}
