package pdfrules

import (
	"fmt"
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// glyphUse is one character code shown with one font (deduplicated over
// the file), with the text rendering mode it was first shown in.
type glyphUse struct {
	font  types.Dict
	where string // the font's object
	code  uint32
	mode  int
	page  string
}

// glyphUses walks the text of every page's content (form XObjects are not
// entered) and returns each distinct font and code shown.
func (d *document) glyphUses() []glyphUse {
	var out []glyphUse
	seen := map[string]bool{}
	for _, p := range d.pages {
		c, _ := d.pageContent(p)
		fonts := d.dict(get(p.resources, "Font"))
		var cur types.Dict
		var where string
		mode := 0
		show := func(s string) {
			if cur == nil {
				return
			}
			wide := nameOf(cur, "Subtype") == "Type0"
			if wide {
				if e := d.dictName(cur, "Encoding"); e != "Identity-H" && e != "Identity-V" {
					return // only the Identity CMaps are decoded here
				}
			}
			for i := 0; i < len(s); i++ {
				code := uint32(s[i])
				if wide {
					if i+1 >= len(s) {
						break
					}
					code = uint32(s[i])<<8 | uint32(s[i+1])
					i++
				}
				key := fmt.Sprintf("%s/%d", where, code)
				if !seen[key] {
					seen[key] = true
					out = append(out, glyphUse{cur, where, code, mode, p.name()})
				}
			}
		}
		for _, op := range parseContent(c) {
			switch op.op {
			case "Tf":
				if len(op.operands) == 2 {
					ref := get(fonts, op.operands[0].str)
					cur, where = d.dict(ref), refName(ref, p.name()+" font "+op.operands[0].str)
				}
			case "Tr":
				if len(op.operands) == 1 {
					mode = int(op.operands[0].num)
				}
			case "Tj", "'", "\"":
				if n := len(op.operands); n > 0 && op.operands[n-1].kind == 's' {
					show(op.operands[n-1].str)
				}
			case "TJ":
				if len(op.operands) == 1 {
					for _, it := range op.operands[0].items {
						if it.kind == 's' {
							show(it.str)
						}
					}
				}
			}
		}
	}
	return out
}

// program returns the parsed TrueType program of a TrueType or
// CIDFontType2 font (for a Type0 font, of its descendant), with the font
// dictionary that holds the descriptor; nil when there is none.
func (d *document) program(f types.Dict, cache map[string]*trueType) (*trueType, types.Dict) {
	if nameOf(f, "Subtype") == "Type0" {
		k := d.array(get(f, "DescendantFonts"))
		if len(k) == 0 {
			return nil, nil
		}
		f = d.dict(k[0])
	}
	st := nameOf(f, "Subtype")
	if st != "TrueType" && st != "CIDFontType2" {
		return nil, f
	}
	ff := get(d.dict(get(f, "FontDescriptor")), "FontFile2")
	key := fmt.Sprint(ff)
	if tt, ok := cache[key]; ok {
		return tt, f
	}
	b, err := d.decoded(d.stream(ff))
	var tt *trueType
	if err == nil {
		tt, _ = parseTrueType(b)
	}
	cache[key] = tt
	return tt, f
}

// glyphID maps a shown code to a glyph id of the program (ISO 32000-1,
// 9.6.6.4 for simple TrueType fonts; CIDToGIDMap for CIDFontType2), and
// whether a mapping was found.
func (d *document) glyphID(tt *trueType, f types.Dict, code uint32) (int, bool) {
	if nameOf(f, "Subtype") == "CIDFontType2" {
		m := d.deref(get(f, "CIDToGIDMap"))
		if s := d.stream(m); s != nil {
			b, err := d.decoded(s)
			if err != nil || int(2*code+1) >= len(b) {
				return 0, false
			}
			return int(b[2*code])<<8 | int(b[2*code+1]), true
		}
		return int(code), true
	}
	if !d.symbolic(f) {
		if m := tt.sub(3, 1); m != nil && d.dictName(f, "Encoding") == "WinAnsiEncoding" {
			g, ok := m[uint32(winAnsi(byte(code)))]
			return g, ok
		}
		if m := tt.sub(1, 0); m != nil {
			g, ok := m[code]
			return g, ok
		}
		return 0, false
	}
	if m := tt.sub(3, 0); m != nil {
		for _, c := range []uint32{code, 0xF000 + code, 0xF100 + code, 0xF200 + code} {
			if g, ok := m[c]; ok {
				return g, true
			}
		}
		return 0, false
	}
	if m := tt.sub(1, 0); m != nil {
		g, ok := m[code]
		return g, ok
	}
	return 0, false
}

// dictWidth is the width a font dictionary gives a code.
func (d *document) dictWidth(f types.Dict, code uint32) (float64, bool) {
	if nameOf(f, "Subtype") == "CIDFontType2" {
		w := d.array(get(f, "W"))
		for i := 0; i < len(w); {
			first, _ := d.number(w[i])
			if i+1 < len(w) {
				if list := d.array(w[i+1]); list != nil {
					if idx := int(code) - int(first); idx >= 0 && idx < len(list) {
						return d.number(list[idx])
					}
					i += 2
					continue
				}
			}
			if i+2 < len(w) {
				last, _ := d.number(w[i+1])
				if float64(code) >= first && float64(code) <= last {
					return d.number(w[i+2])
				}
			}
			i += 3
		}
		if dw, ok := d.number(get(f, "DW")); ok {
			return dw, true
		}
		return 1000, true
	}
	first, _ := d.number(get(f, "FirstChar"))
	ws := d.array(get(f, "Widths"))
	if i := int(code) - int(first); i >= 0 && i < len(ws) {
		return d.number(ws[i])
	}
	return 0, false
}

// glyphRules: ISO 19005-2/3 6.2.11.4.1-2, 6.2.11.4.2-2, 6.2.11.5, 6.2.11.6-1
// and -4, 6.2.11.8, and their PDF/UA 7.21 twins, for TrueType programs
// (FontFile2; Type 1 and CFF programs are not read).
func glyphRules(add adder) {
	both := func(aID, uaID, desc string, f func(*document) []Violation) {
		add(allA, aID, desc, f)
		add(ua, uaID, desc, f)
	}
	eachUse := func(f func(d *document, u glyphUse, tt *trueType, cf types.Dict) *Violation) func(*document) []Violation {
		return func(d *document) []Violation {
			cache := map[string]*trueType{}
			var vs []Violation
			reported := map[string]bool{}
			for _, u := range d.glyphUses() {
				tt, cf := d.program(u.font, cache)
				if tt == nil || reported[u.where] {
					continue
				}
				if v := f(d, u, tt, cf); v != nil {
					reported[u.where] = true // one violation per font is enough
					vs = append(vs, *v)
				}
			}
			return vs
		}
	}
	both("6.2.11.4.1-2", "7.21.4.1-2", "every code shown (not in mode 3) maps to a glyph of the embedded TrueType program", eachUse(func(d *document, u glyphUse, tt *trueType, cf types.Dict) *Violation {
		if u.mode == 3 {
			return nil
		}
		if g, ok := d.glyphID(tt, cf, u.code); !ok || g >= tt.numGlyphs {
			return &Violation{Object: u.where, Message: fmt.Sprintf("code %d shown on %s has no glyph in the font program", u.code, u.page)}
		}
		return nil
	}))
	both("6.2.11.8-1", "7.21.8-1", "no code shown maps to the .notdef glyph (TrueType programs)", eachUse(func(d *document, u glyphUse, tt *trueType, cf types.Dict) *Violation {
		if g, ok := d.glyphID(tt, cf, u.code); ok && g == 0 {
			return &Violation{Object: u.where, Message: fmt.Sprintf("code %d shown on %s is .notdef", u.code, u.page)}
		}
		return nil
	}))
	both("6.2.11.5-1", "7.21.5-1", "the dictionary's width of each glyph shown is the program's, within 1/1000 em (TrueType programs)", eachUse(func(d *document, u glyphUse, tt *trueType, cf types.Dict) *Violation {
		if u.mode == 3 {
			return nil
		}
		g, ok := d.glyphID(tt, cf, u.code)
		if !ok {
			return nil
		}
		pw, ok1 := tt.width(g)
		dw, ok2 := d.dictWidth(cf, u.code)
		if ok1 && ok2 && math.Abs(pw-dw) > 1 {
			return &Violation{Object: u.where, Message: fmt.Sprintf("code %d: width %g in the dictionary, %g in the program", u.code, dw, pw)}
		}
		return nil
	}))
	cmapCount := func(symbolic bool) func(*document) []Violation {
		return func(d *document) []Violation {
			cache := map[string]*trueType{}
			var vs []Violation
			for f := range d.fonts {
				if nameOf(f.dict, "Subtype") != "TrueType" || d.symbolic(f.dict) != symbolic {
					continue
				}
				tt, _ := d.program(f.dict, cache)
				if tt == nil {
					continue
				}
				has30 := tt.sub(3, 0) != nil
				switch {
				case !symbolic && (has30 && len(tt.cmaps) < 2 || len(tt.cmaps) == 0):
					vs = append(vs, Violation{Object: f.where, Message: fmt.Sprintf("non-symbolic TrueType program with %d cmap subtables, none of them non-symbolic", len(tt.cmaps))})
				case symbolic && len(tt.cmaps) != 1 && !has30:
					vs = append(vs, Violation{Object: f.where, Message: fmt.Sprintf("symbolic TrueType program with %d cmap subtables and no (3,0)", len(tt.cmaps))})
				}
			}
			return vs
		}
	}
	both("6.2.11.6-1", "7.21.6-1", "a non-symbolic TrueType program has a non-symbolic cmap subtable", cmapCount(false))
	both("6.2.11.6-4", "7.21.6-4", "a symbolic TrueType program's cmap has one subtable or a (3,0) one", cmapCount(true))
	both("6.2.11.4.2-2", "7.21.4.2-2", "a subset CIDFontType2's CIDSet lists every CID of the program", func(d *document) []Violation {
		cache := map[string]*trueType{}
		var vs []Violation
		for f := range d.fonts {
			if nameOf(f.dict, "Subtype") != "CIDFontType2" || !subsetPrefix.MatchString(d.dictName(f.dict, "BaseFont")) {
				continue
			}
			set := d.stream(get(d.dict(get(f.dict, "FontDescriptor")), "CIDSet"))
			tt, _ := d.program(f.dict, cache)
			if set == nil || tt == nil {
				continue
			}
			bits, err := d.decoded(set)
			if err != nil {
				continue
			}
			has := func(cid int) bool { return cid/8 < len(bits) && bits[cid/8]&(0x80>>(cid%8)) != 0 }
			// The CIDs of the program: through the CIDToGIDMap stream, or
			// CID = GID.
			gidOf := func(cid int) (int, bool) { return cid, cid < tt.numGlyphs }
			if s := d.stream(get(f.dict, "CIDToGIDMap")); s != nil {
				m, err := d.decoded(s)
				if err != nil {
					continue
				}
				gidOf = func(cid int) (int, bool) {
					if 2*cid+1 >= len(m) {
						return 0, false
					}
					return int(m[2*cid])<<8 | int(m[2*cid+1]), true
				}
			}
			for cid := 0; cid < 0x10000; cid++ {
				g, ok := gidOf(cid)
				if !ok && d.stream(get(f.dict, "CIDToGIDMap")) == nil {
					break
				}
				if ok && g < tt.numGlyphs && (g != 0 || cid == 0) && !has(cid) {
					vs = append(vs, Violation{Object: f.where, Message: fmt.Sprintf("CIDSet lacks CID %d, which the program has", cid)})
					break
				}
			}
		}
		return vs
	})
}
