package fpdfout

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Tagged PDF (ISO 32000-1 §14.7–14.8, PDF/UA-1). The layout names the
// structure elements (Info.Structure); while drawing, every piece of
// content is wrapped in a marked-content sequence: BeginTagged(e) writes
// "/Role <</MCID n>> BDC" with the next MCID of the page, BeginArtifact
// "/Artifact BMC", End "EMC" (through fpdf's RawWriteStr). Links are not
// given to fpdf: fpdf writes annotations as direct objects without the
// keys PDF/UA needs, so the Doc records them and the finishing pass
// writes them. What fpdf cannot write at all is added by that pass,
// tagStructure, after page compression and before the trailer ID:
//
//   - one indirect object per structure element (/K in reading order:
//     marked-content ids, child elements and OBJR references to link
//     annotations, in the order they were first drawn), the
//     StructTreeRoot, its ParentTree (every MCID of every page and every
//     annotation) and, when elements have ids, its IDTree;
//   - each link annotation as an indirect object with /F 4 (print),
//     /Contents and /StructParent (the annotations of a link drawn on
//     several lines, one a line, refer to one /Contents string and one
//     URI action);
//   - on each page /Annots, /StructParents and /Tabs /S;
//   - in the catalog /StructTreeRoot, /MarkInfo <</Marked true>> and
//     /ViewerPreferences <</DisplayDocTitle true>>;
//   - the header's version raised to 1.7 (fpdf writes 1.3).

// Elem is one element of the structure tree. Elements are named by their
// index in Info.Structure; element 0 is the root (a Document) and every
// other element's Parent comes before it.
type Elem struct {
	// Role is a standard structure type: Document, P, H1 … H6, L, LI,
	// Lbl, LBody, Table, THead, TBody, TR, TH, TD, BlockQuote, Code,
	// Link, Note, Reference, TOC, TOCI, Figure, Span.
	Role string
	// Parent is the index of the parent element.
	Parent int
	// Alt is the alternative description (/Alt) of a Figure, or what a
	// screen reader says for a Span of struck-out or changed text.
	Alt string
	// ID is the element identifier (/ID), unique in the document.
	ID string
	// Scope is a TH's /Scope: "Column" or "Row".
	Scope string
}

// k converts millimetres to points, as fpdf does for "mm".
const k = 72 / 25.4

// annot is a link annotation recorded while drawing.
type annot struct {
	page       int // 1-based
	x, y, w, h float64
	uri        string // external target, or
	dest       int    // index in Doc.dests + 1
	elem       int    // structure element (a Link); 0 for none
	contents   string
}

// dest is an internal link destination: a height on a page.
type dest struct {
	page int
	y    float64 // mm from the top
}

// kid is one entry of an element's /K: a marked-content id on a page, a
// child element, or an annotation.
type kid struct {
	page, mcid int // page is 1-based; 0 when not a marked-content id
	elem       int // child element, when page == 0 and annot < 0
	annot      int // index in Doc.annots; -1 for none
}

// tags is what a Doc records for the structure tree while drawing.
type tags struct {
	elems  []Elem
	events []event // kids in the order they were drawn (grouped by group)
	kids   [][]kid // per element, made by group
	seen   []bool  // the element is in its parent's kids
	mcids  [][]int // per page (0-based): the element of each MCID
	open   bool    // a marked-content sequence is open
	span   bool    // it holds an open /Span with /ActualText
	buf    []byte  // the BDC operator being written
}

// event is a kid given to an element.
type event struct {
	elem int
	k    kid
}

func newTags(elems []Elem) *tags {
	if len(elems) == 0 {
		return nil
	}
	// About three kids an element (its place in its parent and its
	// content) in a typical document: fewer copies while the list grows.
	return &tags{elems: elems, seen: make([]bool, len(elems)), events: make([]event, 0, 3*len(elems))}
}

// add appends k to e's kids and makes e, and each ancestor not yet
// there, a kid of its parent: kids are in the order content is drawn.
func (t *tags) add(e int, k kid) {
	t.events = append(t.events, event{e, k})
	for e != 0 && !t.seen[e] {
		t.seen[e] = true
		p := t.elems[e].Parent
		t.events = append(t.events, event{p, kid{elem: e, annot: -1}})
		e = p
	}
}

