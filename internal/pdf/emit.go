package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/policyexport/policyexport/internal/bidi"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
)

// epoch is the date written when Options.Date is zero.
var epoch = time.Unix(0, 0).UTC()

type anchorPos struct {
	page int
	y    float64
}

// emitter draws paginated units with fpdf.
type emitter struct {
	r       *Renderer
	l       *layout
	pdf     *fpdf.Fpdf
	face    int  // current face, -1 for none
	eight   bool // the current font is the face's 8-bit font
	size    float64
	color   rgb
	anchors map[string]anchorPos
	links   map[string]int
	added   []bool // per face: its UTF-8 font was added
	added8  []bool // per face: its 8-bit font was added
	fonts   []docFonts
}

// emit draws the pages and returns the PDF bytes.
func (r *Renderer) emit(l *layout, pages []page) ([]byte, error) {
	p := fpdf.New("P", "mm", r.paper, "")
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(r.margin.Left, r.margin.Top, r.margin.Right)
	p.SetCellMargin(0)
	p.SetCatalogSort(true)
	// Pages are compressed after Output (see compress.go).
	p.SetCompression(false)
	date := r.opts.Date
	if date.IsZero() {
		date = epoch
	}
	p.SetCreationDate(date.UTC())
	p.SetModificationDate(date.UTC())
	meta := l.doc.Meta
	// fpdf's own UTF-16 conversion takes 4-byte UTF-8 (emoji, CJK
	// extension B) for 3-byte characters and writes garbage: encode here.
	p.SetTitle(utf16Text(meta.Title), false)
	if meta.Author != "" {
		p.SetAuthor(utf16Text(meta.Author), false)
	}
	subject := meta.Subject
	if subject == "" {
		subject = meta.Description
	}
	if subject != "" {
		p.SetSubject(utf16Text(subject), false)
	}
	if len(meta.Keywords) > 0 {
		p.SetKeywords(utf16Text(strings.Join(meta.Keywords, ", ")), false)
	}
	if r.opts.Creator != "" {
		p.SetCreator(utf16Text(r.opts.Creator), false)
	}
	p.SetProducer(utf16Text(Producer), false)
	lang := meta.Lang
	if lang == "" {
		lang = "en"
	}
	p.SetLang(lang)
	if len(r.opts.Attachments) > 0 {
		as := make([]fpdf.Attachment, len(r.opts.Attachments))
		for i, a := range r.opts.Attachments {
			as[i] = fpdf.Attachment{Content: a.Content, Filename: a.Name, Description: a.Description}
		}
		p.SetAttachments(as)
	}
	e := &emitter{r: r, l: l, pdf: p, face: -1, anchors: map[string]anchorPos{}, links: map[string]int{}, added: make([]bool, len(r.faces)), added8: make([]bool, len(r.faces))}
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
	if err != nil {
		return nil, err
	}
	if e.fonts, err = r.fontsFor(pages, footers); err != nil {
		return nil, err
	}
	for _, img := range sortedImages(l.images) {
		p.RegisterImageOptionsReader(img.name, fpdf.ImageOptions{ImageType: img.typ}, bytes.NewReader(img.data))
	}
	for pi, pg := range pages {
		p.AddPage()
		e.page(pi+1, pg)
		if !r.opts.NoFooter {
			for _, it := range footers[pi] {
				e.draw(it, 0)
			}
		}
	}
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return r.compressPages(buf.Bytes())
}

func sortedImages(m map[string]*imageData) []*imageData {
	out := make([]*imageData, len(m))
	for _, img := range m {
		n, _ := strconv.Atoi(strings.TrimPrefix(img.name, "img"))
		out[n-1] = img
	}
	return out
}

// setFont selects face f at size points, through its 8-bit font when
// eight is set, else through its UTF-8 font.
func (e *emitter) setFont(f int, size float64, eight bool) {
	family := e.r.faces[f].family
	if eight {
		family = "c" + family
		if !e.added8[f] {
			// fpdf only reads an 8-bit font's definition and file, so the
			// cached ones are shared.
			fnt := e.fonts[f].font8
			e.pdf.AddFontFromBytes(family, "", fnt.def, fnt.z)
			e.added8[f] = true
		}
	} else if !e.added[f] {
		// fpdf writes into the font bytes while subsetting
		// (utf8FontFile.getMetrics appends to a slice of its input), so
		// every document gets its own copy: sharing one would be a data
		// race and would make output depend on earlier renders.
		e.pdf.AddUTF8FontFromBytes(family, "", bytes.Clone(e.fonts[f].utf8))
		e.added[f] = true
	}
	if f != e.face || eight != e.eight || size != e.size {
		e.pdf.SetFont(family, "", size)
		e.face, e.eight, e.size = f, eight, size
	}
}

