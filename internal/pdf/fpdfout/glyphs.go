package fpdfout

import (
	"fmt"
	"slices"
	"strconv"
)

// Shaped text is drawn glyph by glyph through fpdf's UTF-8 fonts, which
// draw characters, not glyph ids: a code of such a font is a character,
// and fpdf's CIDToGIDMap takes it to the glyph the font's cmap gives it.
// A shaped glyph that a character of its text reaches through the cmap
// (most glyphs: a consonant, a vowel sign that keeps its form) is drawn
// with that character. Every other glyph (a conjunct, a ligature, a
// reordered or alternate form, a glyph of a character beyond the Basic
// Multilingual Plane) gets a private-use code of the document (U+E000
// upwards, skipping codes the face maps itself) for the text it stands
// for, in the order the layout first records it; fontsFor adds those codes to the cmap of the
// font it gives fpdf, so fpdf's CIDToGIDMap reaches the glyph and its
// /W width is the glyph's. The ToUnicode map of a standard gives each
// such code the text it stands for (pdfa.go), and the layout wraps every
// shaped run in /ActualText, so text extraction gives the text as
// written.

// Glyph is one shaped glyph as the writer draws it.
type Glyph struct {
	// GID is the glyph's id in the face.
	GID uint16
	// Rune is a character the face's cmap maps to GID (of the Basic
	// Multilingual Plane), drawn as itself; 0 when the glyph gets a
	// private-use code.
	Rune rune
	// Text is what a glyph without Rune stands for: the ToUnicode entry
	// of its private-use code. Not empty.
	Text string
	// X and Y are the glyph's origin in millimetres from the run's
	// origin, Y upwards.
	X, Y float64
	// Width is the glyph's advance in 1/1000 em as the face's hmtx gives
	// it and fpdf writes it into /W (rounded the same way).
	Width int
}

// firstPUA and lastPUA bound the private-use codes given to glyphs: the
// Private Use Area of the Basic Multilingual Plane.
const firstPUA, lastPUA = 0xE000, 0xF8FF

// puaCodes are the private-use codes of one face in one document.
type puaCodes struct {
	code map[glyphText]rune // glyph and text → its code
	gids []uint16           // by code, in order: gids[i] has the i-th code given
	gid  map[rune]uint16    // code → glyph id
	text map[rune]string    // code → ToUnicode text
	next rune               // the next code to try
}

// glyphText is a glyph standing for a text: one glyph may stand for
// different texts (a consonant drawn before the vowel sign that comes
// first in the text, see internal/pdf's drawnGlyphs), each with its own
// code.
type glyphText struct {
	gid  uint16
	text string
}

// AddGlyphs records that face f draws gs (with Doc.Glyphs): characters
// as Add records them, and a private-use code for each glyph without a
// Rune that has none yet.
func (u *Usage) AddGlyphs(f int, gs []Glyph) {
	if u.used[f] == nil {
		u.used[f] = make([]bool, 0x10000>>blockBits)
	}
	for _, g := range gs {
		if g.Rune != 0 {
			u.used[f][g.Rune>>blockBits] = true
			continue
		}
		if u.pua == nil {
			u.pua = make([]*puaCodes, len(u.w.faces))
		}
		p := u.pua[f]
		if p == nil {
			p = &puaCodes{code: map[glyphText]rune{}, gid: map[rune]uint16{}, text: map[rune]string{}, next: firstPUA}
			u.pua[f] = p
		}
		if _, ok := p.code[glyphText{g.GID, g.Text}]; ok {
			continue
		}
		for p.next <= lastPUA && u.w.Metrics(f).Has(p.next) {
			p.next++
		}
		if p.next > lastPUA {
			if u.err == nil {
				u.err = fmt.Errorf("face %d draws more glyphs without a character of their own than the %d private-use codes", f, lastPUA-firstPUA+1)
			}
			return
		}
		p.code[glyphText{g.GID, g.Text}] = p.next
		p.gid[p.next] = g.GID
		p.gids = append(p.gids, g.GID)
		p.text[p.next] = g.Text
		p.next++
	}
}

// key is the part of a cut font's cache key that the private-use codes
// make: their glyphs in order.
func (p *puaCodes) key() string {
	if p == nil {
		return ""
	}
	b := []byte{':'}
	for _, g := range p.gids {
		b = strconv.AppendUint(b, uint64(g), 36)
		b = append(b, '.')
	}
	return string(b)
}

// codes returns the private-use codes in increasing order.
func (p *puaCodes) codes() []rune {
	out := make([]rune, 0, len(p.gids))
	for c := range p.gid {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Glyphs draws shaped glyphs gs of face f at size points, the run's
// origin (its baseline) at (x, y). Consecutive glyphs are drawn as one
// string when each starts where the one before ends at its /W width and
// none is raised or lowered, else each string starts at its own
// position: the PDF places a glyph exactly where the shaper put it.
// Every glyph must have been recorded with Usage.AddGlyphs.
func (d *Doc) Glyphs(f int, size float64, x, y float64, gs []Glyph) {
	d.setFont(f, size, false)
	const ptToMM = 25.4 / 72
	var (
		s           []rune
		sx, sy, pen float64
	)
	flush := func() {
		if len(s) == 0 {
			return
		}
		str := string(s)
		d.drawUTF8(str)
		d.pdf.Text(sx, sy, str)
		s = s[:0]
	}
	for _, g := range gs {
		code := g.Rune
		if code == 0 {
			code = d.pua[f].code[glyphText{g.GID, g.Text}]
		}
		gx, gy := x+g.X, y-g.Y
		if len(s) == 0 || g.Y != 0 || gy != sy || abs(gx-pen) > 1e-6 {
			flush()
			sx, sy = gx, gy
		}
		s = append(s, code)
		pen = gx + float64(g.Width)*size*ptToMM/1000
	}
	flush()
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
