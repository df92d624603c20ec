package pdf

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/l10n"
)

// footers lays out the footer of every page: by default the title and
// the page number ("Page N of M" in the document's language, l10n.PageOf),
// the title at the start of the line and the number at its end (mirrored
// for a right-to-left language); with Options.FooterText, that template
// centred. Right-to-left text is shaped and reordered like body text.
func (e *emitter) footers(n int) ([][]item, error) {
	if e.r.opts.NoFooter {
		return make([][]item, n), nil
	}
	r := e.r
	left, right := r.margin.Left, r.pageW-r.margin.Right
	out := make([][]item, n)
	// The title's values whose direction is not the document's are
	// isolates, as in the title block (ast.TitleSegments).
	title := shortSegments(ast.TitleSegments(e.l.doc), maxFooterTitle)
	lang := e.l.lang
	tmpl := r.opts.FooterText
	if tmpl != "" {
		if err := checkFooterFields(tmpl, e.l.doc.Values); err != nil {
			return nil, err
		}
	}
	// The title's runs are the same on every page; only the room left by
	// "Page N of M" changes.
	var tp footerPiece
	if tmpl == "" {
		var err error
		if tp, err = e.footerPieceOf(title); err != nil {
			return nil, err
		}
	}
	for i := range n {
		page, pages := strconv.Itoa(i+1), strconv.Itoa(n)
		var items []item
		if tmpl != "" {
			p, err := e.footerPieceOf(e.footerSegments(tmpl, title, page, pages))
			if err != nil {
				return nil, err
			}
			out[i] = e.placeFooter(p, left, right-left, alignCenter, items)
			continue
		}
		label := l10n.Expand(lang.Label(l10n.PageOf), func(f string) (string, bool) {
			switch f {
			case "page":
				return page, true
			case "pages":
				return pages, true
			}
			return "", false
		})
		p, err := e.footerPiece(label)
		if err != nil {
			return nil, err
		}
		room := right - left - p.w - 8
		if lang.RTL() {
			items = e.placeFooter(p, left, p.w, alignLeft, items)
			items = e.placeFooter(tp, right-room, room, alignRight, items)
		} else {
			items = e.placeFooter(p, right-p.w, p.w, alignLeft, items)
			items = e.placeFooter(tp, left, room, alignLeft, items)
		}
		out[i] = items
	}
	return out, nil
}

// footerPiece is a text of the footer, measured: runs of left-to-right
// text, or a line holding right-to-left text, shaped.
type footerPiece struct {
	runs []run
	ln   *line
	w    float64
}

// footerSegments is the footer template tmpl (Options.FooterText) with
// its fields filled, in one pass as l10n.Expand: {title}, {page},
// {pages} and the document's values, a value whose direction is not the
// document's (bidi.NeedsIsolation, the rule the body's values follow) a
// segment of its own to isolate, as in the body: "{company}: {page}"
// with the Hebrew company "שלום" in an English document was drawn
// "1 :שלום", the page number in the Hebrew run.
func (e *emitter) footerSegments(tmpl string, title []ast.Segment, page, pages string) []ast.Segment {
	var segs []ast.Segment
	plain := func(s string) {
		if k := len(segs) - 1; k >= 0 && !segs[k].Isolate {
			segs[k].Text += s
			return
		}
		segs = append(segs, ast.Segment{Text: s})
	}
	for _, p := range l10n.Fields(tmpl) {
		switch p.Field {
		case "":
			plain(p.Text)
		case "title":
			for _, sg := range title {
				if sg.Isolate {
					segs = append(segs, sg)
				} else {
					plain(sg.Text)
				}
			}
		case "page":
			plain(page)
		case "pages":
			plain(pages)
		default:
			v, ok := e.l.doc.Values[p.Field]
			switch {
			case !ok:
				plain(p.Text)
			case bidi.NeedsIsolation(v, e.l.dir):
				segs = append(segs, ast.Segment{Text: v, Isolate: true})
			default:
				plain(v)
			}
		}
	}
	return segs
}

// footerPiece measures s in the footer's style, its spaces unbreakable.
func (e *emitter) footerPiece(s string) (footerPiece, error) {
	return e.footerPieceOf([]ast.Segment{{Text: s}})
}

