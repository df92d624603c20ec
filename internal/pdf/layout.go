package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/safeurl"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// Typographic constants (millimetres unless named in points).
const (
	bodyPt       = 10.5
	footnotePt   = 9
	codePt       = 8.5
	footerPt     = 8.5
	leading      = 1.42 // line height as a multiple of the font size
	codeLeading  = 1.3
	listGap      = 1.6 // between a list marker and the item text
	quoteIndent  = 6.0
	codePad      = 2.0
	cellPadX     = 1.6
	cellPadY     = 1.1
	tocNumWidth  = 12.0
	tocMaxLevel  = 3
	headingAfter = 1.5
)

// headingPt are the font sizes of heading levels 1 to 6.
var headingPt = [7]float64{0, 19, 15, 12.5, 11, 10.5, 10.5}

// headingBefore is the space above a heading of each level.
var headingBefore = [7]float64{0, 4, 7, 5.5, 4.5, 4, 4}

type itemKind int

const (
	itemText     itemKind = iota // text at (x, y=baseline)
	itemRule                     // line from (x, y) to (x+w, y+h)
	itemFill                     // filled rectangle
	itemBox                      // stroked rectangle
	itemLink                     // clickable area to uri or anchor
	itemImage                    // image at (x, y) size (w, h)
	itemAnchor                   // named destination at y
	itemBookmark                 // outline entry at y
	itemPageNum                  // page number of anchor, right-aligned ending at x+w (starting at x when left is set)
	itemDots                     // dotted leader from x to x+w, ending before the page number
)

// item is one thing drawn on a page; y is relative to the top of its unit.
type item struct {
	kind       itemKind
	x, y, w, h float64
	text       string
	face       int
	size       float64 // points
	color      rgb
	width      float64 // stroke width
	uri        string  // external link target
	anchor     string  // internal link target, or name of an itemAnchor
	level      int     // outline level
	tag        int     // structure element of text, an image, a page number or a link (tags.go); 0 for an artifact
	actual     string  // the text in logical order, when a right-to-left or shaped run draws it otherwise (rtl.go, shaping.go)
	// glyphs are the glyphs of a shaped run, drawn instead of text
	// (shaping.go); nil for text drawn a glyph per character.
	glyphs []fpdfout.Glyph
	span   bool // actual goes on a /Span inside the sequence (a shaped left-to-right run, a word of right-to-left text read wrong from where its glyphs are: rtl.go)
	// reach is where, in a word whose /ActualText is on a /Span drawn
	// out of visual order, the last glyph drawn is said to end (its
	// advance stretched by character spacing, fpdfout's Doc.TextReaching):
	// the word's right edge; 0 for none.
	reach float64
	rtl   bool // text is a right-to-left piece in visual order: drawn a cluster at a time from its right end (emit.go's drawLogical)
	cont  bool // text continues the marked-content sequence of the text item before it, another piece of its word (rtl.go)
	left  bool // an itemPageNum starts at x (a right-to-left table of contents' number, at the left margin)
}

// decor is a background or a rule beside a block that spans all its units
// (block quote rules, code backgrounds); units of the same block join up.
type decor struct {
	id    int
	x, w  float64
	color rgb
}

// unit is an unbreakable piece of the vertical list: a line, a table row,
// an image, a rule.
type unit struct {
	h           float64
	before      float64 // space above; dropped at the top of a page
	keep        bool    // no page break between this unit and the next
	breakBefore bool    // always start a new page
	items       []item
	decor       []decor
	header      []*unit // table header to repeat when a page breaks before this unit
	block       int     // id of the text block (paragraph, heading) the line belongs to; 0 for none
	heading     bool    // a line of a heading
}

