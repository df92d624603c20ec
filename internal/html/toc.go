package html

import (
	"strings"
	"unicode"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
)

// collectTOC lists the top-level headings with an id for the table of
// contents, leaving out the title heading (ast.Title), after which the
// table goes.
func (r *renderer) collectTOC(doc *ast.Document) {
	r.tocAfter = ast.Title(doc)
	for _, b := range doc.Blocks {
		if h, ok := b.(*ast.Heading); ok && h.ID != "" && h != r.tocAfter {
			r.toc = append(r.toc, h)
		}
	}
}

// writeTOC writes the table of contents as a <nav> of nested lists.
func (r *renderer) writeTOC() {
	if len(r.toc) == 0 {
		return
	}
	r.raw(`<nav class="toc" aria-label="`)
	r.attr(r.lang.Label(l10n.TableOfContents))
	r.raw("\">\n")
	r.tocList(r.toc)
	r.raw("</nav>\n")
}

// tocList writes headings as a <ul>. Each heading's entry holds, as a
// nested list, the headings after it that are deeper than it, so a
// skipped level nests only once.
func (r *renderer) tocList(hs []*ast.Heading) {
	r.raw("<ul>\n")
	for i := 0; i < len(hs); {
		h := hs[i]
		j := i + 1
		for j < len(hs) && hs[j].Level > h.Level {
			j++
		}
		r.raw(`<li><a href="#`)
		r.url(h.ID)
		r.raw(`">`)
		if !r.segments(ast.PlainSegments(h.Inlines)) {
			r.text(h.ID)
		}
		r.raw("</a>")
		if j > i+1 {
			r.raw("\n")
			r.tocList(hs[i+1 : j])
		}
		r.raw("</li>\n")
		i = j
	}
	r.raw("</ul>\n")
}

// segments writes the plain text of a heading (ast.PlainSegments) with
// runs of spaces collapsed, as collapseSpace, and each value whose
// direction is not the page's inside <bdi>, as the heading writes it:
// without it an English page's entry for "## {company} 2026" with the
// Hebrew company "שלום" showed "2026 שלום". It reports whether it wrote
// any text.
func (r *renderer) segments(segs []ast.Segment) bool {
	wrote, space := false, false
	for _, s := range segs {
		words := strings.Fields(s.Text)
		if len(words) == 0 {
			space = space || s.Text != ""
			continue
		}
		if wrote && (space || strings.TrimLeftFunc(s.Text, unicode.IsSpace) != s.Text) {
			r.raw(" ")
		}
		if s.Isolate {
			r.raw("<bdi>")
		}
		r.text(strings.Join(words, " "))
		if s.Isolate {
			r.raw("</bdi>")
		}
		wrote = true
		space = strings.TrimRightFunc(s.Text, unicode.IsSpace) != s.Text
	}
	return wrote
}
