package batch

import (
	"fmt"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/values"
)

// ValuePlaces says where the values of a manifest's documents are
// given, for a warning about a value that no placeholder uses: the plan
// keeps no places (it is kept small for 10,000 documents), so they are
// read again from the manifest and its values files, only then. Each
// values file is read once.
type ValuePlaces struct {
	m     *Manifest
	dir   string
	read  func(string) ([]byte, error)
	docs  map[string]*Document
	files map[string]map[string]ast.Pos // by path: each name's place; nil when unreadable
}

// NewValuePlaces returns the places of m's values; dir is the directory
// its relative paths resolve against, read reads a values file (nil:
// LimitedReader with the default limit).
func NewValuePlaces(m *Manifest, dir string, read func(string) ([]byte, error)) *ValuePlaces {
	if read == nil {
		read = LimitedReader(0)
	}
	vp := &ValuePlaces{m: m, dir: dir, read: read, docs: make(map[string]*Document, len(m.Documents)), files: map[string]map[string]ast.Pos{}}
	for i := range m.Documents {
		vp.docs[m.Documents[i].Name] = &m.Documents[i]
	}
	return vp
}

// Place returns where the value name of the document called doc is
// given, "sites.yaml:7:20" or "fr.yaml:2:1": of the places the plan
// merges, later ones winning (the defaults' valuesFile, the defaults'
// values, the document's valuesFile, its values), the last that gives
// it. It is "" when none is known, and for a nil *ValuePlaces.
func (vp *ValuePlaces) Place(doc, name string) string {
	if vp == nil {
		return ""
	}
	d, ok := vp.docs[doc]
	if !ok {
		return ""
	}
	if p, ok := d.ValuesAt[name]; ok {
		return fmt.Sprintf("%s:%s", vp.m.File, p)
	}
	if at := vp.inFile(d.ValuesFile, name); at != "" {
		return at
	}
	if p, ok := vp.m.Defaults.ValuesAt[name]; ok {
		return fmt.Sprintf("%s:%s", vp.m.File, p)
	}
	return vp.inFile(vp.m.Defaults.ValuesFile, name)
}

// inFile returns where the values file rel gives name, or "".
func (vp *ValuePlaces) inFile(rel, name string) string {
	if rel == "" {
		return ""
	}
	full := resolve(vp.dir, rel)
	keys, ok := vp.files[full]
	if !ok {
		if data, err := vp.read(full); err == nil {
			if f, err := values.ParseFile(full, data); err == nil {
				keys = map[string]ast.Pos{}
				for k := range f.Values { // not a name the file leaves null
					keys[k] = f.Keys[k]
				}
			}
		}
		vp.files[full] = keys
	}
	p, ok := keys[name]
	if !ok {
		return ""
	}
	return fmt.Sprintf("%s:%s", full, p)
}