// layout is the state of laying out one document: everything that changes
// while rendering lives here, never in the Renderer.
type layout struct {
	r           *Renderer
	doc         *ast.Document
	units       []*unit
	left, right float64
	decor       []decor
	pending     float64 // collapsed space before the next unit
	marker      []item  // list marker waiting for its first line (y relative to its baseline)
	anchors     []item  // anchors and bookmarks waiting for the next unit
	breakNext   bool
	nextID      int
	baseSize    float64
	tight       bool
	listDepth   int
	headingIdx  int
	outline     ast.Outline     // the headings' outline levels so far
	ids         map[string]bool // the ids a link inside the document can go to (ast.Anchors), once asked
	images      map[string]*imageData
	footnotes   bool
	title       string
	lang        l10n.Lang                   // the document's language, for fixed text
	fnIDs       ast.FootnoteIDs             // the footnotes' destination and structure ids
	fnRefIDs    map[*ast.FootnoteRef]string // each footnote reference's destination id, once asked
	dir         bidi.Direction              // the document's direction (l10n.Lang.RTL): every paragraph's base direction
	values      uint16                      // the isolated values so far, their style.value (wraps)
	maxPages    int                         // the page limit (Options.MaxPages or its default)
	used, room  float64                     // heights and spaces of the units so far, and the most maxPages pages hold
	pos         ast.Pos                     // the innermost block with a position being laid out
	items       int                         // items of the units so far
	err         error                       // the first inline of no known kind, as an error (see spans)
	emphasis    emphasisLog                 // bold or italic text drawn in a face without its style (emphasis.go)
	tags        tagTree                     // the structure tree (tags.go)
	parent      int                         // the structure element new blocks go into
	tag         int                         // the structure element of the text being laid out; 0 for none
	urls        []string                    // destinations numbered by link notes, in order (links.go)
	urlNums     map[string]int              // their numbers
	// wordBuf and runBuf are the buffers of textLines' word builder, kept
	// for the next paragraph: its words are dropped once its lines are
	// units (units hold items, which copy what they draw from runs), so
	// one paragraph's buffers serve the next. Growing them anew for
	// every paragraph was a third of the bytes a seed document allocated.
	wordBuf []word
	runBuf  []run
	// lineBuf is textLines' buffer for the lines of a chunk of words, kept
	// the same way (a new one a paragraph was 2 % of its allocations).
	lineBuf []line
	// joinBuf is lineItemsLTR's buffer for the text of joined words, kept
	// from line to line (a new one a line was two thirds of the
	// allocations of its lines).
	joinBuf []byte
}

func newLayout(r *Renderer, doc *ast.Document) *layout {
	l := &layout{
		r: r, doc: doc,
		left:     r.margin.Left,
		right:    r.pageW - r.margin.Right,
		baseSize: bodyPt,
		images:   map[string]*imageData{},
		tags:     newTagTree(),
	}
	l.fnIDs = ast.NewFootnoteIDs(doc.Blocks)
	l.title = doc.Meta.Title
	l.lang = l10n.Match(doc.Meta.Lang, r.opts.Lang)
	if l.lang.RTL() {
		l.dir = bidi.RightToLeft
	}
	l.maxPages = r.opts.MaxPages
	if l.maxPages == 0 {
		l.maxPages = DefaultMaxPages
	}
	// Pagination drops at most one space above a unit per page (at its
	// top), so maxPages pages hold at most this much of heights and
	// spaces.
	l.room = float64(l.maxPages) * (r.pageH - r.margin.Top - r.margin.Bottom + maxSpace)
	return l
}

func (l *layout) width() float64 { return l.right - l.left }

// maxSpace is the most space any block asks for above a unit (before the
// footnotes); space asks for no more.
const maxSpace = 8.0

// space asks for at least mm of space before the next unit.
func (l *layout) space(mm float64) { l.pending = min(max(l.pending, mm), maxSpace) }

// add appends a unit, giving it the pending space, decorations, anchors
// and list marker.
func (l *layout) add(u *unit, baseline float64) {
	u.before = l.pending
	l.pending = 0
	if l.breakNext {
		u.breakBefore = true
		l.breakNext = false
	}
	u.decor = append(u.decor, l.decor...)
	if len(l.marker) > 0 {
		// The marker is drawn first: drawing order is reading order for
		// text extraction.
		items := make([]item, 0, len(l.marker)+len(u.items))
		for _, m := range l.marker {
			m.y += baseline
			items = append(items, m)
		}
		u.items = append(items, u.items...)
	}
	l.marker = nil
	u.items = append(u.items, l.anchors...)
	l.anchors = nil
	l.units = append(l.units, u)
	l.used += u.h + u.before
	l.items += len(u.items)
}

// itemsPerPage is the average number of things drawn (runs of text,
// rules, boxes, links) a page may have under the page limit: a page of
// prose has about 60, a page of a wordy table about 350 (table text is
// drawn word by word), a page of a five-column table of one-letter cells
// about 450. Dense pages cost time and memory in proportion to what they
// draw, so this bounds a table of thousands of tiny cells that fits the
// page limit.
const itemsPerPage = 500

// full returns a *PageLimitError when the units so far fill more than
// the page limit: no page holds more than its text height of units and
// the spaces between them, so the document cannot fit. Loops that add many units check it, so that a
// hostile block stops early.
func (l *layout) full() error {
	if l.used > l.room {
		return &PageLimitError{Limit: l.maxPages, At: srcerr.At{Pos: l.pos}}
	}
	if l.items > itemsPerPage*l.maxPages {
		return &PageLimitError{Limit: l.maxPages, At: srcerr.At{Pos: l.pos}, Items: itemsPerPage * l.maxPages}
	}
	return nil
}

