package fpdfout

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/policyexport/policyexport/fonts"
)

// conformance is what the standards pass needs besides fpdf's output:
// the standard, what the document says about itself, the codes drawn
// with each 8-bit font (by its BaseFont name), for their ToUnicode maps,
// and, per face, the characters drawn with its UTF-8 font, in order.
type conformance struct {
	std    Standard
	info   Info
	drawn8 map[string]*[256]bool
	drawn  [][]int
	// pua are, per face, the private-use codes of shaped glyphs and the
	// text each stands for (glyphs.go); nil when none.
	pua []*puaCodes
}

// conformFile is the finishing pass of --pdf-standard: it makes fpdf's
// file (after compressPages and strict, finish.go) a PDF/A and/or PDF/UA
// file as far as the writer's objects go. Tagging (structure tree, marked
// content) is not done here.
//
//   - header: %PDF-1.4 for PDF/A-1, %PDF-1.7 for the others; fpdf's
//     binary comment line stays. PDF/A-1 with ua-1 keeps /Tabs (PDF 1.5),
//     so its catalog says /Version /1.7.
//   - catalog: /Metadata (XMP, xmp.go), for PDF/A an sRGB /OutputIntents
//     entry (/S /GTS_PDFA1) whose profile is fonts.SRGBProfile; no
//     /Names when nothing is attached (fpdf always writes an empty
//     EmbeddedFiles tree, which PDF/A-1 forbids); for PDF/A-3 an /AF
//     array of the attachments.
//   - Info: dates with their time zone, equal to the XMP dates.
//   - pages: /F 4 (print) on annotations that have no flags (PDF/A); no
//     transparency /Group and, without ua-1, no /Tabs (PDF/A-1).
//   - fonts (fonts.go): subset tags and PostScript names for UTF-8 fonts,
//     ToUnicode maps of exactly the codes used, a CIDSet for PDF/A-1.
//   - attachments (PDF/A-3): non-empty /F, /AFRelationship, an
//     EmbeddedFile /Subtype (MIME type) and /Params /ModDate.
//
// The outline's counts, which PDF/A-1 also requires, are set for every
// file by strict.
func (w *Writer) conformFile(f *pdfFile, c *conformance) error {
	if err := f.setHead("%PDF-" + c.std.version()); err != nil {
		return err
	}

	cat, _, err := f.body(f.root)
	if err != nil {
		return err
	}
	cat = bytes.Clone(cat)

	// Info dates.
	info, _, err := f.body(f.info)
	if err != nil {
		return err
	}
	date := "(" + pdfDate(c.info.Date) + ")"
	info = with(with(bytes.Clone(info), "/CreationDate", date), "/ModDate", date)
	f.set(f.info, info, nil)

	// Attachments.
	if len(c.info.Attachments) == 0 {
		cat = without(cat, "/Names")
	} else if c.std.Part == 3 {
		af, err := associateFiles(f, cat, c.info)
		if err != nil {
			return err
		}
		cat = with(cat, "/AF", af)
	}

	// Metadata and output intent.
	xmp := xmpPacket(c.info, c.std)
	meta := f.add([]byte("<</Type /Metadata /Subtype /XML /Length "+strconv.Itoa(len(xmp))+">>"), xmp)
	cat = with(cat, "/Metadata", ref(meta))
	if c.std.A() {
		icc := fonts.SRGBProfile()
		prof := f.add([]byte("<</N 3 /Length "+strconv.Itoa(len(icc))+">>"), icc)
		cat = with(cat, "/OutputIntents", "[<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "+
			"/RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile "+ref(prof)+">>]")
	}

	if c.std.Part == 1 && c.std.UA {
		// PDF/A-1 is PDF 1.4 and its header says so, but PDF/UA-1 needs
		// /Tabs on pages (PDF 1.5): the catalog's /Version (PDF 1.4's way
		// to declare a later version, ISO 32000-1 §7.2.2 Table 28)
		// says what the file is.
		cat = with(cat, "/Version", "/1.7")
	}
	f.set(f.root, cat, nil)

	// Pages, fonts.
	// The objects added below (ToUnicode maps) are not visited: range
	// reads f.order once.
	for _, num := range f.order {
		// Only pages and fonts change here: fpdf writes their /Type
		// first, right after the object's first line. (Looking for three
		// strings in each object's first bytes was 2 % of a seed
		// document's time.)
		o := f.objs[num]
		body := o[bytes.IndexByte(o, '\n')+1:]
		if !bytes.HasPrefix(body, []byte("<</Type /Page\n")) && !bytes.HasPrefix(body, []byte("<</Type /Font")) {
			continue
		}
		d, stream, err := f.body(num)
		if err != nil || !bytes.HasPrefix(d, []byte("<<")) {
			continue // arrays (widths), numbers
		}
		switch {
		case bytes.HasPrefix(d, []byte("<</Type /Page\n")) && c.std.A():
			if d, err = printAnnots(f, num, d); err != nil {
				return err
			}
			if c.std.Part == 1 {
				// fpdf gives every page a transparency group once its
				// version is above 1.3; PDF/A-1 has no transparency (and
				// images with an alpha channel are refused). /Tabs, which
				// tagStructure writes, is PDF 1.5 and PDF/A-1 says 1.4;
				// PDF/UA-1 requires it, so it stays with ua-1.
				nd := d
				if get(nd, "/Group") != nil {
					nd = without(bytes.Clone(nd), "/Group")
				}
				if !c.std.UA && get(nd, "/Tabs") != nil {
					nd = without(bytes.Clone(nd), "/Tabs")
				}
				if len(nd) != len(d) {
					f.set(num, nd, nil)
				}
			}
		case bytes.Contains(d, []byte("/Subtype /Type0")):
			if err := w.conformType0(f, num, d, c); err != nil {
				return err
			}
		case bytes.Contains(d, []byte("/Subtype /TrueType")) && c.std.Unicode():
			cmap := w.cuts.cmap8(c.drawn8[string(bytes.TrimPrefix(get(d, "/BaseFont"), []byte("/")))])
			tu := f.add([]byte("<</Length "+strconv.Itoa(len(cmap))+">>"), cmap)
			f.set(num, with(bytes.Clone(d), "/ToUnicode", ref(tu)), stream)
		}
	}
	return nil
}

