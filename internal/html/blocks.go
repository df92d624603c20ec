package html

import (
	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
)

// blocks writes a run of blocks. Consecutive footnote definitions share
// one footnote section.
func (r *renderer) blocks(bs []ast.Block) {
	for i := 0; i < len(bs); {
		if r.interrupted() {
			return
		}
		var run []*ast.FootnoteDefinition
		for ; i < len(bs); i++ {
			fd, ok := bs[i].(*ast.FootnoteDefinition)
			if !ok {
				break
			}
			run = append(run, fd)
		}
		if len(run) > 0 {
			r.footnotes(run)
			continue
		}
		r.block(bs[i])
		i++
	}
}

// block writes one block that is not part of a tight list item. A block
// of no known kind stops the rendering with an *ast.UnknownNodeError.
func (r *renderer) block(b ast.Block) {
	if b != nil {
		if p := b.Pos(); p.IsValid() {
			r.pos = p
		}
	}
	switch b := b.(type) {
	case *ast.Heading:
		r.heading(b)
		return
	case *ast.Paragraph:
		r.paragraph(b)
		return
	case *ast.List:
		r.list(b)
		return
	case *ast.ListItem:
		// A list item outside a list: render it as a one-item list.
		r.list(&ast.List{Tight: true, Items: []*ast.ListItem{b}})
		return
	case *ast.BlockQuote:
		r.blockQuote(b)
		return
	case *ast.CodeBlock:
		r.codeBlock(b)
		return
	case *ast.ThematicBreak:
		r.thematicBreak(b)
		return
	case *ast.Table:
		r.table(b)
		return
	case *ast.HTMLBlock:
		r.htmlBlock(b)
		return
	case *ast.FootnoteDefinition:
		r.footnotes([]*ast.FootnoteDefinition{b})
		return
	}
	r.unknown(b)
}

// heading writes <hN>, with its id and an anchor link outside CommonMark
// mode, followed by the table of contents when it goes after this heading.
func (r *renderer) heading(h *ast.Heading) {
	level := r.outlineLevel(h)
	r.raw("<h")
	r.int(level)
	if r.anchors && h.ID != "" {
		r.raw(` id="`)
		r.attr(h.ID)
		r.raw(`"`)
	}
	r.raw(">")
	r.inlines(h.Inlines)
	if r.anchors && h.ID != "" {
		r.raw(`<a class="anchor" href="#`)
		r.url(h.ID)
		r.raw(`" aria-hidden="true" tabindex="-1">#</a>`)
	}
	r.raw("</h")
	r.int(level)
	r.raw(">\n")
	if h == r.tocAfter {
		r.writeTOC()
	}
}

// outlineLevel returns the level to write for a heading. Outside
// CommonMark mode a heading is never more than one level deeper than the
// heading it comes under (the Nu HTML checker rejects a skipped level):
// "#", "###", "####", "##" become h1, h2, h3, h2, by the PDF outline's
// rule (ast.Outline), but for a heading under none, which keeps its level.
func (r *renderer) outlineLevel(h *ast.Heading) int {
	if r.xhtml {
		return min(max(h.Level, 1), 6)
	}
	return r.outline.Next(h).Outline
}

// paragraph writes <p>.
func (r *renderer) paragraph(p *ast.Paragraph) {
	r.raw("<p>")
	r.inlines(p.Inlines)
	r.raw("</p>\n")
}

// list writes <ul> or <ol>, with a start attribute when an ordered list
// does not start at 1.
func (r *renderer) list(l *ast.List) {
	tag := "ul"
	if l.Ordered {
		tag = "ol"
	}
	r.raw("<" + tag)
	if l.Ordered && l.Start != 1 {
		r.raw(` start="`)
		r.int(l.Start)
		r.raw(`"`)
	}
	r.raw(">\n")
	for _, it := range l.Items {
		r.listItem(it, l.Tight)
	}
	r.raw("</" + tag + ">\n")
}

// listItem writes <li>. In a tight list its paragraphs lose their <p>,
// as in the CommonMark reference output; a task item starts with a
// disabled checkbox, inside its first paragraph when it has one, and
// that paragraph's words are the checkbox's <label>: an unlabelled
// checkbox is read as "checkbox, not checked, dimmed" with no name
// (WCAG 4.1.2; axe's "label" rule).
func (r *renderer) listItem(it *ast.ListItem, tight bool) {
	r.raw("<li")
	if it.Task != ast.NoTask && !r.xhtml {
		r.raw(` class="task"`)
	}
	r.raw(">")
	var first *ast.Paragraph
	if len(it.Blocks) > 0 {
		first, _ = it.Blocks[0].(*ast.Paragraph)
	}
	if first == nil {
		r.checkbox(it.Task)
	}
	if len(it.Blocks) > 0 && !(tight && first != nil) {
		r.raw("\n")
	}
	for i, b := range it.Blocks {
		p, isPara := b.(*ast.Paragraph)
		switch {
		case isPara && tight:
			if i == 0 {
				r.labelledCheckbox(it.Task, p.Inlines)
			} else {
				r.inlines(p.Inlines)
			}
			if i < len(it.Blocks)-1 && len(p.Inlines) > 0 {
				r.raw("\n")
			}
		case isPara && i == 0 && it.Task != ast.NoTask:
			r.raw("<p>")
			r.labelledCheckbox(it.Task, p.Inlines)
			r.raw("</p>\n")
		default:
			r.block(b)
		}
	}
	r.raw("</li>\n")
}

