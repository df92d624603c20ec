package pdfrules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// font is one font dictionary of the file.
type font struct {
	dict  types.Dict
	where string
}

// fonts yields every font dictionary (Type Font, or a Subtype of a font
// kind), descendant CIDFonts included.
func (d *document) fonts(yield func(font) bool) {
	for _, o := range d.objects {
		dict, ok := o.obj.(types.Dict)
		if !ok {
			continue
		}
		if nameOf(dict, "Type") == "Font" {
			if !yield(font{dict, o.name()}) {
				return
			}
		}
	}
}

// descriptor is a font's FontDescriptor, for a Type0 font its descendant's.
func (d *document) descriptor(f types.Dict) types.Dict {
	if nameOf(f, "Subtype") == "Type0" {
		if k := d.array(get(f, "DescendantFonts")); len(k) > 0 {
			f = d.dict(k[0])
		}
	}
	return d.dict(get(f, "FontDescriptor"))
}

// symbolic reports the Symbolic flag (bit 3) of a font descriptor.
func (d *document) symbolic(f types.Dict) bool {
	n, _ := d.number(get(d.descriptor(f), "Flags"))
	return int(n)&4 != 0
}

// subsetPrefix matches a subset font name's tag: six capitals and '+'.
var subsetPrefix = regexp.MustCompile(`^[A-Z]{6}\+`)

