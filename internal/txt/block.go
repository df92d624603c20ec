package txt

import (
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
)

// blocks lays out bs one after the other in width columns, with a blank
// line between two blocks unless tight is set (the blocks of a tight list
// item). Blocks that produce no lines leave no gap.
func (r *renderer) blocks(bs []ast.Block, width int, tight bool) []string {
	var out []string
	for _, b := range bs {
		if r.interrupted() {
			return nil
		}
		lines := r.block(b, width)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && !tight {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

// block lays out one block in width columns. A block of no known kind
// gives no lines and stops the rendering with an *ast.UnknownNodeError.
func (r *renderer) block(b ast.Block, width int) []string {
	if b != nil {
		if p := b.Pos(); p.IsValid() {
			r.pos = p
		}
	}
	switch n := b.(type) {
	case *ast.Heading:
		return r.heading(n, width)
	case *ast.Paragraph:
		return r.paragraph(n, width)
	case *ast.List:
		return r.list(n, width)
	case *ast.ListItem:
		return r.listItem(n, bullet(r.depth+1), width, false)
	case *ast.BlockQuote:
		return r.blockQuote(n, width)
	case *ast.CodeBlock:
		return codeBlock(n, r.opts.Redline)
	case *ast.ThematicBreak:
		return thematicBreak(width)
	case *ast.Table:
		return r.table(n, width)
	case *ast.HTMLBlock:
		return htmlBlock(n)
	case *ast.FootnoteDefinition:
		return r.footnoteDefinition(n)
	}
	r.unknown(b)
	return nil
}

// heading lays out a heading: level 1 upper-cased and underlined with
// "=", level 2 underlined with "-", deeper levels as plain lines.
func (r *renderer) heading(n *ast.Heading, width int) []string {
	lines := r.wrap(r.flatten(n.Inlines, n.Level <= 1), width)
	if len(lines) == 0 {
		return nil
	}
	var rule string
	switch {
	case n.Level <= 1:
		rule = "="
	case n.Level == 2:
		rule = "-"
	default:
		return lines
	}
	w := maxWidth(lines)
	if w == 0 {
		return lines
	}
	return append(lines, strings.Repeat(rule, w))
}

// paragraph wraps a paragraph's text to width.
func (r *renderer) paragraph(n *ast.Paragraph, width int) []string {
	return r.wrap(r.flatten(n.Inlines, false), width)
}

// blockQuote puts "> " in front of every line of the quoted blocks.
func (r *renderer) blockQuote(n *ast.BlockQuote, width int) []string {
	inner := r.blocks(n.Blocks, width-2, false)
	for i, l := range inner {
		inner[i] = strings.TrimRight("> "+l, " ")
	}
	return inner
}

// codeBlock indents each line of code four spaces and never wraps it.
// Leading and trailing blank lines are dropped. A redline's deleted or
// inserted block gets a line of "[-" or "{+" above and "-]" or "+}"
// below, which leave its indentation as it is. In a redline the code is
// escaped (escapeMarks): a line "-]" ended a deleted block.
func codeBlock(n *ast.CodeBlock, redline bool) []string {
	lines := codeText(n)
	if redline {
		for i, l := range lines {
			lines[i] = escapeMarks(l)
		}
	}
	switch n.Change {
	case ast.Deleted:
		lines = append(append([]string{"[-"}, lines...), "-]")
	case ast.Inserted:
		lines = append(append([]string{"{+"}, lines...), "+}")
	}
	return lines
}

// codeText is codeBlock's lines of code.
func codeText(n *ast.CodeBlock) []string {
	text := cleanCode(strings.TrimSuffix(n.Text, "\n"))
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l = strings.TrimRight(l, " \t"); l != "" {
			l = "    " + l
		}
		lines[i] = l
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// thematicBreak is "* * *" centred in width, or "*" when that is too wide.
func thematicBreak(width int) []string {
	const mark = "* * *"
	if width < len(mark) {
		return []string{"*"}
	}
	return []string{strings.Repeat(" ", (width-len(mark))/2) + mark}
}

// htmlBlock gives no lines: raw HTML is markup, not text.
func htmlBlock(*ast.HTMLBlock) []string { return nil }

// footnoteDefinition keeps the footnote for the Notes section at the end
// and gives no lines where it stands.
func (r *renderer) footnoteDefinition(n *ast.FootnoteDefinition) []string {
	r.notes = append(r.notes, n)
	return nil
}

// hang puts marker in front of the first line of body and as many spaces
// in front of the others, so the body hangs under the text after the
// marker, and returns body (whose lines it replaces). An empty body gives
// the marker alone. The new lines are substrings of one string.
func hang(marker string, body []string) []string {
	if len(body) == 0 {
		return []string{marker}
	}
	indent := displayWidth(marker)
	size := len(marker)
	for i, l := range body {
		if i > 0 && l != "" {
			size += indent
		}
		size += len(l)
	}
	var b strings.Builder
	b.Grow(size)
	for i, l := range body {
		if i > 0 && l == "" {
			continue
		}
		at := b.Len()
		if i == 0 {
			b.WriteString(marker)
		} else {
			for range indent {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
		body[i] = b.String()[at:]
	}
	return body
}

// maxWidth is the display width of the widest line.
func maxWidth(lines []string) int {
	w := 0
	for _, l := range lines {
		w = max(w, displayWidth(l))
	}
	return w
}
