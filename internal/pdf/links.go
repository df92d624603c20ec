package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/safeurl"
)

// Link notes keep every destination readable on paper (Options.Links).
// With LinksFootnote, a link whose destination is spelled out on paper
// (ast.SpellsDestination: an external link whose text is not its
// destination) is followed by "[n]", kept on the line of the
// link's last word; the destinations are listed under a "Links" heading
// in the document's language (l10n.Links, the plain-text output's
// heading) after everything else, each hanging under its "[n]" (a list in the
// tags, its destination a live link when safeurl allows it). With
// LinksInline the destination follows the link as "<URL>". A link
// without words is drawn as its destination, the link itself, in every
// style (wordless).
// Internal links (#id) get no note: their target is on the page, nor do
// links whose destination safeurl refuses (javascript:, file:, …): they
// are their text alone, as in the HTML and the plain text (noted).

// noted reports whether link n's destination is spelled out on paper:
// ast.SpellsDestination, and an address safeurl allows.
func noted(n *ast.Link) bool {
	return ast.SpellsDestination(n) && safeurl.Allowed(n.Destination)
}

// wordless reports whether link n has no words to draw (nor an image's
// alt text) and a destination spelled out on paper (noted): it is drawn
// as its address.
func wordless(n *ast.Link) bool {
	return noted(n) && strings.TrimSpace(ast.PlainText(n.Inlines)) == ""
}

// linkNote appends the note that follows link n, drawn in st (the style
// around the link).
func (l *layout) linkNote(n *ast.Link, st style, out []span) []span {
	if l.r.opts.Links == LinksNone || !noted(n) {
		return out
	}
	dest := safeurl.Resolve(l.doc.BaseURL, strings.TrimSpace(n.Destination))
	s := st
	s.elem = l.tags.add("Reference", l.inlineParent(st))
	if l.r.opts.Links == LinksInline {
		u := s
		u.ltr = true
		return append(out, span{text: " ", st: s, pos: n.Pos()}, span{text: "<" + dest + ">", st: u, pos: n.Pos()})
	}
	num, ok := l.urlNums[dest]
	if !ok {
		if l.urlNums == nil {
			l.urlNums = map[string]int{}
		}
		l.urls = append(l.urls, dest)
		num = len(l.urls)
		l.urlNums[dest] = num
	}
	// A no-break space keeps the number with the link's last word.
	return append(out, span{text: "\u00a0[" + strconv.Itoa(num) + "]", st: s, pos: n.Pos()})
}

// linksSection lays out the numbered destinations at the end of the
// document.
func (l *layout) linksSection() error {
	if len(l.urls) == 0 {
		return nil
	}
	title := l.lang.Label(l10n.Links)
	if err := l.heading(&ast.Heading{Level: 2, Inlines: []ast.Inline{&ast.Text{Text: title}}}, false); err != nil {
		if labelError(err) {
			// A label in the document's language, such as a Japanese
			// heading in a document of English text.
			return fmt.Errorf("the heading of the link list (in %s): %w, or set Options.PDFLinks to inline or none", l.lang.Code(), err)
		}
		return err
	}
	_, closeList := l.tagBlocks("L")
	defer closeList()
	st := style{size: footnotePt, color: colorText}
	saveSize, saveLeft, saveRight, saveTight := l.baseSize, l.left, l.right, l.tight
	defer func() { l.baseSize, l.left, l.right, l.tight = saveSize, saveLeft, saveRight, saveTight }()
	l.baseSize = footnotePt
	markers := make([][]word, len(l.urls))
	indent := 0.0
	for i := range l.urls {
		b := wordBuilder{r: l.r}
		if err := b.addSpan(span{text: "[" + strconv.Itoa(i+1) + "]", st: st}); err != nil {
			return err
		}
		markers[i] = b.finish()
		indent = max(indent, markers[i][0].w+listGap)
	}
	// Each number hangs at the start of its line, as a list item's
	// marker does: the left, or the right in a right-to-left document.
	rtl := l.dir == bidi.RightToLeft
	if rtl {
		l.right -= indent
	} else {
		l.left += indent
	}
	l.tight = true
	for i, u := range l.urls {
		if err := l.full(); err != nil {
			return err
		}
		l.space(0.8)
		li, closeItem := l.tagBlocks("LI")
		lbl := l.tags.add("Lbl", li)
		x := l.left - listGap - markers[i][0].w
		if rtl {
			x = l.right + listGap
		}
		l.marker = nil
		for _, rn := range markers[i][0].runs {
			l.marker = append(l.marker, l.r.textItem(rn, item{x: x, size: rn.st.size, color: rn.st.color, tag: lbl}))
			x += rn.w
		}
		_, closeBody := l.tagBlocks("LBody")
		closeP := l.tagText("P")
		ust := st
		ust.ltr = true
		if target := l.linkTarget(u); target != "" {
			ust.link, ust.color = target, colorLink
			ust.elem = l.tags.link(l.tag, u)
		}
		err := l.textLines([]span{{text: u, st: ust}}, alignLeft, true)
		closeP()
		closeBody()
		closeItem()
		if err != nil {
			return err
		}
	}
	return nil
}

// linkArea is the link annotation of a link in style st (its target,
// st.link, and its Link element, st.elem) over the rectangle at (x, y),
// w by h, of a unit: an image that is the link's content.
func linkArea(st style, x, y, w, h float64) item {
	it := item{kind: itemLink, x: x, y: y, w: w, h: h, tag: st.elem}
	if anchor, ok := strings.CutPrefix(st.link, "#"); ok {
		it.anchor = anchor
	} else {
		it.uri = st.link
	}
	return it
}
