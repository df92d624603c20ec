package pdf

import (
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/l10n"
)

// heading lays out a heading of the document (written) or one of its
// own (the Links section): bold, sized by level, kept with what follows,
// with an outline entry and its anchors. Its outline entry and its tag
// are at its outline level (ast.Outline), which never skips; under
// PDF/UA-1 a written heading whose outline level is not its own is a
// *StandardError instead (a render without ua-1 warns about it:
// HeadingWarning).
func (l *layout) heading(h *ast.Heading, written bool) error {
	hl := l.outline.Next(h)
	if written && hl.Skipped() && l.r.opts.Standard.UA {
		return headingError(l.r.opts.Standard, hl, l.doc.Blocks, l.doc.Meta.Title)
	}
	lvl := hl.Level
	if len(l.units) > 0 {
		l.space(headingBefore[lvl])
	}
	l.headingIdx++
	// An outline entry is a string: a value whose direction is not the
	// document's is between FSI and PDI there (ast.IsolatedText), as
	// it is a bidi isolate in the heading, so that "## {company} 2026"
	// with a Hebrew company in an English document is not listed
	// "2026 שלום" by a viewer that lays out the entry by UAX #9.
	title := ast.IsolatedText(shortSegments(ast.PlainSegments(h.Inlines), maxOutlineTitle))
	l.anchors = append(l.anchors,
		item{kind: itemAnchor, anchor: headingKey(l.headingIdx)},
		item{kind: itemBookmark, text: title, level: hl.Outline - 1})
	if h.ID != "" {
		l.anchors = append(l.anchors, item{kind: itemAnchor, anchor: h.ID})
	}
	l.changeAnchors(h)
	st := style{size: headingPt[lvl], bold: true, italic: lvl == 6, color: colorText}
	defer l.tagText("H" + strconv.Itoa(hl.Outline))()
	first := len(l.units)
	if err := l.textLines(l.spansOf(h.Inlines, st), alignLeft, false); err != nil {
		return err
	}
	if len(l.units) == first { // an empty heading still gets its anchors
		l.add(&unit{h: lineHeight(st.size) / 2}, 0)
	}
	for _, u := range l.units[first:] {
		u.keep = true
		u.heading = true
	}
	l.space(headingAfter)
	return nil
}

// maxOutlineTitle is the most characters of a heading that its outline
// entry shows; a longer heading's entry ends in an ellipsis.
const maxOutlineTitle = 1000

func headingKey(i int) string { return "\x00h" + strconv.Itoa(i) }

// minTextWidth is the narrowest text box nesting may leave (mm).
const minTextWidth = 40

// tightItemGap is the space between the items of a tight list (mm),
// those of a list nested in one included: its items are as evenly
// spaced as the HTML's, whose li and nested ul have no margin.
const tightItemGap = 0.8

// bullets are the list bullets by nesting depth.
var bullets = []string{"•", "◦", "▪", "–"}

