package pdf

import (
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/rivo/uniseg"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
)

// Emitting is the last step of a render: the paginated units are drawn
// through the writer stage (fpdfout), the only code that talks to fpdf.

// epoch is the date written when Options.Date is zero and WithDocument
// did not give it.
var epoch = time.Unix(0, 0).UTC()

type anchorPos struct {
	page int
	y    float64
}

// emitter draws paginated units through a fpdfout.Doc.
type emitter struct {
	r       *Renderer
	l       *layout
	doc     *fpdfout.Doc
	anchors map[string]anchorPos
	links   map[string]int
	// The marked-content sequence open on the page. Consecutive
	// artifacts share one; every run of text has its own MCID, because
	// text extraction (poppler's, and so screen readers built on it)
	// joins the runs of one sequence without the space between them
	// ("Privacy" "Policy" became "PrivacyPolicy").
	open    bool
	openTag int // its element, 0 for an artifact
}

// emit draws the pages and returns the PDF bytes.
func (r *Renderer) emit(l *layout, pages []page) (File, error) {
	date := r.opts.Date
	if date.IsZero() && !r.dated {
		date = epoch
	}
	meta := l.doc.Meta
	// The metadata writes space equivalents as spaces, as the pages do
	// (XMP, which is XML, could not hold a vertical tab or form feed),
	// and each field on one line, as the HTML's <title> and <meta> do:
	// a YAML block scalar ("title: >") ends in a line break, which was
	// the last character of the title a viewer shows.
	// A value in the title whose direction is not the document's is
	// between FSI and PDI (ast.TitleSegments), as in the HTML's <title>:
	// a viewer's title bar (DisplayDocTitle) showed "title: {company}
	// 2026" with a Hebrew company in an English document as "2026 שלום".
	spaced := func(s string) string { return strings.Join(strings.Fields(ast.ReplaceSpaceEquivalents(s)), " ") }
	title := spaced(ast.IsolatedText(ast.TitleSegments(l.doc)))
	if r.opts.Redline {
		if title == "" {
			title = l.lang.Label(l10n.Document)
		}
		title = l.lang.RedlineTitle(title)
	}
	info := fpdfout.Info{
		Paper: r.paper, Left: r.margin.Left, Top: r.margin.Top, Right: r.margin.Right,
		Date:     date,
		Title:    title,
		Author:   spaced(meta.Author),
		Subject:  spaced(meta.Subject),
		Keywords: spaced(strings.Join(meta.Keywords, ", ")),
		Creator:  r.opts.Creator,
		Producer: Producer,
		Lang:     meta.Lang,
		// Attachment is fpdfout.Attachment.
		Attachments: r.opts.Attachments,
		Standard:    r.opts.Standard,
		Structure:   l.tags.elems,
	}
	if r.untagged {
		info.Structure = nil
	}
	if info.Subject == "" {
		info.Subject = spaced(meta.Description)
	}
	if info.Lang == "" {
		info.Lang = r.opts.Lang
	}
	if info.Lang == "" {
		info.Lang = "en"
	}
	// /Lang is written as fpdf gets it, so it must be a well-formed tag
	// (a front matter lang: is not checked before).
	tag, err := l10n.Tag(info.Lang)
	if err != nil {
		return File{}, fmt.Errorf("pdf: document language %q is not a BCP 47 language tag (for example en, de-CH, pt-BR)", info.Lang)
	}
	info.Lang = tag
	e := &emitter{r: r, l: l, anchors: map[string]anchorPos{}, links: map[string]int{}}
	for pi, pg := range pages {
		for _, pu := range pg.units {
			for _, it := range pu.u.items {
				if it.kind == itemAnchor {
					if _, dup := e.anchors[it.anchor]; !dup {
						e.anchors[it.anchor] = anchorPos{pi + 1, pu.y + it.y}
					}
				}
			}
		}
	}
	footers, err := e.footers(len(pages))
	if labelError(err) {
		// A label in the document's language, such as a Japanese
		// footer in a document of English text.
		return File{}, fmt.Errorf("the page footer (in %s): %w, or choose the footer with Options.Footer or Options.NoFooter", l.lang.Code(), err)
	}
	if err != nil {
		return File{}, err
	}
	doc, err := r.out.Start(info, r.usage(pages, footers))
	if err != nil {
		return File{}, fmt.Errorf("pdf: %w", err)
	}
	e.doc = doc
	for _, img := range sortedImages(l.images) {
		if img.drawn {
			doc.RegisterImage(img.name, img.typ, img.data)
		}
	}
	for pi, pg := range pages {
		if err := r.interrupted(); err != nil {
			return File{}, err
		}
		doc.AddPage()
		e.page(pi+1, pg)
		e.unmark()
		if !r.opts.NoFooter {
			doc.BeginFooter()
			for _, it := range footers[pi] {
				e.draw(it, 0, false)
			}
			doc.End()
		}
	}
	if err := r.interrupted(); err != nil {
		return File{}, err
	}
	out, sum, err := doc.Finish()
	if err != nil {
		return File{}, fmt.Errorf("pdf: %w", err)
	}
	return File{Data: out, SHA256: sum}, nil
}

