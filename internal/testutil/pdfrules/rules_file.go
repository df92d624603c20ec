package pdfrules

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// xrefKeyword finds an xref keyword at the start of a line (not the one in
// startxref); xrefHeader is what must follow it.
var (
	xrefKeyword = regexp.MustCompile(`(?m)(?:^|[\r\n])xref`)
	xrefHeader  = regexp.MustCompile(`^(\r\n|\r|\n)[0-9]+ [0-9]+`)
)

var headerPattern = regexp.MustCompile(`^%PDF-1\.[0-7](\r\n|\r|\n)`)

// fileRules: ISO 19005-2/3 6.1 (file structure), 6.4-6.5 (forms,
// actions), 6.9-6.11, and PDF/UA 6.1.
func fileRules(add adder) {
	header := func(d *document) []Violation {
		if !headerPattern.Match(d.raw) {
			return []Violation{{Object: "header", Message: fmt.Sprintf("file does not start with %%PDF-1.n and one EOL: %q", d.raw[:min(len(d.raw), 10)])}}
		}
		return nil
	}
	add(allA, "6.1.2-1", "the header is %PDF-1.n at byte 0 followed by one EOL", header)
	add(ua, "6.1-1", "the header is %PDF-1.n followed by one EOL", header)
	add(allA, "6.1.2-2", "the header's EOL is followed by % and four bytes above 127", func(d *document) []Violation {
		m := headerPattern.Find(d.raw)
		if m == nil {
			return nil
		}
		rest := d.raw[len(m):]
		if len(rest) < 5 || rest[0] != '%' || rest[1] < 128 || rest[2] < 128 || rest[3] < 128 || rest[4] < 128 {
			return []Violation{{Object: "header", Message: "no binary comment of four bytes above 127 after the header"}}
		}
		return nil
	})
	add(allA, "6.1.3-1", "the trailer has a non-empty ID", func(d *document) []Violation {
		if len(d.xref.ID) == 0 {
			return []Violation{{Object: "trailer", Message: "no ID in the trailer"}}
		}
		return nil
	})
	add(allA, "6.1.3-2", "the trailer has no Encrypt key", func(d *document) []Violation {
		if d.xref.Encrypt != nil || d.xref.E != nil {
			return []Violation{{Object: "trailer", Message: "the file is encrypted"}}
		}
		return nil
	})
	add(allA, "6.1.3-3", "nothing but one optional EOL follows the last %%EOF", func(d *document) []Violation {
		i := bytes.LastIndex(d.raw, []byte("%%EOF"))
		if i < 0 {
			return []Violation{{Object: "file", Message: "no %%EOF marker"}}
		}
		rest := d.raw[i+5:]
		if len(rest) == 0 || string(rest) == "\n" || string(rest) == "\r" || string(rest) == "\r\n" {
			return nil
		}
		return []Violation{{Object: "file", Message: fmt.Sprintf("%d bytes after the last %%%%EOF", len(rest))}}
	})
	add(allA, "6.1.7.1-3", "no stream dictionary has F, FFilter or FDecodeParms", func(d *document) []Violation {
		var vs []Violation
		for _, o := range d.objects {
			if sd, ok := o.obj.(types.StreamDict); ok {
				for _, k := range []string{"F", "FFilter", "FDecodeParms"} {
					if get(sd.Dict, k) != nil {
						vs = append(vs, Violation{Object: o.name(), Message: "stream dictionary has " + k})
					}
				}
			}
		}
		return vs
	})
	add(allA, "6.1.7.2-1", "no stream uses the LZWDecode or Crypt filter", func(d *document) []Violation {
		var vs []Violation
		for _, o := range d.objects {
			sd, ok := o.obj.(types.StreamDict)
			if !ok {
				continue
			}
			fs := d.array(get(sd.Dict, "Filter"))
			if n := d.dictName(sd.Dict, "Filter"); n != "" {
				fs = types.Array{types.Name(n)}
			}
			for _, f := range fs {
				if n, _ := d.deref(f).(types.Name); n == "LZWDecode" || n == "Crypt" {
					vs = append(vs, Violation{Object: o.name(), Message: "stream uses the " + string(n) + " filter"})
				}
			}
		}
		return vs
	})
	add(allA, "6.1.12-1", "a permissions dictionary has only UR3 and DocMDP", func(d *document) []Violation {
		var vs []Violation
		for k := range d.dict(get(d.catalog, "Perms")) {
			if k != "UR3" && k != "DocMDP" {
				vs = append(vs, Violation{Object: "catalog Perms", Message: "permissions key " + k})
			}
		}
		return vs
	})
	add(allA, "6.4.1-3", "the interactive form's NeedAppearances is absent or false", func(d *document) []Violation {
		if b, _ := d.boolean(get(d.dict(get(d.catalog, "AcroForm")), "NeedAppearances")); b {
			return []Violation{{Object: "catalog AcroForm", Message: "NeedAppearances is true"}}
		}
		return nil
	})
	add(allA, "6.4.2-1", "the interactive form has no XFA key", func(d *document) []Violation {
		if get(d.dict(get(d.catalog, "AcroForm")), "XFA") != nil {
			return []Violation{{Object: "catalog AcroForm", Message: "XFA form"}}
		}
		return nil
	})
	add(allA, "6.4.2-2", "the catalog has no NeedsRendering key", func(d *document) []Violation {
		if get(d.catalog, "NeedsRendering") != nil {
			return []Violation{{Object: "catalog", Message: "NeedsRendering present"}}
		}
		return nil
	})
	add(allA, "6.5.1-1", "only GoTo, GoToR, GoToE, Thread, URI, Named and SubmitForm actions", func(d *document) []Violation {
		var vs []Violation
		for a, where := range d.actions {
			switch s := d.dictName(a, "S"); s {
			case "GoTo", "GoToR", "GoToE", "Thread", "URI", "Named", "SubmitForm":
			default:
				vs = append(vs, Violation{Object: where, Message: "forbidden action " + s})
			}
		}
		return vs
	})
	add(allA, "6.5.1-2", "named actions are only NextPage, PrevPage, FirstPage, LastPage", func(d *document) []Violation {
		var vs []Violation
		for a, where := range d.actions {
			if d.dictName(a, "S") != "Named" {
				continue
			}
			switch n := d.dictName(a, "N"); n {
			case "NextPage", "PrevPage", "FirstPage", "LastPage":
			default:
				vs = append(vs, Violation{Object: where, Message: "named action " + n})
			}
		}
		return vs
	})
	add(allA, "6.5.2-1", "the catalog has no AA (additional actions)", func(d *document) []Violation {
		if get(d.catalog, "AA") != nil {
			return []Violation{{Object: "catalog", Message: "AA present"}}
		}
		return nil
	})
	add(allA, "6.5.2-2", "no page has AA (additional actions)", func(d *document) []Violation {
		var vs []Violation
		for _, p := range d.pages {
			if get(p.dict, "AA") != nil {
				vs = append(vs, Violation{Object: p.name(), Message: "AA present"})
			}
		}
		return vs
	})
	ocAS := func(d *document) []Violation {
		var vs []Violation
		for c, where := range d.ocConfigs {
			if get(c, "AS") != nil {
				vs = append(vs, Violation{Object: where, Message: "optional content configuration has AS"})
			}
		}
		return vs
	}
	ocName := func(d *document) []Violation {
		var vs []Violation
		for c, where := range d.ocConfigs {
			if s, ok := d.text(get(c, "Name")); !ok || s == "" {
				vs = append(vs, Violation{Object: where, Message: "optional content configuration has no Name"})
			}
		}
		return vs
	}
	add(allA, "6.9-1", "every optional content configuration has a Name", ocName)
	add(ua, "7.10-1", "every optional content configuration has a Name", ocName)
	add(allA, "6.9-4", "no optional content configuration has AS", ocAS)
	add(allA, "6.9-2", "optional content configuration Names are unique", func(d *document) []Violation {
		seen := map[string]bool{}
		var vs []Violation
		for c, where := range d.ocConfigs {
			if s, ok := d.text(get(c, "Name")); ok && s != "" {
				if seen[s] {
					vs = append(vs, Violation{Object: where, Message: "duplicate configuration Name " + s})
				}
				seen[s] = true
			}
		}
		return vs
	})
	add(allA, "6.9-3", "a configuration's Order lists every optional content group", func(d *document) []Violation {
		ocgs := d.array(get(d.dict(get(d.catalog, "OCProperties")), "OCGs"))
		var vs []Violation
		for c, where := range d.ocConfigs {
			order := get(c, "Order")
			if order == nil {
				continue
			}
			listed := map[int]bool{}
			var walk func(types.Object, int)
			walk = func(o types.Object, depth int) {
				if r, ok := o.(types.IndirectRef); ok {
					listed[r.ObjectNumber.Value()] = true
				}
				if depth < 32 {
					for _, e := range d.array(o) {
						walk(e, depth+1)
					}
				}
			}
			walk(order, 0)
			for _, g := range ocgs {
				if r, ok := g.(types.IndirectRef); ok && !listed[r.ObjectNumber.Value()] {
					vs = append(vs, Violation{Object: where, Message: fmt.Sprintf("Order lacks optional content group %d 0 R", r.ObjectNumber.Value())})
				}
			}
		}
		return vs
	})
	add(allA, "6.1.4-2", "the xref keyword is followed by a single EOL and the subsection header", func(d *document) []Violation {
		var vs []Violation
		for _, m := range xrefKeyword.FindAllSubmatchIndex(d.raw, -1) {
			if !xrefHeader.Match(d.raw[m[1]:]) {
				vs = append(vs, Violation{Object: fmt.Sprintf("xref at byte %d", m[0]), Message: "xref keyword not followed by one EOL and a subsection header"})
			}
		}
		return vs
	})
	add(ua, "7.10-2", "no optional content configuration has AS", ocAS)
	add(allA, "6.10-1", "the name dictionary has no AlternatePresentations", func(d *document) []Violation {
		if get(d.dict(get(d.catalog, "Names")), "AlternatePresentations") != nil {
			return []Violation{{Object: "catalog Names", Message: "AlternatePresentations present"}}
		}
		return nil
	})
	add(allA, "6.10-2", "no page has PresSteps", func(d *document) []Violation {
		var vs []Violation
		for _, p := range d.pages {
			if get(p.dict, "PresSteps") != nil {
				vs = append(vs, Violation{Object: p.name(), Message: "PresSteps present"})
			}
		}
		return vs
	})
	add(allA, "6.11-1", "the catalog has no Requirements key", func(d *document) []Violation {
		if get(d.catalog, "Requirements") != nil {
			return []Violation{{Object: "catalog", Message: "Requirements present"}}
		}
		return nil
	})
	add(ua, "7.15-1", "no dynamic XFA form (AcroForm XFA with NeedsRendering)", func(d *document) []Violation {
		if get(d.dict(get(d.catalog, "AcroForm")), "XFA") != nil {
			if b, _ := d.boolean(get(d.catalog, "NeedsRendering")); b {
				return []Violation{{Object: "catalog", Message: "dynamic XFA form"}}
			}
		}
		return nil
	})
}

