package pdfrules

import (
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// isOperator reports whether op is an operator of ISO 32000-1, Annex A.
func isOperator(op string) bool {
	switch op {
	case "b", "B", "b*", "B*", "BDC", "BI", "BMC", "BT", "BX", "c", "cm", "CS", "cs", "d", "d0", "d1", "Do", "DP",
		"EI", "EMC", "ET", "EX", "f", "F", "f*", "G", "g", "gs", "h", "i", "ID", "j", "J", "K", "k", "l", "m", "M", "MP",
		"n", "q", "Q", "re", "RG", "rg", "ri", "s", "S", "SC", "sc", "SCN", "scn", "sh", "T*", "Tc", "Td", "TD", "Tf",
		"Tj", "TJ", "TL", "Tm", "Tr", "Ts", "Tw", "Tz", "v", "w", "W", "W*", "y", "'", "\"":
		return true
	}
	return false
}

// isIntent reports whether s is a rendering intent of ISO 32000-1, Table 70.
func isIntent(s string) bool {
	switch s {
	case "RelativeColorimetric", "AbsoluteColorimetric", "Perceptual", "Saturation":
		return true
	}
	return false
}

// moreRules: the remaining PDF/A and PDF/UA rules that need no font
// program, ICC or layout parsing.
func moreRules(add adder) {
	eachContent := func(f func(*document, page, []operation) []Violation) func(*document) []Violation {
		return func(d *document) []Violation {
			var vs []Violation
			for _, p := range d.pages {
				c, _ := d.pageContent(p)
				vs = append(vs, f(d, p, parseContent(c))...)
			}
			return vs
		}
	}
	add(allA, "6.1.13-8", "q/Q nest at most 28 levels (page content)", eachContent(func(d *document, p page, ops []operation) []Violation {
		depth := 0
		for _, op := range ops {
			switch op.op {
			case "q":
				if depth++; depth == 29 {
					return []Violation{{Object: p.name(), Message: "q nested more than 28 levels"}}
				}
			case "Q":
				depth--
			}
		}
		return nil
	}))
	add(allA, "6.1.13-11", "page boundaries are 3 to 14400 units in each direction", func(d *document) []Violation {
		var vs []Violation
		for _, p := range d.pages {
			for _, box := range []string{"MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox"} {
				r := d.array(get(p.dict, box))
				if len(r) != 4 {
					continue
				}
				x1, _ := d.number(r[0])
				y1, _ := d.number(r[1])
				x2, _ := d.number(r[2])
				y2, _ := d.number(r[3])
				w, h := abs(x2-x1), abs(y2-y1)
				if w < 3 || h < 3 || w > 14400 || h > 14400 {
					vs = append(vs, Violation{Object: p.name(), Message: fmt.Sprintf("%s is %gx%g", box, w, h)})
				}
			}
		}
		return vs
	})
	add(allA, "6.2.2-1", "content streams use only the operators of ISO 32000-1 (page content)", eachContent(func(d *document, p page, ops []operation) []Violation {
		for _, op := range ops {
			if !isOperator(op.op) {
				return []Violation{{Object: p.name(), Message: fmt.Sprintf("undefined operator %q", op.op)}}
			}
		}
		return nil
	}))
	add(allA, "6.2.2-2", "a page's content names only resources of the page's own Resources (Tf, Do, gs, sh; not inherited)", eachContent(func(d *document, p page, ops []operation) []Violation {
		own := d.dict(get(p.dict, "Resources"))
		var vs []Violation
		seen := map[string]bool{}
		for _, op := range ops {
			cat := map[string]string{"Tf": "Font", "Do": "XObject", "gs": "ExtGState", "sh": "Shading"}[op.op]
			if cat == "" || len(op.operands) == 0 || op.operands[0].kind != '/' {
				continue
			}
			name := op.operands[0].str
			if seen[cat+"/"+name] {
				continue
			}
			seen[cat+"/"+name] = true
			if get(d.dict(get(own, cat)), name) == nil {
				why := "missing from the page's Resources"
				if get(d.dict(get(p.resources, cat)), name) != nil {
					why = "only inherited from the page tree"
				}
				vs = append(vs, Violation{Object: p.name(), Message: fmt.Sprintf("%s /%s is %s", cat, name, why)})
			}
		}
		return vs
	}))
	add(allA, "6.2.3-3", "no PDF/X output intent has DestOutputProfileRef", func(d *document) []Violation {
		for _, oi := range d.array(get(d.catalog, "OutputIntents")) {
			od := d.dict(oi)
			if d.dictName(od, "S") == "GTS_PDFX" && get(od, "DestOutputProfileRef") != nil {
				return []Violation{{Object: "OutputIntents", Message: "DestOutputProfileRef present"}}
			}
		}
		return nil
	})
	add(allA, "6.2.5-4", "every halftone has HalftoneType 1 or 5", func(d *document) []Violation {
		var vs []Violation
		for dict, where := range d.dicts {
			if t, ok := d.number(get(dict, "HalftoneType")); ok && t != 1 && t != 5 {
				vs = append(vs, Violation{Object: where, Message: fmt.Sprintf("HalftoneType %v", t)})
			}
		}
		return vs
	})
	add(allA, "6.2.5-5", "no halftone has HalftoneName", func(d *document) []Violation {
		var vs []Violation
		for dict, where := range d.dicts {
			if get(dict, "HalftoneType") != nil && get(dict, "HalftoneName") != nil {
				vs = append(vs, Violation{Object: where, Message: "halftone with HalftoneName"})
			}
		}
		return vs
	})
	add(allA, "6.2.6-1", "rendering intents (ri, ExtGState RI, image Intent) are the four of ISO 32000-1", func(d *document) []Violation {
		var vs []Violation
		for dict, where := range d.dicts {
			for _, k := range []string{"RI", "Intent"} {
				if n := d.dictName(dict, k); n != "" && !isIntent(n) && (k == "RI" || nameOf(dict, "Subtype") == "Image") {
					vs = append(vs, Violation{Object: where, Message: "rendering intent " + n})
				}
			}
		}
		for _, p := range d.pages {
			c, _ := d.pageContent(p)
			for _, op := range parseContent(c) {
				if op.op == "ri" && len(op.operands) == 1 && !isIntent(op.operands[0].str) {
					vs = append(vs, Violation{Object: p.name(), Message: "rendering intent " + op.operands[0].str})
				}
			}
		}
		return vs
	})
	add(allA, "6.2.8-5", "an image mask's BitsPerComponent is 1", func(d *document) []Violation {
		var vs []Violation
		for _, o := range d.objects {
			sd, ok := o.obj.(types.StreamDict)
			if !ok || nameOf(sd.Dict, "Subtype") != "Image" {
				continue
			}
			if m, _ := d.boolean(get(sd.Dict, "ImageMask")); m {
				if n, has := d.number(get(sd.Dict, "BitsPerComponent")); has && n != 1 {
					vs = append(vs, Violation{Object: o.name(), Message: fmt.Sprintf("image mask with BitsPerComponent %v", n)})
				}
			}
		}
		return vs
	})
	add(allA, "6.2.9-1", "no form XObject has OPI, PS or Subtype2 PS", func(d *document) []Violation {
		var vs []Violation
		for _, o := range d.objects {
			sd, ok := o.obj.(types.StreamDict)
			if !ok || nameOf(sd.Dict, "Subtype") != "Form" {
				continue
			}
			if get(sd.Dict, "OPI") != nil || get(sd.Dict, "PS") != nil || d.dictName(sd.Dict, "Subtype2") == "PS" {
				vs = append(vs, Violation{Object: o.name(), Message: "form XObject with OPI or PostScript"})
			}
		}
		return vs
	})
	add(allA, "6.2.11.2-1", "every font named in a page's Resources has Type Font", func(d *document) []Violation {
		var vs []Violation
		for _, p := range d.pages {
			fonts := d.dict(get(p.resources, "Font"))
			for _, k := range sortedKeys(fonts) {
				if f := d.dict(get(fonts, k)); nameOf(f, "Type") != "Font" {
					vs = append(vs, Violation{Object: refName(get(fonts, k), p.name()+" font "+k), Message: "font dictionary without /Type /Font"})
				}
			}
		}
		return vs
	})
	add(allA, "6.4.1-2", "no form field has A or AA", func(d *document) []Violation {
		var vs []Violation
		var walk func(types.Array, int)
		walk = func(fields types.Array, depth int) {
			for _, f := range fields {
				fd := d.dict(f)
				if fd == nil || depth > 32 {
					continue
				}
				if get(fd, "A") != nil || get(fd, "AA") != nil {
					vs = append(vs, Violation{Object: refName(f, "form field"), Message: "form field with an action"})
				}
				walk(d.array(get(fd, "Kids")), depth+1)
			}
		}
		walk(d.array(get(d.dict(get(d.catalog, "AcroForm")), "Fields")), 0)
		return vs
	})
	extField := func(id, ns, prefix, local, container string) {
		add(allA, id, fmt.Sprintf("every extension %s has %s:%s", container, prefix, local), func(d *document) []Violation {
			x := d.catalogXMP()
			if x == nil || x.err != nil {
				return nil
			}
			var vs []Violation
			for _, item := range x.extensionItems(container) {
				f, ok := item.field(ns, local)
				switch {
				case !ok || strings.TrimSpace(f.value) == "":
					vs = append(vs, Violation{Object: "XMP", Message: fmt.Sprintf("extension %s without %s:%s", container, prefix, local)})
				case f.prefix != prefix:
					vs = append(vs, Violation{Object: "XMP", Message: fmt.Sprintf("%s:%s uses prefix %q", f.prefix, local, f.prefix)})
				case local == "category" && f.value != "internal" && f.value != "external":
					vs = append(vs, Violation{Object: "XMP", Message: fmt.Sprintf("pdfaProperty:category %q", f.value)})
				}
			}
			return vs
		})
	}
	extField("6.6.2.3.3-2", nsPDFASchem, "pdfaSchema", "schema", "schema")
	extField("6.6.2.3.3-3", nsPDFASchem, "pdfaSchema", "namespaceURI", "schema")
	extField("6.6.2.3.3-4", nsPDFASchem, "pdfaSchema", "prefix", "schema")
	extField("6.6.2.3.3-7", nsPDFAProp, "pdfaProperty", "name", "property")
	extField("6.6.2.3.3-8", nsPDFAProp, "pdfaProperty", "valueType", "property")
	extField("6.6.2.3.3-9", nsPDFAProp, "pdfaProperty", "category", "property")
	extField("6.6.2.3.3-10", nsPDFAProp, "pdfaProperty", "description", "property")

	// PDF/UA.
	langOf := func(d *document, e *structElem) bool {
		if s, _ := d.text(get(d.catalog, "Lang")); s != "" {
			return true
		}
		for x := e; x != nil; x = x.parent {
			if s, _ := d.text(get(x.dict, "Lang")); s != "" {
				return true
			}
		}
		return false
	}
	attrLang := func(id, key string) {
		add(ua, id, "the natural language of a structure element's "+key+" is determined (its Lang, an ancestor's, or the catalog's)", func(d *document) []Violation {
			var vs []Violation
			for _, e := range d.structTree() {
				if get(e.dict, key) != nil && !langOf(d, e) {
					vs = append(vs, Violation{Object: e.where, Message: key + " without a Lang"})
				}
			}
			return vs
		})
	}
	attrLang("7.2-21", "ActualText")
	attrLang("7.2-22", "Alt")
	attrLang("7.2-23", "E")
	add(ua, "7.2-24", "the natural language of an annotation's Contents is determined (its Lang or the catalog's)", func(d *document) []Violation {
		if s, _ := d.text(get(d.catalog, "Lang")); s != "" {
			return nil
		}
		var vs []Violation
		for _, a := range d.annots {
			if get(a.dict, "Contents") != nil && get(a.dict, "Lang") == nil {
				vs = append(vs, Violation{Object: a.where, Message: "Contents without a Lang"})
			}
		}
		return vs
	})
	add(ua, "7.2-33", "the natural language of x-default XMP text is determined (the catalog has Lang)", func(d *document) []Violation {
		x := d.catalogXMP()
		if x == nil || x.err != nil {
			return nil
		}
		if s, _ := d.text(get(d.catalog, "Lang")); s != "" {
			return nil
		}
		found := false
		x.root.walk(func(n *xmlNode) {
			for _, a := range n.attrs {
				if a.prefix == "xml" && a.local == "lang" && a.value == "x-default" {
					found = true
				}
			}
		})
		if found {
			return []Violation{{Object: "XMP", Message: "x-default text without a catalog Lang"}}
		}
		return nil
	})
	add(ua, "7.7-1", "every Formula has Alt or ActualText", func(d *document) []Violation {
		var vs []Violation
		for _, e := range d.structTree() {
			if e.typ != "Formula" {
				continue
			}
			alt, _ := d.text(get(e.dict, "Alt"))
			if _, has := d.text(get(e.dict, "ActualText")); alt == "" && !has {
				vs = append(vs, Violation{Object: e.where, Message: "Formula without Alt or ActualText"})
			}
		}
		return vs
	})
	add(ua, "7.18.4-1", "a visible Widget annotation is in a Form structure element", func(d *document) []Violation {
		var vs []Violation
		for _, a := range d.annots {
			f, _ := d.number(get(a.dict, "F"))
			if d.dictName(a.dict, "Subtype") == "Widget" && int(f)&flagHidden == 0 && d.structParentType(a.dict) != "Form" {
				vs = append(vs, Violation{Object: a.where, Message: "Widget annotation not in a Form structure element"})
			}
		}
		return vs
	})
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
