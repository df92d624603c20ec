package pdfrules

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// XMP namespaces the rules look at.
const (
	nsRDF       = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsDC        = "http://purl.org/dc/elements/1.1/"
	nsPDFAID    = "http://www.aiim.org/pdfa/ns/id/"
	nsPDFUAID   = "http://www.aiim.org/pdfua/ns/id/"
	nsPDFAExt   = "http://www.aiim.org/pdfa/ns/extension/"
	nsPDFASchem = "http://www.aiim.org/pdfa/ns/schema#"
	nsPDFAProp  = "http://www.aiim.org/pdfa/ns/property#"
)

// predefinedNS reports whether ns is a schema of the XMP Specification 2005
// or of ISO 19005, which needs no extension schema.
func predefinedNS(ns string) bool {
	switch ns {
	case nsDC, "http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/xap/1.0/rights/",
		"http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/",
		"http://ns.adobe.com/xap/1.0/t/pg/", "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
		"http://ns.adobe.com/pdf/1.3/", "http://ns.adobe.com/photoshop/1.0/",
		"http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/exif/1.0/",
		"http://ns.adobe.com/exif/1.0/aux/", "http://ns.adobe.com/tiff/1.0/",
		nsPDFAID, nsPDFAExt:
		return true
	}
	return false
}

// xmlNode is one element of an XMP packet.
type xmlNode struct {
	ns, prefix, local string
	attrs             []xmlAttr
	kids              []*xmlNode
	text              string
}

type xmlAttr struct{ ns, prefix, local, value string }

// xmpPacket is a parsed metadata stream.
type xmpPacket struct {
	raw  []byte
	root *xmlNode
	err  error // not well-formed
}

// property is one top-level property of an rdf:Description.
type property struct {
	ns, prefix, local, value string
	node                     *xmlNode // nil for the attribute form
}

var xpacketAttr = regexp.MustCompile(`<\?xpacket\s[^?]*\b(bytes|encoding)\s*=`)

// parseXMP reads a metadata stream into a tree, resolving prefixes.
func parseXMP(raw []byte) *xmpPacket {
	x := &xmpPacket{raw: raw}
	dec := xml.NewDecoder(bytes.NewReader(raw))
	dec.Strict = true
	type frame struct {
		node *xmlNode
		ns   map[string]string
	}
	top := &xmlNode{}
	stack := []frame{{top, map[string]string{"xml": "http://www.w3.org/XML/1998/namespace"}}}
	for {
		tok, err := dec.RawToken()
		if err != nil {
			if err.Error() != "EOF" {
				x.err = err
			}
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			ns := map[string]string{}
			for k, v := range stack[len(stack)-1].ns {
				ns[k] = v
			}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" {
					ns[a.Name.Local] = a.Value
				} else if a.Name.Space == "" && a.Name.Local == "xmlns" {
					ns[""] = a.Value
				}
			}
			n := &xmlNode{ns: ns[t.Name.Space], prefix: t.Name.Space, local: t.Name.Local}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				uri := ""
				if a.Name.Space != "" {
					uri = ns[a.Name.Space]
				}
				n.attrs = append(n.attrs, xmlAttr{uri, a.Name.Space, a.Name.Local, a.Value})
			}
			parent := stack[len(stack)-1].node
			parent.kids = append(parent.kids, n)
			stack = append(stack, frame{n, ns})
		case xml.EndElement:
			if len(stack) <= 1 {
				x.err = fmt.Errorf("unbalanced end element %s", t.Name.Local)
				return x
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			n := stack[len(stack)-1].node
			n.text += string(t)
		}
	}
	if x.err == nil && len(stack) != 1 {
		x.err = fmt.Errorf("unclosed element")
	}
	x.root = top
	return x
}

// walk calls f for every element, depth first.
func (n *xmlNode) walk(f func(*xmlNode)) {
	if n == nil {
		return
	}
	f(n)
	for _, k := range n.kids {
		k.walk(f)
	}
}

