package pdfrules

import (
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// outputProfile returns the colour space ("RGB ", "GRAY", "CMYK") of the
// destination profile of the PDF/A output intent (S /GTS_PDFA1), or "".
func (d *document) outputProfile() string {
	for _, oi := range d.array(get(d.catalog, "OutputIntents")) {
		od := d.dict(oi)
		if d.dictName(od, "S") != "GTS_PDFA1" {
			continue
		}
		b, err := d.decoded(d.stream(get(od, "DestOutputProfile")))
		if err != nil || len(b) < 20 {
			return ""
		}
		return string(b[16:20])
	}
	return ""
}

// deviceSpaces returns the device colour spaces a page's content uses:
// "DeviceRGB", "DeviceGray", "DeviceCMYK", each with where it is used.
func (d *document) deviceSpaces(p page) map[string]string {
	used := map[string]string{}
	note := func(cs, where string) {
		if _, ok := used[cs]; !ok {
			used[cs] = where
		}
	}
	content, _ := d.pageContent(p)
	for _, op := range parseContent(content) {
		switch op.op {
		case "rg", "RG":
			note("DeviceRGB", p.name()+" content ("+op.op+")")
		case "g", "G":
			note("DeviceGray", p.name()+" content ("+op.op+")")
		case "k", "K":
			note("DeviceCMYK", p.name()+" content ("+op.op+")")
		case "cs", "CS":
			if len(op.operands) == 1 {
				switch n := op.operands[0].str; n {
				case "DeviceRGB", "DeviceGray", "DeviceCMYK":
					note(n, p.name()+" content ("+op.op+")")
				}
			}
		case "BI":
			switch cs := op.inline["CS"].str; cs {
			case "RGB", "DeviceRGB":
				note("DeviceRGB", p.name()+" inline image")
			case "G", "DeviceGray":
				note("DeviceGray", p.name()+" inline image")
			case "CMYK", "DeviceCMYK":
				note("DeviceCMYK", p.name()+" inline image")
			}
		}
	}
	for _, name := range sortedKeys(d.dict(get(p.resources, "XObject"))) {
		x := get(d.dict(get(p.resources, "XObject")), name)
		xd := d.dict(x)
		if d.dictName(xd, "Subtype") != "Image" {
			continue
		}
		switch cs := d.dictName(xd, "ColorSpace"); cs {
		case "DeviceRGB", "DeviceGray", "DeviceCMYK":
			note(cs, refName(x, p.name()+" image "+name))
		}
	}
	return used
}

// pageContent returns a page's decoded content, its streams joined.
func (d *document) pageContent(p page) ([]byte, error) {
	c := get(p.dict, "Contents")
	streams := d.array(c)
	if streams == nil {
		streams = types.Array{c}
	}
	var out []byte
	for _, s := range streams {
		b, err := d.decoded(d.stream(s))
		if err != nil {
			return out, fmt.Errorf("%s: content stream: %w", p.name(), err)
		}
		out = append(out, b...)
		out = append(out, '\n')
	}
	return out, nil
}

// colourRules: ISO 19005-2/3 6.2.3 to 6.2.10.
func colourRules(add adder) {
	add(allA, "6.2.3-1", "the output intent's profile is a prtr or mntr profile in GRAY, RGB or CMYK, version below 5", func(d *document) []Violation {
		var vs []Violation
		for i, oi := range d.array(get(d.catalog, "OutputIntents")) {
			od := d.dict(oi)
			p := get(od, "DestOutputProfile")
			if p == nil {
				continue
			}
			b, err := d.decoded(d.stream(p))
			where := refName(p, fmt.Sprintf("OutputIntents[%d]", i))
			if err != nil || len(b) < 20 {
				vs = append(vs, Violation{Object: where, Message: "unreadable ICC profile"})
				continue
			}
			class, cs := string(b[12:16]), string(b[16:20])
			if (class != "prtr" && class != "mntr") || (cs != "RGB " && cs != "GRAY" && cs != "CMYK") || b[8] >= 5 {
				vs = append(vs, Violation{Object: where, Message: fmt.Sprintf("ICC profile class %q, colour space %q, version %d", class, cs, b[8])})
			}
		}
		return vs
	})
	add(allA, "6.2.3-2", "all output intents with DestOutputProfile share one profile object", func(d *document) []Violation {
		var first *types.IndirectRef
		for _, oi := range d.array(get(d.catalog, "OutputIntents")) {
			p := get(d.dict(oi), "DestOutputProfile")
			if p == nil {
				continue
			}
			r, ok := p.(types.IndirectRef)
			if !ok {
				return []Violation{{Object: "OutputIntents", Message: "DestOutputProfile is not an indirect object"}}
			}
			if first == nil {
				first = &r
			} else if first.ObjectNumber != r.ObjectNumber {
				return []Violation{{Object: "OutputIntents", Message: "output intents name different profiles"}}
			}
		}
		return nil
	})
	deviceRule := func(cs, want string) func(*document) []Violation {
		return func(d *document) []Violation {
			out := d.outputProfile()
			if out != "" && (want == "" || out == want) {
				return nil
			}
			var vs []Violation
			for _, p := range d.pages {
				if d.dict(get(d.dict(get(p.resources, "ColorSpace")), "Default"+cs[len("Device"):])) != nil ||
					get(d.dict(get(p.resources, "ColorSpace")), "Default"+cs[len("Device"):]) != nil {
					continue
				}
				if where, ok := d.deviceSpaces(p)[cs]; ok {
					vs = append(vs, Violation{Object: where, Message: cs + " used without a PDF/A output intent of that kind or a Default colour space"})
				}
			}
			return vs
		}
	}
	add(allA, "6.2.4.3-2", "DeviceRGB only with an RGB output intent or DefaultRGB (page content, images)", deviceRule("DeviceRGB", "RGB "))
	add(allA, "6.2.4.3-3", "DeviceCMYK only with a CMYK output intent or DefaultCMYK (page content, images)", deviceRule("DeviceCMYK", "CMYK"))
	add(allA, "6.2.4.3-4", "DeviceGray only with an output intent or DefaultGray (page content, images)", deviceRule("DeviceGray", ""))
	extGStates := func(d *document, yield func(types.Dict, string) bool) {
		for dict, where := range d.dicts {
			if nameOf(dict, "Type") == "ExtGState" || (get(dict, "Type") == nil && (get(dict, "CA") != nil || get(dict, "ca") != nil || get(dict, "BM") != nil || get(dict, "SMask") != nil || get(dict, "TR") != nil || get(dict, "HTP") != nil)) {
				if !yield(dict, where) {
					return
				}
			}
		}
	}
	gsKey := func(key string) func(*document) []Violation {
		return func(d *document) []Violation {
			var vs []Violation
			extGStates(d, func(gs types.Dict, where string) bool {
				if get(gs, key) != nil {
					vs = append(vs, Violation{Object: where, Message: "ExtGState has " + key})
				}
				return true
			})
			return vs
		}
	}
	add(allA, "6.2.5-1", "no ExtGState has TR", gsKey("TR"))
	add(allA, "6.2.5-3", "no ExtGState has HTP", gsKey("HTP"))
	add(allA, "6.2.5-2", "an ExtGState's TR2 is Default", func(d *document) []Violation {
		var vs []Violation
		extGStates(d, func(gs types.Dict, where string) bool {
			if get(gs, "TR2") != nil && d.dictName(gs, "TR2") != "Default" {
				vs = append(vs, Violation{Object: where, Message: "TR2 is not Default"})
			}
			return true
		})
		return vs
	})
	add(allA, "6.2.10-1", "only the blend modes of ISO 32000-1", func(d *document) []Violation {
		var vs []Violation
		ok := map[string]bool{"Normal": true, "Compatible": true, "Multiply": true, "Screen": true, "Overlay": true, "Darken": true, "Lighten": true, "ColorDodge": true, "ColorBurn": true, "HardLight": true, "SoftLight": true, "Difference": true, "Exclusion": true, "Hue": true, "Saturation": true, "Color": true, "Luminosity": true}
		extGStates(d, func(gs types.Dict, where string) bool {
			bm := d.deref(get(gs, "BM"))
			names := d.array(bm)
			if n, isName := bm.(types.Name); isName {
				names = types.Array{n}
			}
			for _, n := range names {
				if nm, _ := d.deref(n).(types.Name); !ok[string(nm)] {
					vs = append(vs, Violation{Object: where, Message: "blend mode " + string(nm)})
				}
			}
			return true
		})
		return vs
	})
	add(allA, "6.2.10-2", "without a PDF/A output intent, a page with transparency has a Group with CS (soft masks, constant alpha below 1, blend modes)", func(d *document) []Violation {
		if d.outputProfile() != "" {
			return nil
		}
		var vs []Violation
		for _, p := range d.pages {
			if d.dict(get(d.dict(get(p.dict, "Group")), "CS")) != nil || get(d.dict(get(p.dict, "Group")), "CS") != nil {
				continue
			}
			if why := d.transparency(p); why != "" {
				vs = append(vs, Violation{Object: p.name(), Message: "transparency (" + why + ") without a page Group colour space or output intent"})
			}
		}
		return vs
	})
	add(allA, "6.2.8-1", "no image has Alternates", imageKey("Alternates"))
	add(allA, "6.2.8-2", "no image has OPI", imageKey("OPI"))
	add(allA, "6.2.8-3", "no image has Interpolate true", func(d *document) []Violation {
		var vs []Violation
		for _, o := range d.objects {
			if sd, ok := o.obj.(types.StreamDict); ok && nameOf(sd.Dict, "Subtype") == "Image" {
				if b, _ := d.boolean(get(sd.Dict, "Interpolate")); b {
					vs = append(vs, Violation{Object: o.name(), Message: "Interpolate true"})
				}
			}
		}
		return vs
	})
	add(allA, "6.2.8-4", "an image's BitsPerComponent is 1, 2, 4, 8 or 16", func(d *document) []Violation {
		var vs []Violation
		for _, o := range d.objects {
			if sd, ok := o.obj.(types.StreamDict); ok && nameOf(sd.Dict, "Subtype") == "Image" {
				if n, has := d.number(get(sd.Dict, "BitsPerComponent")); has && n != 1 && n != 2 && n != 4 && n != 8 && n != 16 {
					vs = append(vs, Violation{Object: o.name(), Message: fmt.Sprintf("BitsPerComponent %v", n)})
				}
			}
		}
		return vs
	})
	add(allA, "6.2.9-2", "no reference XObjects (form XObject with Ref)", func(d *document) []Violation {
		var vs []Violation
		for _, o := range d.objects {
			if sd, ok := o.obj.(types.StreamDict); ok && nameOf(sd.Dict, "Subtype") == "Form" && get(sd.Dict, "Ref") != nil {
				vs = append(vs, Violation{Object: o.name(), Message: "reference XObject"})
			}
		}
		return vs
	})
	add(allA, "6.2.9-3", "no PostScript XObjects", func(d *document) []Violation {
		var vs []Violation
		for _, o := range d.objects {
			if sd, ok := o.obj.(types.StreamDict); ok && nameOf(sd.Dict, "Subtype") == "PS" {
				vs = append(vs, Violation{Object: o.name(), Message: "PostScript XObject"})
			}
		}
		return vs
	})
	add(ua, "7.20-1", "no reference XObjects (form XObject with Ref)", func(d *document) []Violation {
		var vs []Violation
		for _, o := range d.objects {
			if sd, ok := o.obj.(types.StreamDict); ok && nameOf(sd.Dict, "Subtype") == "Form" && get(sd.Dict, "Ref") != nil {
				vs = append(vs, Violation{Object: o.name(), Message: "reference XObject"})
			}
		}
		return vs
	})
}

// imageKey is a rule that no image XObject has key.
func imageKey(key string) func(*document) []Violation {
	return func(d *document) []Violation {
		var vs []Violation
		for _, o := range d.objects {
			if sd, ok := o.obj.(types.StreamDict); ok && nameOf(sd.Dict, "Subtype") == "Image" && get(sd.Dict, key) != nil {
				vs = append(vs, Violation{Object: o.name(), Message: "image has " + key})
			}
		}
		return vs
	}
}

// transparency says why a page uses transparency, or "" when it does not:
// an image with SMask, or an ExtGState with a soft mask, constant alpha
// below 1 or a blend mode other than Normal.
func (d *document) transparency(p page) string {
	xo := d.dict(get(p.resources, "XObject"))
	for _, k := range sortedKeys(xo) {
		if x := d.dict(get(xo, k)); get(x, "SMask") != nil || get(x, "SMaskInData") != nil {
			return "image " + k + " with a soft mask"
		}
	}
	gs := d.dict(get(p.resources, "ExtGState"))
	for _, k := range sortedKeys(gs) {
		g := d.dict(get(gs, k))
		if sm := d.deref(get(g, "SMask")); sm != nil && sm != types.Name("None") {
			return "ExtGState " + k + " soft mask"
		}
		for _, a := range []string{"CA", "ca"} {
			if n, ok := d.number(get(g, a)); ok && n < 1 {
				return "ExtGState " + k + " " + a + " below 1"
			}
		}
		if bm := d.dictName(g, "BM"); bm != "" && bm != "Normal" && bm != "Compatible" {
			return "ExtGState " + k + " blend mode " + bm
		}
	}
	return ""
}
