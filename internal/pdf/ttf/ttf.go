// Package ttf reads the few TrueType tables the PDF layout needs: which
// characters a font maps (cmap format 4, the table fpdf draws with) and
// their advance widths (hmtx), in the same 1/1000-em units and rounding
// fpdf writes into the PDF's /W array, so that measured and drawn widths
// agree.
//
// It owns read-only metrics, and Face, which copies one face of a
// TrueType collection (.ttc) into a font file of its own (fpdf embeds
// single fonts only). Both refuse what fpdf cannot embed or draw: CFF
// outlines (ErrCFF) and colour fonts (ColourError). It never draws, subsets or modifies a font's
// tables, and a Metrics value is immutable after Parse, so it is safe to
// share between goroutines.
package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Metrics are the per-character metrics of one font.
type Metrics struct {
	// widths[r] is the advance of rune r in 1/1000 em plus one; zero means
	// the font has no glyph for r. Only the Basic Multilingual Plane is
	// covered: fpdf cannot draw anything else.
	widths []uint16
	// Ascent and Descent are hhea's ascender and descender in 1/1000 em
	// (Descent is negative).
	Ascent, Descent int
	// UnitsPerEm is head.unitsPerEm.
	UnitsPerEm int
	// Bold and Italic are the face's style, as a font menu groups faces:
	// bold when OS/2 says so (fsSelection's BOLD bit, or a weight class
	// of 600 or more) or head.macStyle does; italic when OS/2's
	// fsSelection has ITALIC or OBLIQUE, or head.macStyle has italic.
	Bold, Italic bool
}

// Has reports whether the font has a glyph for r.
func (m *Metrics) Has(r rune) bool {
	return r >= 0 && int(r) < len(m.widths) && m.widths[r] != 0
}

// Advance returns the advance width of r in 1/1000 em, or 0 when the font
// has no glyph for r.
func (m *Metrics) Advance(r rune) int {
	if r < 0 || int(r) >= len(m.widths) || m.widths[r] == 0 {
		return 0
	}
	return int(m.widths[r]) - 1
}

// Runes returns every rune the font maps, in increasing order.
func (m *Metrics) Runes() []rune {
	var out []rune
	for r, w := range m.widths {
		if w != 0 {
			out = append(out, rune(r))
		}
	}
	return out
}

type table struct{ off, len uint32 }

type reader struct {
	data   []byte
	tables map[string]table
}

func (rd *reader) table(tag string) ([]byte, error) {
	t, ok := rd.tables[tag]
	if !ok {
		return nil, fmt.Errorf("no %q table", tag)
	}
	end := uint64(t.off) + uint64(t.len)
	if end > uint64(len(rd.data)) {
		return nil, fmt.Errorf("%q table extends past the end of the file", tag)
	}
	return rd.data[t.off:end], nil
}

// Parse reads the metrics of a TrueType font. It fails for OpenType/CFF
// fonts (ErrCFF), font collections (Face takes one face out of one),
// colour fonts (*ColourError), and fonts without a Unicode cmap of format
// 4, because fpdf cannot embed or draw those.
func Parse(data []byte) (*Metrics, error) {
	if len(data) < 12 {
		return nil, errors.New("ttf: file too short")
	}
	switch v := binary.BigEndian.Uint32(data); v {
	case tagTrueType, tagApple:
	case tagCFF:
		return nil, fmt.Errorf("ttf: %w", ErrCFF)
	case tagTTC:
		return nil, errors.New("ttf: a font collection (.ttc): choose one of its faces with Face (--font FILE.ttc#N)")
	default:
		return nil, errors.New("ttf: not a TrueType font")
	}
	rd, err := directory(data)
	if err != nil {
		return nil, err
	}
	if err := checkColour(data, 0); err != nil {
		return nil, fmt.Errorf("ttf: %w", err)
	}
	m := &Metrics{}
	head, err := rd.table("head")
	if err != nil || len(head) < 54 {
		return nil, fmt.Errorf("ttf: bad head table: %v", err)
	}
	m.UnitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	if m.UnitsPerEm == 0 {
		return nil, errors.New("ttf: unitsPerEm is zero")
	}
	macStyle := binary.BigEndian.Uint16(head[44:])
	m.Bold, m.Italic = macStyle&1 != 0, macStyle&2 != 0
	if os2, err := rd.table("OS/2"); err == nil && len(os2) >= 64 {
		weight, sel := binary.BigEndian.Uint16(os2[4:]), binary.BigEndian.Uint16(os2[62:])
		m.Bold = m.Bold || sel&0x20 != 0 || weight >= 600
		m.Italic = m.Italic || sel&0x201 != 0
	}
	scale := 1000 / float64(m.UnitsPerEm)
	hhea, err := rd.table("hhea")
	if err != nil || len(hhea) < 36 {
		return nil, fmt.Errorf("ttf: bad hhea table: %v", err)
	}
	m.Ascent = int(math.Round(float64(int16(binary.BigEndian.Uint16(hhea[4:]))) * scale))
	m.Descent = int(math.Round(float64(int16(binary.BigEndian.Uint16(hhea[6:]))) * scale))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	hmtx, err := rd.table("hmtx")
	if err != nil {
		return nil, fmt.Errorf("ttf: %w", err)
	}
	if numHMetrics == 0 || 4*numHMetrics > len(hmtx) {
		return nil, errors.New("ttf: bad hmtx table")
	}
	advance := func(gid int) int {
		if gid >= numHMetrics {
			gid = numHMetrics - 1
		}
		aw := int(binary.BigEndian.Uint16(hmtx[4*gid:]))
		if aw >= 1<<15 {
			aw = 0
		}
		return int(math.Round(scale * float64(aw)))
	}
	sub, err := rd.unicodeCmap()
	if err != nil {
		return nil, err
	}
	m.widths = make([]uint16, 0x10000)
	if err := eachMapping(sub, func(r rune, gid int) {
		if gid == 0 || r == 0 || r == 0xFFFF {
			return
		}
		w := advance(gid)
		if w > 0xFFFE {
			w = 0xFFFE
		}
		m.widths[r] = uint16(w + 1)
	}); err != nil {
		return nil, fmt.Errorf("ttf: %w", err)
	}
	return m, nil
}

