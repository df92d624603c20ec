package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// shapeSpans replaces Arabic letters by their joined presentation forms
// (bidi.ShapeRuns, across style changes inside a word), in logical order,
// before the spans are measured. A letter that still needs shaping
// afterwards (one without a presentation form) is refused with a
// *ShapingError rather than drawn unjoined. Hebrew needs no shaping.
func shapeSpans(spans []span) ([]span, error) {
	out := make([]span, 0, len(spans))
	for i := 0; i < len(spans); {
		if spans[i].brk || spans[i].image != nil {
			out = append(out, spans[i])
			i++
			continue
		}
		j := i
		var runs []bidi.Run
		for ; j < len(spans) && !spans[j].brk && spans[j].image == nil; j++ {
			runs = append(runs, bidi.Run{Text: spans[j].text, Style: j})
		}
		for _, r := range bidi.ShapeRuns(runs) {
			s := spans[r.Style]
			s.text = r.Text
			out = append(out, s)
		}
		i = j
	}
	for _, s := range out {
		for _, c := range s.text {
			if needsShaping(c) {
				return nil, &ShapingError{Rune: c, At: srcerr.At{Pos: s.pos}}
			}
		}
	}
	return out, nil
}

// needsShaping reports whether c is an Arabic-script letter in logical
// form, which must be replaced by a presentation form before drawing.
// A mark among the letters (the superscript alef U+0670 of الرَّحْمَٰنِ)
// is not one: it is shaped with its letter (arabicMark).
func needsShaping(c rune) bool {
	letters := c >= 0x0620 && c <= 0x064A || c >= 0x066E && c <= 0x06D3 || c == 0x06D5 ||
		c == 0x06EE || c == 0x06EF || c >= 0x06FA && c <= 0x06FC || c == 0x06FF || c >= 0x0750 && c <= 0x077F || c >= 0x08A0 && c <= 0x08C9
	return letters && !arabicMark(c)
}

// runStyle is a face and a style, the key of a bidi.Run's Style index.
type runStyle struct {
	face int
	st   style
}

// lineItemsBidi places a line that holds right-to-left text: the runs,
// in logical order, are cut into pieces of one embedding level and put
// in visual order by bidi.Pieces, and placed left to right. A
// right-to-left piece is drawn a cluster at a time from its right end
// (emit.go's drawLogical); a left-to-right one (Latin, and digits,
// European and Arabic-Indic alike, which are left to right inside
// right-to-left text) as it is.
//
// The items are then put back in logical order, which is the order they
// are drawn in: the structure tree lists content in the order it is
// drawn, and its order is reading order (PDF/UA), so "A B" in Hebrew is
// read A, B although B is drawn to the left of A. The pieces of a word
// (of one structure element) are one marked-content sequence, drawn
// piece by piece in logical order, whose /ActualText is the word as
// written (nominal) unless its glyphs are that already (a Latin word
// drawn whole): "17." ending a Hebrew sentence is drawn ".17", the
// period at level 1 left of the digits at level 2, and read "17.".
// isolateMark is the word of a run that is a bidi isolate's control
// (lineItemsBidi), not text of the line.
const isolateMark = -2

