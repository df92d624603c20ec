package pdfrules

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Profile is a validation profile: a standard and its conformance level.
type Profile int

// The profiles this package checks.
const (
	PDFA2B Profile = iota + 1 // ISO 19005-2, level B
	PDFA2U                    // ISO 19005-2, level U
	PDFA3B                    // ISO 19005-3, level B
	PDFA3U                    // ISO 19005-3, level U
	PDFUA1                    // ISO 14289-1
)

// Profiles lists every profile, in the order above.
func Profiles() []Profile { return []Profile{PDFA2B, PDFA2U, PDFA3B, PDFA3U, PDFUA1} }

// String returns the profile's usual name ("PDF/A-2B", "PDF/UA-1").
func (p Profile) String() string {
	switch p {
	case PDFA2B:
		return "PDF/A-2B"
	case PDFA2U:
		return "PDF/A-2U"
	case PDFA3B:
		return "PDF/A-3B"
	case PDFA3U:
		return "PDF/A-3U"
	case PDFUA1:
		return "PDF/UA-1"
	}
	return fmt.Sprintf("Profile(%d)", int(p))
}

// part is the ISO 19005 part of a PDF/A profile, 0 for PDF/UA.
func (p Profile) part() int {
	switch p {
	case PDFA2B, PDFA2U:
		return 2
	case PDFA3B, PDFA3U:
		return 3
	}
	return 0
}

// conformance is the PDF/A conformance letter, "" for PDF/UA.
func (p Profile) conformance() string {
	switch p {
	case PDFA2B, PDFA3B:
		return "B"
	case PDFA2U, PDFA3U:
		return "U"
	}
	return ""
}

// Violation is one failed rule at one place in the file.
type Violation struct {
	Rule    string // the veraPDF rule id, such as "6.6.4-1"
	Message string // what is wrong, in words
	Object  string // where: "catalog", "trailer", "12 0 obj", "page 3", "XMP"
}

// String formats the violation as "rule: object: message".
func (v Violation) String() string {
	return v.Rule + ": " + v.Object + ": " + v.Message
}

// Rule is one implemented rule of a profile.
type Rule struct {
	ID          string // the veraPDF rule id
	Description string // one line: what the rule requires (and, for a partial check, what is checked)
	check       func(*document) []Violation
}

// encryptKey finds an Encrypt entry, in a trailer or a cross-reference
// stream's dictionary.
var encryptKey = regexp.MustCompile(`/Encrypt[\s/<\[0-9]`)

// ReadError is the rule id of the violation Check returns when pdfcpu
// cannot read the file at all: no rule can then be checked.
const ReadError = "read"

// Rules returns the rules implemented for p, in profile order.
func Rules(p Profile) []Rule {
	var out []Rule
	for _, r := range ruleTable() {
		if r.profiles.has(p) {
			out = append(out, r.Rule)
		}
	}
	return out
}

// Check runs every implemented rule of profile p on the PDF and returns the
// violations, sorted by rule and object. An empty result means the file
// passes every rule this package implements, not that it conforms.
func Check(pdf []byte, p Profile) []Violation {
	d, err := open(pdf, p)
	if err != nil {
		vs := []Violation{{Rule: ReadError, Object: "file", Message: err.Error()}}
		// pdfcpu cannot open an encrypted file without its password;
		// 6.1.3-2 forbids the encryption itself.
		if p.part() != 0 && encryptKey.Match(pdf) {
			vs = append(vs, Violation{Rule: "6.1.3-2", Object: "trailer", Message: "the file is encrypted"})
		}
		return vs
	}
	var out []Violation
	for _, r := range Rules(p) {
		for _, v := range r.check(d) {
			v.Rule = r.ID
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return ruleLess(out[i].Rule, out[j].Rule) })
	return out
}

// RuleIDs returns the distinct rule ids of vs, in order.
func RuleIDs(vs []Violation) []string {
	var ids []string
	for _, v := range vs {
		if !slices.Contains(ids, v.Rule) {
			ids = append(ids, v.Rule)
		}
	}
	return ids
}

// ruleLess orders rule ids by their numeric parts: 6.2.9-1 < 6.2.10-1.
func ruleLess(a, b string) bool {
	pa, pb := ruleKey(a), ruleKey(b)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] != pb[i] {
			return pa[i] < pb[i]
		}
	}
	return len(pa) < len(pb)
}

func ruleKey(id string) []int {
	var k []int
	for _, f := range strings.FieldsFunc(id, func(r rune) bool { return r == '.' || r == '-' }) {
		n := 0
		for _, c := range f {
			if c >= '0' && c <= '9' {
				n = n*10 + int(c-'0')
			}
		}
		k = append(k, n)
	}
	return k
}

