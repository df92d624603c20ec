package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The first four bytes of a font file (its sfnt version or tag).
const (
	tagTrueType = 0x00010000 // TrueType outlines (glyf)
	tagApple    = 0x74727565 // "true": TrueType outlines, Apple's tag
	tagCFF      = 0x4F54544F // "OTTO": OpenType with CFF outlines
	tagTTC      = 0x74746366 // "ttcf": a font collection
)

// ErrCFF is the error for an OpenType font with CFF (PostScript)
// outlines, the flavour whose first bytes are "OTTO": fpdf embeds
// TrueType outlines (glyf) only.
var ErrCFF = errors.New("an OpenType font with CFF (PostScript) outlines (OTTO), which the PDF writer cannot embed; use a TrueType-flavoured font (glyf outlines: a .ttf, or a .ttc of TrueType faces)")

// Face returns face index of a font file as the bytes of one TrueType
// font, as fpdf and Parse read them. A TrueType font is returned as it
// is (index must be 0). For a TrueType collection (.ttc: several faces
// sharing tables), the chosen face's tables are copied into a new file
// with its own table directory: the same table records (tag, checksum,
// length) with offsets into the new file, each table padded to 4 bytes
// (OpenType's "Table Directory"), and head.checkSumAdjustment computed
// for the new file. An index out of range is an error naming the faces
// there are, a face with CFF outlines, alone or in a collection, is
// ErrCFF, and a colour font (colour bitmaps or layers) is a *ColourError.
func Face(data []byte, index int) ([]byte, error) {
	if len(data) < 12 {
		return nil, errors.New("file too short for a font")
	}
	switch binary.BigEndian.Uint32(data) {
	case tagTrueType, tagApple:
		if index != 0 {
			return nil, fmt.Errorf("face %d is out of range: the file is one font, not a collection (#0 only)", index)
		}
		if err := checkColour(data, 0); err != nil {
			return nil, err
		}
		return data, nil
	case tagCFF:
		return nil, ErrCFF
	case tagTTC:
	default:
		return nil, errors.New("not a TrueType font or collection")
	}
	// TTC header: tag, major and minor version, numFonts, then numFonts
	// offsets of table directories.
	n := binary.BigEndian.Uint32(data[8:])
	if uint64(n) > uint64(len(data)-12)/4 {
		return nil, errors.New("truncated collection header")
	}
	if index < 0 || uint64(index) >= uint64(n) {
		return nil, fmt.Errorf("face %d is out of range: the collection has %d faces (#0 to #%d)", index, n, int(n)-1)
	}
	dir := uint64(binary.BigEndian.Uint32(data[12+4*index:]))
	if dir+12 > uint64(len(data)) {
		return nil, fmt.Errorf("face %d: table directory past the end of the file", index)
	}
	switch binary.BigEndian.Uint32(data[dir:]) {
	case tagTrueType, tagApple:
	case tagCFF:
		return nil, fmt.Errorf("face %d is %w", index, ErrCFF)
	default:
		return nil, fmt.Errorf("face %d: not a TrueType font", index)
	}
	if err := checkColour(data, dir); err != nil {
		return nil, fmt.Errorf("face %d is %w", index, err)
	}
	numTables := uint64(binary.BigEndian.Uint16(data[dir+4:]))
	if dir+12+16*numTables > uint64(len(data)) {
		return nil, fmt.Errorf("face %d: truncated table directory", index)
	}
	out, err := assemble(data, dir, numTables, nil)
	if err != nil {
		return nil, fmt.Errorf("face %d: %w", index, err)
	}
	return out, nil
}

// assemble copies the font whose table directory is at dir of data (with
// numTables records) into a file of its own: the same table records
// (tag, checksum, length) with offsets into the new file, each table
// padded to 4 bytes, and head.checkSumAdjustment computed for the new
// file. A table of swap replaces the table of its tag (its record's
// length follows; its checksum is computed).
func assemble(data []byte, dir, numTables uint64, swap map[string][]byte) ([]byte, error) {
	size := 12 + 16*numTables
	for i := range numTables {
		rec := data[dir+12+16*i:]
		off, length := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if t, ok := swap[string(rec[:4])]; ok {
			size += (uint64(len(t)) + 3) &^ 3
			continue
		}
		if off+length > uint64(len(data)) {
			return nil, fmt.Errorf("table %q extends past the end of the file", rec[:4])
		}
		size += (length + 3) &^ 3
		if size > uint64(len(data))+12+16*numTables+3*numTables+extra(swap) {
			// The tables of one face are distinct: together no larger
			// than the file (with padding).
			return nil, errors.New("its tables add up to more than the file")
		}
	}
	out := make([]byte, 12+16*numTables, size)
	copy(out, data[dir:dir+12+16*numTables])
	headAt := -1
	for i := range numTables {
		rec := out[12+16*i:]
		src := data[dir+12+16*i:]
		off, length := uint64(binary.BigEndian.Uint32(src[8:])), uint64(binary.BigEndian.Uint32(src[12:]))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		if string(rec[:4]) == "head" && length >= 12 {
			headAt = len(out)
		}
		if t, ok := swap[string(rec[:4])]; ok {
			binary.BigEndian.PutUint32(rec[12:], uint32(len(t)))
			binary.BigEndian.PutUint32(rec[4:], checksum(t))
			out = append(out, t...)
		} else {
			out = append(out, data[off:off+length]...)
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		// checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
		binary.BigEndian.PutUint32(out[headAt+8:], 0)
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out, nil
}

// extra is the size of the tables of swap, padded.
func extra(swap map[string][]byte) uint64 {
	n := uint64(0)
	for _, t := range swap {
		n += (uint64(len(t)) + 3) &^ 3
	}
	return n
}

// checksum is OpenType's table checksum: the sum of its big-endian
// 32-bit words, the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
