package ttf

import (
	"encoding/binary"
	"fmt"
)

// colourTables are the tables that hold a colour font's glyphs, with what
// they hold. A font with one of them draws its glyphs (emoji, mostly) in
// colour from that table, and has no outlines for them, or blank or
// stand-in ones: Noto Color Emoji (CBDT) has no glyf table at all, and the
// base glyphs of a COLR font are commonly empty. fpdf embeds and draws glyf
// outlines only, in one colour, so such a font would draw blank or wrong
// glyphs without a word.
var colourTables = []struct{ tag, what string }{
	{"CBDT", "CBDT colour bitmaps"},
	{"CBLC", "CBDT colour bitmaps"},
	{"sbix", "sbix colour bitmaps"},
	{"COLR", "COLR colour layers"},
}

// ColourError is the error for a colour font (see colourTables): the PDF
// draws glyph outlines only.
type ColourError struct {
	// What names the colour table and what it holds: "CBDT colour bitmaps".
	What string
}

// Error says what the font is, why the PDF cannot use it and what to use
// instead.
func (e *ColourError) Error() string {
	return fmt.Sprintf("a colour emoji font (%s): the PDF draws glyph outlines only; use a monochrome emoji font such as Symbola (Debian's fonts-symbola)", e.What)
}

// checkColour returns a *ColourError if the table directory at dir (the
// offset of an sfnt header: version, numTables, then the table records)
// names a colour table, else nil. A directory that does not fit in data
// is left to the caller to refuse.
func checkColour(data []byte, dir uint64) error {
	if dir+12 > uint64(len(data)) {
		return nil
	}
	n := uint64(binary.BigEndian.Uint16(data[dir+4:]))
	for i := range n {
		rec := dir + 12 + 16*i
		if rec+4 > uint64(len(data)) {
			return nil
		}
		tag := string(data[rec : rec+4])
		for _, c := range colourTables {
			if tag == c.tag {
				return &ColourError{What: c.what}
			}
		}
	}
	return nil
}