// wouldFill is full for n more units of at least h millimetres each.
func (l *layout) wouldFill(n int, h float64) error {
	if l.used+float64(n)*h > l.room {
		return &PageLimitError{Limit: l.maxPages, At: srcerr.At{Pos: l.pos}}
	}
	return nil
}

// document lays out the whole document. The table of contents goes right
// after the title heading (ast.Title), or first when there is none, and
// lists the headings after it.
func (l *layout) document() error {
	blocks := l.doc.Blocks
	var title *ast.Heading
	if l.r.opts.TOC {
		title = ast.Title(l.doc)
		if title == nil {
			if err := l.toc(blocks); err != nil {
				return err
			}
		}
	}
	for i, b := range blocks {
		if err := l.block(b); err != nil {
			return err
		}
		if title != nil && b == ast.Block(title) {
			if err := l.toc(blocks[i+1:]); err != nil {
				return err
			}
		}
	}
	if err := l.linksSection(); err != nil {
		return err
	}
	if len(l.marker) > 0 || len(l.anchors) > 0 || len(l.units) == 0 {
		l.add(&unit{h: 0.1}, 0)
	}
	return nil
}

// block lays out one block, and stops at the page limit or at a node of
// no known kind.
func (l *layout) block(b ast.Block) error {
	if b != nil {
		if p := b.Pos(); p.IsValid() {
			l.pos = p
		}
	}
	if err := l.full(); err != nil {
		return err
	}
	if err := l.r.interrupted(); err != nil {
		return err
	}
	if err := l.blockKind(b); err != nil {
		return err
	}
	if l.err != nil {
		return l.err
	}
	return l.full()
}

// unknown records the error for a node of no known kind, once.
func (l *layout) unknown(n ast.Node) {
	if l.err == nil {
		l.err = fmt.Errorf("pdf: %w", ast.Unknown(n, l.pos))
	}
}

// blockKind lays out one block of any kind.
func (l *layout) blockKind(b ast.Block) error {
	switch n := b.(type) {
	case *ast.Heading:
		return l.heading(n, true)
	case *ast.Paragraph:
		return l.paragraph(n)
	case *ast.List:
		return l.list(n)
	case *ast.BlockQuote:
		return l.blockQuote(n)
	case *ast.CodeBlock:
		return l.codeBlock(n)
	case *ast.ThematicBreak:
		l.thematicBreak()
		return nil
	case *ast.Table:
		return l.table(n)
	case *ast.HTMLBlock:
		// Raw HTML is not rendered in a PDF (the other text backends
		// drop it too); it carries no document text.
		return nil
	case *ast.FootnoteDefinition:
		return l.footnote(n)
	case *ast.ListItem:
		return l.blocks(n.Blocks)
	}
	l.unknown(b)
	return l.err
}

func (l *layout) blocks(bs []ast.Block) error {
	for _, b := range bs {
		if err := l.block(b); err != nil {
			return err
		}
	}
	return nil
}

// spansOf flattens inlines into styled spans, in a slice made once at
// its final size (a paragraph of a million inlines would otherwise
// allocate twice its spans while growing the slice).
func (l *layout) spansOf(ins []ast.Inline, st style) []span {
	return l.spans(ins, st, make([]span, 0, countSpans(ins)))
}

// countSpans is the number of spans l.spans makes of ins, or more.
func countSpans(ins []ast.Inline) int {
	n := 0
	for _, in := range ins {
		n += 1 + countSpans(ast.InlineChildren(in))
	}
	return n
}

// valueStyle is st for text, a value whose direction is not the
// document's (ast.Text.Isolate): a bidi isolate of its own, numbered
// apart from its neighbours, of its first strong character's direction.
func (l *layout) valueStyle(st style, text string) style {
	l.values++
	st.value = l.values
	st.valueRTL = bidi.BaseDirection(text) == bidi.RightToLeft
	return st
}

