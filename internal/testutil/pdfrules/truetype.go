package pdfrules

import (
	"encoding/binary"
	"fmt"
)

// trueType is what the font rules need of an embedded TrueType program:
// its cmap subtables, glyph count, units per em and advance widths. It is
// read here, not with internal/pdf/ttf, so that the checker does not share
// the writer's reader.
type trueType struct {
	cmaps      []cmapSub
	numGlyphs  int
	unitsPerEm int
	advances   []int // by glyph id, from hmtx
}

// cmapSub is one cmap subtable: platform, encoding, and its mapping.
type cmapSub struct {
	platform, encoding int
	lookup             map[uint32]int // code → glyph id
}

// parseTrueType reads the tables of a TrueType font program.
func parseTrueType(b []byte) (*trueType, error) {
	if len(b) < 12 {
		return nil, fmt.Errorf("font program too short")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	tables := map[string][]byte{}
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, fmt.Errorf("truncated table directory")
		}
		off, length := int(binary.BigEndian.Uint32(b[rec+8:])), int(binary.BigEndian.Uint32(b[rec+12:]))
		if off < 0 || length < 0 || off+length > len(b) || off+length < off {
			return nil, fmt.Errorf("table %q out of range", b[rec:rec+4])
		}
		tables[string(b[rec:rec+4])] = b[off : off+length]
	}
	tt := &trueType{}
	head, maxp, hhea, hmtx := tables["head"], tables["maxp"], tables["hhea"], tables["hmtx"]
	if len(head) < 20 || len(maxp) < 6 || len(hhea) < 36 {
		return nil, fmt.Errorf("missing head, maxp or hhea")
	}
	tt.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	tt.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	nMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	last := 0
	for g := range tt.numGlyphs {
		if g < nMetrics && 4*g+2 <= len(hmtx) {
			last = int(binary.BigEndian.Uint16(hmtx[4*g:]))
		}
		tt.advances = append(tt.advances, last)
	}
	cmap := tables["cmap"]
	if len(cmap) >= 4 {
		for i := range int(binary.BigEndian.Uint16(cmap[2:])) {
			rec := 4 + 8*i
			if rec+8 > len(cmap) {
				break
			}
			sub := cmapSub{platform: int(binary.BigEndian.Uint16(cmap[rec:])), encoding: int(binary.BigEndian.Uint16(cmap[rec+2:]))}
			if off := int(binary.BigEndian.Uint32(cmap[rec+4:])); off < len(cmap) {
				sub.lookup = readCmapSub(cmap[off:])
			}
			tt.cmaps = append(tt.cmaps, sub)
		}
	}
	return tt, nil
}

// maxCmapCodes bounds the codes read from one cmap subtable: a real
// font maps at most a few tens of thousands, a hostile one could claim
// billions.
const maxCmapCodes = 1 << 17

// readCmapSub reads a cmap subtable of format 0, 4, 6 or 12 (others map
// nothing), up to maxCmapCodes codes.
func readCmapSub(b []byte) map[uint32]int {
	m := map[uint32]int{}
	budget := maxCmapCodes
	if len(b) < 6 {
		return m
	}
	u16 := func(i int) int {
		if i+2 > len(b) {
			return 0
		}
		return int(binary.BigEndian.Uint16(b[i:]))
	}
	switch u16(0) {
	case 0:
		for c := 0; c < 256 && 6+c < len(b); c++ {
			m[uint32(c)] = int(b[6+c])
		}
	case 4:
		segs := u16(6) / 2
		ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
		for s := range segs {
			end, start, delta, ro := u16(ends+2*s), u16(starts+2*s), u16(deltas+2*s), u16(ranges+2*s)
			for c := start; c <= end && c < 0xFFFF && budget > 0; c++ {
				budget--
				g := 0
				if ro == 0 {
					g = (c + delta) & 0xFFFF
				} else if gi := u16(ranges + 2*s + ro + 2*(c-start)); gi != 0 {
					g = (gi + delta) & 0xFFFF
				}
				if g != 0 {
					m[uint32(c)] = g
				}
			}
		}
	case 6:
		first, count := u16(6), u16(8)
		for i := range min(count, (len(b)-10)/2) {
			m[uint32(first+i)] = u16(10 + 2*i)
		}
	case 12:
		if len(b) < 16 {
			return m
		}
		n := int(binary.BigEndian.Uint32(b[12:]))
		for i := range n {
			r := 16 + 12*i
			if r+12 > len(b) {
				break
			}
			start, end, g := binary.BigEndian.Uint32(b[r:]), binary.BigEndian.Uint32(b[r+4:]), binary.BigEndian.Uint32(b[r+8:])
			for c := start; c <= end && c-start < 0x10000 && budget > 0; c++ {
				budget--
				m[c] = int(g + c - start)
			}
		}
	}
	return m
}

// sub returns the subtable for platform and encoding, or nil.
func (tt *trueType) sub(platform, encoding int) map[uint32]int {
	for _, s := range tt.cmaps {
		if s.platform == platform && s.encoding == encoding {
			return s.lookup
		}
	}
	return nil
}

// width is a glyph's advance in thousandths of an em.
func (tt *trueType) width(gid int) (float64, bool) {
	if gid < 0 || gid >= len(tt.advances) || tt.unitsPerEm == 0 {
		return 0, false
	}
	return float64(tt.advances[gid]) * 1000 / float64(tt.unitsPerEm), true
}

// winAnsi maps the codes 0x80-0x9F of WinAnsiEncoding to Unicode; the
// other codes are Latin-1.
func winAnsi(c byte) rune {
	hi := [32]rune{0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
		0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178}
	if c >= 0x80 && c < 0xA0 {
		return hi[c-0x80]
	}
	return rune(c)
}
