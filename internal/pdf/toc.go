package pdf

import (
	"fmt"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/l10n"
)

// toc lays out a table of contents for the headings (levels 1 to 3) in
// blocks, followed by a page break. Page numbers are not known yet: each
// entry ends in an itemDots and an itemPageNum that name the heading's
// anchor, and emit fills them in after pagination. An entry's height does
// not depend on its page number (the number has a column of its own), so
// one layout pass is enough. In a right-to-left document the entries run
// right to left: text at the right, numbers at the left margin.
func (l *layout) toc(blocks []ast.Block) error {
	type entry struct {
		idx   int
		level int
		h     *ast.Heading
	}
	var entries []entry
	idx := l.headingIdx
	minLevel := 7
	ast.WalkHeadings(blocks, func(h *ast.Heading) bool {
		idx++
		if h.Level <= tocMaxLevel {
			entries = append(entries, entry{idx, h.Level, h})
			minLevel = min(minLevel, h.Level)
		}
		return true
	})
	if len(entries) == 0 {
		return nil
	}
	l.space(headingBefore[2])
	st := style{size: headingPt[2], bold: true, color: colorText}
	closeTitle := l.tagText("P")
	err := l.textLines([]span{{text: l.lang.Label(l10n.Contents), st: st}}, alignLeft, false)
	closeTitle()
	if err != nil {
		if labelError(err) {
			return fmt.Errorf("the table of contents' title (in %s): %w, or leave out Options.TOC", l.lang.Code(), err)
		}
		return err
	}
	toc, closeTOC := l.tagBlocks("TOC")
	defer closeTOC()
	saveTag := l.tag
	defer func() { l.tag = saveTag }()
	l.units[len(l.units)-1].keep = true
	l.space(2)
	for _, e := range entries {
		indent := float64(e.level-minLevel) * 5
		est := style{size: l.baseSize, bold: e.level == minLevel, color: colorText}
		// Like its outline entry, an entry shows at most
		// maxOutlineTitle characters of its heading.
		// A value whose direction is not the document's is drawn as
		// a bidi isolate, as in the heading (style.value).
		segs := shortSegments(ast.PlainSegments(e.h.Inlines), maxOutlineTitle)
		text := plainOf(segs)
		ws, err := l.words(l.segmentSpans(segs, est, e.h.At))
		if err != nil {
			return err
		}
		if len(ws) == 0 {
			continue
		}
		if e.level == minLevel {
			l.space(1.5)
		}
		// The entry's text is in [x, x+width), indented from its start;
		// the page numbers have a column of their own at its end: the
		// right, or in a right-to-left document (the document's
		// direction, as its paragraphs') the left, the text then
		// right-aligned against its indent.
		rtl := l.dir == bidi.RightToLeft
		x := l.left + indent
		width := l.width() - indent - tocNumWidth
		if rtl {
			x = l.left + tocNumWidth
		}
		lines := l.r.breakLines(ws, width, nil)
		target := headingKey(e.idx)
		// An entry is a TOCI holding a Link: its text, its page number
		// and its annotation (the leader is an artifact).
		l.tag = l.tags.link(l.tags.add("TOCI", toc), text)
		for i, ln := range lines {
			if err := l.full(); err != nil {
				return err
			}
			ln.dir = l.dir
			u, base := l.lineUnit(ln, x, width, alignLeft)
			link := item{kind: itemLink, x: x, y: 0, w: l.right - x, h: u.h, anchor: target, tag: l.tag}
			if rtl {
				link.x, link.w = l.left, x+width-l.left
			}
			u.items = append(u.items, link)
			if i == len(lines)-1 {
				// The leader runs from the text to the number column,
				// 2 mm into it (a number is narrower than the column).
				dots := item{kind: itemDots, x: x + ln.w + 1.5, y: base, face: faceRegular, size: l.baseSize, color: colorMuted}
				dots.w = l.right - tocNumWidth + 2 - dots.x
				num := item{kind: itemPageNum, x: l.right - tocNumWidth, y: base, w: tocNumWidth, anchor: target, face: faceRegular, size: l.baseSize, color: colorText, tag: l.tag}
				if rtl {
					dots.x = l.left + tocNumWidth - 2
					dots.w = x + width - ln.w - 1.5 - dots.x
					num.x, num.left = l.left, true
				}
				u.items = append(u.items, dots, num)
			} else {
				u.keep = true
			}
			l.add(u, base)
		}
	}
	l.breakNext = true
	return nil
}

// segmentSpans are the spans of a heading's plain text (ast.Segment) in
// style st, each value whose direction is not the document's isolated as
// the body's spans isolate it (style.value).
func (l *layout) segmentSpans(segs []ast.Segment, st style, at ast.Pos) []span {
	out := make([]span, 0, len(segs))
	for _, sg := range segs {
		s := st
		if sg.Isolate {
			s = l.valueStyle(st, sg.Text)
		}
		out = append(out, span{text: sg.Text, st: s, pos: at})
	}
	return out
}