// type0ToUnicode is the ToUnicode map of face's UTF-8 font drawing
// codes: each code its own character, each Arabic presentation form the
// letters it is a form of, and each private-use code of a shaped glyph
// the text it stands for (glyphs.go), its presentation forms read as
// codeText reads them (an Arabic letter drawn in one glyph with its
// vowel mark, ﻤَ, stands for مَ).
func type0ToUnicode(codes []int, pua []*puaCodes, face int) []byte {
	var p *puaCodes
	if face < len(pua) {
		p = pua[face]
	}
	return toUnicodeCMap(codes, 2, func(code int) string {
		if p != nil {
			if s, ok := p.text[rune(code)]; ok {
				return puaText(s)
			}
		}
		return codeText(rune(code))
	})
}

// codeText is the text that code, drawn as itself, stands for: the code
// itself, but for an Arabic presentation form of one letter
// (internal/bidi joins Arabic letters with them), the letter, so that
// text copied or searched in the PDF is the Arabic as written (ﻧﺤﻦ
// copies out as نحن). A ligature form (lam-alef ﻻ) stays itself:
// mapped to its two letters, poppler reads them backwards in a
// right-to-left line (ال), which is worse than the ligature, whose
// NFKC form is the letters.
func codeText(code rune) string {
	if arabicForm(code) {
		if s := norm.NFKC.String(string(code)); utf8.RuneCountInString(s) == 1 {
			return s
		}
	}
	return string(code)
}

// puaText is the text a shaped glyph's private-use code stands for,
// the text s it was given with each character as codeText reads it.
func puaText(s string) string {
	if !strings.ContainsFunc(s, arabicForm) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		b.WriteString(codeText(c))
	}
	return b.String()
}

// arabicForm reports whether c is an Arabic presentation form (Unicode
// blocks Arabic Presentation Forms-A and -B; U+FEFF, the byte order
// mark at the end of -B, is none).
func arabicForm(c rune) bool {
	return c >= 0xFB50 && c <= 0xFDFF || c >= 0xFE70 && c < 0xFEFF
}

// shapedToUnicode gives, in a file without a standard, each UTF-8 font
// that draws private-use codes of shaped glyphs or Arabic presentation
// forms a ToUnicode map with their text: fpdf's maps every code to
// itself, which would copy a conjunct out as a private-use character and
// Arabic as presentation forms, which a search for the letters does not
// find. A standard's pass (conformType0) writes every font's map itself.
func shapedToUnicode(f *pdfFile, d *Doc) error {
	for _, num := range f.order {
		body, _, err := f.body(num)
		if err != nil {
			return err
		}
		if !bytes.HasPrefix(body, []byte("<</Type /Font")) || !bytes.Contains(body, []byte("/Subtype /Type0")) {
			continue
		}
		name := string(bytes.TrimPrefix(get(body, "/BaseFont"), []byte("/")))
		face, err := strconv.Atoi(strings.TrimPrefix(name, "utf8f"))
		if err != nil || face < 0 || face >= len(d.drawn) || d.drawn[face] == nil {
			continue
		}
		codes := d.drawnCodes(face)
		if (face >= len(d.pua) || d.pua[face] == nil) && !slices.ContainsFunc(codes, func(c int) bool { return arabicForm(rune(c)) }) {
			continue
		}
		cmap := type0ToUnicode(codes, d.pua, face)
		tu := f.add([]byte("<</Length "+strconv.Itoa(len(cmap))+">>"), cmap)
		f.set(num, with(bytes.Clone(body), "/ToUnicode", ref(tu)), nil)
	}
	return nil
}