// labelledCheckbox writes the inlines of a list item's first paragraph,
// after the item's checkbox when it is a task; the checkbox and the
// words are then one <label>, which names the checkbox. CommonMark mode
// (xhtml) keeps the reference output's bare input.
func (r *renderer) labelledCheckbox(t ast.TaskState, ins []ast.Inline) {
	if t == ast.NoTask || r.xhtml || len(ins) == 0 {
		r.checkbox(t)
		r.inlines(ins)
		return
	}
	r.raw("<label>")
	r.checkbox(t)
	r.inlines(ins)
	r.raw("</label>")
}

// checkbox writes the disabled checkbox of a task item, and nothing for
// an ordinary item.
func (r *renderer) checkbox(t ast.TaskState) {
	switch {
	case t == ast.NoTask:
	case r.xhtml && t == ast.TaskDone:
		r.raw(`<input checked="" disabled="" type="checkbox" /> `)
	case r.xhtml:
		r.raw(`<input disabled="" type="checkbox" /> `)
	case t == ast.TaskDone:
		r.raw(`<input type="checkbox" checked disabled> `)
	default:
		r.raw(`<input type="checkbox" disabled> `)
	}
}

// blockQuote writes <blockquote>.
func (r *renderer) blockQuote(q *ast.BlockQuote) {
	r.raw("<blockquote>\n")
	r.blocks(q.Blocks)
	r.raw("</blockquote>\n")
}

// codeBlock writes <pre><code>, with a language-x class when the block
// names a language; a redline's deleted or inserted block inside <del>
// or <ins>, with the change's id. In a document written right to left
// the <pre> is dir="ltr": code is read left to right (Typst and LaTeX
// set it so, and so does the PDF), and without it "x = 1 # הערה" took
// the page's direction, right-aligned with x at the right. The <pre>
// scrolls a long line sideways, so the Tab key stops at it, a region
// named "Code" in the document's language, as at a table's box (table).
func (r *renderer) codeBlock(c *ast.CodeBlock) {
	tag := ""
	switch c.Change {
	case ast.Deleted:
		tag = "del"
	case ast.Inserted:
		tag = "ins"
	}
	if tag != "" {
		r.raw("<" + tag)
		if c.ChangeID != "" {
			r.raw(` id="`)
			r.attr(c.ChangeID)
			r.raw(`"`)
		}
		r.raw(">")
		defer r.raw("</" + tag + ">\n")
	}
	r.raw("<pre")
	if !r.xhtml && r.lang.RTL() {
		r.raw(` dir="ltr"`)
	}
	if !r.xhtml {
		r.raw(` role="region" tabindex="0" aria-label="`)
		r.attr(r.lang.Label(l10n.Code))
		r.raw(`"`)
	}
	r.raw("><code")
	if c.Language != "" {
		r.raw(` class="language-`)
		r.attr(c.Language)
		r.raw(`"`)
	}
	r.raw(">")
	r.text(c.Text)
	r.raw("</code></pre>\n")
}

// thematicBreak writes <hr>.
func (r *renderer) thematicBreak(*ast.ThematicBreak) {
	r.raw("<hr")
	r.void()
	r.raw("\n")
}

// table writes <table> with <thead> (none when the header row is empty,
// ast.Table.NoHeader) and, when there are rows, <tbody>.
// Column alignment is a text-align style; in CommonMark mode it is the
// align attribute of the GFM spec's reference output. A standalone table
// sits in a <div class="table"> that scrolls on narrow screens: a
// region named "Table" in the document's language that the Tab key
// reaches, as a box that scrolls only with the mouse left a keyboard
// user with no way to the columns past the screen's edge at 320 px or
// 400 % zoom (WCAG 2.1.1; axe's scrollable-region-focusable), and a box
// the Tab key stops at needs a role and a name (WCAG 4.1.2).
func (r *renderer) table(t *ast.Table) {
	if !r.xhtml {
		r.raw(`<div class="table" role="region" tabindex="0" aria-label="`)
		r.attr(r.lang.Label(l10n.Table))
		r.raw(`">` + "\n")
	}
	r.raw("<table>\n")
	if !t.NoHeader() {
		r.raw("<thead>\n")
		r.tableRow(t.Header, t.Align, "th")
		r.raw("</thead>\n")
	}
	if len(t.Rows) > 0 {
		r.raw("<tbody>\n")
		for _, row := range t.Rows {
			r.tableRow(row, t.Align, "td")
		}
		r.raw("</tbody>\n")
	}
	r.raw("</table>\n")
	if !r.xhtml {
		r.raw("</div>\n")
	}
}

// tableRow writes one <tr> of <th> or <td> cells.
func (r *renderer) tableRow(cells []*ast.TableCell, align []ast.Alignment, tag string) {
	r.raw("<tr>\n")
	for i, c := range cells {
		r.raw("<" + tag)
		if i < len(align) && align[i] != ast.AlignNone {
			if r.xhtml {
				r.raw(` align="` + align[i].String() + `"`)
			} else {
				r.raw(` style="text-align: ` + align[i].String() + `"`)
			}
		}
		r.raw(">")
		if c != nil {
			r.inlines(c.Inlines)
		}
		r.raw("</" + tag + ">\n")
	}
	r.raw("</tr>\n")
}

// htmlBlock writes the raw HTML block (see templateHTML), the comment
// followed by a newline.
func (r *renderer) htmlBlock(h *ast.HTMLBlock) { r.templateHTML(h.Text, "\n") }