// profileRule is a Rule with the profiles it belongs to.
type profileRule struct {
	Rule
	profiles profileSet
}

// profileSet is a set of profiles, one bit each.
type profileSet uint8

// has reports whether p is in the set.
func (s profileSet) has(p Profile) bool { return s&(1<<p) != 0 }

// The sets the rules belong to.
const (
	a2   profileSet = 1<<PDFA2B | 1<<PDFA2U
	a3   profileSet = 1<<PDFA3B | 1<<PDFA3U
	aU   profileSet = 1<<PDFA2U | 1<<PDFA3U
	allA            = a2 | a3
	ua   profileSet = 1 << PDFUA1
)

// ruleTable lists every implemented rule. It is built afresh on each call:
// the package has no mutable global state.
func ruleTable() []profileRule {
	var t []profileRule
	add := func(ps profileSet, id, desc string, f func(*document) []Violation) {
		t = append(t, profileRule{Rule{ID: id, Description: desc, check: f}, ps})
	}
	fileRules(add)
	colourRules(add)
	fontRules(add)
	annotRules(add)
	metadataRules(add)
	embeddedRules(add)
	uaRules(add)
	moreRules(add)
	glyphRules(add)
	return t
}

// adder registers one rule; the rule files take it.
type adder func(ps profileSet, id, desc string, f func(*document) []Violation)

// document is a read PDF with the lookups the rules share.
type document struct {
	raw     []byte
	profile Profile
	xref    *model.XRefTable
	catalog types.Dict
	objects []object // every in-use object, by number
	pages   []page
}

// object is one indirect object.
type object struct {
	nr  int
	obj types.Object
}

func (o object) name() string { return fmt.Sprintf("%d 0 obj", o.nr) }

// page is one page of the page tree, with its inherited resources.
type page struct {
	nr        int // 1-based
	ref       int // object number of the page dictionary
	dict      types.Dict
	resources types.Dict
}

func (p page) name() string { return fmt.Sprintf("page %d", p.nr) }

// open reads pdf with pdfcpu and indexes its objects and pages.
func open(pdf []byte, p Profile) (d *document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdfcpu panicked reading the file: %v", r)
		}
	}()
	ctx, err := api.ReadContext(context.Background(), bytes.NewReader(pdf), model.NewStatelessConfiguration())
	if err != nil {
		return nil, fmt.Errorf("pdfcpu cannot read the file: %w", err)
	}
	d = &document{raw: pdf, profile: p, xref: ctx.XRefTable}
	if ctx.XRefTable.Root != nil {
		d.catalog = d.dict(*ctx.XRefTable.Root)
	}
	if d.catalog == nil {
		return nil, fmt.Errorf("no document catalog")
	}
	for nr, e := range ctx.XRefTable.Table {
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		d.objects = append(d.objects, object{nr, e.Object})
	}
	sort.Slice(d.objects, func(i, j int) bool { return d.objects[i].nr < d.objects[j].nr })
	d.walkPageNode(get(d.catalog, "Pages"), nil, map[int]bool{})
	return d, nil
}

// walkPageNode collects the leaves of the page tree under o, inheriting
// Resources.
func (d *document) walkPageNode(o types.Object, res types.Dict, seen map[int]bool) {
	ref, isRef := o.(types.IndirectRef)
	if isRef {
		if seen[ref.ObjectNumber.Value()] {
			return
		}
		seen[ref.ObjectNumber.Value()] = true
	}
	node := d.dict(o)
	if node == nil {
		return
	}
	if r := d.dict(get(node, "Resources")); r != nil {
		res = r
	}
	if nameOf(node, "Type") == "Page" || get(node, "Kids") == nil {
		p := page{nr: len(d.pages) + 1, dict: node, resources: res}
		if isRef {
			p.ref = ref.ObjectNumber.Value()
		}
		d.pages = append(d.pages, p)
		return
	}
	for _, k := range d.array(get(node, "Kids")) {
		d.walkPageNode(k, res, seen)
	}
}

// get returns d[key] without dereferencing, nil when absent.
func get(d types.Dict, key string) types.Object {
	if d == nil {
		return nil
	}
	o, _ := d.Find(key)
	return o
}

// deref follows indirect references (a bounded number of times).
func (d *document) deref(o types.Object) types.Object {
	for range 32 {
		r, ok := o.(types.IndirectRef)
		if !ok {
			return o
		}
		e, found := d.xref.Find(r.ObjectNumber.Value())
		if !found || e == nil || e.Free {
			return nil
		}
		o = e.Object
	}
	return nil
}

// dict returns o as a dictionary (a stream's dictionary too), or nil.
func (d *document) dict(o types.Object) types.Dict {
	switch v := d.deref(o).(type) {
	case types.Dict:
		return v
	case types.StreamDict:
		return v.Dict
	case *types.StreamDict:
		return v.Dict
	}
	return nil
}