// list lays out a list with hanging indents.
func (l *layout) list(n *ast.List) error {
	// Every item is at least a code block's padding high: refuse a list
	// that cannot fit before making its markers.
	if err := l.wouldFill(len(n.Items), codePad); err != nil {
		return err
	}
	st := style{size: l.baseSize, color: colorText}
	markers := make([]string, len(n.Items))
	markerW := 0.0
	for i, it := range n.Items {
		switch {
		case n.Ordered:
			d := "."
			if n.Marker == ')' {
				d = ")"
			}
			markers[i] = strconv.Itoa(n.Start+i) + d
		default:
			markers[i] = bullets[l.listDepth%len(bullets)]
		}
		switch it.Task {
		case ast.TaskOpen:
			markers[i] = "☐"
		case ast.TaskDone:
			markers[i] = "☑"
		}
	}
	// Measure the markers with real faces (glyph errors surface here).
	markerRuns := make([][]run, len(markers))
	for i, m := range markers {
		b := wordBuilder{r: l.r}
		if err := b.addSpan(span{text: m, st: st, pos: n.At}); err != nil {
			return err
		}
		ws := b.finish()
		for _, w := range ws {
			markerRuns[i] = append(markerRuns[i], w.runs...)
		}
		w := 0.0
		for _, rn := range markerRuns[i] {
			w += rn.w
		}
		markerW = max(markerW, w)
	}
	indent := max(markerW+listGap, 5.5)
	if l.width()-indent < minTextWidth {
		// Deeply nested: stop indenting rather than squeeze the text.
		indent = 0
	}
	saveLeft, saveRight, saveTight := l.left, l.right, l.tight
	_, closeList := l.tagBlocks("L")
	defer closeList()
	l.listDepth++
	if !saveTight || l.listDepth == 1 {
		l.space(l.paraSpace())
	} else {
		// Nested in a tight list: its first item follows its parent's
		// text as the next item does, and nothing follows it (below).
		l.space(tightItemGap)
	}
	for i, it := range n.Items {
		if err := l.full(); err != nil {
			return err
		}
		if i > 0 {
			if n.Tight {
				l.space(tightItemGap)
			} else {
				l.space(l.paraSpace())
			}
		}
		w := 0.0
		for _, rn := range markerRuns[i] {
			w += rn.w
		}
		var x float64
		if l.dir == bidi.RightToLeft {
			// In a right-to-left document an item hangs from the right
			// edge, its marker to the right of the text, whatever its
			// first word (the HTML's padding-inline-start).
			l.left, l.right = saveLeft, saveRight-indent
			x = l.right + listGap
		} else {
			// Right-align the marker against the text.
			l.left, l.right = saveLeft+indent, saveRight
			x = l.left - listGap - w
		}
		li, closeItem := l.tagBlocks("LI")
		lbl := l.tags.add("Lbl", li)
		_, closeBody := l.tagBlocks("LBody")
		l.marker = nil
		for _, rn := range markerRuns[i] {
			l.marker = append(l.marker, l.r.textItem(rn, item{x: x, size: rn.st.drawSize(), color: rn.st.color, tag: lbl}))
			x += rn.w
		}
		l.tight = n.Tight
		if len(it.Blocks) == 0 {
			l.add(&unit{h: lineHeight(l.baseSize)}, baseline(lineHeight(l.baseSize), l.baseSize))
		}
		for j, b := range it.Blocks {
			if j == 0 {
				// The first block sits right at the marker.
				l.tight = true
			} else {
				l.tight = n.Tight
			}
			if err := l.block(b); err != nil {
				return err
			}
		}
		if len(l.marker) > 0 {
			l.add(&unit{h: lineHeight(l.baseSize)}, baseline(lineHeight(l.baseSize), l.baseSize))
		}
		closeBody()
		closeItem()
	}
	l.listDepth--
	l.left, l.right, l.tight = saveLeft, saveRight, saveTight
	if !saveTight || l.listDepth == 0 {
		l.space(lineHeight(l.baseSize) * 0.3)
	}
	return nil
}

// blockQuote indents its blocks and draws a rule at their start: the
// left, or the right in a right-to-left document (the HTML's
// border-inline-start).
func (l *layout) blockQuote(q *ast.BlockQuote) error {
	l.space(l.paraSpace())
	_, closeQuote := l.tagBlocks("BlockQuote")
	defer closeQuote()
	saveLeft, saveRight, saveDecor, saveTight := l.left, l.right, l.decor, l.tight
	l.nextID++
	rule := decor{id: l.nextID, x: l.left + 1, w: 0.7, color: colorRule}
	if l.dir == bidi.RightToLeft {
		rule.x = l.right - 1 - rule.w
	}
	l.decor = append(append([]decor(nil), l.decor...), rule)
	if l.width()-quoteIndent >= minTextWidth {
		if l.dir == bidi.RightToLeft {
			l.right -= quoteIndent
		} else {
			l.left += quoteIndent
		}
	}
	l.tight = false
	err := l.blocks(q.Blocks)
	l.left, l.right, l.decor, l.tight = saveLeft, saveRight, saveDecor, saveTight
	l.space(l.paraSpace())
	return err
}