// fontRules: ISO 19005-2/3 6.2.11 and their PDF/UA 7.21 twins.
func fontRules(add adder) {
	both := func(aID, uaID, desc string, f func(*document) []Violation) {
		add(allA, aID, desc, f)
		if uaID != "" {
			add(ua, uaID, desc, f)
		}
	}
	each := func(f func(*document, font) []Violation) func(*document) []Violation {
		return func(d *document) []Violation {
			var vs []Violation
			for ft := range d.fonts {
				vs = append(vs, f(d, ft)...)
			}
			return vs
		}
	}
	add(allA, "6.2.11.2-2", "a font's Subtype is a known font type", each(func(d *document, f font) []Violation {
		switch nameOf(f.dict, "Subtype") {
		case "Type1", "MMType1", "TrueType", "Type3", "Type0", "CIDFontType0", "CIDFontType2":
			return nil
		}
		return []Violation{{Object: f.where, Message: "font Subtype " + nameOf(f.dict, "Subtype")}}
	}))
	add(allA, "6.2.11.2-3", "every font but Type3 has BaseFont", each(func(d *document, f font) []Violation {
		if nameOf(f.dict, "Subtype") != "Type3" && d.dictName(f.dict, "BaseFont") == "" {
			return []Violation{{Object: f.where, Message: "no BaseFont"}}
		}
		return nil
	}))
	simple := func(f font) bool {
		switch nameOf(f.dict, "Subtype") {
		case "Type1", "MMType1", "TrueType", "Type3":
			return true
		}
		return false
	}
	std14 := func(d *document, f font) bool {
		switch d.dictName(f.dict, "BaseFont") {
		case "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica", "Helvetica-Bold", "Helvetica-Oblique",
			"Helvetica-BoldOblique", "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Symbol", "ZapfDingbats":
			return get(f.dict, "FontDescriptor") == nil
		}
		return false
	}
	add(allA, "6.2.11.2-4", "a simple font (not standard 14) has FirstChar", each(func(d *document, f font) []Violation {
		if simple(f) && !std14(d, f) && get(f.dict, "FirstChar") == nil {
			return []Violation{{Object: f.where, Message: "no FirstChar"}}
		}
		return nil
	}))
	add(allA, "6.2.11.2-5", "a simple font (not standard 14) has LastChar", each(func(d *document, f font) []Violation {
		if simple(f) && !std14(d, f) && get(f.dict, "LastChar") == nil {
			return []Violation{{Object: f.where, Message: "no LastChar"}}
		}
		return nil
	}))
	add(allA, "6.2.11.2-6", "a simple font's Widths has LastChar-FirstChar+1 entries", each(func(d *document, f font) []Violation {
		if !simple(f) || std14(d, f) {
			return nil
		}
		first, _ := d.number(get(f.dict, "FirstChar"))
		last, _ := d.number(get(f.dict, "LastChar"))
		if w := d.array(get(f.dict, "Widths")); len(w) != int(last-first)+1 {
			return []Violation{{Object: f.where, Message: fmt.Sprintf("Widths has %d entries, FirstChar %v, LastChar %v", len(w), first, last)}}
		}
		return nil
	}))
	add(allA, "6.2.11.2-7", "a FontFile3's Subtype is Type1C, CIDFontType0C or OpenType", each(func(d *document, f font) []Violation {
		ff := d.dict(get(d.dict(get(f.dict, "FontDescriptor")), "FontFile3"))
		switch st := d.dictName(ff, "Subtype"); st {
		case "", "Type1C", "CIDFontType0C", "OpenType":
			return nil
		default:
			return []Violation{{Object: f.where, Message: "FontFile3 Subtype " + st}}
		}
	}))
	cidSystem := each(func(d *document, f font) []Violation {
		if nameOf(f.dict, "Subtype") != "Type0" {
			return nil
		}
		enc := d.deref(get(f.dict, "Encoding"))
		if n, ok := enc.(types.Name); ok && (n == "Identity-H" || n == "Identity-V") {
			return nil
		}
		var cmapInfo types.Dict
		if s := d.dict(enc); s != nil {
			cmapInfo = d.dict(get(s, "CIDSystemInfo"))
		}
		k := d.array(get(f.dict, "DescendantFonts"))
		if len(k) == 0 {
			return []Violation{{Object: f.where, Message: "Type0 font without DescendantFonts"}}
		}
		fontInfo := d.dict(get(d.dict(k[0]), "CIDSystemInfo"))
		r1, _ := d.text(get(fontInfo, "Registry"))
		r2, _ := d.text(get(cmapInfo, "Registry"))
		o1, _ := d.text(get(fontInfo, "Ordering"))
		o2, _ := d.text(get(cmapInfo, "Ordering"))
		s1, ok1 := d.number(get(fontInfo, "Supplement"))
		s2, ok2 := d.number(get(cmapInfo, "Supplement"))
		if cmapInfo == nil || r1 != r2 || o1 != o2 || !ok1 || !ok2 || s1 > s2 {
			return []Violation{{Object: f.where, Message: "CIDSystemInfo of the CIDFont and its CMap differ"}}
		}
		return nil
	})
	both("6.2.11.3.1-1", "7.21.3.1-1", "a Type0 font not in Identity-H/V has matching CIDSystemInfo in its CIDFont and CMap", cidSystem)
	cidToGID := each(func(d *document, f font) []Violation {
		if nameOf(f.dict, "Subtype") != "CIDFontType2" {
			return nil
		}
		fd := d.dict(get(f.dict, "FontDescriptor"))
		if get(fd, "FontFile2") == nil && get(fd, "FontFile3") == nil {
			return nil
		}
		m := d.deref(get(f.dict, "CIDToGIDMap"))
		if n, ok := m.(types.Name); ok && n == "Identity" {
			return nil
		}
		if d.stream(m) != nil {
			return nil
		}
		return []Violation{{Object: f.where, Message: "embedded CIDFontType2 without a CIDToGIDMap stream or Identity"}}
	})
	both("6.2.11.3.2-1", "7.21.3.2-1", "an embedded CIDFontType2 has CIDToGIDMap (stream or Identity)", cidToGID)
	cmapEmbedded := each(func(d *document, f font) []Violation {
		if nameOf(f.dict, "Subtype") != "Type0" {
			return nil
		}
		enc := d.deref(get(f.dict, "Encoding"))
		n, ok := enc.(types.Name)
		if !ok || n == "Identity-H" || n == "Identity-V" || isPredefinedCMap(string(n)) {
			return nil
		}
		return []Violation{{Object: f.where, Message: "CMap " + string(n) + " is neither embedded nor predefined"}}
	})
	both("6.2.11.3.3-1", "7.21.3.3-1", "every CMap but the predefined ones is embedded", cmapEmbedded)
	embedded := each(func(d *document, f font) []Violation {
		st := nameOf(f.dict, "Subtype")
		if st == "Type3" || st == "Type0" {
			return nil
		}
		fd := d.dict(get(f.dict, "FontDescriptor"))
		if get(fd, "FontFile") == nil && get(fd, "FontFile2") == nil && get(fd, "FontFile3") == nil {
			return []Violation{{Object: f.where, Message: "font " + d.dictName(f.dict, "BaseFont") + " is not embedded"}}
		}
		return nil
	})
	both("6.2.11.4.1-1", "7.21.4.1-1", "every font but Type3 and Type0 embeds its program (rendering mode 3 not exempted)", embedded)
	nonSymEnc := each(func(d *document, f font) []Violation {
		if nameOf(f.dict, "Subtype") != "TrueType" || d.symbolic(f.dict) {
			return nil
		}
		enc := d.deref(get(f.dict, "Encoding"))
		name, _ := enc.(types.Name)
		if ed := d.dict(enc); ed != nil {
			name = types.Name(d.dictName(ed, "BaseEncoding"))
			if get(ed, "Differences") != nil {
				return []Violation{{Object: f.where, Message: "non-symbolic TrueType font with a Differences array (not checked against the glyph list)"}}
			}
		}
		if name != "WinAnsiEncoding" && name != "MacRomanEncoding" {
			return []Violation{{Object: f.where, Message: fmt.Sprintf("non-symbolic TrueType font with encoding %q", string(name))}}
		}
		return nil
	})
	both("6.2.11.6-2", "7.21.6-2", "a non-symbolic TrueType font uses WinAnsiEncoding or MacRomanEncoding (a Differences array is reported)", nonSymEnc)
	symNoEnc := each(func(d *document, f font) []Violation {
		if nameOf(f.dict, "Subtype") == "TrueType" && d.symbolic(f.dict) && get(f.dict, "Encoding") != nil {
			return []Violation{{Object: f.where, Message: "symbolic TrueType font with an Encoding"}}
		}
		return nil
	})
	both("6.2.11.6-3", "7.21.6-3", "a symbolic TrueType font has no Encoding", symNoEnc)
	toUnicode := func(d *document) []Violation {
		var vs []Violation
		for f := range d.fonts {
			st := nameOf(f.dict, "Subtype")
			if st == "CIDFontType0" || st == "CIDFontType2" || get(f.dict, "ToUnicode") != nil {
				continue
			}
			if simple(f) && st != "Type3" && !d.symbolic(f.dict) {
				// A standard encoding maps codes to Unicode (ISO 19005-2, 6.2.11.7.2).
				enc := d.deref(get(f.dict, "Encoding"))
				n, _ := enc.(types.Name)
				if ed := d.dict(enc); ed != nil && get(ed, "Differences") == nil {
					n = types.Name(d.dictName(ed, "BaseEncoding"))
				}
				if n == "WinAnsiEncoding" || n == "MacRomanEncoding" || n == "StandardEncoding" || (enc == nil && st != "TrueType") {
					continue
				}
			}
			vs = append(vs, Violation{Object: f.where, Message: fmt.Sprintf("%s font %s has no ToUnicode and no standard encoding", st, d.dictName(f.dict, "BaseFont"))})
		}
		return vs
	}
	add(aU, "6.2.11.7.2-1", "every font maps its codes to Unicode: a ToUnicode CMap or a standard encoding (per font, not per glyph used)", toUnicode)
	add(ua, "7.21.7-1", "every font maps its codes to Unicode: a ToUnicode CMap or a standard encoding (per font, not per glyph used)", toUnicode)
	badUnicode := func(d *document) []Violation {
		var vs []Violation
		for f := range d.fonts {
			b, err := d.decoded(d.stream(get(f.dict, "ToUnicode")))
			if err != nil {
				continue
			}
			if bad := badToUnicode(b); bad != "" {
				vs = append(vs, Violation{Object: f.where, Message: "ToUnicode maps a code to " + bad})
			}
		}
		return vs
	}
	add(aU, "6.2.11.7.2-2", "no ToUnicode value is U+0000, U+FEFF or U+FFFE", badUnicode)
	add(ua, "7.21.7-2", "no ToUnicode value is U+0000, U+FEFF or U+FFFE", badUnicode)
}

