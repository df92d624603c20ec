package fpdfout

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Fonts as the standards want them (conform in pdfa.go). fpdf names a
// UTF-8 font "utf8f3" (its family), writes no subset tag, no CIDSet, and
// a ToUnicode map that claims every code of the Basic Multilingual Plane
// (<0000> <FFFF> <0000>); its 8-bit fonts have no ToUnicode map at all.
// Here a UTF-8 font gets the face's PostScript name with a tag made from
// the subset's bytes, a ToUnicode map of exactly the codes its subset
// holds (fpdf cuts a UTF-8 font to the characters drawn with it, and its
// codes are those characters: Doc records them), and, for PDF/A-1, a
// CIDSet of those codes;
// an 8-bit font gets, for level u and PDF/UA, a ToUnicode map of exactly
// the codes drawn with it (recorded by Doc).

// subsetTag is the six capital letters of a subset's name, made from the
// bytes of its font program so that the same subset gets the same tag.
func subsetTag(program []byte) string {
	sum := sha256.Sum256(program)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// postScriptName returns a TrueType font's PostScript name (name ID 6),
// "" when it has none; only the characters PDF names allow are kept.
func postScriptName(data []byte) string {
	if len(data) < 12 {
		return ""
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(data) || string(data[rec:rec+4]) != "name" {
			continue
		}
		off := int(binary.BigEndian.Uint32(data[rec+8:]))
		if off+6 > len(data) {
			return ""
		}
		t := data[off:]
		count := int(binary.BigEndian.Uint16(t[2:]))
		strs := int(binary.BigEndian.Uint16(t[4:]))
		for j := range count {
			r := 6 + 12*j
			if r+12 > len(t) {
				return ""
			}
			platform := binary.BigEndian.Uint16(t[r:])
			id := binary.BigEndian.Uint16(t[r+6:])
			length := int(binary.BigEndian.Uint16(t[r+8:]))
			so := strs + int(binary.BigEndian.Uint16(t[r+10:]))
			if id != 6 || so+length > len(t) {
				continue
			}
			raw := t[so : so+length]
			var s string
			switch platform {
			case 1:
				s = string(raw)
			case 0, 3:
				u := make([]uint16, len(raw)/2)
				for k := range u {
					u[k] = binary.BigEndian.Uint16(raw[2*k:])
				}
				s = string(utf16.Decode(u))
			default:
				continue
			}
			return strings.Map(func(r rune) rune {
				if r > ' ' && r < 0x7F && !strings.ContainsRune("()<>[]{}/%#", r) {
					return r
				}
				return -1
			}, s)
		}
	}
	return ""
}

// cidSet is the CIDSet stream of a subset holding codes (and CID 0, the
// .notdef glyph every font program has): one bit a CID, the high bit of
// the first byte for CID 0.
func cidSet(codes []int) []byte {
	top := 0
	for _, c := range codes {
		top = max(top, c)
	}
	set := make([]byte, top/8+1)
	set[0] |= 0x80
	for _, c := range codes {
		set[c/8] |= 0x80 >> (c % 8)
	}
	return set
}

// badUnicode reports the values a ToUnicode map must never give (ISO
// 19005-2 §6.2.11.7.2): 0, U+FEFF and U+FFFE; and surrogates, which are
// no characters.
func badUnicode(r rune) bool {
	return r == 0 || r == 0xFEFF || r == 0xFFFE || r >= 0xD800 && r <= 0xDFFF
}

// toUnicodeCMap returns a ToUnicode CMap mapping each code, bytes bytes
// long, to the text uni(code): one character, or the several a shaped
// glyph stands for (glyphs.go). Codes whose text is empty or has a
// character that a ToUnicode map must not give are left out (the layout
// never draws them).
func toUnicodeCMap(codes []int, bytes int, uni func(int) string) []byte {
	type pair struct {
		code int
		s    string
	}
	var ps []pair
	for _, c := range codes {
		if s := uni(c); s != "" && !strings.ContainsFunc(s, badUnicode) {
			ps = append(ps, pair{c, s})
		}
	}
	b := make([]byte, 0, 400+len(ps)*18)
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<"...)
	b = appendHex(b, 0, 2*bytes)
	b = append(b, "> <"...)
	b = appendHex(b, 1<<(8*bytes)-1, 2*bytes)
	b = append(b, ">\nendcodespacerange\n"...)
	for len(ps) > 0 {
		n := min(len(ps), 100) // at most 100 entries a block
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " beginbfchar\n"...)
		for _, p := range ps[:n] {
			b = append(b, '<')
			b = appendHex(b, p.code, 2*bytes)
			b = append(b, "> <"...)
			for _, r := range p.s {
				if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
					b = appendHex(b, int(r1), 4)
					b = appendHex(b, int(r2), 4)
				} else {
					b = appendHex(b, int(r), 4)
				}
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
		ps = ps[n:]
	}
	return append(b, "endcmap\nCMapName currentdict /CMapResource defineresource pop\nend\nend"...)
}

// appendHex appends v as digits upper-case hexadecimal digits.
func appendHex(b []byte, v, digits int) []byte {
	const hex = "0123456789ABCDEF"
	for i := digits - 1; i >= 0; i-- {
		b = append(b, hex[v>>(4*i)&0xF])
	}
	return b
}

// cp1252Text is the character of a cp1252 code (what WinAnsiEncoding
// maps it to).
func cp1252Text(c int) string { return string(charmap.Windows1252.DecodeByte(byte(c))) }