// properties returns the top-level properties of every rdf:Description.
func (x *xmpPacket) properties() []property {
	var ps []property
	x.root.walk(func(n *xmlNode) {
		if n.ns != nsRDF || n.local != "Description" {
			return
		}
		// Only top-level descriptions: children of rdf:RDF.
		for _, a := range n.attrs {
			if a.ns == nsRDF || a.ns == "" || a.prefix == "xml" {
				continue
			}
			ps = append(ps, property{a.ns, a.prefix, a.local, a.value, nil})
		}
		for _, k := range n.kids {
			ps = append(ps, property{k.ns, k.prefix, k.local, strings.TrimSpace(k.text), k})
		}
	})
	return ps
}

// topProperties returns the properties of the descriptions directly under
// rdf:RDF (not those nested in extension schema values).
func (x *xmpPacket) topProperties() []property {
	var out []property
	x.root.walk(func(n *xmlNode) {
		if n.ns != nsRDF || n.local != "RDF" {
			return
		}
		for _, desc := range n.kids {
			if desc.ns != nsRDF || desc.local != "Description" {
				continue
			}
			sub := &xmpPacket{root: &xmlNode{kids: []*xmlNode{{ns: nsRDF, local: "Description", attrs: desc.attrs, kids: desc.kids}}}}
			out = append(out, sub.properties()...)
		}
	})
	return out
}

// find returns the first top-level property in ns named local.
func (x *xmpPacket) find(ns, local string) (property, bool) {
	for _, p := range x.topProperties() {
		if p.ns == ns && p.local == local {
			return p, true
		}
	}
	return property{}, false
}

// extensionSchemas returns the namespaces declared by pdfaExtension:schemas
// and, for each, the names of its declared properties.
func (x *xmpPacket) extensionSchemas() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	x.root.walk(func(n *xmlNode) {
		// A schema is an rdf:li (or rdf:Description) holding pdfaSchema:namespaceURI.
		uri := ""
		var props []string
		for _, a := range n.attrs {
			if a.ns == nsPDFASchem && a.local == "namespaceURI" {
				uri = a.value
			}
		}
		for _, k := range n.kids {
			if k.ns == nsPDFASchem && k.local == "namespaceURI" {
				uri = strings.TrimSpace(k.text)
			}
			if k.ns == nsPDFASchem && k.local == "property" {
				k.walk(func(m *xmlNode) {
					if m.ns == nsPDFAProp && m.local == "name" {
						props = append(props, strings.TrimSpace(m.text))
					}
					for _, a := range m.attrs {
						if a.ns == nsPDFAProp && a.local == "name" {
							props = append(props, a.value)
						}
					}
				})
			}
		}
		if uri == "" {
			return
		}
		if out[uri] == nil {
			out[uri] = map[string]bool{}
		}
		for _, p := range props {
			out[uri][p] = true
		}
	})
	return out
}

// catalogXMP returns the catalog's metadata stream parsed, or nil.
func (d *document) catalogXMP() *xmpPacket {
	sd := d.stream(get(d.catalog, "Metadata"))
	if sd == nil {
		return nil
	}
	b, err := d.decoded(sd)
	if err != nil {
		return &xmpPacket{err: err, root: &xmlNode{}}
	}
	return parseXMP(b)
}

// metadataStreams yields every stream with Type Metadata.
func (d *document) metadataStreams(yield func([]byte, string) bool) {
	for _, o := range d.objects {
		sd, ok := o.obj.(types.StreamDict)
		if !ok || nameOf(sd.Dict, "Type") != "Metadata" {
			continue
		}
		b, err := d.decoded(&sd)
		if err != nil {
			continue
		}
		if !yield(b, o.name()) {
			return
		}
	}
}