// spans flattens inlines into styled spans. An inline of no known kind
// makes no span and sets l.err.
func (l *layout) spans(ins []ast.Inline, st style, out []span) []span {
	for i, in := range ins {
		switch n := in.(type) {
		case *ast.Text:
			s := st
			if n.Isolate {
				s = l.valueStyle(s, n.Text)
			}
			out = append(out, span{text: n.Text, st: s, pos: n.At})
			continue
		case *ast.Emphasis:
			s := st
			s.italic = true
			out = l.spans(n.Inlines, s, out)
			continue
		case *ast.Strong:
			s := st
			s.bold = true
			out = l.spans(n.Inlines, s, out)
			continue
		case *ast.Strikethrough:
			s := l.spokenSpan(st, ast.Deleted, n.Inlines)
			s.strike = true
			out = l.spans(n.Inlines, s, out)
			continue
		case *ast.Code:
			s := st
			s.mono, s.ltr = true, true
			s.size = st.size * 0.92
			s.elem = l.tags.add("Code", l.inlineParent(st))
			out = append(out, span{text: n.Text, st: s, pos: n.At})
			continue
		case *ast.Link:
			s := st
			if target := l.linkTarget(n.Destination); target != "" {
				s.link = target
				s.color = colorLink
				s.elem = l.tags.link(l.inlineParent(st), l.spokenContents(st, linkContents(n, target)))
			}
			// A link written as its address reads left to right.
			s.ltr = s.ltr || ast.ShowsDestination(n)
			out = l.spans(n.Inlines, s, out)
			if wordless(n) {
				// A link without words is drawn as its address, the
				// link itself, in every --pdf-links style, as the HTML
				// shows it: it was a note "<URL>" beside an empty link
				// that nothing could be clicked or tabbed to.
				u := s
				u.ltr = true
				dest := safeurl.Resolve(l.doc.BaseURL, strings.TrimSpace(n.Destination))
				out = append(out, span{text: strings.TrimPrefix(dest, "mailto:"), st: u, pos: n.Pos()})
				continue
			}
			out = l.linkNote(n, st, out)
			continue
		case *ast.Image:
			out = append(out, span{image: n, st: st, pos: n.At})
			continue
		case *ast.SoftBreak:
			out = append(out, span{text: " ", st: st})
			continue
		case *ast.HardBreak:
			out = append(out, span{brk: true, st: st})
			continue
		case *ast.RawHTML:
			// Inline raw HTML is not rendered (see HTMLBlock).
			continue
		case *ast.Change:
			if i > 0 && n.Kind == ast.Inserted && isDeletion(ins[i-1]) {
				// A replacement: the old words and the new ones would
				// touch ("fivethree"), on the page and in the copied
				// text; a space keeps them two words.
				out = append(out, span{text: " ", st: st})
			}
			s := l.spokenSpan(st, n.Kind, n.Inlines)
			out = l.spans(n.Inlines, changeStyle(s, n.Kind), out)
			continue
		case *ast.FootnoteRef:
			s := st
			s.sup = true
			s.link = "#" + l.fnIDs.Definition(n.Index)
			s.color = colorLink
			if l.fnRefIDs == nil {
				// Made at the first reference: most documents have none.
				l.fnRefIDs = l.fnIDs.ReferenceIDs(l.doc.Blocks)
			}
			s.fnref = l.fnRefIDs[n]
			ref := l.tags.add("Reference", l.inlineParent(st))
			s.elem = l.tags.link(ref, l.spokenContents(st, l.lang.Numbered(l10n.FootnoteRef, n.Index)))
			out = append(out, span{text: strconv.Itoa(n.Index), st: s})
			continue
		}
		l.unknown(in)
	}
	return out
}

// isDeletion says that in is a redline's deleted text.
func isDeletion(in ast.Inline) bool {
	c, ok := in.(*ast.Change)
	return ok && c.Kind == ast.Deleted
}

// changeStyle is the style of a redline's change inside st: deleted text
// struck through in red, inserted text underlined in blue, reformatted
// text underlined in purple, each with a change bar in the margin.
func changeStyle(st style, kind ast.ChangeKind) style {
	st.changed = true
	switch kind {
	case ast.Deleted:
		st.strike, st.color = true, colorDeleted
	case ast.Inserted:
		st.under, st.color = true, colorInserted
	case ast.Reformatted:
		st.under, st.color = true, colorReformatted
	}
	return st
}

// linkTarget returns what a link points to: "#id" for an id in this
// document (ast.Anchors: a heading, a footnote or a reference to one,
// a redline's change), the URI for an allowed external link, "" for nothing.
func (l *layout) linkTarget(dest string) string {
	if strings.HasPrefix(dest, "#") {
		if l.ids == nil {
			// Found at the first link inside the document: most
			// documents have none, and the walk is not free.
			l.ids = ast.Anchors(l.doc)
		}
		if l.ids[dest[1:]] {
			return dest
		}
		return ""
	}
	if dest == "" || !safeurl.Allowed(dest) {
		return ""
	}
	return safeurl.Resolve(l.doc.BaseURL, dest)
}