// actions yields every action dictionary: dictionaries with Type Action,
// values of A, OpenAction and Next keys, and the values of AA dictionaries.
func (d *document) actions(yield func(types.Dict, string) bool) {
	seen := map[string]bool{}
	emit := func(a types.Dict, where string) bool {
		key := fmt.Sprintf("%p", a)
		if a == nil || seen[key] || get(a, "S") == nil {
			return true
		}
		seen[key] = true
		return yield(a, where)
	}
	for dict, where := range d.dicts {
		if nameOf(dict, "Type") == "Action" && !emit(dict, where) {
			return
		}
		for _, k := range []string{"A", "OpenAction", "Next"} {
			if a := d.dict(get(dict, k)); a != nil && !emit(a, where) {
				return
			}
		}
		if k := get(dict, "Next"); k != nil {
			for _, e := range d.array(k) {
				if !emit(d.dict(e), where) {
					return
				}
			}
		}
	}
}

// ocConfigs yields the optional content configuration dictionaries: D and
// the entries of Configs in the catalog's OCProperties.
func (d *document) ocConfigs(yield func(types.Dict, string) bool) {
	ocp := d.dict(get(d.catalog, "OCProperties"))
	if ocp == nil {
		return
	}
	if c := d.dict(get(ocp, "D")); c != nil && !yield(c, "OCProperties D") {
		return
	}
	for i, c := range d.array(get(ocp, "Configs")) {
		if cd := d.dict(c); cd != nil && !yield(cd, fmt.Sprintf("OCProperties Configs[%d]", i)) {
			return
		}
	}
}