// footerPieceOf is footerPiece for segments, each isolated one (a value
// whose direction is not the document's) drawn as a bidi isolate, as in
// the body (layout.valueStyle): then the text is laid out by UAX #9 in
// the document's direction even with no right-to-left letter, as a line
// of the body.
func (e *emitter) footerPieceOf(segs []ast.Segment) (footerPiece, error) {
	st := style{size: footerPt, color: colorMuted}
	isolated := false
	segs = append([]ast.Segment(nil), segs...)
	for i := range segs {
		segs[i].Text = strings.ReplaceAll(segs[i].Text, " ", "\u00a0")
		isolated = isolated || segs[i].Isolate
	}
	s := plainOf(segs)
	if isolated || bidi.HasRTL(s) {
		spans := []span{{text: s, st: st}}
		if isolated {
			spans = e.l.segmentSpans(segs, st, ast.Pos{})
		}
		ws, err := e.l.words(spans) // shaped there (prepareRTL)
		if err != nil {
			return footerPiece{}, err
		}
		lines := e.r.breakLines(ws, math.Inf(1), nil)
		if len(lines) == 0 {
			return footerPiece{}, nil
		}
		ln := lines[0]
		ln.dir = e.l.dir
		return footerPiece{ln: &ln, w: ln.w}, nil
	}
	b := wordBuilder{r: e.r}
	if err := b.addSpan(span{text: s, st: st}); err != nil {
		return footerPiece{}, err
	}
	var p footerPiece
	for _, wd := range b.finish() {
		p.runs = append(p.runs, wd.runs...)
		p.w += wd.w
	}
	return p, nil
}

// placeFooter places p on the footer line in the box from x, width wide,
// aligned al. Left-to-right text too long for the box is shortened with
// an ellipsis; right-to-left text is not shortened.
func (e *emitter) placeFooter(p footerPiece, x, width float64, al align, items []item) []item {
	r := e.r
	y := r.pageH - r.margin.Bottom/2
	if p.ln != nil {
		return e.l.lineItemsBidi(*p.ln, x, width, al, y, items)
	}
	runs, w := p.runs, p.w
	if w > width {
		runs, w = r.fit(runs, width), width
	}
	switch al {
	case alignCenter:
		x += (width - w) / 2
	case alignRight:
		x += width - w
	}
	for _, rn := range runs {
		items = append(items, r.textItem(rn, item{x: x, y: y, size: footerPt, color: colorMuted}))
		x += rn.w
	}
	return items
}

// FooterFieldError reports a field of Options.FooterText that is neither
// {title}, {page}, {pages} nor a value of the document.
type FooterFieldError struct {
	// Field is the field's name.
	Field string
}

// Error formats the error as "--footer: unknown field {x} (the fields
// are …)".
func (e *FooterFieldError) Error() string {
	return "--footer: " + l10n.UnknownFooterField(e.Field, "", "")
}

// checkFooterFields returns a *FooterFieldError for the first field of
// tmpl that is not {title}, {page}, {pages} or a name of vals.
func checkFooterFields(tmpl string, vals map[string]string) error {
	for _, f := range l10n.FooterValueFields(tmpl) {
		if _, ok := vals[f]; !ok {
			return &FooterFieldError{Field: f}
		}
	}
	return nil
}

// maxFooterTitle is the number of characters of the title that the
// footer considers: far more than fit on a line (about 160 of the
// narrowest characters at 8.5 pt), and a bound on the work per page when
// a document's title is a whole hostile heading.
const maxFooterTitle = 500

// shortTitle is s with runs of spaces collapsed to one and without
// leading and trailing space, cut after max characters with an ellipsis.
func shortTitle(s string, max int) string {
	return plainOf(shortSegments([]ast.Segment{{Text: s}}, max))
}

// shortSegments is shortTitle for the plain text of a heading cut at its
// values whose direction is not the document's (ast.PlainSegments): the
// spaces collapsed and the cut are those of the segments' text joined,
// and each isolated segment stays one of its own, but for a space at
// its edge, which goes to the text around it, and the ellipsis, which
// is never inside it.
func shortSegments(segs []ast.Segment, max int) []ast.Segment {
	var out []ast.Segment
	plain := func(s string) {
		if k := len(out) - 1; k >= 0 && !out[k].Isolate {
			out[k].Text += s
			return
		}
		out = append(out, ast.Segment{Text: s})
	}
	n, space := 0, false
	for _, sg := range segs {
		var b strings.Builder
		flush := func() {
			switch {
			case b.Len() == 0:
			case sg.Isolate:
				out = append(out, ast.Segment{Text: b.String(), Isolate: true})
			default:
				plain(b.String())
			}
		}
		for _, c := range sg.Text {
			if unicode.IsSpace(c) {
				space = n > 0
				continue
			}
			need := 1
			if space {
				need = 2
			}
			if n+need > max {
				flush()
				plain("…")
				return out
			}
			if space {
				if sg.Isolate && b.Len() == 0 {
					plain(" ")
				} else {
					b.WriteByte(' ')
				}
				space = false
			}
			b.WriteRune(c)
			n += need
		}
		flush()
	}
	return out
}

// plainOf is the text of segs joined, without isolates.
func plainOf(segs []ast.Segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
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
					out = append(out, r.makeRun(b.String(), rn.face, rn.st))
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