// prepareRTL shapes right-to-left spans (Arabic presentation forms). The
// paragraph they make takes the document's direction (layout.dir),
// whatever its first letter, as every paragraph of the HTML takes the
// page's dir: in a Hebrew document "GDPR חל על הנתונים שלנו." is a
// right-to-left paragraph, right-aligned, "GDPR" at its right end and
// the period at its left.
func (l *layout) prepareRTL(spans []span) ([]span, error) {
	for _, s := range spans {
		if bidi.HasRTL(s.text) {
			spans, err := shapeSpans(spans)
			if err != nil {
				return nil, err
			}
			return spans, nil
		}
	}
	return spans, nil
}

// lineHeight returns the height of a line of text at pt points.
func lineHeight(pt float64) float64 { return pt * ptToMM * leading }

// baseline returns where the baseline of text at pt points is on a line
// lh high, from the line's top: the middle of the line, lowered by a
// third of the font size (about half the x-height).
func baseline(lh, pt float64) float64 { return lh/2 + 0.33*pt*ptToMM }

// paraSpace is the space between blocks: above a paragraph (unless the
// context is tight), above a list and between its loose items, above and
// below a block quote and a code block.
func (l *layout) paraSpace() float64 { return lineHeight(l.baseSize) * 0.55 }

// changeIDs returns the ids of a redline's changes in a paragraph, a
// heading or a code block, which are anchors (changeAnchors) at the
// block's first line: a link to a change, such as the mark at each end
// of a moved paragraph that links to the other, or the summary's link,
// goes there. A table's changes are anchors at their row (table), so
// that every change the HTML has an id for has one (ast.Anchors).
func changeIDs(n ast.Node) []string {
	switch n := n.(type) {
	case *ast.Paragraph:
		return changeIDsIn(n.Inlines, nil)
	case *ast.Heading:
		return changeIDsIn(n.Inlines, nil)
	case *ast.CodeBlock:
		if n.ChangeID != "" {
			return []string{n.ChangeID}
		}
	}
	return nil
}

// changeIDsIn appends the ids of the changes in ins to ids.
func changeIDsIn(ins []ast.Inline, ids []string) []string {
	for _, in := range ins {
		if c, ok := in.(*ast.Change); ok && c.ID != "" {
			ids = append(ids, c.ID)
		}
		ids = changeIDsIn(ast.InlineChildren(in), ids)
	}
	return ids
}

// changeAnchors adds the anchors of the changes in b (changeIDs) to the
// next line laid out.
func (l *layout) changeAnchors(b ast.Node) { l.addAnchors(changeIDs(b)) }

// rowChangeAnchors adds the anchors of the changes in a table row's
// cells to the row's first line.
func (l *layout) rowChangeAnchors(row []*ast.TableCell) {
	var ids []string
	for _, c := range row {
		if c != nil {
			ids = changeIDsIn(c.Inlines, ids)
		}
	}
	l.addAnchors(ids)
}

// addAnchors adds named destinations for ids to the next line laid out.
func (l *layout) addAnchors(ids []string) {
	for _, id := range ids {
		l.anchors = append(l.anchors, item{kind: itemAnchor, anchor: id})
	}
}

// paragraph lays out a paragraph.
func (l *layout) paragraph(p *ast.Paragraph) error {
	if !l.tight {
		l.space(l.paraSpace())
	}
	l.changeAnchors(p)
	defer l.tagText("P")()
	st := style{size: l.baseSize, color: colorText}
	spans := l.spansOf(p.Inlines, st)
	leadIn := endsInColon(spans)
	first := len(l.units)
	if err := l.inlineBlock(spans, alignJustifyOr(l.r.opts.Justify), true); err != nil {
		return err
	}
	if leadIn && len(l.units) > first {
		// It announces what follows ("Compliance with a Legal
		// Obligation:" over a list): kept with it, as a heading is.
		l.units[len(l.units)-1].keep = true
	}
	return nil
}

// endsInColon reports whether the text of spans ends in a colon (":", or
// the fullwidth "：").
func endsInColon(spans []span) bool {
	for i := len(spans) - 1; i >= 0; i-- {
		if spans[i].image != nil || spans[i].brk {
			return false
		}
		if t := strings.TrimRight(spans[i].text, " \u00a0"); t != "" {
			return strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：")
		}
	}
	return false
}

type align int

const (
	// alignLeft is the start of the line, Markdown's default: the left,
	// or the right in a right-to-left paragraph.
	alignLeft align = iota
	alignCenter
	alignRight
	alignJustify
	// alignLeftEdge is the left in either direction: a table column
	// that Markdown aligns left (":--"), which the HTML aligns left with
	// text-align.
	alignLeftEdge
)

func alignJustifyOr(j bool) align {
	if j {
		return alignJustify
	}
	return alignLeft
}