// ref is an indirect reference to object num.
func ref(num int) string { return strconv.Itoa(num) + " 0 R" }

// outlineCount sets /Count on outline item (or root) num and its
// descendants, every item open, passes each item through dest, and
// returns the number of its visible descendants and the item's /Next (0
// for none). Each item's dictionary is read once (its title, a UTF-16
// string, is most of it).
func outlineCount(f *pdfFile, num int, dest func([]byte) []byte) (count, next int, err error) {
	d, _, err := f.body(num)
	if err != nil {
		return 0, 0, err
	}
	first := 0
	err = eachEntry(d, func(kstart, kend, start, end, _ int) {
		switch string(d[kstart:kend]) {
		case "/First":
			first = parseRef(d[start:end])
		case "/Next":
			next = parseRef(d[start:end])
		}
	})
	if err != nil {
		return 0, 0, err
	}
	for kid, guard := first, 0; kid != 0; guard++ {
		if guard > len(f.objs) {
			return 0, 0, fmt.Errorf("%w: outline loop", errLayout)
		}
		k, after, err := outlineCount(f, kid, dest)
		if err != nil {
			return 0, 0, err
		}
		count += 1 + k
		kid = after
	}
	nd := dest(d)
	if count > 0 || bytes.Contains(d, []byte("/Type /Outlines")) {
		nd = with(bytes.Clone(nd), "/Count", strconv.Itoa(count))
	}
	if !bytes.Equal(nd, d) {
		f.set(num, nd, nil)
	}
	return count, next, nil
}

// printAnnots gives every annotation of page object num that has no /F
// the print flag, /F 4, which PDF/A requires (ISO 19005-1 §6.5.3), and
// returns the page's dictionary. The link annotations tagStructure writes
// are indirect objects that have /F 4 already; an annotation written
// inline in /Annots is given /F 4 there.
func printAnnots(f *pdfFile, num int, page []byte) ([]byte, error) {
	annots := get(page, "/Annots")
	if len(annots) < 2 || annots[0] != '[' {
		return page, nil
	}
	var out bytes.Buffer
	out.WriteByte('[')
	inline := false
	for i := skipSpace(annots, 1); i < len(annots) && annots[i] != ']'; {
		e, err := skipValue(annots, i)
		if err != nil {
			return nil, err
		}
		a := annots[i:e]
		switch {
		case bytes.HasPrefix(a, []byte("<<")):
			if get(a, "/F") == nil {
				a, inline = with(bytes.Clone(a), "/F", "4"), true
			}
		default:
			if r := parseRef(a); r != 0 {
				d, _, err := f.body(r)
				if err != nil {
					return nil, err
				}
				if bytes.HasPrefix(d, []byte("<<")) && get(d, "/F") == nil {
					f.set(r, with(bytes.Clone(d), "/F", "4"), nil)
				}
			}
		}
		if out.Len() > 1 {
			out.WriteByte(' ')
		}
		out.Write(a)
		i = skipSpace(annots, e)
	}
	out.WriteByte(']')
	if !inline {
		return page, nil
	}
	page = with(bytes.Clone(page), "/Annots", out.String())
	f.set(num, page, nil)
	return page, nil
}