// usage records the text of every item that will be drawn, so that the
// writer cuts each face's fonts to it.
func (r *Renderer) usage(pages []page, footers [][]item) *fpdfout.Usage {
	use := r.out.NewUsage()
	visit := func(it item) {
		switch it.kind {
		case itemText:
			switch {
			case it.glyphs != nil:
				use.AddGlyphs(it.face, it.glyphs)
			case it.rtl:
				// drawLogical draws each cluster with Text.
				for c := range graphemes(it.text) {
					use.Add(it.face, c)
				}
			default:
				use.Add(it.face, it.text)
			}
		case itemPageNum:
			use.Add(it.face, digits)
		case itemDots:
			use.Add(it.face, ".")
		}
	}
	for _, pg := range pages {
		for _, pu := range pg.units {
			for _, it := range pu.u.items {
				visit(it)
			}
		}
	}
	for _, items := range footers {
		for _, it := range items {
			visit(it)
		}
	}
	return use
}

// digits are the characters page numbers are drawn with.
const digits = "0123456789"

func sortedImages(m map[string]*imageData) []*imageData {
	out := make([]*imageData, len(m))
	for _, img := range m {
		n, _ := strconv.Atoi(strings.TrimPrefix(img.name, "img"))
		out[n-1] = img
	}
	return out
}

// out is c as the writer takes it.
func (c rgb) out() fpdfout.RGB { return fpdfout.RGB{R: c.r, G: c.g, B: c.b} }

// page draws one page: decorations first (artifacts), then everything
// else.
func (e *emitter) page(n int, pg page) {
	for i, pu := range pg.units {
		for _, d := range pu.u.decor {
			e.mark(0, "", false)
			top := pu.y
			if i > 0 && hasDecor(pg.units[i-1].u, d.id) {
				prev := pg.units[i-1]
				top = prev.y + prev.u.h
			}
			e.doc.Fill(d.x, top, d.w, pu.y+pu.u.h-top, d.color.out())
		}
	}
	for _, pu := range pg.units {
		if pu.repeat {
			e.unmark()
			e.doc.BeginArtifact()
		}
		for _, it := range pu.u.items {
			e.draw(it, pu.y, !pu.repeat)
		}
		if pu.repeat {
			e.doc.End()
		}
	}
}

func hasDecor(u *unit, id int) bool {
	for _, d := range u.decor {
		if d.id == id {
			return true
		}
	}
	return false
}

// draw draws one item of a unit whose top is at y. With marked, what it
// draws is marked as content of its structure element (an artifact when
// it has none); without, the caller has opened a marked-content sequence
// (the footer's, a repeated table header's).
func (e *emitter) draw(it item, y float64, marked bool) {
	d := e.doc
	if marked && it.kind != itemLink && it.kind != itemAnchor && it.kind != itemBookmark && !(it.cont && e.open && e.openTag == it.tag) {
		e.mark(it.tag, it.actual, it.span)
	}
	switch it.kind {
	case itemText:
		d.SetTextColor(it.color.out())
		switch {
		case it.glyphs != nil:
			d.Glyphs(it.face, it.size, it.x, y+it.y, it.glyphs)
		case it.rtl:
			e.drawLogical(it, y)
		case it.reach > 0:
			d.TextReaching(it.face, it.size, it.x, y+it.y, it.text, it.reach)
		default:
			d.Text(it.face, it.size, it.x, y+it.y, it.text)
		}
	case itemRule:
		d.Line(it.x, y+it.y, it.x+it.w, y+it.y+it.h, it.width, it.color.out())
	case itemFill:
		d.Fill(it.x, y+it.y, it.w, it.h, it.color.out())
	case itemBox:
		d.Box(it.x, y+it.y, it.w, it.h, it.width, it.color.out())
	case itemLink:
		contents := e.l.tags.contents[it.tag]
		if contents == "" {
			contents = it.uri
		}
		if it.uri != "" {
			d.LinkURI(it.x, y+it.y, it.w, it.h, it.uri, it.tag, contents)
		} else if id, ok := e.link(it.anchor); ok {
			d.Link(it.x, y+it.y, it.w, it.h, id, it.tag, contents)
		}
	case itemImage:
		img := e.l.images[it.text]
		d.Image(img.name, img.typ, it.x, y+it.y, it.w, it.h)
	case itemBookmark:
		d.Bookmark(it.text, it.level, y+it.y)
	case itemPageNum:
		if a, ok := e.anchors[it.anchor]; ok {
			s := strconv.Itoa(a.page)
			d.SelectFont(it.face, it.size, digits)
			d.SetTextColor(it.color.out())
			x := it.x + it.w - e.r.textWidth(it.face, s, it.size)
			if it.left {
				x = it.x
			}
			d.TextInFont(x, y+it.y, s)
		}
	case itemDots:
		d.SelectFont(it.face, it.size, ".")
		d.SetTextColor(it.color.out())
		step := e.r.advance(it.face, '.', it.size) * 2.2
		// Align dots on a grid so that leaders line up down the page.
		x := e.r.margin.Left + step*float64(int((it.x-e.r.margin.Left)/step+1))
		n, start := 0, x
		for ; x+step <= it.x+it.w; x += step {
			n++
		}
		for i := range n {
			d.TextInFont(start+float64(i)*step, y+it.y, ".")
		}
	case itemAnchor:
	}
}

