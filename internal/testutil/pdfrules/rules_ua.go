package pdfrules

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// isStandardType reports whether s is a standard structure type of
// ISO 32000-1, 14.8.4.
func isStandardType(s string) bool {
	switch s {
	case "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private",
		"H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot",
		"Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP",
		"Figure", "Formula", "Form":
		return true
	}
	return false
}

// standardType maps a structure type through the RoleMap to a standard
// type, or returns "" when the mapping ends elsewhere or loops.
func (d *document) standardType(s string) string {
	rm := d.dict(get(d.dict(get(d.catalog, "StructTreeRoot")), "RoleMap"))
	for range 64 {
		if isStandardType(s) {
			return s
		}
		next := d.dictName(rm, s)
		if next == "" {
			return ""
		}
		s = next
	}
	return ""
}

// structElem is one structure element of the tree.
type structElem struct {
	dict   types.Dict
	where  string
	typ    string // standard type, "" when not mapped to one
	raw    string // S as written
	parent *structElem
	kids   []*structElem
}

// structTree returns the elements of the structure tree in document order
// (pre-order), or nil when there is none.
func (d *document) structTree() []*structElem {
	root := d.dict(get(d.catalog, "StructTreeRoot"))
	if root == nil {
		return nil
	}
	var out []*structElem
	seen := map[int]bool{}
	var walk func(o types.Object, parent *structElem, depth int)
	walk = func(o types.Object, parent *structElem, depth int) {
		if depth > 256 {
			return
		}
		if a := d.array(o); a != nil {
			for _, k := range a {
				walk(k, parent, depth+1)
			}
			return
		}
		if r, ok := o.(types.IndirectRef); ok {
			if seen[r.ObjectNumber.Value()] {
				return
			}
			seen[r.ObjectNumber.Value()] = true
		}
		e := d.dict(o)
		if e == nil || get(e, "S") == nil {
			return // an MCID, MCR or OBJR
		}
		se := &structElem{dict: e, where: refName(o, "structure element"), raw: d.dictName(e, "S"), parent: parent}
		se.typ = d.standardType(se.raw)
		if parent != nil {
			parent.kids = append(parent.kids, se)
		}
		out = append(out, se)
		walk(get(e, "K"), se, depth+1)
	}
	walk(get(root, "K"), nil, 0)
	return out
}

// parentType is the standard type of e's parent, "" at the top.
func (e *structElem) parentType() string {
	if e.parent == nil {
		return ""
	}
	return e.parent.typ
}

// kidTypes lists the standard types of e's element children.
func (e *structElem) kidTypes() []string {
	var ts []string
	for _, k := range e.kids {
		ts = append(ts, k.typ)
	}
	return ts
}

var langTag = regexp.MustCompile(`^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$`)

