package pdfrules

import (
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Annotation flag bits (ISO 32000-1, 12.5.3).
const (
	flagInvisible = 1
	flagHidden    = 2
	flagPrint     = 4
	flagNoView    = 32
	flagToggle    = 256
)

// annotRules: ISO 19005-2/3 6.3 and 6.4.1, PDF/UA 7.18.
func annotRules(add adder) {
	each := func(f func(*document, page, types.Dict, string) []Violation) func(*document) []Violation {
		return func(d *document) []Violation {
			var vs []Violation
			for p, a := range d.annots {
				vs = append(vs, f(d, p, a.dict, a.where)...)
			}
			return vs
		}
	}
	add(allA, "6.3.1-1", "annotation types are those of ISO 32000-1 but 3D, Sound, Screen, Movie", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		switch st := d.dictName(a, "Subtype"); st {
		case "Text", "Link", "FreeText", "Line", "Square", "Circle", "Polygon", "PolyLine", "Highlight", "Underline", "Squiggly", "StrikeOut",
			"Stamp", "Caret", "Ink", "Popup", "FileAttachment", "Widget", "PrinterMark", "TrapNet", "Watermark", "Redact":
			return nil
		default:
			return []Violation{{Object: where, Message: "annotation type " + st}}
		}
	}))
	add(allA, "6.3.2-1", "every annotation but Popup has F", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		if d.dictName(a, "Subtype") != "Popup" && get(a, "F") == nil {
			return []Violation{{Object: where, Message: d.dictName(a, "Subtype") + " annotation without F (print flag)"}}
		}
		return nil
	}))
	add(allA, "6.3.2-2", "an annotation's F sets Print and clears Hidden, Invisible, ToggleNoView, NoView", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		f, ok := d.number(get(a, "F"))
		if !ok {
			return nil
		}
		n := int(f)
		if n&flagPrint == 0 || n&(flagInvisible|flagHidden|flagNoView|flagToggle) != 0 {
			return []Violation{{Object: where, Message: fmt.Sprintf("annotation flags F %d", n)}}
		}
		return nil
	}))
	add(allA, "6.3.3-1", "every annotation but Popup, Link and zero-size ones has an appearance (AP)", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		st := d.dictName(a, "Subtype")
		if st == "Popup" || st == "Link" || get(a, "AP") != nil {
			return nil
		}
		r := d.array(get(a, "Rect"))
		if len(r) == 4 {
			x1, _ := d.number(r[0])
			y1, _ := d.number(r[1])
			x2, _ := d.number(r[2])
			y2, _ := d.number(r[3])
			if x1 == x2 && y1 == y2 {
				return nil
			}
		}
		return []Violation{{Object: where, Message: st + " annotation without AP"}}
	}))
	add(allA, "6.3.3-2", "an appearance dictionary has only N", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		ap := d.dict(get(a, "AP"))
		for _, k := range sortedKeys(ap) {
			if k != "N" {
				return []Violation{{Object: where, Message: "appearance dictionary has " + k}}
			}
		}
		return nil
	}))
	add(allA, "6.3.3-4", "the N appearance of a non-button annotation is a stream", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		ap := d.dict(get(a, "AP"))
		if ap == nil || (d.dictName(a, "Subtype") == "Widget" && d.dictName(a, "FT") == "Btn") {
			return nil
		}
		if d.stream(get(ap, "N")) == nil {
			return []Violation{{Object: where, Message: "N appearance is not a stream"}}
		}
		return nil
	}))
	add(allA, "6.4.1-1", "a Widget annotation has no A or AA", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		if d.dictName(a, "Subtype") == "Widget" && (get(a, "A") != nil || get(a, "AA") != nil) {
			return []Violation{{Object: where, Message: "Widget annotation with an action"}}
		}
		return nil
	}))
	hidden := func(d *document, a types.Dict) bool {
		f, _ := d.number(get(a, "F"))
		return int(f)&flagHidden != 0
	}
	add(ua, "7.18.1-1", "an annotation other than Widget, PrinterMark or Link is in an Annot structure element", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		switch d.dictName(a, "Subtype") {
		case "Widget", "PrinterMark", "Link", "Popup":
			return nil
		}
		if d.structParentType(a) != "Annot" {
			return []Violation{{Object: where, Message: d.dictName(a, "Subtype") + " annotation not in an Annot structure element"}}
		}
		return nil
	}))
	add(ua, "7.18.1-2", "a visible non-Widget annotation has Contents or an Alt in its structure element", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		if d.dictName(a, "Subtype") == "Widget" || hidden(d, a) {
			return nil
		}
		if s, _ := d.text(get(a, "Contents")); s != "" {
			return nil
		}
		if e := d.structParent(a); e != nil {
			if s, _ := d.text(get(e, "Alt")); s != "" {
				return nil
			}
		}
		return []Violation{{Object: where, Message: d.dictName(a, "Subtype") + " annotation without Contents or Alt"}}
	}))
	add(ua, "7.18.2-1", "no TrapNet annotations", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		if d.dictName(a, "Subtype") == "TrapNet" {
			return []Violation{{Object: where, Message: "TrapNet annotation"}}
		}
		return nil
	}))
	add(ua, "7.18.3-1", "a page with annotations has Tabs S", func(d *document) []Violation {
		var vs []Violation
		for _, p := range d.pages {
			if len(d.array(get(p.dict, "Annots"))) > 0 && d.dictName(p.dict, "Tabs") != "S" {
				vs = append(vs, Violation{Object: p.name(), Message: "page with annotations without /Tabs /S"})
			}
		}
		return vs
	})
	add(ua, "7.18.5-1", "a visible Link annotation is the OBJR of a Link structure element (through StructParent)", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		if d.dictName(a, "Subtype") != "Link" || hidden(d, a) {
			return nil
		}
		if t := d.structParentType(a); t != "Link" {
			if t == "" {
				t = "none"
			}
			return []Violation{{Object: where, Message: "Link annotation's structure parent is " + t}}
		}
		return nil
	}))
	add(ua, "7.18.5-2", "a visible Link annotation has non-empty Contents", each(func(d *document, _ page, a types.Dict, where string) []Violation {
		if d.dictName(a, "Subtype") != "Link" || hidden(d, a) {
			return nil
		}
		if s, _ := d.text(get(a, "Contents")); s == "" {
			return []Violation{{Object: where, Message: "Link annotation without Contents"}}
		}
		return nil
	}))
}

// annot is an annotation and where it is.
type annot struct {
	dict  types.Dict
	where string
}

// structParent returns the structure element that holds an annotation,
// through its StructParent key and the ParentTree, or nil.
func (d *document) structParent(a types.Dict) types.Dict {
	n, ok := d.number(get(a, "StructParent"))
	if !ok {
		return nil
	}
	root := d.dict(get(d.catalog, "StructTreeRoot"))
	return d.dict(d.numberTree(get(root, "ParentTree"))[int(n)])
}

// structParentType is the standard type of an annotation's structure parent.
func (d *document) structParentType(a types.Dict) string {
	e := d.structParent(a)
	if e == nil {
		return ""
	}
	return d.standardType(d.dictName(e, "S"))
}