// inlineBlock lays out spans as lines in the current text box. Images
// split the text and become units of their own; the alt text of a
// missing one (Options.MissingImagesAlt) stays in the line, as the
// HTML and the plain text keep it. With widows, the first and the last
// two lines are kept together.
func (l *layout) inlineBlock(spans []span, al align, widows bool) error {
	start := 0
	for i, s := range spans {
		if s.image == nil {
			continue
		}
		alt, missing, err := l.missingImage(s.image, s.st)
		if err != nil {
			return err
		}
		if missing {
			spans[i] = alt
			continue
		}
		if err := l.textLines(spans[start:i], al, widows); err != nil {
			return err
		}
		if err := l.image(s.image, s.st); err != nil {
			return err
		}
		start = i + 1
		startLine(spans[start:])
	}
	return l.textLines(spans[start:], al, widows)
}

// startLine drops the spaces that open the text after an image, which
// starts a line: the no-break space that keeps a link's number with its
// content ("\u00a0[1]", linkNote) indented the line after a linked
// picture. Code keeps its spaces.
func startLine(spans []span) {
	for i := range spans {
		if spans[i].image != nil || spans[i].brk || spans[i].st.mono {
			return
		}
		if spans[i].text = strings.TrimLeft(spans[i].text, " \u00a0"); spans[i].text != "" {
			return
		}
	}
}

// words splits spans into words for a caller that breaks them into lines
// itself (a table cell, a table of contents entry, the footer). Arabic is
// shaped first (prepareRTL), as textLines shapes it: a cell or an entry
// drew its letters unjoined.
func (l *layout) words(spans []span) ([]word, error) {
	if err := l.altSpans(spans); err != nil {
		return nil, err
	}
	spans, err := l.prepareRTL(spans)
	if err != nil {
		return nil, err
	}
	b := wordBuilder{r: l.r, emphasis: &l.emphasis}
	for _, s := range spans {
		if err := b.addSpan(s); err != nil {
			return nil, err
		}
	}
	return b.finish(), nil
}

// breakChunk is the number of words textLines measures before it breaks
// them into lines: a paragraph is laid out a few lines at a time, so its
// words are never all in memory and a hostile one stops at the page limit.
const breakChunk = 256

// maxPiece is the longest text textLines gives the word builder at once.
const maxPiece = 4096

func (l *layout) textLines(spans []span, al align, widows bool) error {
	if err := l.altSpans(spans); err != nil {
		return err
	}
	spans, err := l.prepareRTL(spans)
	if err != nil {
		return err
	}
	first := len(l.units)
	l.nextID++
	n := 0
	// The buffers are taken, not shared: a textLines that ran while this
	// one holds them would make its own.
	b := wordBuilder{r: l.r, words: l.wordBuf[:0], runs: l.runBuf[:0], emphasis: &l.emphasis}
	l.wordBuf, l.runBuf = nil, nil
	// lines breaks ws into lines and adds them. Greedy breaking decides a
	// line from its first word on, so every line but the last is final;
	// unless this is the end of the paragraph, the last one (when it does
	// not end in a hard break) is returned, to be broken again with the
	// words that follow.
	lines := func(ws []word, final bool) ([]word, error) {
		var carry []word
		lns := l.r.breakLines(ws, l.width(), l.lineBuf)
		// Taken, not shared, as the word builder's buffers are (below).
		l.lineBuf = nil
		defer func() { l.lineBuf = lns[:0] }()
		if k := len(lns) - 1; !final && k >= 0 {
			if lw := lns[k].words; len(lw) > 0 && !lw[len(lw)-1].hardBrk {
				carry = lw
				lns = lns[:k]
			}
		}
		for _, ln := range lns {
			if err := l.full(); err != nil {
				return nil, err
			}
			ln.dir = l.dir
			u, base := l.lineUnit(ln, l.left, l.width(), al)
			u.block = l.nextID
			l.add(u, base)
			n++
		}
		return carry, nil
	}
	// The words of a chunk are dropped once its lines are units (units
	// hold items, not words), so two buffers take turns.
	// (Made only for a paragraph that needs it: most are short.)
	var spare []word
	for len(spans) > 0 {
		// A long text is fed in pieces (cut at a rune boundary), so that
		// one huge Text is broken a chunk at a time too. The word
		// builder's linebreak.Scanner carries on across pieces
		// (Continue): a break at a seam is decided from the clusters on
		// either side, as in one text but for context further back.
		s := spans[0]
		if len(s.text) > maxPiece {
			cut := maxPiece
			for !utf8.RuneStart(s.text[cut]) {
				cut--
			}
			spans[0].text = s.text[cut:]
			s.text = s.text[:cut]
		} else {
			spans = spans[1:]
		}
		if err := b.addSpan(s); err != nil {
			return err
		}
		// The last word stays with the builder: a space or a hard break
		// that follows may still change it.
		if k := len(b.words) - 1; k >= breakChunk {
			carry, err := lines(b.words[:k], false)
			if err != nil {
				return err
			}
			if spare == nil {
				spare = make([]word, 0, 2*breakChunk)
			}
			next := append(append(spare[:0], carry...), b.words[k])
			spare, b.words = b.words, next
		}
	}
	if _, err := lines(b.finish(), true); err != nil {
		return err
	}
	l.wordBuf, l.runBuf = b.words[:0], b.runs[:0]
	if widows && n >= 2 {
		l.units[first].keep = true
		l.units[len(l.units)-2].keep = true
	}
	return nil
}

