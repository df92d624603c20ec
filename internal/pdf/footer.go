package pdf

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/policyexport/policyexport/internal/bidi"
)

// footers lays out the footer of every page.
func (e *emitter) footers(n int) ([][]item, error) {
	if e.r.opts.NoFooter {
		return make([][]item, n), nil
	}
	r := e.r
	st := style{size: footerPt, color: colorMuted}
	y := r.pageH - r.margin.Bottom/2
	left, right := r.margin.Left, r.pageW-r.margin.Right
	out := make([][]item, n)
	runsOf := func(s string) ([]run, float64, error) {
		b := wordBuilder{r: r}
		if err := b.addSpan(span{text: strings.ReplaceAll(s, " ", "\u00a0"), st: st}); err != nil {
			return nil, 0, err
		}
		var runs []run
		w := 0.0
		for _, wd := range b.finish() {
			runs = append(runs, wd.runs...)
			w += wd.w
		}
		return runs, w, nil
	}
	place := func(runs []run, x float64, items []item) []item {
		for _, rn := range runs {
			items = append(items, item{kind: itemText, x: x, y: y, text: rn.text, face: rn.face, size: footerPt, color: colorMuted})
			x += rn.w
		}
		return items
	}
	title := footerTitle(e.l.title)
	// The title's runs are the same on every page; only the room left by
	// "Page N of M" changes.
	var truns []run
	var tw float64
	if r.opts.FooterText == "" && !bidi.HasRTL(title) {
		var err error
		if truns, tw, err = runsOf(title); err != nil {
			return nil, err
		}
	}
	for i := range n {
		var items []item
		if tmpl := r.opts.FooterText; tmpl != "" {
			s := strings.NewReplacer("{title}", title, "{page}", strconv.Itoa(i+1), "{pages}", strconv.Itoa(n)).Replace(tmpl)
			runs, w, err := runsOf(s)
			if err != nil {
				return nil, err
			}
			if w > right-left {
				runs, w = r.fit(runs, right-left), right-left
			}
			items = place(runs, left+(right-left-w)/2, items)
		} else {
			runs, w, err := runsOf("Page " + strconv.Itoa(i+1) + " of " + strconv.Itoa(n))
			if err != nil {
				return nil, err
			}
			items = place(runs, right-w, items)
			if bidi.HasRTL(title) {
				// Right-to-left titles are shaped and reordered like body
				// text (and not shortened).
				spans, dir, err := e.l.prepareRTL([]span{{text: strings.ReplaceAll(title, " ", "\u00a0"), st: st}})
				if err != nil {
					return nil, err
				}
				ws, err := e.l.words(spans)
				if err != nil {
					return nil, err
				}
				for _, ln := range r.breakLines(ws, math.Inf(1)) {
					ln.dir = dir
					items = e.l.lineItemsBidi(ln, left, right-left-w-8, alignLeft, y, items)
				}
				out[i] = items
				continue
			}
			runs = truns
			if room := right - left - w - 8; tw > room {
				runs = r.fit(truns, room)
			}
			items = place(runs, left, items)
		}
		out[i] = items
	}
	return out, nil
}

// maxFooterTitle is the number of characters of the title that the
// footer considers: far more than fit on a line (about 160 of the
// narrowest characters at 8.5 pt), and a bound on the work per page when
// a document's title is a whole hostile heading.
const maxFooterTitle = 500

// footerTitle is the title as the footer writes it: spaces collapsed, and
// cut after maxFooterTitle characters with an ellipsis (fit shortens it
// further to the room on the page).
func footerTitle(s string) string { return shortTitle(s, maxFooterTitle) }

// shortTitle is s with runs of spaces collapsed to one and without
// leading and trailing space, cut after max characters with an ellipsis.
func shortTitle(s string, max int) string {
	var b strings.Builder
	n, space := 0, false
	for _, c := range s {
		if unicode.IsSpace(c) {
			space = n > 0
			continue
		}
		need := 1
		if space {
			need = 2
		}
		if n+need > max {
			b.WriteRune('…')
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(c)
		n += need
	}
	return b.String()
}

// fit shortens runs to at most width, ending them with an ellipsis.
func (r *Renderer) fit(runs []run, width float64) []run {
	ell := r.advance(faceRegular, '…', footerPt)
	var out []run
	acc := 0.0
	for _, rn := range runs {
		var b strings.Builder
		for _, c := range rn.text {
			cw := r.advance(rn.face, c, rn.st.drawSize())
			if acc+cw+ell > width {
				if b.Len() > 0 {
					out = append(out, run{text: b.String(), face: rn.face, st: rn.st, w: r.textWidth(rn.face, b.String(), rn.st.drawSize())})
				}
				return append(out, run{text: "…", face: faceRegular, st: rn.st, w: ell})
			}
			acc += cw
			b.WriteRune(c)
		}
		out = append(out, rn)
	}
	return out
}