func (l *layout) lineItemsBidi(ln line, x, width float64, al align, base float64, items []item) []item {
	// A run's Style is its index in runs, so that a piece says which
	// logical run it comes from; styles[i] is run i's, and words[i] the
	// index of its word in the line (-1 for the space after a word,
	// isolateMark for an isolate's control).
	var styles []runStyle
	var runs []bidi.Run
	var words []int
	// Code and addresses (style.ltr) read left to right in a
	// right-to-left line, as the HTML's <code dir="ltr">: their runs
	// (and the spaces between them) go into a left-to-right isolate,
	// whose controls (runs of word isolateMark) make no piece that is
	// drawn. Without it "code();" in an Arabic sentence was drawn
	// ";()code", and a link's address "https://example.com/" was drawn
	// "/https://example.com". A value whose direction is not the
	// document's (style.value) is an isolate of its own direction, in
	// either direction of line, as the HTML's <bdi>: without it an
	// English "{company}: 5 employees" with a Hebrew company was drawn
	// "5 :שלום employees", and "ACME GmbH, 12" in a Hebrew sentence
	// kept ", 12" on the side of the Latin letters.
	var open isolate
	enter := func(st style) { // opens or closes isolates, as st needs
		want := isolateOf(st, ln.dir)
		if want == open {
			return
		}
		if open.on {
			runs = append(runs, bidi.Run{Text: "\u2069", Style: len(runs)}) // PDI
			styles = append(styles, runStyle{})
			words = append(words, isolateMark)
		}
		if want.on {
			control := "\u2066" // LRI
			if want.rtl {
				control = "\u2067" // RLI
			}
			runs = append(runs, bidi.Run{Text: control, Style: len(runs)})
			styles = append(styles, runStyle{})
			words = append(words, isolateMark)
		}
		open = want
	}
	for wi, w := range ln.words {
		for _, rn := range w.runs {
			enter(rn.st)
			runs = append(runs, bidi.Run{Text: rn.text, Style: len(runs)})
			styles = append(styles, runStyle{rn.face, rn.st})
			words = append(words, wi)
		}
		if wi < len(ln.words)-1 && w.space > 0 {
			// A space between two words of one isolate is inside it.
			in := isolateOf(w.spaceSt, ln.dir)
			if next := ln.words[wi+1].runs; !in.on || in != open || len(next) == 0 || isolateOf(next[0].st, ln.dir) != in {
				enter(style{})
			}
			runs = append(runs, bidi.Run{Text: " ", Style: len(runs)})
			styles = append(styles, runStyle{preferredFace(w.spaceSt), w.spaceSt})
			words = append(words, -1)
		}
	}
	enter(style{})
	pieces := slices.DeleteFunc(bidi.Pieces(runs, ln.dir), func(p bidi.Piece) bool { return words[p.Run] == isolateMark })
	// Justified, as lineItemsLTR justifies: the slack goes into the
	// spaces between words, except on a paragraph's last line.
	extra := 0.0
	if al == alignJustify && !ln.last {
		spaces := 0
		for _, wi := range words {
			if wi == -1 {
				spaces++
			}
		}
		if spaces > 0 {
			extra = (width - ln.w) / float64(spaces)
		}
	}
	switch {
	case extra > 0: // the line fills the width
	case al == alignRight || ln.dir == bidi.RightToLeft && al != alignCenter && al != alignLeftEdge:
		x += width - ln.w
	case al == alignCenter:
		x += (width - ln.w) / 2
	}
	first := len(items)
	// The items [from, to) of pieces[piece], drawn from x0 to x1.
	type group struct {
		piece, from, to int
		x0, x1          float64
	}
	groups := make([]group, 0, len(pieces))
	for pi, p := range pieces {
		groups = append(groups, group{piece: pi, from: len(items), x0: x})
		rs := styles[p.Run]
		// Mirrored brackets may need another face.
		for _, c := range p.Text {
			if !l.r.out.Metrics(rs.face).Has(c) {
				if f, err := l.r.faceFor(c, rs.st, ast.Pos{}); err == nil {
					rs.face = f
				}
				break
			}
		}
		logical := runs[p.Run].Text[p.Start:p.End]
		rn := l.r.makePieceRun(p, logical, rs.face, rs.st)
		w := rn.w
		if p.Text == " " && words[p.Run] < 0 {
			w += extra
		}
		if p.Text == " " && words[p.Run] < 0 {
			if rs.st.link != "" {
				items = l.addLink(items, rs.st, x, base, w)
			}
		} else {
			at := len(items)
			items = l.runItems(rn, x, base, items)
			if it := &items[at]; p.RTL && rn.glyphs == nil {
				if it.glyphs = l.r.mirroredGlyphs(logical, rn.face, it.size); it.glyphs == nil {
					it.rtl = true
				}
			}
		}
		x += w
		groups[len(groups)-1].to = len(items)
		groups[len(groups)-1].x1 = x
	}
	// Logical order: by run, and a run's pieces by where they start in
	// it.
	slices.SortFunc(groups, func(a, b group) int {
		pa, pb := pieces[a.piece], pieces[b.piece]
		if pa.Run != pb.Run {
			return pa.Run - pb.Run
		}
		return pa.Start - pb.Start
	})
	placed := slices.Clone(items[first:])
	items = items[:first]
	// The open sequence: its first text item (-1 for none), its word,
	// its text items and its logical text; the other items of its runs
	// (links, rules, anchors) follow its text, so that no artifact (a
	// strike-through) interrupts it.
	// and, for a /Span (see spanned), whether it has a left-to-right
	// piece, whether its right-to-left pieces are all punctuation, and
	// its right edge.
	head, word, n := -1, -1, 0
	var text strings.Builder
	var rest []item
	ltr, neutral, right := false, true, 0.0
	closeSeq := func() {
		switch {
		case head < 0:
		case n == 1 && items[head].actual != "":
			// A shaped run alone keeps what textItem gave it (on a
			// /Span when left to right).
		case n == 1 && !items[head].rtl && items[head].text == text.String():
			// Drawn as written (a Latin word in Hebrew text): its
			// glyphs are its text.
		default:
			items[head].actual, items[head].span = nominal(text.String()), false
			if ltr && neutral && reachable(items[len(items)-1]) {
				items[head].span = true
				items[len(items)-1].reach = right
			}
		}
		items = append(items, rest...)
		head, n, rest = -1, 0, rest[:0]
		ltr, neutral, right = false, true, 0
		text.Reset()
	}
	for _, g := range groups {
		p := pieces[g.piece]
		drawn := false
		for _, it := range placed[g.from-first : g.to-first] {
			if it.kind != itemText {
				rest = append(rest, it)
				continue
			}
			drawn = true
			if head >= 0 && words[p.Run] == word && it.tag == items[head].tag {
				it.cont = true
			} else {
				closeSeq()
				head, word = len(items), words[p.Run]
			}
			n++
			items = append(items, it)
		}
		if drawn {
			text.WriteString(runs[p.Run].Text[p.Start:p.End])
			if p.RTL {
				neutral = neutral && !strings.ContainsFunc(p.Text, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) })
			} else {
				ltr = true
			}
			right = max(right, g.x1)
		}
	}
	closeSeq()
	return items
}

