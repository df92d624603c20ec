package pdf

import (
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
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
func needsShaping(c rune) bool {
	return c >= 0x0620 && c <= 0x064A || c >= 0x066E && c <= 0x06D3 || c == 0x06D5 ||
		c == 0x06EE || c == 0x06EF || c >= 0x06FA && c <= 0x06FC || c == 0x06FF || c >= 0x0750 && c <= 0x077F || c >= 0x08A0 && c <= 0x08C9
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
// (emit.go's drawLogical) with its logical text as /ActualText; a
// left-to-right one (Latin, and digits, European and Arabic-Indic alike,
// which are left to right inside right-to-left text) as it is. Their
// items are then put back in logical order (a run's items stay
// together), which is the order they are drawn in: the structure tree
// lists content in the order it is drawn, and its order is reading
// order (PDF/UA), so "A B" in Hebrew is read A, B although B is drawn to
// the left of A.
func (l *layout) lineItemsBidi(ln line, x, width float64, al align, base float64, items []item) []item {
	// A run's Style is its index in runs, so that a piece says which
	// logical run it comes from; styles[i] is run i's.
	var styles []runStyle
	var runs []bidi.Run
	for wi, w := range ln.words {
		for _, rn := range w.runs {
			runs = append(runs, bidi.Run{Text: rn.text, Style: len(runs)})
			styles = append(styles, runStyle{rn.face, rn.st})
		}
		if wi < len(ln.words)-1 && w.space > 0 {
			runs = append(runs, bidi.Run{Text: " ", Style: len(runs)})
			styles = append(styles, runStyle{preferredFace(w.spaceSt), w.spaceSt})
		}
	}
	pieces := bidi.Pieces(runs, ln.dir)
	switch {
	case al == alignRight || ln.dir == bidi.RightToLeft && al != alignCenter:
		x += width - ln.w
	case al == alignCenter:
		x += (width - ln.w) / 2
	}
	first := len(items)
	type group struct{ run, from, to int } // the items [from, to) of a piece of logical run run
	groups := make([]group, 0, len(pieces))
	for _, p := range pieces {
		groups = append(groups, group{run: p.Run, from: len(items)})
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
		if p.Text == " " {
			if rs.st.link != "" {
				items = append(items, l.linkItem(rs.st, x, base, w))
			}
		} else {
			at := len(items)
			items = l.runItems(rn, x, base, items)
			if p.RTL && rn.glyphs == nil {
				items[at].actual = nominal(logical)
				items[at].rtl = true
			}
		}
		x += w
		groups[len(groups)-1].to = len(items)
	}
	slices.SortStableFunc(groups, func(a, b group) int { return a.run - b.run })
	placed := slices.Clone(items[first:])
	items = items[:first]
	for _, g := range groups {
		items = append(items, placed[g.from-first:g.to-first]...)
	}
	return items
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
