package ttf_test

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// withTable returns a copy of a TrueType font with one more table, tag,
// of four bytes, at the end of the file: the table records move 16 bytes
// on to make room for its record, and so do the tables.
func withTable(font []byte, tag string) []byte {
	n := int(binary.BigEndian.Uint16(font[4:]))
	out := append([]byte(nil), font[:12+16*n]...)
	binary.BigEndian.PutUint16(out[4:], uint16(n+1))
	for i := range n {
		rec := out[12+16*i:]
		binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+16)
	}
	out = append(out, make([]byte, 16)...)
	out = append(out, font[12+16*n:]...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	rec := out[12+16*n:]
	copy(rec, tag)
	binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
	binary.BigEndian.PutUint32(rec[12:], 4)
	return append(out, 0, 0, 0, 1)
}

// TestColourFont: a font with colour glyphs (CBDT/CBLC or sbix bitmaps,
// COLR layers) is a *ColourError from Parse and Face, alone or as a face
// of a collection, and the error names the table and asks for a
// monochrome font. The same font with another table added is accepted.
func TestColourFont(t *testing.T) {
	mono := fonts.Mono().Data
	plain := withTable(mono, "DSIG")
	if _, err := ttf.Parse(plain); err != nil {
		t.Fatalf("the font with a DSIG table: %v", err)
	}
	if _, err := ttf.Face(plain, 0); err != nil {
		t.Fatalf("Face of the font with a DSIG table: %v", err)
	}
	for _, tc := range []struct{ tag, what string }{
		{"CBDT", "CBDT colour bitmaps"},
		{"CBLC", "CBDT colour bitmaps"},
		{"sbix", "sbix colour bitmaps"},
		{"COLR", "COLR colour layers"},
	} {
		font := withTable(mono, tc.tag)
		want := "a colour emoji font (" + tc.what + "): the PDF draws glyph outlines only; use a monochrome emoji font such as Symbola (Debian's fonts-symbola)"
		var ce *ttf.ColourError
		if _, err := ttf.Parse(font); !errors.As(err, &ce) || ce.What != tc.what || err.Error() != "ttf: "+want {
			t.Errorf("Parse of a font with %s: %v", tc.tag, err)
		}
		if _, err := ttf.Face(font, 0); !errors.As(err, &ce) || err.Error() != want {
			t.Errorf("Face of a font with %s: %v", tc.tag, err)
		}
		ttc := makeTTC(plain, font)
		if _, err := ttf.Face(ttc, 0); err != nil {
			t.Errorf("face 0 of a collection whose face 1 has %s: %v", tc.tag, err)
		}
		if _, err := ttf.Face(ttc, 1); !errors.As(err, &ce) || err.Error() != "face 1 is "+want {
			t.Errorf("face 1 of a collection, with %s: %v", tc.tag, err)
		}
	}
}

// TestInstalledEmojiFonts: Noto Color Emoji (Debian's
// fonts-noto-color-emoji, CBDT bitmaps and no glyf table) is refused, and
// Symbola (fonts-symbola), the monochrome font the error suggests, is
// accepted and has emoji. scripts/check installs both.
func TestInstalledEmojiFonts(t *testing.T) {
	colour := validate.File(t, "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", "fonts-noto-color-emoji")
	var ce *ttf.ColourError
	if _, err := ttf.Face(colour, 0); !errors.As(err, &ce) || ce.What != "CBDT colour bitmaps" {
		t.Errorf("Noto Color Emoji: %v", err)
	}
	symbola := validate.File(t, "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", "fonts-symbola")
	face, err := ttf.Face(symbola, 0)
	if err != nil {
		t.Fatalf("Symbola: %v", err)
	}
	m, err := ttf.Parse(face)
	if err != nil {
		t.Fatalf("Symbola: %v", err)
	}
	for _, r := range "☺✅⚠" {
		if !m.Has(r) {
			t.Errorf("Symbola has no %c (%U)", r, r)
		}
	}
}