// stream returns o as a stream, or nil.
func (d *document) stream(o types.Object) *types.StreamDict {
	switch v := d.deref(o).(type) {
	case types.StreamDict:
		return &v
	case *types.StreamDict:
		return v
	}
	return nil
}

// decoded returns a stream's decoded bytes, or nil and an error.
func (d *document) decoded(sd *types.StreamDict) ([]byte, error) {
	if sd == nil {
		return nil, fmt.Errorf("not a stream")
	}
	c := *sd
	if c.Content != nil {
		return c.Content, nil
	}
	if err := c.DecodeWithLimit(filter.DefaultMaxDecodeBytes); err != nil {
		return nil, err
	}
	return c.Content, nil
}

// array returns o as an array, or nil.
func (d *document) array(o types.Object) types.Array {
	a, _ := d.deref(o).(types.Array)
	return a
}

// dictName is d[key] as a name after dereferencing, "" when it is not one.
func (d *document) dictName(dict types.Dict, key string) string {
	n, _ := d.deref(get(dict, key)).(types.Name)
	return string(n)
}

// nameOf is dict[key] as a direct name, "" when it is not one.
func nameOf(dict types.Dict, key string) string {
	n, _ := get(dict, key).(types.Name)
	return string(n)
}

// number returns o as a number.
func (d *document) number(o types.Object) (float64, bool) {
	switch v := d.deref(o).(type) {
	case types.Integer:
		return float64(v), true
	case types.Float:
		return float64(v), true
	}
	return 0, false
}

// boolean returns o as a boolean.
func (d *document) boolean(o types.Object) (value, ok bool) {
	b, ok := d.deref(o).(types.Boolean)
	return bool(b), ok
}

// text returns o as a text string (PDFDocEncoding or UTF-16), and whether
// it is a string at all.
func (d *document) text(o types.Object) (string, bool) {
	o = d.deref(o)
	switch o.(type) {
	case types.StringLiteral, types.HexLiteral:
		s, err := types.StringOrHexLiteral(o)
		if err != nil || s == nil {
			return "", true
		}
		return *s, true
	}
	return "", false
}

// refName names an object for a violation: "N 0 obj" when o is a reference.
func refName(o types.Object, fallback string) string {
	if r, ok := o.(types.IndirectRef); ok {
		return fmt.Sprintf("%d 0 obj", r.ObjectNumber.Value())
	}
	return fallback
}

// dicts yields every dictionary of the file: each indirect object's
// dictionary and every dictionary nested in it (directly, not through
// references), with the name of the indirect object that holds it.
func (d *document) dicts(yield func(types.Dict, string) bool) {
	var walk func(o types.Object, where string) bool
	walk = func(o types.Object, where string) bool {
		switch v := o.(type) {
		case types.Dict:
			if !yield(v, where) {
				return false
			}
			for _, k := range sortedKeys(v) {
				if !walk(v[k], where) {
					return false
				}
			}
		case types.StreamDict:
			return walk(v.Dict, where)
		case types.Array:
			for _, e := range v {
				if !walk(e, where) {
					return false
				}
			}
		}
		return true
	}
	for _, ob := range d.objects {
		if !walk(ob.obj, ob.name()) {
			return
		}
	}
}

// sortedKeys returns a dictionary's keys in order, for deterministic output.
func sortedKeys(d types.Dict) []string {
	ks := make([]string, 0, len(d))
	for k := range d {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// numberTree flattens a number tree into a map from key to value.
func (d *document) numberTree(root types.Object) map[int]types.Object {
	out := map[int]types.Object{}
	seen := map[int]bool{}
	var walk func(o types.Object, depth int)
	walk = func(o types.Object, depth int) {
		if r, ok := o.(types.IndirectRef); ok {
			if seen[r.ObjectNumber.Value()] {
				return
			}
			seen[r.ObjectNumber.Value()] = true
		}
		n := d.dict(o)
		if n == nil || depth > 64 {
			return
		}
		nums := d.array(get(n, "Nums"))
		for i := 0; i+1 < len(nums); i += 2 {
			if k, ok := d.number(nums[i]); ok {
				out[int(k)] = nums[i+1]
			}
		}
		for _, k := range d.array(get(n, "Kids")) {
			walk(k, depth+1)
		}
	}
	walk(root, 0)
	return out
}

// annots yields every annotation of every page.
func (d *document) annots(yield func(page, annot) bool) {
	for _, p := range d.pages {
		for _, a := range d.array(get(p.dict, "Annots")) {
			ad := d.dict(a)
			if ad == nil {
				continue
			}
			if !yield(p, annot{ad, refName(a, p.name()+" annotation")}) {
				return
			}
		}
	}
}
