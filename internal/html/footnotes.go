package html

import (
	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
)

// footnoteID is the id of footnote n's definition (ast.FootnoteIDs).
func (r *renderer) footnoteID(n int) string { return r.fnIDs.Definition(n) }

// footnoteRefID is the id of the k-th reference to footnote n.
func (r *renderer) footnoteRefID(n, k int) string { return r.fnIDs.Reference(n, k) }

// footnoteRef writes <sup><a href="#fn-N" id="fnref-N" role="doc-noteref"
// aria-label="Footnote N">N</a></sup>, the role and the label pandoc's and
// the PDF's (a screen reader says "Footnote 1", not "1"). A
// reference to a footnote without definition is a bare <sup>N</sup>; a
// reference inside a link keeps its id on the <sup> but has no <a>.
func (r *renderer) footnoteRef(f *ast.FootnoteRef) {
	if !r.fnDefined[f.Index] {
		r.raw("<sup>")
		r.int(f.Index)
		r.raw("</sup>")
		return
	}
	r.fnRefSeen[f.Index]++
	id := r.footnoteRefID(f.Index, r.fnRefSeen[f.Index])
	if r.linkDepth > 0 {
		r.raw(`<sup id="`)
		r.attr(id)
		r.raw(`">`)
		r.int(f.Index)
		r.raw("</sup>")
		return
	}
	r.raw(`<sup><a href="#`)
	r.attr(r.footnoteID(f.Index))
	r.raw(`" id="`)
	r.attr(id)
	r.raw(`" role="doc-noteref" aria-label="`)
	r.attr(r.lang.Numbered(l10n.FootnoteRef, f.Index))
	r.raw(`">`)
	r.int(f.Index)
	r.raw("</a></sup>")
}

// footnotes writes a run of definitions as a <section class="footnotes">
// holding an ordered list.
func (r *renderer) footnotes(defs []*ast.FootnoteDefinition) {
	r.raw(`<section class="footnotes" role="doc-endnotes" aria-label="`)
	r.attr(r.lang.Label(l10n.Footnotes))
	r.raw("\">\n<ol>\n")
	next := 1
	for _, d := range defs {
		r.footnoteDefinition(d, next)
		next = d.Index + 1
	}
	r.raw("</ol>\n</section>\n")
}

// footnoteDefinition writes one <li id="fn-N"> of the footnote list,
// ending in a back link to each reference: inside its last paragraph when
// it ends with one, else in a paragraph of their own. number is the
// number the list gives the item by default; a value attribute corrects
// it when the footnote's own number differs.
func (r *renderer) footnoteDefinition(d *ast.FootnoteDefinition, number int) {
	first := !r.fnWritten[d.Index]
	r.fnWritten[d.Index] = true
	r.raw("<li")
	if first {
		r.raw(` id="`)
		r.attr(r.footnoteID(d.Index))
		r.raw(`"`)
	}
	if d.Index != number {
		r.raw(` value="`)
		r.int(d.Index)
		r.raw(`"`)
	}
	r.raw(">\n")
	refs := 0
	if first {
		refs = r.fnRefTotal[d.Index]
	}
	blocks := d.Blocks
	var last *ast.Paragraph
	if n := len(blocks); n > 0 && refs > 0 {
		if p, ok := blocks[n-1].(*ast.Paragraph); ok {
			last = p
			blocks = blocks[:n-1]
		}
	}
	r.blocks(blocks)
	switch {
	case last != nil:
		r.raw("<p>")
		r.inlines(last.Inlines)
		r.backLinks(d.Index, refs)
		r.raw("</p>\n")
	case refs > 0:
		r.raw("<p>")
		r.backLinks(d.Index, refs)
		r.raw("</p>\n")
	}
	r.raw("</li>\n")
}

// backLinks writes one back link per reference to footnote n.
func (r *renderer) backLinks(n, refs int) {
	for k := 1; k <= refs; k++ {
		r.raw(` <a href="#`)
		r.attr(r.footnoteRefID(n, k))
		r.raw(`" class="footnote-backref" role="doc-backlink" aria-label="`)
		r.attr(r.lang.Numbered(l10n.BackToReference, n))
		if k > 1 {
			r.raw(" (")
			r.int(k)
			r.raw(")")
		}
		r.raw("\">\u21a9\ufe0e")
		if k > 1 {
			r.raw("<sup>")
			r.int(k)
			r.raw("</sup>")
		}
		r.raw("</a>")
	}
}