// codeBlock lays out preformatted text in the monospace face on a grey
// background. Long lines wrap; each continuation line starts with a
// visible mark so that a reader sees the wrap.
func (l *layout) codeBlock(c *ast.CodeBlock) error {
	l.space(l.paraSpace())
	saveDecor := l.decor
	l.nextID++
	l.decor = append(append([]decor(nil), l.decor...), decor{id: l.nextID, x: l.left, w: l.width(), color: colorFill})
	defer func() { l.decor = saveDecor }()
	// Code is an inline-level structure type (ISO 32000-1 §14.8.4.4):
	// a block of code is a P holding one Code, as a paragraph holds an
	// inline code span (Matterhorn 01-006 flags Code under Document).
	_, closeP := l.tagBlocks("P")
	defer closeP()
	defer l.tagText("Code")()
	l.changeAnchors(c)
	st := style{mono: true, size: codePt, color: colorText}
	if c.Change != 0 {
		st = changeStyle(st, c.Change) // a redline's deleted or inserted block
		// Said as a changed span is (spokenSpan): "[deleted: func a() …]".
		text := strings.TrimSpace(ast.ReplaceSpaceEquivalents(c.Text))
		l.tags.elems[l.tag].Alt = l.spokenLabel(changeLabel(c.Change), text)
	}
	lh := codePt * ptToMM * codeLeading
	base := baseline(lh, codePt)
	x0 := l.left + codePad
	avail := l.width() - 2*codePad
	const mark = "↪"
	markSt := style{mono: true, size: codePt, color: colorMuted}
	markFace, err := l.r.faceFor('↪', markSt, c.At)
	if err != nil {
		return err
	}
	markW := l.r.advance(markFace, '↪', codePt) + l.r.advance(faceMono, ' ', codePt)
	// A list item's marker waits for the first line of code, beside
	// which the HTML shows it, not the padding above it.
	marker := l.marker
	l.marker = nil
	l.add(&unit{h: codePad, keep: true}, 0)
	l.marker = marker
	text := strings.TrimSuffix(c.Text, "\n")
	srcLines := strings.Split(text, "\n")
	first := len(l.units)
	if err := l.wouldFill(len(srcLines), lh); err != nil {
		return err
	}
	for i, src := range srcLines {
		if err := l.full(); err != nil {
			return err
		}
		pos := ast.Pos{}
		if c.At.IsValid() {
			pos = ast.Pos{Line: c.At.Line + i + 1, Col: 1}
		}
		src = expandTabs(ast.ReplaceSpaceEquivalents(strings.TrimSuffix(src, "\r")))
		if bidi.HasRTL(src) {
			// Arabic joins here as in a paragraph (shapeSpans).
			sp, err := shapeSpans([]span{{text: src, st: st, pos: pos}})
			if err != nil {
				return err
			}
			var sb strings.Builder
			for _, s := range sp {
				sb.WriteString(s.text)
			}
			src = sb.String()
		}
		b := wordBuilder{r: l.r}
		// Build one long "word" per source line, keeping spaces.
		for _, ch := range src {
			if skipRune(ch) {
				continue
			}
			f, err := l.r.faceFor(ch, st, pos)
			if err != nil {
				return err
			}
			b.addRune(ch, f, st)
		}
		b.flushRun()
		w := b.cur
		cont := false
		for {
			room := avail
			if cont {
				room -= markW
			}
			u := &unit{h: lh}
			x := x0
			if cont {
				u.items = append(u.items, item{kind: itemText, x: x, y: base, text: mark, face: markFace, size: codePt, color: colorMuted})
				x += markW
			}
			var rest word
			if w.w > room+1e-6 {
				w, rest = l.r.splitWord(w, room, afterSpace, atSeparator)
			}
			if ln := (line{words: []word{w}, w: w.w, last: true}); lineHasRTL(ln) {
				// Right-to-left text in a code line is put in visual
				// order as in a paragraph, in the line's own direction,
				// left to right (a browser shows <pre dir="ltr"> so).
				u.items = l.lineItems(ln, x, room, alignLeft, base, u.items)
			} else {
				for _, rn := range w.runs {
					if strings.Trim(rn.text, " ") != "" {
						u.items = append(u.items, l.r.textItem(rn, item{x: x, y: base, size: codePt, color: rn.st.color, tag: l.tag}))
						if rn.st.strike {
							u.items = append(u.items, strikeItem(rn.st, x, base, rn.w))
						}
						if rn.st.under {
							u.items = append(u.items, underItem(rn.st, x, base, rn.w))
						}
					}
					x += rn.w
				}
			}
			if st.changed {
				u.items = append(u.items, l.changeBar(st, base))
			}
			l.add(u, base)
			if len(rest.runs) == 0 {
				break
			}
			w, cont = rest, true
		}
	}
	if n := len(l.units); n-first >= 2 {
		l.units[first].keep = true
		l.units[n-2].keep = true
	}
	l.units[len(l.units)-1].keep = true
	l.add(&unit{h: codePad}, 0)
	l.space(l.paraSpace())
	return nil
}