// drawLogical draws a right-to-left piece of a line (it.text, in visual
// order) one grapheme cluster at a time, in logical order (its clusters
// from right to left), each where drawing the whole piece would put it.
// The page looks the same; a reader that takes text in the order it is
// drawn, as poppler does for pdfinfo -struct-text (it ignores
// /ActualText), gets the piece as written. Each cluster is drawn with
// Text, which chooses its font (usage records each cluster): the face's
// UTF-8 font for right-to-left letters, which code page 1252 has not,
// the 8-bit one for punctuation that the paragraph's direction made
// right to left.
func (e *emitter) drawLogical(it item, y float64) {
	type cluster struct {
		s string
		x float64
	}
	var cs []cluster
	x := it.x
	for c := range graphemes(it.text) {
		cs = append(cs, cluster{c, x})
		x += e.r.textWidth(it.face, c, it.size)
	}
	for i := len(cs) - 1; i >= 0; i-- {
		// A joiner that ends a cluster (ZWNJ in Persian نحوه‌ی) is
		// drawn after it, where the cluster starts at the left: where
		// it stands between the cluster and the next one to be read.
		// Drawn with the cluster, it would stand at the cluster's right,
		// before it in reading order.
		s := cs[i].s
		j := len(s)
		for j > 0 && (strings.HasSuffix(s[:j], "\u200c") || strings.HasSuffix(s[:j], "\u200d")) {
			j -= len("\u200c")
		}
		switch {
		case i == 0 && it.reach > 0:
			// The last glyph of a word on a /Span (rtl.go's
			// reachable: one character).
			e.doc.TextReaching(it.face, it.size, cs[i].x, y+it.y, s, it.reach)
			continue
		case j > 0:
			e.doc.Text(it.face, it.size, cs[i].x, y+it.y, s[:j])
		}
		if j < len(s) {
			e.doc.Text(it.face, it.size, cs[i].x-joinerShift, y+it.y, s[j:])
		}
	}
}

// joinerShift is how far left of its cluster's start a joiner is drawn
// (drawLogical), in millimetres: at the start itself, poppler orders it
// after the cluster's glyph, which starts there too (pdftotext read
// نحو‌هی for نحوه‌ی). It is a glyph of no width and no outline, so
// nothing moves on the page.
const joinerShift = 0.02

// graphemes yields the grapheme clusters of s in order.
func graphemes(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		state := -1
		for rest := s; rest != ""; {
			var c string
			c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			if !yield(c) {
				return
			}
		}
	}
}

// link returns the writer's link for a named anchor.
func (e *emitter) link(name string) (int, bool) {
	if id, ok := e.links[name]; ok {
		return id, true
	}
	a, ok := e.anchors[name]
	if !ok {
		return 0, false
	}
	id := e.doc.NewLink(a.page, a.y)
	e.links[name] = id
	return id, true
}

// labelError reports whether err is a character of a fixed label (the
// footer's "Page N of M", the table of contents' title) that cannot be
// drawn: a *GlyphError or *ShapingError without a place in the template.
func labelError(err error) bool {
	var glyph *GlyphError
	var shaping *ShapingError
	switch {
	case errors.As(err, &glyph):
		return !glyph.Pos.IsValid()
	case errors.As(err, &shaping):
		return !shaping.Pos.IsValid()
	}
	return false
}

// mark makes what is drawn next content of structure element tag, with
// actual as its /ActualText when not empty (on a /Span inside it for a
// shaped run), in a marked-content sequence
// of its own; or an artifact (tag 0), in the open artifact sequence when
// there is one.
func (e *emitter) mark(tag int, actual string, shaped bool) {
	if e.open && e.openTag == 0 && tag == 0 {
		return
	}
	e.unmark()
	if shaped {
		e.doc.BeginTaggedSpan(tag, actual)
	} else {
		e.doc.BeginTagged(tag, actual)
	}
	e.open, e.openTag = true, tag
}

// unmark closes the open marked-content sequence, if any.
func (e *emitter) unmark() {
	if e.open {
		e.doc.End()
		e.open = false
	}
}