// conformType0 gives a fpdf UTF-8 font (a Type0 font, its CIDFont and
// descriptor) a tagged PostScript name, a ToUnicode map of exactly the
// codes of its subset and, for PDF/A-1, a CIDSet. fpdf names the font
// after its family ("utf8f3": face 3), cuts it to exactly the characters
// drawn with it (which the layout has made sure the face has), and uses
// those characters as its codes (Identity-H, a CIDToGIDMap from
// character to glyph): so the codes of its subset are the characters Doc
// recorded for the face.
func (w *Writer) conformType0(f *pdfFile, num int, d []byte, c *conformance) error {
	desc := parseRef(bytes.Trim(get(d, "/DescendantFonts"), "[] "))
	cid, _, err := f.body(desc)
	if err != nil {
		return err
	}
	fd := getRef(cid, "/FontDescriptor")
	descr, _, err := f.body(fd)
	if err != nil {
		return err
	}
	_, program, err := f.body(getRef(descr, "/FontFile2"))
	if err != nil {
		return err
	}
	name := string(bytes.TrimPrefix(get(d, "/BaseFont"), []byte("/")))
	face, err := strconv.Atoi(strings.TrimPrefix(name, "utf8f"))
	if err != nil || face < 0 || face >= len(c.drawn) || len(c.drawn[face]) == 0 {
		return fmt.Errorf("%w: UTF-8 font %s draws nothing recorded", errLayout, name)
	}
	codes := c.drawn[face]
	if face < len(w.faces) && w.psName(face) != "" {
		name = w.psName(face)
	}
	name = "/" + subsetTag(program) + "+" + name

	cmap := type0ToUnicode(codes, c.pua, face)
	tu := f.add([]byte("<</Length "+strconv.Itoa(len(cmap))+">>"), cmap)
	f.set(num, with(with(bytes.Clone(d), "/BaseFont", name), "/ToUnicode", ref(tu)), nil)
	f.set(desc, with(bytes.Clone(cid), "/BaseFont", name), nil)
	descr = with(bytes.Clone(descr), "/FontName", name)
	if c.std.Part == 1 {
		set := cidSet(codes)
		cs := f.add([]byte("<</Length "+strconv.Itoa(len(set))+">>"), set)
		descr = with(descr, "/CIDSet", ref(cs))
	}
	f.set(fd, descr, nil)
	return nil
}

// associateFiles makes fpdf's attachments PDF/A-3 associated files and
// returns the catalog's /AF array. fpdf lists them in the catalog's
// EmbeddedFiles name tree in the order they were given.
func associateFiles(f *pdfFile, cat []byte, info Info) (string, error) {
	names := get(get(get(cat, "/Names"), "/EmbeddedFiles"), "/Names")
	if len(names) < 2 || names[0] != '[' {
		return "", fmt.Errorf("%w: no EmbeddedFiles names", errLayout)
	}
	var specs []int
	for i := skipSpace(names, 1); i < len(names) && names[i] != ']'; {
		e, err := skipValue(names, i)
		if err != nil {
			return "", err
		}
		if r := parseRef(names[i:e]); r != 0 {
			specs = append(specs, r)
		}
		i = skipSpace(names, e)
	}
	if len(specs) != len(info.Attachments) {
		return "", fmt.Errorf("%w: %d file specifications for %d attachments", errLayout, len(specs), len(info.Attachments))
	}
	af := "["
	for i, num := range specs {
		a := info.Attachments[i]
		spec, _, err := f.body(num)
		if err != nil {
			return "", err
		}
		rel := cmp.Or(a.Relationship, "Unspecified")
		spec = with(bytes.Clone(spec), "/F", pdfString(asciiName(a.Name)))
		spec = with(spec, "/AFRelationship", "/"+rel)
		ef := getRef(get(spec, "/EF"), "/F")
		efd, data, err := f.body(ef)
		if err != nil {
			return "", err
		}
		// PDF/A-3 wants every embedded file's media type (ISO 19005-3
		// §6.8): an unknown one is application/octet-stream.
		mime := cmp.Or(a.MIME, "application/octet-stream")
		efd = with(bytes.Clone(efd), "/Subtype", pdfName(mime))
		params := get(efd, "/Params")
		if params == nil {
			params = []byte("<<>>")
		}
		params = with(bytes.Clone(params), "/ModDate", "("+pdfDate(info.Date)+")")
		params = with(params, "/Size", strconv.Itoa(len(a.Content)))
		f.set(ef, with(efd, "/Params", string(params)), data)
		f.set(num, spec, nil)
		if i > 0 {
			af += " "
		}
		af += ref(num)
	}
	return af + "]", nil
}

// asciiName is a file name for a file specification's /F, which holds
// bytes, not Unicode (/UF has the name as given): characters outside
// printable ASCII become "_".
func asciiName(s string) string {
	n := strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' {
			return '_'
		}
		return r
	}, s)
	if n == "" {
		n = "attachment"
	}
	return n
}

// pdfString is s as a PDF literal string.
func pdfString(s string) string {
	b := make([]byte, 0, len(s)+2)
	b = appendEscaped(append(b, '('), s)
	return string(append(b, ')'))
}

// pdfName is s as a PDF name, with #xx for characters names cannot hold
// ("text/markdown" is /text#2Fmarkdown).
func pdfName(s string) string {
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c > '~' || c == '#' || isDelim(c) {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
