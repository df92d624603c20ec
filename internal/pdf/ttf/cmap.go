package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Mapping is one entry of a cmap: a code of the Basic Multilingual Plane
// and the glyph it draws.
type Mapping struct {
	Code rune
	GID  uint16
}

// Mappings returns the entries of a TrueType font's Unicode cmap of
// format 4 (the one fpdf draws with) whose code keep accepts, in
// increasing order of code.
func Mappings(data []byte, keep func(rune) bool) ([]Mapping, error) {
	rd, err := directory(data)
	if err != nil {
		return nil, err
	}
	sub, err := rd.unicodeCmap()
	if err != nil {
		return nil, err
	}
	var out []Mapping
	err = eachMapping(sub, func(r rune, gid int) {
		if gid != 0 && r != 0xFFFF && keep(r) {
			out = append(out, Mapping{r, uint16(gid)})
		}
	})
	if err != nil {
		return nil, fmt.Errorf("ttf: %w", err)
	}
	slices.SortFunc(out, func(a, b Mapping) int { return int(a.Code - b.Code) })
	return out, nil
}

// WithCmap returns a copy of a TrueType font whose cmap is exactly ms: one
// Windows Unicode BMP subtable (3, 1) of format 4, the only one fpdf reads.
// ms must be in increasing order of code, with codes of the Basic
// Multilingual Plane other than U+FFFF. Every other table is copied as
// it is. A cmap too large for format 4 (more than about 8 000 runs of
// consecutive codes and glyphs) is an error.
func WithCmap(data []byte, ms []Mapping) ([]byte, error) {
	if len(data) < 12 {
		return nil, errors.New("ttf: file too short")
	}
	if v := binary.BigEndian.Uint32(data); v != tagTrueType && v != tagApple {
		return nil, errors.New("ttf: not a TrueType font")
	}
	sub, err := format4Table(ms)
	if err != nil {
		return nil, err
	}
	cmap := make([]byte, 0, 12+len(sub))
	cmap = binary.BigEndian.AppendUint16(cmap, 0) // version
	cmap = binary.BigEndian.AppendUint16(cmap, 1) // one subtable
	cmap = binary.BigEndian.AppendUint16(cmap, 3) // Windows
	cmap = binary.BigEndian.AppendUint16(cmap, 1) // Unicode BMP
	cmap = binary.BigEndian.AppendUint32(cmap, 12)
	cmap = append(cmap, sub...)
	n := uint64(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > uint64(len(data)) {
		return nil, errors.New("ttf: truncated table directory")
	}
	out, err := assemble(data, 0, n, map[string][]byte{"cmap": cmap})
	if err != nil {
		return nil, fmt.Errorf("ttf: %w", err)
	}
	return out, nil
}

// format4Table encodes ms as a cmap subtable of format 4: one segment for
// each run of consecutive codes drawing consecutive glyphs (idDelta, no
// glyph array), and the final segment at U+FFFF.
func format4Table(ms []Mapping) ([]byte, error) {
	type seg struct{ start, end, delta int }
	var segs []seg
	for i, m := range ms {
		if m.Code < 0 || m.Code >= 0xFFFF {
			return nil, fmt.Errorf("ttf: code %U does not fit a format 4 cmap", m.Code)
		}
		if i > 0 && m.Code <= ms[i-1].Code {
			return nil, errors.New("ttf: cmap entries out of order")
		}
		d := (int(m.GID) - int(m.Code)) & 0xFFFF
		if n := len(segs); n > 0 && segs[n-1].end == int(m.Code)-1 && segs[n-1].delta == d {
			segs[n-1].end++
			continue
		}
		segs = append(segs, seg{int(m.Code), int(m.Code), d})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	length := 16 + 8*len(segs)
	if length > 0xFFFF {
		return nil, fmt.Errorf("ttf: %d segments are too many for a format 4 cmap", len(segs))
	}
	n := len(segs)
	search, selector := 1, 0
	for search*2 <= n {
		search *= 2
		selector++
	}
	b := make([]byte, 0, length)
	u16 := func(v int) { b = binary.BigEndian.AppendUint16(b, uint16(v)) }
	u16(4)
	u16(length)
	u16(0) // language
	u16(2 * n)
	u16(2 * search)
	u16(selector)
	u16(2*n - 2*search)
	for _, s := range segs {
		u16(s.end)
	}
	u16(0) // reservedPad
	for _, s := range segs {
		u16(s.start)
	}
	for _, s := range segs {
		u16(s.delta)
	}
	for range segs {
		u16(0) // idRangeOffset
	}
	return b, nil
}
