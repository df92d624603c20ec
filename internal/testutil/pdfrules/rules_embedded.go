package pdfrules

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// fileSpecs yields every file specification dictionary with an EF entry.
func (d *document) fileSpecs(yield func(types.Dict, string) bool) {
	for dict, where := range d.dicts {
		if get(dict, "EF") != nil {
			if !yield(dict, where) {
				return
			}
		}
	}
}

var mimeType = regexp.MustCompile(`^[-\w+.]+/[-\w+.]+$`)

// embeddedRules: ISO 19005-2 6.8, ISO 19005-3 6.8, PDF/UA 7.11.
func embeddedRules(add adder) {
	add(allA, "6.8-2", "an embedded file's file specification has F and UF", func(d *document) []Violation {
		var vs []Violation
		for fs, where := range d.fileSpecs {
			if get(fs, "F") == nil || get(fs, "UF") == nil {
				vs = append(vs, Violation{Object: where, Message: "file specification with EF lacks F or UF"})
			}
		}
		return vs
	})
	add(ua, "7.11-1", "an embedded file's file specification has non-empty F and UF", func(d *document) []Violation {
		var vs []Violation
		for fs, where := range d.fileSpecs {
			f, _ := d.text(get(fs, "F"))
			uf, _ := d.text(get(fs, "UF"))
			if f == "" || uf == "" {
				vs = append(vs, Violation{Object: where, Message: "file specification with EF lacks a non-empty F or UF"})
			}
		}
		return vs
	})
	add(a2, "6.8-5", "an embedded file is a PDF/A-1 or PDF/A-2 file (checked: it is a PDF whose XMP says pdfaid:part 1 or 2)", func(d *document) []Violation {
		var vs []Violation
		for fs, where := range d.fileSpecs {
			b, err := d.decoded(d.stream(get(d.dict(get(fs, "EF")), "F")))
			if err != nil {
				vs = append(vs, Violation{Object: where, Message: "unreadable embedded file"})
				continue
			}
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				vs = append(vs, Violation{Object: where, Message: "embedded file is not a PDF"})
				continue
			}
			inner, err := open(b, PDFA2B)
			ok := false
			if err == nil {
				if x := inner.catalogXMP(); x != nil && x.err == nil {
					if p, found := x.find(nsPDFAID, "part"); found && (p.value == "1" || p.value == "2") {
						ok = true
					}
				}
			}
			if !ok {
				vs = append(vs, Violation{Object: where, Message: "embedded PDF does not identify as PDF/A-1 or PDF/A-2"})
			}
		}
		return vs
	})
	add(a3, "6.8-1", "an embedded file stream's Subtype is a MIME type", func(d *document) []Violation {
		var vs []Violation
		for fs, where := range d.fileSpecs {
			ef := d.dict(get(d.dict(get(fs, "EF")), "F"))
			if st := d.dictName(ef, "Subtype"); !mimeType.MatchString(st) {
				vs = append(vs, Violation{Object: where, Message: fmt.Sprintf("embedded file Subtype %q is not a MIME type", st)})
			}
		}
		return vs
	})
	add(a3, "6.8-3", "an embedded file's file specification has AFRelationship", func(d *document) []Violation {
		var vs []Violation
		for fs, where := range d.fileSpecs {
			if d.dictName(fs, "AFRelationship") == "" {
				vs = append(vs, Violation{Object: where, Message: "file specification without AFRelationship"})
			}
		}
		return vs
	})
	add(a3, "6.8-4", "an embedded file's file specification is associated (listed in some AF array)", func(d *document) []Violation {
		associated := map[int]bool{}
		for dict := range d.dicts {
			for _, e := range d.array(get(dict, "AF")) {
				if r, ok := e.(types.IndirectRef); ok {
					associated[r.ObjectNumber.Value()] = true
				}
			}
		}
		var vs []Violation
		for _, o := range d.objects {
			dict := d.dict(o.obj)
			if get(dict, "EF") != nil && !associated[o.nr] {
				vs = append(vs, Violation{Object: o.name(), Message: "embedded file not referenced from any AF array"})
			}
		}
		return vs
	})
}