// bfEntry matches the destination of a bfchar or bfrange entry: the last
// <hex> on a line of a ToUnicode CMap.
var bfEntry = regexp.MustCompile(`<([0-9A-Fa-f]+)>[ \t]*(?:<([0-9A-Fa-f]+)>[ \t]*)?<([0-9A-Fa-f]+)>`)

// badToUnicode returns "U+XXXX" for the first destination in a ToUnicode
// CMap that is 0, FEFF or FFFE, or "".
func badToUnicode(b []byte) string {
	for _, m := range bfEntry.FindAllSubmatch(b, -1) {
		dst := string(m[3])
		// A range from code 0 (fpdf writes <0000> <FFFF> <0000>) maps
		// code 0, the .notdef glyph that is never shown, to U+0000;
		// veraPDF checks only the codes shown, so only the rest counts.
		if len(m[2]) > 0 && isZeroHex(string(m[1])) && isZeroHex(dst) {
			continue
		}
		for i := 0; i+4 <= len(dst); i += 4 {
			u, _ := strconv.ParseUint(dst[i:i+4], 16, 32)
			if u == 0 || u == 0xFEFF || u == 0xFFFE {
				return fmt.Sprintf("U+%04X", u)
			}
		}
	}
	return ""
}

// isPredefinedCMap reports whether name is a CMap of ISO 32000-1, 9.7.5.2,
// Table 118 (Identity-H/V apart).
func isPredefinedCMap(name string) bool {
	m := map[string]bool{}
	for _, n := range []string{"GB-EUC", "GBpc-EUC", "GBK-EUC", "GBKp-EUC", "GBK2K", "UniGB-UCS2", "UniGB-UTF16",
		"B5pc", "HKscs-B5", "ETen-B5", "ETenms-B5", "CNS-EUC", "UniCNS-UCS2", "UniCNS-UTF16",
		"83pv-RKSJ", "90ms-RKSJ", "90msp-RKSJ", "90pv-RKSJ", "Add-RKSJ", "EUC", "Ext-RKSJ", "", "UniJIS-UCS2", "UniJIS-UCS2-HW", "UniJIS-UTF16",
		"KSC-EUC", "KSCms-UHC", "KSCms-UHC-HW", "KSCpc-EUC", "UniKS-UCS2", "UniKS-UTF16"} {
		if n == "" {
			m["H"], m["V"] = true, true
			continue
		}
		m[n+"-H"], m[n+"-V"] = true, true
	}
	return m[name]
}

// isZeroHex reports whether a hex string is all zeros.
func isZeroHex(s string) bool { return strings.Trim(s, "0") == "" }