// A word of a right-to-left line whose pieces are drawn in another order
// than they are seen has its /ActualText, the word as written, on a
// /Span inside its marked-content sequence when it is left-to-right
// text (digits, Latin) with punctuation that the line's direction puts
// on its other side: "17." ending a Hebrew sentence is seen ".17", its
// period at level 1 left of the digits at level 2, and so is "Acme
// Ltd." ("Ltd" then "."). poppler's pdftotext honours /ActualText on a
// /Span only, and without it read the glyphs where they are: ".17".
// It places a Span's text where the Span's first glyph drawn starts and
// its last drawn ends, and on a line of its own when that is further
// left: so
// the last glyph drawn (the period, at the word's left) is said to end
// at the word's right edge (item.reach: character spacing, which moves
// nothing drawn after it, fpdfout's Doc.TextReaching). Only then: a word
// that also has right-to-left letters ("ה-GDPR"), or brackets drawn
// mirrored, comes out of a /Span no better than from its glyphs (poppler
// reorders a Span's text as if it were in visual order), and keeps its
// /ActualText on its sequence, where pdfinfo -struct-text, which reads
// the glyphs in the order they are drawn (logical), needs none.

// reachable reports whether the last glyph that text item it draws is
// one character drawn alone, whose advance Doc.TextReaching can stretch:
// the first cluster of a right-to-left piece (drawn last, at its left),
// or a left-to-right item of one character.
func reachable(it item) bool {
	if it.glyphs != nil {
		return false
	}
	s := it.text
	if it.rtl {
		for c := range graphemes(s) {
			s = c
			break
		}
	}
	return utf8.RuneCountInString(s) == 1
}

