package pdf

import (
	"fmt"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
)

// toc lays out a table of contents for the headings (levels 1 to 3) in
// blocks, followed by a page break. Page numbers are not known yet: each
// entry ends in an itemDots and an itemPageNum that name the heading's
// anchor, and emit fills them in after pagination. An entry's height does
// not depend on its page number (the number has a column of its own), so
// one layout pass is enough.
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
			return fmt.Errorf("the table of contents' title (in %s): %w, or leave out --toc", l.lang.Code(), err)
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
		text := shortTitle(ast.PlainText(e.h.Inlines), maxOutlineTitle)
		ws, err := l.words([]span{{text: text, st: est, pos: e.h.At}})
		if err != nil {
			return err
		}
		if len(ws) == 0 {
			continue
		}
		if e.level == minLevel {
			l.space(1.5)
		}
		x := l.left + indent
		width := l.width() - indent - tocNumWidth
		lines := l.r.breakLines(ws, width, nil)
		target := headingKey(e.idx)
		// An entry is a TOCI holding a Link: its text, its page number
		// and its annotation (the leader is an artifact).
		l.tag = l.tags.link(l.tags.add("TOCI", toc), text)
		for i, ln := range lines {
			if err := l.full(); err != nil {
				return err
			}
			u, base := l.lineUnit(ln, x, width, alignLeft)
			u.items = append(u.items, item{kind: itemLink, x: x, y: 0, w: l.right - x, h: u.h, anchor: target, tag: l.tag})
			if i == len(lines)-1 {
				u.items = append(u.items,
					item{kind: itemDots, x: x + ln.w + 1.5, y: base, w: l.right - tocNumWidth + 2 - (x + ln.w + 1.5), face: faceRegular, size: l.baseSize, color: colorMuted},
					item{kind: itemPageNum, x: l.right - tocNumWidth, y: base, w: tocNumWidth, anchor: target, face: faceRegular, size: l.baseSize, color: colorText, tag: l.tag})
			} else {
				u.keep = true
			}
			l.add(u, base)
		}
	}
	l.breakNext = true
	return nil
}
