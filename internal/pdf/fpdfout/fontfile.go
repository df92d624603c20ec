package fpdfout

import (
	"bytes"
	"fmt"
	"strconv"
)

// The 8-bit fonts are written by the finishing stage, not by fpdf. fpdf
// reads a TrueType font's definition from JSON each time a document adds
// it, 256 widths that encoding/json decodes one reflective step at a
// time (about 25 µs, 400,000 instructions a font, two fonts a seed
// document), writes the widths again with a fmt call each, and copies
// the font's file into the PDF three times over (into a string, into its
// growing output buffer, and out of it to Output's writer). So fpdf is
// told each 8-bit font is a core font of its tagged name (see
// base8.subset): it writes one object for it, a /Type1 font that names
// it, and draws with it exactly as with any other font. putFonts8, the
// finishing stage's first pass, makes that object the simple TrueType
// font PDF needs: the font dictionary (/FirstChar 32 /LastChar 255, the
// WinAnsiEncoding), and new objects for its /Widths, its descriptor and
// its compressed file, the widths and metrics made once per face (from
// the definition fpdf.MakeFont wrote, see base8.setDef), the file
// copied once.

// putFonts8 makes the core font object fpdf wrote for each 8-bit font d
// drew with the font's TrueType dictionary, and adds its widths,
// descriptor and file.
func (w *Writer) putFonts8(f *pdfFile, d *Doc) error {
	// The object fpdf writes for font name starts so, after its first
	// line ("N 0 obj").
	want := make([][]byte, len(d.added8))
	left := 0
	for i, added := range d.added8 {
		if added {
			want[i] = []byte("<</Type /Font\n/BaseFont /" + d.fonts[i].font8.name + "\n/Subtype /Type1\n")
			left++
		}
	}
	for _, num := range f.order {
		if left == 0 {
			return nil
		}
		o := f.objs[num]
		body := o[bytes.IndexByte(o, '\n')+1:]
		if !bytes.HasPrefix(body, []byte("<</Type /Font\n")) {
			continue
		}
		for i, start := range want {
			if start == nil || !bytes.HasPrefix(body, start) {
				continue
			}
			f.set(num, trueType8(f, d.fonts[i].font8), nil)
			want[i] = nil
			left--
			break
		}
	}
	if left > 0 {
		return fmt.Errorf("%w: %d 8-bit fonts not found", errLayout, left)
	}
	return nil
}

// trueType8 adds the widths, the descriptor and the file of 8-bit font
// fnt to f, and returns its font dictionary.
func trueType8(f *pdfFile, fnt *font8) []byte {
	file := f.add([]byte("<</Length "+strconv.Itoa(len(fnt.z))+"\n/Filter /FlateDecode\n/Length1 "+strconv.Itoa(fnt.size)+"\n>>"), fnt.z)
	desc := make([]byte, 0, 64+len(fnt.name)+len(fnt.base.metrics))
	desc = append(desc, "<</Type /FontDescriptor /FontName /"...)
	desc = append(desc, fnt.name...)
	desc = append(desc, ' ')
	desc = append(desc, fnt.base.metrics...)
	desc = append(desc, " /FontFile2 "...)
	desc = append(append(desc, ref(file)...), ">>"...)
	descNum := f.add(desc, nil)
	widths := f.add(fnt.base.widths, nil)
	return []byte("<</Type /Font\n/BaseFont /" + fnt.name + "\n/Subtype /TrueType\n/FirstChar 32 /LastChar 255\n/Widths " + ref(widths) +
		"\n/FontDescriptor " + ref(descNum) + "\n/Encoding /WinAnsiEncoding\n>>")
}
