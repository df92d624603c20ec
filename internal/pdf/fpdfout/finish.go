package fpdfout

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strconv"
)

// finish is the finishing stage: it takes the file as fpdf wrote it and
// returns the file policyexport writes. It is the one place where fpdf's
// objects are rewritten: the file is split into objects once (pdfFile,
// pdfobj.go), each pass edits or adds objects in that one model, and the
// file is written once, at the end, with its cross-reference table and
// its trailer /ID. The passes, in order:
//
//  1. putFonts8: the 8-bit fonts, which fpdf was told are core fonts
//     (fontfile.go);
//  2. compressPages: page content streams compressed with reused zlib
//     writers (compress.go);
//  3. tagStructure: the structure tree of a tagged PDF, the link
//     annotations (indirect objects with /F 4, /Contents, /StructParent)
//     and the catalog and page keys that refer to them (structtree.go);
//  4. strict, for every file: what ISO 32000-1 requires and fpdf does
//     not write, as "pdfcpu validate -m strict" reads it: outline counts
//     and outline destinations;
//  5. conform, with a --pdf-standard only (c not nil): XMP metadata,
//     output intent, fonts, associated files (pdfa.go); without one,
//     the ToUnicode maps of fonts that draw shaped glyphs'
//     private-use codes or Arabic presentation forms (shapedToUnicode);
//  6. write: the objects in order, a new cross-reference table, and the
//     trailer's /ID, a hash of the file without it, so that the ID
//     covers every pass.
//
// Until then, objects no pass changed are slices of fpdf's output: the
// file is copied once, not once per pass. (The passes used to read fpdf's
// object table with two readers and copy the whole file four times: the
// merge took internal/pdf's BenchmarkTagging from 1.50 to 1.31 MB
// allocated per tagged seed and from 76 to 67 MB per tagged 300 KB
// document under a-3u,ua-1, with the same bytes out.)
func (w *Writer) finish(raw []byte, d *Doc, pageH float64, c *conformance) (out []byte, sum [sha256.Size]byte, err error) {
	f, err := splitFile(raw)
	if err != nil {
		return nil, sum, fmt.Errorf("finishing: %w", err)
	}
	if err := w.putFonts8(f, d); err != nil {
		return nil, sum, fmt.Errorf("finishing: %w", err)
	}
	if err := w.compressPages(f); err != nil {
		return nil, sum, err
	}
	if err := w.tagStructure(f, d.tags, d.annots, d.dests, pageH); err != nil {
		return nil, sum, err
	}
	if err := strict(f); err != nil {
		return nil, sum, fmt.Errorf("finishing: %w", err)
	}
	if c != nil {
		if err := w.conformFile(f, c); err != nil {
			return nil, sum, fmt.Errorf("PDF standard %s: %w", c.std, err)
		}
	} else {
		if err := shapedToUnicode(f, d); err != nil {
			return nil, sum, fmt.Errorf("finishing: %w", err)
		}
		if d.info.Date.IsZero() {
			// fpdf writes the clock's time for the zero time.Time,
			// which is 0001-01-01, a date a PDF can hold (a standard
			// writes its own dates: conformFile).
			info, _, err := f.body(f.info)
			if err != nil {
				return nil, sum, fmt.Errorf("finishing: %w", err)
			}
			date := "(D:" + d.info.Date.Format("20060102150405") + ")"
			f.set(f.info, with(with(bytes.Clone(info), "/CreationDate", date), "/ModDate", date), nil)
		}
	}
	if out, sum, err = f.write(true); err != nil {
		return nil, sum, fmt.Errorf("finishing: %w", err)
	}
	return out, sum, nil
}

// strict makes fpdf's objects what ISO 32000-1 requires, for every file
// (pdfcpu's strict validation reports each of these on fpdf's output):
//
//   - outline: /Count on the root and on every item with children, all
//     open. fpdf writes /Count 0 on an item with children, and 12.3.3
//     (Table 153) gives an item with children a non-zero count (an open
//     item's count is the number of its visible descendants).
//   - destinations: the page of each outline item's /Dest is the page
//     object. fpdf refers to page n as object 1+2n, which it is only when
//     nothing is attached: attachments are written first, and every
//     destination then named an embedded file's object. (Link
//     annotations are written by tagStructure, with the page objects.)
//   - header: %PDF-1.7 when files are attached. fpdf writes %PDF-1.3
//     (1.4 once a page has transparency), but the catalog's EmbeddedFiles
//     name tree is PDF 1.4 (Table 31) and the /UF that fpdf writes in a
//     file specification PDF 1.7 (Table 44). tagStructure already says
//     1.7 for a tagged file; a standard sets its own version after this
//     pass (conformFile).
func strict(f *pdfFile) error {
	cat, _, err := f.body(f.root)
	if err != nil {
		return err
	}
	if names := get(get(get(cat, "/Names"), "/EmbeddedFiles"), "/Names"); bytes.Contains(names, []byte(" R")) {
		if v := f.version(); v >= 0 && v < 7 {
			if err := f.setHead("%PDF-1.7"); err != nil {
				return err
			}
		}
	}
	o := getRef(cat, "/Outlines")
	if o == 0 {
		return nil
	}
	pages, _, err := f.body(getRef(cat, "/Pages"))
	if err != nil {
		return err
	}
	var kids []int // page objects in page order
	for k := bytes.Fields(bytes.Trim(get(pages, "/Kids"), "[]")); len(k) >= 3; k = k[3:] {
		kids = append(kids, parseRef(bytes.Join(k[:3], []byte(" "))))
	}
	dest := func(d []byte) []byte {
		a := bytes.Fields(bytes.Trim(get(d, "/Dest"), "[]"))
		if len(a) < 3 {
			return d
		}
		r := parseRef(bytes.Join(a[:3], []byte(" ")))
		n := (r - 1) / 2 // the page fpdf meant, from 1
		if r%2 == 0 || n < 1 || n > len(kids) || kids[n-1] == r {
			return d
		}
		a[0] = []byte(strconv.Itoa(kids[n-1]))
		return with(bytes.Clone(d), "/Dest", "["+string(bytes.Join(a, []byte(" ")))+"]")
	}
	_, _, err = outlineCount(f, o, dest)
	return err
}