// uaRules: PDF/UA-1 (ISO 14289-1) rules on the catalog, the structure tree
// and the marked content.
func uaRules(add adder) {
	add(ua, "6.2-1", "the catalog's MarkInfo has Marked true", func(d *document) []Violation {
		if b, _ := d.boolean(get(d.dict(get(d.catalog, "MarkInfo")), "Marked")); !b {
			return []Violation{{Object: "catalog", Message: "no MarkInfo with Marked true"}}
		}
		return nil
	})
	add(ua, "7.1-4", "MarkInfo Suspects is not true", func(d *document) []Violation {
		if b, _ := d.boolean(get(d.dict(get(d.catalog, "MarkInfo")), "Suspects")); b {
			return []Violation{{Object: "catalog MarkInfo", Message: "Suspects true"}}
		}
		return nil
	})
	add(ua, "7.1-10", "the catalog's ViewerPreferences has DisplayDocTitle true", func(d *document) []Violation {
		if b, _ := d.boolean(get(d.dict(get(d.catalog, "ViewerPreferences")), "DisplayDocTitle")); !b {
			return []Violation{{Object: "catalog", Message: "no ViewerPreferences with DisplayDocTitle true"}}
		}
		return nil
	})
	add(ua, "7.1-11", "the catalog has a StructTreeRoot", func(d *document) []Violation {
		if d.dict(get(d.catalog, "StructTreeRoot")) == nil {
			return []Violation{{Object: "catalog", Message: "no StructTreeRoot"}}
		}
		return nil
	})
	eachElem := func(f func(*document, *structElem) []Violation) func(*document) []Violation {
		return func(d *document) []Violation {
			var vs []Violation
			for _, e := range d.structTree() {
				vs = append(vs, f(d, e)...)
			}
			return vs
		}
	}
	add(ua, "7.1-12", "every structure element has P", eachElem(func(d *document, e *structElem) []Violation {
		if get(e.dict, "P") == nil {
			return []Violation{{Object: e.where, Message: e.raw + " without P"}}
		}
		return nil
	}))
	add(ua, "7.1-5", "every non-standard structure type maps to a standard one through the RoleMap", eachElem(func(d *document, e *structElem) []Violation {
		if e.typ == "" {
			return []Violation{{Object: e.where, Message: "structure type " + e.raw + " is not mapped to a standard type"}}
		}
		return nil
	}))
	add(ua, "7.1-6", "the RoleMap has no circular mapping", func(d *document) []Violation {
		rm := d.dict(get(d.dict(get(d.catalog, "StructTreeRoot")), "RoleMap"))
		var vs []Violation
		for _, k := range sortedKeys(rm) {
			s, seen := k, map[string]bool{}
			for s != "" && !isStandardType(s) {
				if seen[s] {
					vs = append(vs, Violation{Object: "RoleMap", Message: "circular mapping from " + k})
					break
				}
				seen[s] = true
				s = d.dictName(rm, s)
			}
		}
		return vs
	})
	add(ua, "7.1-7", "no standard structure type is remapped", func(d *document) []Violation {
		rm := d.dict(get(d.dict(get(d.catalog, "StructTreeRoot")), "RoleMap"))
		var vs []Violation
		for _, k := range sortedKeys(rm) {
			if isStandardType(k) {
				vs = append(vs, Violation{Object: "RoleMap", Message: "standard type " + k + " is remapped"})
			}
		}
		return vs
	})
	noLang := func(what string) func(*document) []Violation {
		return func(d *document) []Violation {
			if s, _ := d.text(get(d.catalog, "Lang")); s != "" {
				return nil
			}
			return []Violation{{Object: "catalog", Message: "no Lang: the natural language of " + what + " is not determined"}}
		}
	}
	add(ua, "7.2-34", "the natural language of page text is determined (checked: the catalog has Lang)", noLang("the text"))
	add(ua, "7.2-2", "the natural language of outline entries is determined (the catalog has Lang)", func(d *document) []Violation {
		if get(d.catalog, "Outlines") == nil {
			return nil
		}
		return noLang("the outline")(d)
	})
	add(ua, "7.2-29", "every Lang (catalog, structure elements) is a language tag", func(d *document) []Violation {
		var vs []Violation
		check := func(o types.Object, where string) {
			if o == nil {
				return
			}
			if s, _ := d.text(o); !langTag.MatchString(s) {
				vs = append(vs, Violation{Object: where, Message: fmt.Sprintf("Lang %q is not a language tag", s)})
			}
		}
		check(get(d.catalog, "Lang"), "catalog")
		for _, e := range d.structTree() {
			check(get(e.dict, "Lang"), e.where)
		}
		return vs
	})
	add(ua, "7.3-1", "every Figure has Alt or ActualText", eachElem(func(d *document, e *structElem) []Violation {
		if e.typ != "Figure" {
			return nil
		}
		alt, _ := d.text(get(e.dict, "Alt"))
		if _, hasActual := d.text(get(e.dict, "ActualText")); alt == "" && !hasActual {
			return []Violation{{Object: e.where, Message: "Figure without Alt or ActualText"}}
		}
		return nil
	}))
	add(ua, "7.4.2-1", "headings H1-H6 start at H1 and never skip a level going down", func(d *document) []Violation {
		prev := 0
		var vs []Violation
		for _, e := range d.structTree() {
			if len(e.typ) != 2 || e.typ[0] != 'H' || e.typ[1] < '1' || e.typ[1] > '6' {
				continue
			}
			n := int(e.typ[1] - '0')
			if n > prev+1 {
				vs = append(vs, Violation{Object: e.where, Message: fmt.Sprintf("%s follows H%d", e.typ, prev)})
			}
			prev = n
		}
		return vs
	})
	add(ua, "7.4.4-1", "no element has more than one H child", eachElem(func(d *document, e *structElem) []Violation {
		n := 0
		for _, t := range e.kidTypes() {
			if t == "H" {
				n++
			}
		}
		if n > 1 {
			return []Violation{{Object: e.where, Message: fmt.Sprintf("%d H children", n)}}
		}
		return nil
	}))
	mixed := func(flag string) func(*document) []Violation {
		return func(d *document) []Violation {
			h, hn := false, false
			var first *structElem
			for _, e := range d.structTree() {
				switch e.typ {
				case "H":
					h = true
					if flag == "H" && first == nil {
						first = e
					}
				case "H1", "H2", "H3", "H4", "H5", "H6":
					hn = true
					if flag == "Hn" && first == nil {
						first = e
					}
				}
			}
			if h && hn {
				return []Violation{{Object: first.where, Message: "both H and H1-H6 are used"}}
			}
			return nil
		}
	}
	add(ua, "7.4.4-2", "a document does not use H together with H1-H6 (reported on H)", mixed("H"))
	add(ua, "7.4.4-3", "a document does not use H1-H6 together with H (reported on Hn)", mixed("Hn"))
	add(ua, "7.5-1", "a TH has a Scope attribute or the table's cells name their headers (checked: TH has Scope, or TDs have Headers)", func(d *document) []Violation {
		var vs []Violation
		for _, e := range d.structTree() {
			if e.typ != "TH" {
				continue
			}
			if d.attr(e.dict, "Table", "Scope") == "" && !d.tableUsesHeaders(e) {
				vs = append(vs, Violation{Object: e.where, Message: "TH without Scope"})
			}
		}
		return vs
	})
	add(ua, "7.9-1", "every Note has an ID", eachElem(func(d *document, e *structElem) []Violation {
		if e.typ == "Note" {
			if s, _ := d.text(get(e.dict, "ID")); s == "" {
				return []Violation{{Object: e.where, Message: "Note without ID"}}
			}
		}
		return nil
	}))
	add(ua, "7.9-2", "Note IDs are unique", func(d *document) []Violation {
		seen := map[string]bool{}
		var vs []Violation
		for _, e := range d.structTree() {
			if e.typ != "Note" {
				continue
			}
			if s, _ := d.text(get(e.dict, "ID")); s != "" {
				if seen[s] {
					vs = append(vs, Violation{Object: e.where, Message: "duplicate Note ID " + strconv.Quote(s)})
				}
				seen[s] = true
			}
		}
		return vs
	})
	// Containment of tables, lists and tables of contents.
	parentIn := func(id, typ string, parents ...string) {
		add(ua, id, typ+" is contained in "+fmt.Sprint(parents), eachElem(func(d *document, e *structElem) []Violation {
			if e.typ == typ && !slices.Contains(parents, e.parentType()) {
				return []Violation{{Object: e.where, Message: fmt.Sprintf("%s inside %q", typ, e.parentType())}}
			}
			return nil
		}))
	}
	kidsIn := func(id, typ string, kids ...string) {
		add(ua, id, typ+" contains only "+fmt.Sprint(kids), eachElem(func(d *document, e *structElem) []Violation {
			if e.typ != typ {
				return nil
			}
			for _, k := range e.kidTypes() {
				if !slices.Contains(kids, k) {
					return []Violation{{Object: e.where, Message: fmt.Sprintf("%s contains %q", typ, k)}}
				}
			}
			return nil
		}))
	}
	count := func(id, typ, kid string, max int) {
		add(ua, id, fmt.Sprintf("%s has at most %d %s", typ, max, kid), eachElem(func(d *document, e *structElem) []Violation {
			n := 0
			for _, k := range e.kidTypes() {
				if k == kid {
					n++
				}
			}
			if e.typ == typ && n > max {
				return []Violation{{Object: e.where, Message: fmt.Sprintf("%s has %d %s", typ, n, kid)}}
			}
			return nil
		}))
	}
	captionFirst := func(id, typ string, lastToo bool) {
		add(ua, id, typ+"'s Caption is its first kid"+map[bool]string{true: " or last", false: ""}[lastToo], eachElem(func(d *document, e *structElem) []Violation {
			if e.typ != typ {
				return nil
			}
			ks := e.kidTypes()
			for i, k := range ks {
				if k == "Caption" && i != 0 && !(lastToo && i == len(ks)-1) {
					return []Violation{{Object: e.where, Message: "Caption at kid " + strconv.Itoa(i)}}
				}
			}
			return nil
		}))
	}
	kidsIn("7.2-3", "Table", "TR", "THead", "TBody", "TFoot", "Caption")
	parentIn("7.2-4", "TR", "Table", "THead", "TBody", "TFoot")
	parentIn("7.2-5", "THead", "Table")
	parentIn("7.2-6", "TBody", "Table")
	parentIn("7.2-7", "TFoot", "Table")
	parentIn("7.2-8", "TH", "TR")
	parentIn("7.2-9", "TD", "TR")
	kidsIn("7.2-10", "TR", "TH", "TD")
	count("7.2-11", "Table", "THead", 1)
	count("7.2-12", "Table", "TFoot", 1)
	needsBody := func(id, kid string) {
		add(ua, id, "a Table with "+kid+" has a TBody", eachElem(func(d *document, e *structElem) []Violation {
			if e.typ == "Table" && slices.Contains(e.kidTypes(), kid) && !slices.Contains(e.kidTypes(), "TBody") {
				return []Violation{{Object: e.where, Message: "Table with " + kid + " but no TBody"}}
			}
			return nil
		}))
	}
	needsBody("7.2-13", "TFoot")
	needsBody("7.2-14", "THead")
	captionFirst("7.2-16", "Table", true)
	parentIn("7.2-17", "LI", "L")
	parentIn("7.2-18", "LBody", "LI")
	kidsIn("7.2-19", "L", "L", "LI", "Caption")
	kidsIn("7.2-20", "LI", "Lbl", "LBody")
	parentIn("7.2-26", "TOCI", "TOC")
	kidsIn("7.2-27", "TOC", "TOC", "TOCI", "Caption")
	captionFirst("7.2-28", "TOC", false)
	kidsIn("7.2-36", "THead", "TR")
	kidsIn("7.2-37", "TBody", "TR")
	kidsIn("7.2-38", "TFoot", "TR")
	count("7.2-39", "Table", "Caption", 1)
	captionFirst("7.2-40", "L", false)
	add(ua, "7.2-42", "table rows have the same number of columns (checked for tables without RowSpan)", eachElem(func(d *document, e *structElem) []Violation {
		if e.typ != "Table" {
			return nil
		}
		var widths []int
		rowSpan := false
		var rows func(*structElem)
		rows = func(x *structElem) {
			for _, k := range x.kids {
				switch k.typ {
				case "THead", "TBody", "TFoot":
					rows(k)
				case "TR":
					w := 0
					for _, c := range k.kids {
						n, _ := strconv.Atoi(d.attr(c.dict, "Table", "ColSpan"))
						w += max(n, 1)
						if d.attr(c.dict, "Table", "RowSpan") != "" {
							rowSpan = true
						}
					}
					widths = append(widths, w)
				}
			}
		}
		rows(e)
		for _, w := range widths {
			if w != widths[0] && !rowSpan {
				return []Violation{{Object: e.where, Message: fmt.Sprintf("rows have %v cells", widths)}}
			}
		}
		return nil
	}))
	markedContentRules(add)
}

// attr returns the value of attribute key of owner o (such as Table/Scope)
// in a structure element's A entry, as text ("" when absent).
func (d *document) attr(e types.Dict, owner, key string) string {
	a := d.deref(get(e, "A"))
	list := d.array(a)
	if list == nil {
		list = types.Array{a}
	}
	for _, x := range list {
		ad := d.dict(x)
		if ad == nil || d.dictName(ad, "O") != owner {
			continue
		}
		switch v := d.deref(get(ad, key)).(type) {
		case types.Name:
			return string(v)
		case types.Integer:
			return strconv.Itoa(int(v))
		}
	}
	return ""
}

// tableUsesHeaders reports whether the table holding th gives its cells
// Headers attributes (so the structure is known through IDs).
func (d *document) tableUsesHeaders(th *structElem) bool {
	t := th
	for t != nil && t.typ != "Table" {
		t = t.parent
	}
	if t == nil {
		return false
	}
	found := false
	var walk func(*structElem)
	walk = func(x *structElem) {
		if x.typ == "TD" && get(d.dict(get(x.dict, "A")), "Headers") != nil {
			found = true
		}
		for _, k := range x.kids {
			walk(k)
		}
	}
	walk(t)
	return found
}
