package pdfrules

import (
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// mcFrame is one open marked-content sequence.
type mcFrame struct {
	tag  string
	mcid int // -1 when the sequence has no MCID
}

// markedContentRules: PDF/UA 7.1-1, 7.1-2 and 7.1-3 over page content
// streams (form XObjects are not entered: a Do is itself a content item).
func markedContentRules(add adder) {
	add(ua, "7.1-1", "no Artifact sequence inside tagged content", func(d *document) []Violation { return d.markedContent("7.1-1") })
	add(ua, "7.1-2", "no tagged content inside an Artifact sequence", func(d *document) []Violation { return d.markedContent("7.1-2") })
	add(ua, "7.1-3", "all painted content (text, paths, images, XObjects) is in tagged content (an MCID the ParentTree maps to a structure element) or an Artifact; BDC/EMC balance", func(d *document) []Violation {
		return d.markedContent("7.1-3")
	})
}

// markedContent walks every page's content and returns the violations of
// one of 7.1-1, 7.1-2, 7.1-3.
func (d *document) markedContent(rule string) []Violation {
	root := d.dict(get(d.catalog, "StructTreeRoot"))
	parents := d.numberTree(get(root, "ParentTree"))
	var vs []Violation
	for _, p := range d.pages {
		content, err := d.pageContent(p)
		if err != nil {
			if rule == "7.1-3" {
				vs = append(vs, Violation{Object: p.name(), Message: err.Error()})
			}
			continue
		}
		var mcids types.Array
		if n, ok := d.number(get(p.dict, "StructParents")); ok {
			mcids = d.array(parents[int(n)])
		}
		props := d.dict(get(p.resources, "Properties"))
		var stack []mcFrame
		untagged := 0
		for _, op := range parseContent(content) {
			switch op.op {
			case "BMC", "BDC":
				f := mcFrame{mcid: -1}
				if len(op.operands) > 0 {
					f.tag = op.operands[0].str
				}
				if op.op == "BDC" && len(op.operands) > 1 {
					pl := op.operands[1]
					if pl.kind == '<' {
						if m, ok := pl.dict["MCID"]; ok && m.kind == 'n' {
							f.mcid = int(m.num)
						}
					} else if pl.kind == '/' {
						if n, ok := d.number(get(d.dict(get(props, pl.str)), "MCID")); ok {
							f.mcid = int(n)
						}
					}
				}
				inArtifact, inTagged := false, false
				for _, s := range stack {
					inArtifact = inArtifact || s.tag == "Artifact"
					inTagged = inTagged || s.mcid >= 0
				}
				if rule == "7.1-1" && f.tag == "Artifact" && inTagged {
					vs = append(vs, Violation{Object: p.name(), Message: "Artifact inside tagged content"})
				}
				if rule == "7.1-2" && f.mcid >= 0 && inArtifact {
					vs = append(vs, Violation{Object: p.name(), Message: fmt.Sprintf("MCID %d inside an Artifact", f.mcid)})
				}
				if rule == "7.1-3" && f.mcid >= 0 && (f.mcid >= len(mcids) || d.dict(mcids[f.mcid]) == nil) {
					vs = append(vs, Violation{Object: p.name(), Message: fmt.Sprintf("MCID %d is not mapped to a structure element by the ParentTree", f.mcid)})
				}
				stack = append(stack, f)
			case "EMC":
				if len(stack) == 0 {
					if rule == "7.1-3" {
						vs = append(vs, Violation{Object: p.name(), Message: "EMC without an open marked-content sequence"})
					}
					continue
				}
				stack = stack[:len(stack)-1]
			default:
				if !paints(op.op) {
					continue
				}
				covered := false
				for _, s := range stack {
					covered = covered || s.tag == "Artifact" || s.mcid >= 0
				}
				if !covered {
					untagged++
					if untagged == 1 && rule == "7.1-3" {
						vs = append(vs, Violation{Object: p.name(), Message: fmt.Sprintf("%q outside tagged content and outside an Artifact", op.op)})
					}
				}
			}
		}
		if rule == "7.1-3" && len(stack) > 0 {
			vs = append(vs, Violation{Object: p.name(), Message: fmt.Sprintf("%d marked-content sequences not closed by EMC", len(stack))})
		}
		if rule == "7.1-3" && untagged > 1 {
			vs = append(vs, Violation{Object: p.name(), Message: fmt.Sprintf("%d painting operators in all outside tagged content and Artifacts", untagged)})
		}
	}
	return vs
}