// group makes each element's kids from the events, in order, in one
// array (one slice per element would be an allocation or more for every
// element).
func (t *tags) group() {
	start := make([]int, len(t.elems)+1)
	for _, ev := range t.events {
		start[ev.elem+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	all := make([]kid, len(t.events))
	next := slices.Clone(start[:len(t.elems)])
	for _, ev := range t.events {
		all[next[ev.elem]] = ev.k
		next[ev.elem]++
	}
	t.kids = make([][]kid, len(t.elems))
	for e := range t.kids {
		t.kids[e] = all[start[e]:start[e+1]:start[e+1]]
	}
}

// placeUnseen puts elements that hold no content (an empty table cell)
// in their parents' kids after the sibling made before them, so that
// tables stay regular.
func (t *tags) placeUnseen() {
	for e := 1; e < len(t.elems); e++ {
		if t.seen[e] {
			continue
		}
		p := t.elems[e].Parent
		at := 0
		for i, k := range t.kids[p] {
			if k.page == 0 && k.annot < 0 && k.elem < e {
				at = i + 1
			}
		}
		t.kids[p] = slices.Insert(t.kids[p], at, kid{elem: e, annot: -1})
		t.seen[e] = true
	}
}

// BeginTagged starts the content of structure element e: it gets the
// next marked-content id of the page. actual, when not empty, is the
// /ActualText of the content: the text it stands for, in logical order
// (a right-to-left run). Every BeginTagged and BeginArtifact is closed by
// End.
func (d *Doc) BeginTagged(e int, actual string) { d.beginTagged(e, actual, false) }

// BeginTaggedSpan is BeginTagged for a shaped run, or a word of a
// right-to-left line drawn out of visual order ("17." seen ".17"):
// actual (not empty) is the /ActualText of a /Span inside the sequence,
// where text extraction (poppler's pdftotext) takes it instead of the
// glyphs' ToUnicode text: it honours /ActualText on a Span only.
// Right-to-left runs keep theirs on the sequence, because poppler
// reorders the text of a Span drawn right to left a second time (مرحبا
// came out as ابحرم).
func (d *Doc) BeginTaggedSpan(e int, actual string) { d.beginTagged(e, actual, true) }

// contentTag is the tag of the marked-content sequences of element e:
// its role, or for a Span (struck-out or changed text) its nearest
// ancestor's that is not one. The tag is free (the MCID ties a sequence
// to its element), and poppler takes the /ActualText of a sequence
// tagged /Span in place of its glyphs and reorders right-to-left text a
// second time (see BeginTaggedSpan): struck-out Hebrew words came out
// of pdftotext reversed, on a line of their own.
func (t *tags) contentTag(e int) string {
	for e > 0 && t.elems[e].Role == "Span" {
		e = t.elems[e].Parent
	}
	return t.elems[e].Role
}

func (d *Doc) beginTagged(e int, actual string, span bool) {
	t := d.tags
	if t == nil {
		return
	}
	if e <= 0 || e >= len(t.elems) {
		d.BeginArtifact()
		return
	}
	p := d.pdf.PageNo()
	for len(t.mcids) < p {
		t.mcids = append(t.mcids, nil)
	}
	mcid := len(t.mcids[p-1])
	t.mcids[p-1] = append(t.mcids[p-1], e)
	t.add(e, kid{page: p, mcid: mcid, annot: -1})
	// Made in a reused buffer: this runs for every drawn run.
	b := append(t.buf[:0], '/')
	b = append(b, t.contentTag(e)...)
	b = append(b, " <</MCID "...)
	b = strconv.AppendInt(b, int64(mcid), 10)
	span = span && actual != ""
	if actual != "" && !span {
		b = append(b, " /ActualText "...)
		b = append(b, textString(actual)...)
	}
	b = append(b, ">> BDC"...)
	if span {
		b = append(b, "\n/Span <</ActualText "...)
		b = append(b, textString(actual)...)
		b = append(b, ">> BDC"...)
	}
	t.buf = b
	d.writeRaw(b)
	t.open, t.span = true, span
}

// BeginArtifact starts content that is not part of the document's text:
// rules, backgrounds, borders, repeated headers, leaders.
func (d *Doc) BeginArtifact() {
	if d.tags == nil {
		return
	}
	d.pdf.RawWriteStr("/Artifact BMC")
	d.tags.open = true
}

// BeginFooter starts a page footer: a pagination artifact.
func (d *Doc) BeginFooter() {
	if d.tags == nil {
		return
	}
	d.pdf.RawWriteStr("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
	d.tags.open = true
}

// End closes the sequence BeginTagged, BeginArtifact or BeginFooter
// opened.
func (d *Doc) End() {
	if d.tags == nil || !d.tags.open {
		return
	}
	if d.tags.span {
		d.pdf.RawWriteStr("EMC")
		d.tags.span = false
	}
	d.pdf.RawWriteStr("EMC")
	d.tags.open = false
}

// LinkURI makes a rectangle a link to an external URI, part of structure
// element e (a Link; 0 for none), described by contents.
func (d *Doc) LinkURI(x, y, w, h float64, uri string, e int, contents string) {
	d.addAnnot(annot{page: d.pdf.PageNo(), x: x, y: y, w: w, h: h, uri: uri, elem: e, contents: contents})
}

// addAnnot records a link annotation, and its OBJR in its element.
func (d *Doc) addAnnot(a annot) {
	d.annots = append(d.annots, a)
	if d.tags != nil && a.elem > 0 && a.elem < len(d.tags.elems) {
		d.tags.add(a.elem, kid{annot: len(d.annots) - 1})
	} else {
		d.annots[len(d.annots)-1].elem = 0
	}
}

// NewLink makes a destination at height y of page (1-based) and returns
// its id for Link.
func (d *Doc) NewLink(page int, y float64) int {
	d.dests = append(d.dests, dest{page: page, y: y})
	return len(d.dests)
}

// Link makes a rectangle a link to a destination made by NewLink, part
// of structure element e, described by contents.
func (d *Doc) Link(x, y, w, h float64, id int, e int, contents string) {
	d.addAnnot(annot{page: d.pdf.PageNo(), x: x, y: y, w: w, h: h, dest: id, elem: e, contents: contents})
}

// errStructure reports fpdf output that tagStructure does not understand.
var errStructure = errors.New("unexpected structure of fpdf's output")

// tagStructure is the finishing pass that writes the structure tree, the
// link annotations and the keys that refer to them (see the top of this
// file) into f. t is nil for an untagged document.
func (w *Writer) tagStructure(f *pdfFile, t *tags, annots []annot, dests []dest, pageH float64) error {
	if t == nil && len(annots) == 0 {
		return nil
	}
	var pages []int // object numbers, in page order
	catalog := -1
	for num, body := range f.objs {
		if body == nil {
			continue
		}
		head := body[:min(len(body), 60)]
		switch {
		case bytes.Contains(head, []byte("<</Type /Page\n")):
			pages = append(pages, num)
		case bytes.Contains(head, []byte("/Type /Catalog\n")):
			catalog = num
		}
	}
	if catalog < 0 {
		return fmt.Errorf("tagging: %w", errStructure)
	}
	next := len(f.objs)
	alloc := func() int { next++; return next - 1 }
	annotObj := make([]int, len(annots))
	for i := range annots {
		annotObj[i] = alloc()
	}
	var root, parentTree, idTree int
	var elemObj []int
	if t != nil {
		t.group()
		t.placeUnseen()
		root, parentTree = alloc(), alloc()
		elemObj = make([]int, len(t.elems))
		for i := range t.elems {
			elemObj[i] = alloc()
		}
	}
	var extra bytes.Buffer
	n := len(annots)
	if t != nil {
		n += len(t.elems)
	}
	extra.Grow(160*n + 4096)
	pageRefs := make([]string, len(pages))
	for i, num := range pages {
		pageRefs[i] = strconv.Itoa(num) + " 0 R"
	}
	pageRef := func(p int) string { return pageRefs[p-1] }
	// ref writes "num 0 R" (there are many: no strings made).
	var num []byte
	ref := func(n int) {
		num = strconv.AppendInt(num[:0], int64(n), 10)
		extra.Write(num)
		extra.WriteString(" 0 R")
	}
	// The new objects, in the order they are written into extra.
	type placed struct{ num, off int }
	written := make([]placed, 0, n+4)
	obj := func(num int) {
		written = append(written, placed{num, extra.Len()})
		extra.WriteString(strconv.Itoa(num) + " 0 obj\n")
	}
	// Annotations. A link drawn on several lines is an annotation a
	// line, and they all say the same: such a link's /Contents and URI
	// action are written once, as indirect objects its annotations refer
	// to, so that its bytes grow with its text, not with its text times
	// its lines (a 100 KB value as a link's text took 1,695 lines, each
	// annotation holding all of it: a PDF of 171 MB).
	var contentsRef, actionRef int // the objects of the link being written; 0 for none
	perPage := make([][]int, len(pages))
	for i, a := range annots {
		if a.page < 1 || a.page > len(pages) {
			return fmt.Errorf("tagging: link on page %d of %d", a.page, len(pages))
		}
		first := i == 0 || !sameLink(annots[i-1], a)
		if first {
			contentsRef, actionRef = 0, 0
			if i+1 < len(annots) && sameLink(a, annots[i+1]) {
				if a.contents != "" {
					contentsRef = alloc()
				}
				if a.dest == 0 {
					actionRef = alloc()
				}
			}
		}
		perPage[a.page-1] = append(perPage[a.page-1], annotObj[i])
		obj(annotObj[i])
		hPt := pageH * k
		// The rectangle's lower left corner, then its upper right (ISO
		// 32000-1 §7.9.5; a reader puts other corners in order itself).
		fmt.Fprintf(&extra, "<</Type /Annot /Subtype /Link /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0] /F 4 /P %s",
			a.x*k, hPt-(a.y+a.h)*k, (a.x+a.w)*k, hPt-a.y*k, pageRef(a.page))
		switch {
		case contentsRef > 0:
			extra.WriteString(" /Contents ")
			ref(contentsRef)
		case a.contents != "":
			extra.WriteString(" /Contents " + textString(a.contents))
		}
		if t != nil && a.elem > 0 {
			fmt.Fprintf(&extra, " /StructParent %d", len(pages)+i)
		}
		switch {
		case a.dest > 0:
			d := dests[a.dest-1]
			fmt.Fprintf(&extra, " /Dest [%s /XYZ 0 %.2f null]>>\nendobj\n", pageRef(d.page), hPt-d.y*k)
		case actionRef > 0:
			extra.WriteString(" /A ")
			ref(actionRef)
			extra.WriteString(">>\nendobj\n")
		default:
			extra.WriteString(" /A " + uriAction(a.uri) + ">>\nendobj\n")
		}
		if first && contentsRef > 0 {
			obj(contentsRef)
			extra.WriteString(textString(a.contents) + "\nendobj\n")
		}
		if first && actionRef > 0 {
			obj(actionRef)
			extra.WriteString(uriAction(a.uri) + "\nendobj\n")
		}
	}
	if t != nil {
		// The structure elements.
		var ids []int
		for e, el := range t.elems {
			obj(elemObj[e])
			extra.WriteString("<</Type /StructElem /S /" + el.Role)
			extra.WriteString(" /P ")
			if e == 0 {
				ref(root)
			} else {
				ref(elemObj[el.Parent])
			}
			pg := 0
			for _, k := range t.kids[e] {
				if k.page > 0 {
					pg = k.page
					break
				}
			}
			if pg > 0 {
				extra.WriteString(" /Pg " + pageRef(pg))
			}
			if el.Alt != "" {
				extra.WriteString(" /Alt " + textString(el.Alt))
			}
			if el.ID != "" {
				extra.WriteString(" /ID " + textString(el.ID))
				ids = append(ids, e)
			}
			if el.Scope != "" {
				extra.WriteString(" /A <</O /Table /Scope /" + el.Scope + ">>")
			}
			extra.WriteString(" /K [")
			for i, k := range t.kids[e] {
				if i > 0 {
					extra.WriteByte(' ')
				}
				switch {
				case k.annot >= 0:
					a := annots[k.annot]
					extra.WriteString("<</Type /OBJR /Obj " + strconv.Itoa(annotObj[k.annot]) + " 0 R /Pg " + pageRef(a.page) + ">>")
				case k.page == pg && k.page > 0:
					num = strconv.AppendInt(num[:0], int64(k.mcid), 10)
					extra.Write(num)
				case k.page > 0:
					extra.WriteString("<</Type /MCR /Pg " + pageRef(k.page) + " /MCID " + strconv.Itoa(k.mcid) + ">>")
				default:
					ref(elemObj[k.elem])
				}
			}
			extra.WriteString("]>>\nendobj\n")
		}
		if len(ids) > 0 {
			idTree = alloc()
			slices.SortFunc(ids, func(a, b int) int { return strings.Compare(t.elems[a].ID, t.elems[b].ID) })
			obj(idTree)
			extra.WriteString("<</Names [")
			for i, e := range ids {
				if i > 0 {
					extra.WriteByte(' ')
				}
				extra.WriteString(textString(t.elems[e].ID) + " " + strconv.Itoa(elemObj[e]) + " 0 R")
			}
			extra.WriteString("]>>\nendobj\n")
		}
		// The root and its parent tree.
		obj(root)
		extra.WriteString("<</Type /StructTreeRoot /K [" + strconv.Itoa(elemObj[0]) + " 0 R] /ParentTree " + strconv.Itoa(parentTree) + " 0 R")
		fmt.Fprintf(&extra, " /ParentTreeNextKey %d", len(pages)+len(annots))
		if idTree > 0 {
			extra.WriteString(" /IDTree " + strconv.Itoa(idTree) + " 0 R")
		}
		extra.WriteString(">>\nendobj\n")
		obj(parentTree)
		extra.WriteString("<</Nums [")
		for p := range pages {
			if p > 0 {
				extra.WriteByte(' ')
			}
			extra.WriteString(strconv.Itoa(p) + " [")
			if p < len(t.mcids) {
				for i, e := range t.mcids[p] {
					if i > 0 {
						extra.WriteByte(' ')
					}
					ref(elemObj[e])
				}
			}
			extra.WriteString("]")
		}
		for i, a := range annots {
			if a.elem > 0 {
				extra.WriteString(" " + strconv.Itoa(len(pages)+i) + " " + strconv.Itoa(elemObj[a.elem]) + " 0 R")
			}
		}
		extra.WriteString("]>>\nendobj\n")
	}
	// The catalog and the pages refer to them.
	at := bytes.Index(f.objs[catalog], []byte("/Type /Catalog\n"))
	if at < 0 {
		return fmt.Errorf("tagging: %w", errStructure)
	}
	at += len("/Type /Catalog\n")
	add := "/ViewerPreferences <</DisplayDocTitle true>>\n"
	if t != nil {
		add += "/StructTreeRoot " + strconv.Itoa(root) + " 0 R\n/MarkInfo <</Marked true>>\n"
	}
	f.objs[catalog] = slices.Concat(f.objs[catalog][:at], []byte(add), f.objs[catalog][at:])
	var keys []byte
	for p, num := range pages {
		body := f.objs[num]
		at := bytes.Index(body, []byte("/Contents "))
		if at < 0 {
			return fmt.Errorf("tagging: %w", errStructure)
		}
		keys = keys[:0]
		if len(perPage[p]) > 0 {
			keys = append(keys, "/Annots ["...)
			for i, o := range perPage[p] {
				if i > 0 {
					keys = append(keys, ' ')
				}
				keys = strconv.AppendInt(keys, int64(o), 10)
				keys = append(keys, " 0 R"...)
			}
			keys = append(keys, "]\n"...)
		}
		if t != nil {
			keys = append(keys, "/StructParents "...)
			keys = strconv.AppendInt(keys, int64(p), 10)
			keys = append(keys, "\n/Tabs /S\n"...)
		}
		f.objs[num] = slices.Concat(body[:at], keys, body[at:])
	}
	// The new objects go after fpdf's, in the order they were written.
	f.objs = append(f.objs, make([][]byte, next-len(f.objs))...)
	all := extra.Bytes()
	for i, o := range written {
		end := len(all)
		if i+1 < len(written) {
			end = written[i+1].off
		}
		f.objs[o.num] = all[o.off:end:end]
		f.order = append(f.order, o.num)
	}
	// fpdf writes the lowest version its own features need (1.3), but
	// marked content, /Tabs and /ActualText are PDF 1.5, and PDF/UA-1 is
	// built on PDF 1.7: say 1.7.
	if v := f.version(); t != nil && v >= 0 && v < 7 {
		if err := f.setHead("%PDF-1.7"); err != nil {
			return err
		}
	}
	return nil
}

// sameLink reports whether annotations a and b are two lines of one
// link: of one structure element, to one target, saying the same.
func sameLink(a, b annot) bool {
	return a.elem == b.elem && a.uri == b.uri && a.dest == b.dest && a.contents == b.contents
}

// uriAction is the action dictionary that opens uri.
func uriAction(uri string) string {
	return "<</S /URI /URI " + textString(uri) + ">>"
}

// textString is s as a PDF text string: a literal string when s is
// printable ASCII, else UTF-16BE with a byte order mark, in hex.
func textString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		return pdfString(s)
	}
	const hexDigits = "0123456789ABCDEF"
	u := utf16Text(s)
	b := make([]byte, 0, 2+2*len(u))
	b = append(b, '<')
	for i := 0; i < len(u); i++ {
		b = append(b, hexDigits[u[i]>>4], hexDigits[u[i]&15])
	}
	return string(append(b, '>'))
}