// metadataRules: ISO 19005-2/3 6.6 and PDF/UA 5, 7.1-8, 7.1-9.
func metadataRules(add adder) {
	hasMetadata := func(d *document) []Violation {
		sd := d.stream(get(d.catalog, "Metadata"))
		if sd == nil {
			return []Violation{{Object: "catalog", Message: "no Metadata stream"}}
		}
		if nameOf(sd.Dict, "Type") != "Metadata" || nameOf(sd.Dict, "Subtype") != "XML" {
			return []Violation{{Object: "catalog Metadata", Message: "metadata stream is not /Type /Metadata /Subtype /XML"}}
		}
		return nil
	}
	add(allA, "6.6.2.1-1", "the catalog has a Metadata stream of Type Metadata, Subtype XML", hasMetadata)
	add(ua, "7.1-8", "the catalog has a Metadata stream of Type Metadata, Subtype XML", hasMetadata)
	add(allA, "6.6.2.1-2", "no XMP packet header has a bytes attribute", xpacketRule("bytes"))
	add(allA, "6.6.2.1-3", "no XMP packet header has an encoding attribute", xpacketRule("encoding"))
	add(allA, "6.6.2.1-4", "every metadata stream is well-formed XML", func(d *document) []Violation {
		var vs []Violation
		for b, where := range d.metadataStreams {
			if x := parseXMP(b); x.err != nil {
				vs = append(vs, Violation{Object: where, Message: "not well-formed XML: " + x.err.Error()})
			}
		}
		return vs
	})
	add(allA, "6.6.2.1-5", "every metadata stream is UTF-8", func(d *document) []Violation {
		var vs []Violation
		for b, where := range d.metadataStreams {
			if !utf8.Valid(b) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) {
				vs = append(vs, Violation{Object: where, Message: "metadata is not UTF-8"})
			}
		}
		return vs
	})
	add(allA, "6.6.2.3.1-1", "every XMP property is in a predefined schema or a declared extension schema (namespace and property name)", func(d *document) []Violation {
		x := d.catalogXMP()
		if x == nil || x.err != nil {
			return nil
		}
		ext := x.extensionSchemas()
		var vs []Violation
		for _, p := range x.topProperties() {
			if predefinedNS(p.ns) {
				continue
			}
			if decl, ok := ext[p.ns]; !ok || !decl[p.local] {
				vs = append(vs, Violation{Object: "XMP", Message: fmt.Sprintf("property %s:%s (%s) is neither predefined nor declared in pdfaExtension:schemas", p.prefix, p.local, p.ns)})
			}
		}
		return vs
	})
	add(allA, "6.6.4-1", "the XMP has a PDF/A identification (pdfaid:part)", func(d *document) []Violation {
		x := d.catalogXMP()
		if x == nil {
			return []Violation{{Object: "catalog", Message: "no XMP, so no PDF/A identification"}}
		}
		if _, ok := x.find(nsPDFAID, "part"); !ok {
			return []Violation{{Object: "XMP", Message: "no pdfaid:part"}}
		}
		return nil
	})
	add(allA, "6.6.4-2", "pdfaid:part is the part of ISO 19005 checked", func(d *document) []Violation {
		if p, ok := xmpProp(d, nsPDFAID, "part"); ok && p.value != fmt.Sprint(d.profile.part()) {
			return []Violation{{Object: "XMP", Message: fmt.Sprintf("pdfaid:part is %q, want %d", p.value, d.profile.part())}}
		}
		return nil
	})
	add(allA, "6.6.4-3", "pdfaid:conformance is B, U or A for a level B file, U or A for level U", func(d *document) []Violation {
		p, ok := xmpProp(d, nsPDFAID, "conformance")
		if !ok {
			if _, hasPart := xmpProp(d, nsPDFAID, "part"); hasPart {
				return []Violation{{Object: "XMP", Message: "no pdfaid:conformance"}}
			}
			return nil
		}
		okValues := "BUA"
		if d.profile.conformance() == "U" {
			okValues = "UA"
		}
		if len(p.value) != 1 || !strings.Contains(okValues, p.value) {
			return []Violation{{Object: "XMP", Message: fmt.Sprintf("pdfaid:conformance is %q for %s", p.value, d.profile)}}
		}
		return nil
	})
	prefixRule := func(ns, local, prefix string) func(*document) []Violation {
		return func(d *document) []Violation {
			if p, ok := xmpProp(d, ns, local); ok && p.prefix != prefix {
				return []Violation{{Object: "XMP", Message: fmt.Sprintf("%s:%s uses prefix %q, want %q", p.prefix, local, p.prefix, prefix)}}
			}
			return nil
		}
	}
	add(allA, "6.6.4-4", "pdfaid:part uses the prefix pdfaid", prefixRule(nsPDFAID, "part", "pdfaid"))
	add(allA, "6.6.4-5", "pdfaid:conformance uses the prefix pdfaid", prefixRule(nsPDFAID, "conformance", "pdfaid"))
	add(allA, "6.6.4-6", "pdfaid:amd uses the prefix pdfaid", prefixRule(nsPDFAID, "amd", "pdfaid"))
	add(allA, "6.6.4-7", "pdfaid:corr uses the prefix pdfaid", prefixRule(nsPDFAID, "corr", "pdfaid"))
	add(ua, "5-1", "the XMP has a PDF/UA identification (pdfuaid:part)", func(d *document) []Violation {
		x := d.catalogXMP()
		if x == nil {
			return []Violation{{Object: "catalog", Message: "no XMP, so no PDF/UA identification"}}
		}
		if _, ok := x.find(nsPDFUAID, "part"); !ok {
			return []Violation{{Object: "XMP", Message: "no pdfuaid:part"}}
		}
		return nil
	})
	add(ua, "5-2", "pdfuaid:part is 1", func(d *document) []Violation {
		if p, ok := xmpProp(d, nsPDFUAID, "part"); ok && p.value != "1" {
			return []Violation{{Object: "XMP", Message: fmt.Sprintf("pdfuaid:part is %q, want 1", p.value)}}
		}
		return nil
	})
	add(ua, "5-3", "pdfuaid:part uses the prefix pdfuaid", prefixRule(nsPDFUAID, "part", "pdfuaid"))
	add(ua, "5-4", "pdfuaid:amd uses the prefix pdfuaid", prefixRule(nsPDFUAID, "amd", "pdfuaid"))
	add(ua, "5-5", "pdfuaid:corr uses the prefix pdfuaid", prefixRule(nsPDFUAID, "corr", "pdfuaid"))
	add(ua, "7.1-9", "the XMP has a non-empty dc:title", func(d *document) []Violation {
		x := d.catalogXMP()
		if x == nil {
			return []Violation{{Object: "catalog", Message: "no XMP, so no dc:title"}}
		}
		p, ok := x.find(nsDC, "title")
		if !ok || strings.TrimSpace(allText(p.node)) == "" {
			return []Violation{{Object: "XMP", Message: "no dc:title"}}
		}
		return nil
	})
}