// lineUnit makes the unit for one line placed in [x, x+width).
func (l *layout) lineUnit(ln line, x, width float64, al align) (*unit, float64) {
	size := ln.maxSize
	if size == 0 {
		size = l.baseSize
	}
	u := &unit{h: lineHeight(size)}
	base := baseline(u.h, size)
	u.items = l.lineItems(ln, x, width, al, base, u.items)
	return u, base
}

// lineItems places the runs of a line with their baseline at base, as
// content of the structure element l.tag unless a run names its own (a
// link, code).
func (l *layout) lineItems(ln line, x, width float64, al align, base float64, items []item) []item {
	start := len(items)
	if ln.dir == bidi.RightToLeft || lineHasRTL(ln) {
		items = l.lineItemsBidi(ln, x, width, al, base, items)
	} else {
		items = l.lineItemsLTR(ln, x, width, al, base, items)
	}
	for i := start; i < len(items); i++ {
		if it := &items[i]; it.tag == 0 && (it.kind == itemText || it.kind == itemLink || it.kind == itemImage) {
			it.tag = l.tag
		}
	}
	return items
}

// lineItemsLTR is lineItems for a line of left-to-right text.
func (l *layout) lineItemsLTR(ln line, x, width float64, al align, base float64, items []item) []item {
	extra := 0.0
	switch al {
	case alignRight:
		x += width - ln.w
	case alignCenter:
		x += (width - ln.w) / 2
	case alignJustify:
		if !ln.last && len(ln.words) > 1 {
			extra = (width - ln.w) / float64(len(ln.words)-1)
		}
	}
	last := -1 // index of a text item that the next word may extend
	// joined is the text of item joinedAt (-1 for none) while words join
	// it, made into its string once it is complete: adding each word's
	// text to the item's string made a new string a word. The buffer is
	// taken from the layout and given back at the end.
	joined := l.joinBuf[:0]
	l.joinBuf = nil
	joinedAt := -1
	setJoined := func() {
		if joinedAt >= 0 {
			items[joinedAt].text = string(joined)
			joinedAt = -1
		}
	}
	for wi, w := range ln.words {
		for ri, rn := range w.runs {
			if ri == 0 && last >= 0 && last == len(items)-1 && l.joins(&items[last], &ln.words[wi-1], &w.runs[ri], extra, base) {
				if joinedAt != last {
					setJoined()
					joined, joinedAt = append(joined[:0], items[last].text...), last
				}
				joined = append(append(joined, ' '), rn.text...)
			} else {
				items = l.runItems(rn, x, base, items)
			}
			last = -1
			if n := len(items); ri == len(w.runs)-1 && items[n-1].kind == itemText {
				last = n - 1
			}
			x += rn.w
		}
		if wi < len(ln.words)-1 {
			gap := w.space + extra
			if w.spaceSt.link != "" && wi+1 < len(ln.words) && len(ln.words[wi+1].runs) > 0 && ln.words[wi+1].runs[0].st.link == w.spaceSt.link {
				items = l.addLink(items, w.spaceSt, x, base, gap)
			}
			if w.spaceSt.strike && len(ln.words[wi+1].runs) > 0 && ln.words[wi+1].runs[0].st.strike {
				items = append(items, strikeItem(w.spaceSt, x, base, gap))
			}
			if w.spaceSt.under && len(ln.words[wi+1].runs) > 0 && ln.words[wi+1].runs[0].st.under {
				items = append(items, underItem(w.spaceSt, x, base, gap))
			}
			x += gap
		}
	}
	setJoined()
	l.joinBuf = joined[:0]
	return items
}