// directory reads the table directory of a TrueType font file.
func directory(data []byte) (*reader, error) {
	if len(data) < 12 {
		return nil, errors.New("ttf: file too short")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, errors.New("ttf: truncated table directory")
	}
	rd := &reader{data: data, tables: make(map[string]table, n)}
	for i := range n {
		rec := data[12+16*i:]
		rd.tables[string(rec[:4])] = table{binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])}
	}
	return rd, nil
}

// unicodeCmap returns the font's Unicode cmap subtable of format 4, the
// one fpdf uses (format4).
func (rd *reader) unicodeCmap() ([]byte, error) {
	cmap, err := rd.table("cmap")
	if err != nil {
		return nil, fmt.Errorf("ttf: %w", err)
	}
	sub, err := format4(cmap)
	if err != nil {
		return nil, fmt.Errorf("ttf: %w", err)
	}
	return sub, nil
}

// format4 returns the first Unicode (platform 0, or 3/1) subtable of
// format 4, the one fpdf uses.
func format4(cmap []byte) ([]byte, error) {
	if len(cmap) < 4 {
		return nil, errors.New("short cmap table")
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform := binary.BigEndian.Uint16(cmap[rec:])
		encoding := binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if !(platform == 0 || platform == 3 && encoding == 1) || off+14 > len(cmap) {
			continue
		}
		if binary.BigEndian.Uint16(cmap[off:]) == 4 {
			length := int(binary.BigEndian.Uint16(cmap[off+2:]))
			if off+length > len(cmap) {
				length = len(cmap) - off
			}
			return cmap[off : off+length], nil
		}
	}
	return nil, errors.New("no Unicode cmap of format 4")
}

func eachMapping(sub []byte, fn func(r rune, gid int)) error {
	if len(sub) < 14 {
		return errors.New("short cmap subtable")
	}
	segX2 := int(binary.BigEndian.Uint16(sub[6:]))
	segs := segX2 / 2
	endOff := 14
	startOff := endOff + segX2 + 2
	deltaOff := startOff + segX2
	rangeOff := deltaOff + segX2
	if rangeOff+segX2 > len(sub) {
		return errors.New("truncated cmap subtable")
	}
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(sub[off:])) }
	for s := range segs {
		end := u16(endOff + 2*s)
		start := u16(startOff + 2*s)
		delta := u16(deltaOff + 2*s)
		ro := u16(rangeOff + 2*s)
		if start > end {
			continue
		}
		for c := start; c <= end; c++ {
			var gid int
			if ro == 0 {
				gid = (c + delta) & 0xFFFF
			} else {
				at := rangeOff + 2*s + ro + 2*(c-start)
				if at+2 > len(sub) {
					continue
				}
				gid = u16(at)
				if gid != 0 {
					gid = (gid + delta) & 0xFFFF
				}
			}
			fn(rune(c), gid)
		}
	}
	return nil
}