// allText is the text of a node and its descendants.
func allText(n *xmlNode) string {
	var b strings.Builder
	n.walk(func(m *xmlNode) { b.WriteString(m.text) })
	return b.String()
}

// xmpProp finds a top-level property of the catalog's XMP.
func xmpProp(d *document, ns, local string) (property, bool) {
	x := d.catalogXMP()
	if x == nil || x.err != nil {
		return property{}, false
	}
	return x.find(ns, local)
}

// xpacketRule is 6.6.2.1-2/3: no bytes or encoding attribute in the header.
func xpacketRule(attr string) func(*document) []Violation {
	return func(d *document) []Violation {
		var vs []Violation
		for b, where := range d.metadataStreams {
			for _, m := range xpacketAttr.FindAllSubmatch(b, -1) {
				if string(m[1]) == attr {
					vs = append(vs, Violation{Object: where, Message: "xpacket header has " + attr + "="})
				}
			}
		}
		return vs
	}
}

// extensionItems returns the schema (container "schema") or property
// (container "property") entries of pdfaExtension:schemas: the rdf:li
// elements that hold them.
func (x *xmpPacket) extensionItems(container string) []*xmlNode {
	var out []*xmlNode
	x.root.walk(func(n *xmlNode) {
		if n.ns != nsPDFAExt || n.local != "schemas" {
			return
		}
		n.walk(func(m *xmlNode) {
			if m.ns != nsRDF || m.local != "li" {
				return
			}
			ns := nsPDFASchem
			if container == "property" {
				ns = nsPDFAProp
			}
			// An entry of this container has at least one field of its namespace.
			for _, k := range m.kids {
				if k.ns == ns {
					out = append(out, m)
					return
				}
			}
			for _, a := range m.attrs {
				if a.ns == ns {
					out = append(out, m)
					return
				}
			}
		})
	})
	return out
}

// field is one field of an extension schema entry.
type field struct{ prefix, value string }

// field returns the entry's field ns:local, in element or attribute form.
func (n *xmlNode) field(ns, local string) (field, bool) {
	for _, k := range n.kids {
		if k.ns == ns && k.local == local {
			return field{k.prefix, strings.TrimSpace(allText(k))}, true
		}
	}
	for _, a := range n.attrs {
		if a.ns == ns && a.local == local {
			return field{a.prefix, a.value}, true
		}
	}
	return field{}, false
}
