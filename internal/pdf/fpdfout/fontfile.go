package fpdfout

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
)

// fpdf copies an 8-bit font's file into the PDF as it gets it, three
// times over (into a string, into its growing output buffer, and out of
// it to Output's writer), and the finishing stage copies it once more
// when it writes the file. The font files are most of a short document's
// bytes (29 of the seed's 62 KB), so fpdf gets a short placeholder for
// each (fontFilePlaceholder), and putFontFiles, the finishing stage's
// first pass, puts the compressed font in its place: the bytes fpdf
// would have written with the font, copied once.

// fontFilePlaceholder is what fpdf gets as the file of the 8-bit font of
// fpdf family name family: no font program ends its stream so.
func fontFilePlaceholder(family string) []byte {
	return []byte("%policyexport: the font file of " + family + "\n%%EOF")
}

// putFontFiles replaces the placeholder stream of each 8-bit font d gave
// fpdf by the font's compressed file, and its /Length by the file's.
func (w *Writer) putFontFiles(f *pdfFile, d *Doc) error {
	// The ends of the objects still to find, by face: fpdf writes a
	// stream "stream\n" + data + "\nendstream\nendobj\n".
	want := make([][]byte, len(d.added8))
	left := 0
	for i, added := range d.added8 {
		if added {
			want[i] = slices.Concat([]byte("stream\n"), fontFilePlaceholder(w.faces[i].names.eight), []byte("\nendstream\nendobj\n"))
			left++
		}
	}
	for _, num := range f.order {
		if left == 0 {
			return nil
		}
		o := f.objs[num]
		for i, end := range want {
			if end == nil || len(o) > len(end)+200 || !bytes.HasSuffix(o, end) {
				continue
			}
			dict, _, err := f.body(num)
			if err != nil {
				return err
			}
			z := d.fonts[i].font8.z
			f.set(num, with(bytes.Clone(dict), "/Length", strconv.Itoa(len(z))), z)
			want[i] = nil
			left--
			break
		}
	}
	if left > 0 {
		return fmt.Errorf("%w: %d 8-bit font files not found", errLayout, left)
	}
	return nil
}