// joins reports whether run rn, which starts the word after prev, can be
// drawn by the text item it that ends prev (baseline base), with a space between them:
// fewer, longer strings make the PDF smaller and faster to write and give
// text extraction real spaces. That needs the space after prev to be the
// plain space of the same face and size (it is the width the PDF reader
// advances for " "), so never with justification, and the same colour
// and baseline. A run with a link, a strike-through or a footnote mark
// needs items of its own. The size must be one fpdf writes exactly (it
// writes sizes to 0.01 pt): the reader places the glyphs after the space
// at the written size, and a rounded size would make them drift.
//
// The three are pointers: copying them for each word of a line was a
// quarter of the cost of asking.
func (l *layout) joins(it *item, prev *word, rn *run, extra, base float64) bool {
	return extra == 0 && it.glyphs == nil && rn.glyphs == nil && exactSize(it.size) && !rn.st.sup && rn.st.link == "" && !rn.st.strike && !rn.st.under && !rn.st.changed && rn.st.fnref == "" && rn.st.elem == it.tag &&
		rn.face == it.face && rn.st.drawSize() == it.size && rn.st.color == it.color &&
		prev.space > 0 && preferredFace(prev.spaceSt) == rn.face && prev.spaceSt.drawSize() == it.size &&
		prev.space == l.r.spaceWidth(prev.spaceSt) && it.y == base
}

// exactSize reports whether pt has at most two decimals.
func exactSize(pt float64) bool {
	return math.Abs(pt*100-math.Round(pt*100)) < 1e-9
}

func (l *layout) runItems(rn run, x, base float64, items []item) []item {
	y := base
	if rn.st.sup {
		y -= rn.st.size * ptToMM * 0.36
	}
	items = append(items, l.r.textItem(rn, item{x: x, y: y, size: rn.st.drawSize(), color: rn.st.color, tag: rn.st.elem}))
	if rn.st.link != "" {
		items = l.addLink(items, rn.st, x, base, rn.w)
	}
	if rn.st.strike {
		items = append(items, strikeItem(rn.st, x, base, rn.w))
	}
	if rn.st.under {
		items = append(items, underItem(rn.st, x, base, rn.w))
	}
	if rn.st.changed {
		items = append(items, l.changeBar(rn.st, base))
	}
	if rn.st.fnref != "" {
		items = append(items, item{kind: itemAnchor, y: 0, anchor: rn.st.fnref})
	}
	return items
}

// addLink appends the link area of st over x to x+w on the line at base,
// or widens the area of the same link that ends there (or, right to
// left, starts there): one annotation for the words of a link on a
// line, not one a word and space, so that a reader's Tab stops at the
// link once and a screen reader reads it once.
func (l *layout) addLink(items []item, st style, x, base, w float64) []item {
	it := l.linkItem(st, x, base, w)
	// The area to widen is behind the text items of the words it covers
	// on the line: a line's few dozen items at most.
	for i := len(items) - 1; i >= 0 && i >= len(items)-64; i-- {
		p := &items[i]
		if p.kind != itemLink {
			continue
		}
		if p.anchor != it.anchor || p.uri != it.uri || p.tag != it.tag || p.y != it.y || p.h != it.h {
			break
		}
		switch {
		case math.Abs(p.x+p.w-it.x) < 0.01:
			p.w = it.x + it.w - p.x
			return items
		case math.Abs(it.x+it.w-p.x) < 0.01:
			p.x, p.w = it.x, p.w+it.w
			return items
		}
		break
	}
	return append(items, it)
}

func (l *layout) linkItem(st style, x, base, w float64) item {
	sz := st.size * ptToMM
	it := item{kind: itemLink, x: x, y: base - sz*0.85, w: w, h: sz * 1.1, tag: st.elem}
	if strings.HasPrefix(st.link, "#") {
		it.anchor = st.link[1:]
	} else {
		it.uri = st.link
	}
	return it
}

func strikeItem(st style, x, base, w float64) item {
	sz := st.drawSize() * ptToMM
	return item{kind: itemRule, x: x, y: base - sz*0.28, w: w, width: sz * 0.06, color: st.color}
}

// underItem underlines a run of a redline's change.
func underItem(st style, x, base, w float64) item {
	sz := st.drawSize() * ptToMM
	return item{kind: itemRule, x: x, y: base + sz*0.12, w: w, width: sz * 0.06, color: st.color}
}

// changeBar is the bar in the left margin beside a line that holds a
// redline's change: 5 mm left of the text, from the ascender to the
// descender of the run's size.
func (l *layout) changeBar(st style, base float64) item {
	sz := st.drawSize() * ptToMM
	return item{kind: itemRule, x: l.r.margin.Left - 5, y: base - sz*0.8, h: sz * 1.05, width: 0.7, color: colorChangeBar}
}