// mirroredGlyphs returns the glyphs that draw a right-to-left piece of
// a line whose logical text is logical, in face f at size points, when
// it has a character that the piece draws mirrored (bidi.Mirror: "(" is
// drawn ")"); nil when it has none, or when the face cannot be read for
// shaping. The glyphs are in logical order (its clusters from the right
// end of the piece), each where drawing the piece's visual text would
// put it, as drawLogical draws. A mirrored character is drawn as the
// glyph of its mirror with a private-use code whose ToUnicode text is
// the character as written (fpdfout/glyphs.go), so that a reader that
// takes the text of the glyphs (pdfinfo -struct-text, pdftotext) reads
// "(בישראל)", not ")בישראל("; any other is drawn as itself.
func (r *Renderer) mirroredGlyphs(logical string, f int, size float64) []fpdfout.Glyph {
	if !strings.ContainsFunc(logical, func(c rune) bool { return bidi.Mirror(c) != c }) {
		return nil
	}
	sf, err := r.shapers[f].get()
	if err != nil {
		return nil
	}
	m := r.out.Metrics(f)
	scale := 1000 / float64(sf.UnitsPerEm())
	// The piece's clusters are its logical text's, drawn in reverse
	// order: the first starts where the rest end.
	x := r.textWidth(f, strings.Map(bidi.Mirror, logical), size)
	var gs []fpdfout.Glyph
	for cl := range graphemes(logical) {
		x -= r.textWidth(f, strings.Map(bidi.Mirror, cl), size)
		gx := x
		for _, c := range cl {
			v := bidi.Mirror(c)
			gid, ok := sf.Glyph(v)
			if !ok {
				return nil
			}
			g := fpdfout.Glyph{GID: gid, X: gx}
			if v == c {
				g.Rune, g.Width = c, m.Advance(c)
			} else {
				g.Text, g.Width = string(c), int(math.Round(float64(sf.Advance(gid))*scale))
			}
			gs = append(gs, g)
			gx += r.advance(f, v, size)
		}
	}
	return gs
}

// isolate is the bidi isolate a run of a line is drawn in
// (lineItemsBidi): none, or one of direction rtl. value tells the
// isolates of two values side by side apart.
type isolate struct {
	on, rtl bool
	value   uint16
}

// isolateOf returns the isolate a run of style st is drawn in, in a line
// of direction dir: code and addresses read left to right in a
// right-to-left line (style.ltr), and a value whose direction is not the
// document's (style.value) in its own direction.
func isolateOf(st style, dir bidi.Direction) isolate {
	switch {
	case st.ltr && dir == bidi.RightToLeft:
		return isolate{on: true}
	case st.value != 0:
		return isolate{on: true, rtl: st.valueRTL, value: st.value}
	}
	return isolate{}
}

// lineHasRTL reports whether any run of ln holds right-to-left text.
func lineHasRTL(ln line) bool {
	for _, w := range ln.words {
		for _, rn := range w.runs {
			if bidi.HasRTL(rn.text) {
				return true
			}
		}
	}
	return false
}

// nominal is the text a run's logical text stands for, its /ActualText:
// Arabic presentation forms (which shapeSpans put in) replaced by the
// letters they are forms of (NFKC; a lam-alef ligature by its two
// letters), so that copying text out of the PDF gives the letters as
// written.
func nominal(s string) string {
	if !strings.ContainsFunc(s, presentationForm) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		if presentationForm(c) {
			b.WriteString(norm.NFKC.String(string(c)))
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// presentationForm reports whether c is of the blocks Arabic Presentation
// Forms-A and -B.
func presentationForm(c rune) bool { return c >= 0xFB50 && c <= 0xFDFF || c >= 0xFE70 && c <= 0xFEFF }