// text draws s with face f at (x, y), through the face's 8-bit font when
// s is all in cp1252 (see cp1252.go).
func (e *emitter) text(f int, size float64, x, y float64, s string) {
	enc, eight := e.r.text8(f, s)
	e.setFont(f, size, eight)
	if eight {
		s = enc
	}
	e.pdf.Text(x, y, s)
}

func (e *emitter) setColor(c rgb) {
	if c != e.color {
		e.pdf.SetTextColor(c.r, c.g, c.b)
		e.color = c
	}
}

// page draws one page: decorations first, then everything else.
func (e *emitter) page(n int, pg page) {
	for i, pu := range pg.units {
		for _, d := range pu.u.decor {
			top := pu.y
			if i > 0 && hasDecor(pg.units[i-1].u, d.id) {
				prev := pg.units[i-1]
				top = prev.y + prev.u.h
			}
			e.pdf.SetFillColor(d.color.r, d.color.g, d.color.b)
			e.pdf.Rect(d.x, top, d.w, pu.y+pu.u.h-top, "F")
		}
	}
	for _, pu := range pg.units {
		for _, it := range pu.u.items {
			e.draw(it, pu.y)
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

// draw draws one item of a unit whose top is at y.
func (e *emitter) draw(it item, y float64) {
	p := e.pdf
	switch it.kind {
	case itemText:
		e.setColor(it.color)
		e.text(it.face, it.size, it.x, y+it.y, it.text)
	case itemRule:
		p.SetDrawColor(it.color.r, it.color.g, it.color.b)
		p.SetLineWidth(it.width)
		p.Line(it.x, y+it.y, it.x+it.w, y+it.y+it.h)
	case itemFill:
		p.SetFillColor(it.color.r, it.color.g, it.color.b)
		p.Rect(it.x, y+it.y, it.w, it.h, "F")
	case itemBox:
		p.SetDrawColor(it.color.r, it.color.g, it.color.b)
		p.SetLineWidth(it.width)
		p.Rect(it.x, y+it.y, it.w, it.h, "D")
	case itemLink:
		if it.uri != "" {
			p.LinkString(it.x, y+it.y, it.w, it.h, it.uri)
		} else if id, ok := e.link(it.anchor); ok {
			p.Link(it.x, y+it.y, it.w, it.h, id)
		}
	case itemImage:
		img := e.l.images[it.text]
		p.ImageOptions(img.name, it.x, y+it.y, it.w, it.h, false, fpdf.ImageOptions{ImageType: img.typ}, 0, "")
	case itemBookmark:
		// fpdf converts a title to UTF-16 itself only when the current
		// font is a UTF-8 font; otherwise it writes the bytes it gets.
		title := it.text
		if e.face < 0 || e.eight {
			title = utf16Text(title)
		}
		p.Bookmark(title, it.level, y+it.y)
	case itemPageNum:
		if a, ok := e.anchors[it.anchor]; ok {
			s := strconv.Itoa(a.page)
			_, eight := e.r.text8(it.face, digits)
			e.setFont(it.face, it.size, eight)
			e.setColor(it.color)
			p.Text(it.x+it.w-e.r.textWidth(it.face, s, it.size), y+it.y, s)
		}
	case itemDots:
		_, eight := e.r.text8(it.face, ".")
		e.setFont(it.face, it.size, eight)
		e.setColor(it.color)
		step := e.r.advance(it.face, '.', it.size) * 2.2
		// Align dots on a grid so that leaders line up down the page.
		x := e.r.margin.Left + step*float64(int((it.x-e.r.margin.Left)/step+1))
		var b strings.Builder
		start := x
		for ; x+step <= it.x+it.w; x += step {
			b.WriteString(".")
		}
		if b.Len() > 0 {
			for i, c := range b.String() {
				p.Text(start+float64(i)*step, y+it.y, string(c))
			}
		}
	case itemAnchor:
	}
}

// link returns the fpdf link for a named anchor.
func (e *emitter) link(name string) (int, bool) {
	if id, ok := e.links[name]; ok {
		return id, true
	}
	a, ok := e.anchors[name]
	if !ok {
		return 0, false
	}
	id := e.pdf.AddLink()
	e.pdf.SetLink(id, a.y, a.page)
	e.links[name] = id
	return id, true
}

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

// addTrailerID inserts a file identifier computed from the content into
// the trailer dictionary. The trailer follows the cross-reference table,
// so no byte offset changes.
func addTrailerID(pdf []byte) []byte {
	i := bytes.LastIndex(pdf, []byte("\ntrailer\n<<\n"))
	if i < 0 {
		return pdf
	}
	sum := sha256.Sum256(pdf)
	id := hex.EncodeToString(sum[:16])
	at := i + len("\ntrailer\n<<\n")
	out := make([]byte, 0, len(pdf)+80)
	out = append(out, pdf[:at]...)
	out = append(out, "/ID [<"+id+"><"+id+">]\n"...)
	return append(out, pdf[at:]...)
}