func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, c := range s {
		if c == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(c)
		col++
	}
	return b.String()
}

// thematicBreak draws a short centred rule.
func (l *layout) thematicBreak() {
	l.space(2)
	w := l.width() * 0.4
	u := &unit{h: 6, items: []item{{kind: itemRule, x: l.left + (l.width()-w)/2, y: 3, w: w, width: 0.3, color: colorRule}}}
	l.add(u, 0)
	l.space(2)
}

// footnote lays out one footnote definition at the end of the document,
// under a short rule for the first one, with its number linking back to
// the first reference. The rule and the number are at the start of the
// line: the left, or the right in a right-to-left document.
func (l *layout) footnote(fn *ast.FootnoteDefinition) error {
	rtl := l.dir == bidi.RightToLeft
	if !l.footnotes {
		l.footnotes = true
		l.space(8)
		rule := item{kind: itemRule, x: l.left, y: 1, w: 40, width: 0.3, color: colorRule}
		if rtl {
			rule.x = l.right - rule.w
		}
		l.add(&unit{h: 3, keep: true, items: []item{rule}}, 0)
	}
	saveSize, saveLeft, saveRight, saveTight := l.baseSize, l.left, l.right, l.tight
	defer func() { l.baseSize, l.left, l.right, l.tight = saveSize, saveLeft, saveRight, saveTight }()
	l.baseSize = footnotePt
	l.space(1.2)
	num := strconv.Itoa(fn.Index) + "."
	st := style{size: footnotePt, color: colorLink}
	b := wordBuilder{r: l.r}
	if err := b.addSpan(span{text: num, st: st, pos: fn.At}); err != nil {
		return err
	}
	ws := b.finish()
	note, closeNote := l.tagBlocks("Note")
	defer closeNote()
	l.tags.elems[note].ID = l.fnIDs.Definition(fn.Index)
	back := l.tags.link(l.tags.add("Lbl", note), l.lang.Numbered(l10n.BackToReference, fn.Index))
	indent := 7.0
	// The number right-aligned against the text, or in a right-to-left
	// document right of it.
	var x0 float64
	if rtl {
		l.right -= indent
		x0 = l.right + listGap
	} else {
		l.left += indent
		x0 = l.left - listGap - ws[0].w
	}
	x := x0
	l.marker = nil
	for _, rn := range ws[0].runs {
		l.marker = append(l.marker, l.r.textItem(rn, item{x: x, size: rn.st.size, color: rn.st.color, tag: back}))
		x += rn.w
	}
	l.marker = append(l.marker, item{kind: itemLink, tag: back, x: x0, w: ws[0].w, anchor: l.fnIDs.Reference(fn.Index, 1),
		y: -footnotePt * ptToMM * 0.85, h: footnotePt * ptToMM * 1.1})
	l.anchors = append(l.anchors, item{kind: itemAnchor, anchor: l.fnIDs.Definition(fn.Index)})
	l.tight = true
	if err := l.blocks(fn.Blocks); err != nil {
		return err
	}
	if len(l.marker) > 0 {
		l.add(&unit{h: lineHeight(footnotePt)}, baseline(lineHeight(footnotePt), footnotePt))
	}
	return nil
}
