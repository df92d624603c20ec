package batch

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"gopkg.in/yaml.v3"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/values"
)

// Schema is the JSON Schema (draft 2020-12) every YAML or JSON manifest
// is checked against.
//
//go:embed manifest.schema.json
var Schema []byte

const schemaURL = "https://github.com/policyexport/policyexport/manifest.schema.json"

// compiledSchema compiles Schema once per process; the result is
// read-only and safe for concurrent use.
var compiledSchema = sync.OnceValues(func() (*schemas, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		return nil, fmt.Errorf("manifest schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("manifest schema: %w", err)
	}
	var out schemas
	if out.whole, err = c.Compile(schemaURL); err != nil {
		return nil, fmt.Errorf("manifest schema: %w", err)
	}
	if out.document, err = c.Compile(schemaURL + "#/properties/documents/items"); err != nil {
		return nil, fmt.Errorf("manifest schema: %w", err)
	}
	return &out, nil
})

// schemas are the compiled manifest schema and its schema for one
// document entry. A manifest is checked without its documents, then
// document by document, so that a large manifest never exists twice in
// memory.
type schemas struct {
	whole, document *jsonschema.Schema
}

// toInstance converts a YAML node tree into the plain values the schema
// validator takes. Positions are not recorded here: they are looked up in
// the tree only for the values that fail (see lookup), which keeps a
// large manifest's load cheap.
func toInstance(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		obj := make(map[string]any, len(n.Content)/2)
		for k, v := range values.Pairs(n) {
			obj[k.Value] = toInstance(v)
		}
		return obj
	case yaml.SequenceNode:
		arr := make([]any, len(n.Content))
		for i, c := range n.Content {
			arr[i] = toInstance(c)
		}
		return arr
	case yaml.ScalarNode:
		return scalar(n)
	}
	return nil
}

// lookup finds the node at an instance location (JSON pointer tokens)
// and, when the last step is a mapping key, that key's node.
func lookup(root *yaml.Node, tokens []string) (value, key *yaml.Node) {
	value = root
	for _, tok := range tokens {
		switch value.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for k, v := range values.Pairs(value) {
				if k.Value == tok {
					key, next = k, v
				}
			}
			if next == nil {
				return value, nil
			}
			value = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(value.Content) {
				return value, nil
			}
			key, value = nil, value.Content[i]
		default:
			return value, nil
		}
	}
	return value, key
}

// mapWithKey returns loc when it names a map holding the key name, or
// else the location of the first map under prefix that holds it. The
// schema library can report a propertyNames failure at a sibling's
// location (its location slices share memory), so loc is checked rather
// than trusted.
func mapWithKey(root *yaml.Node, loc, prefix []string, name string) []string {
	if _, k := lookup(root, append(append([]string(nil), loc...), name)); k != nil {
		return loc
	}
	var find func(n *yaml.Node, at []string) []string
	find = func(n *yaml.Node, at []string) []string {
		switch n.Kind {
		case yaml.MappingNode:
			for k := range values.Pairs(n) {
				if k.Value == name {
					return at
				}
			}
			for k, v := range values.Pairs(n) {
				if r := find(v, append(append([]string(nil), at...), k.Value)); r != nil {
					return r
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if r := find(c, append(append([]string(nil), at...), strconv.Itoa(i))); r != nil {
					return r
				}
			}
		}
		return nil
	}
	start, _ := lookup(root, prefix)
	if r := find(start, prefix); r != nil {
		return r
	}
	return loc
}

func keyPos(root *yaml.Node, loc []string, name string) ast.Pos {
	_, k := lookup(root, append(append([]string(nil), loc...), name))
	if k == nil {
		v, _ := lookup(root, loc)
		return values.NodePos(v, 0)
	}
	return values.NodePos(k, 0)
}

// scalar gives a YAML scalar its JSON type: null, boolean, number or
// string.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		b, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err == nil {
			return b
		}
	case "!!int":
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return i
		}
		return float64(0)
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f
		}
		return float64(0)
	}
	return n.Value
}

// checkSchema validates inst against the manifest schema and turns every
// failure into an Error at its place in the manifest.
func checkSchema(file string, root *yaml.Node) error {
	s, err := compiledSchema()
	if err != nil {
		return err
	}
	type failure struct {
		prefix []string
		err    error
	}
	var failures []failure
	top := map[string]any{}
	var docs *yaml.Node
	for k, v := range values.Pairs(root) {
		if k.Value == "documents" && v.Kind == yaml.SequenceNode {
			docs = v
			top[k.Value] = []any{}
			continue
		}
		top[k.Value] = toInstance(v)
	}
	if err := s.whole.Validate(top); err != nil {
		failures = append(failures, failure{nil, err})
	}
	if docs != nil {
		for i, d := range docs.Content {
			if err := s.document.Validate(toInstance(d)); err != nil {
				failures = append(failures, failure{[]string{"documents", strconv.Itoa(i)}, err})
			}
			if len(failures) > 20 {
				break
			}
		}
	}
	if len(failures) == 0 {
		return nil
	}
	p := message.NewPrinter(language.English)
	var list ErrorList
	seen := map[string]bool{}
	var leaves func(e *jsonschema.ValidationError, prefix []string)
	leaves = func(e *jsonschema.ValidationError, prefix []string) {
		loc := append(append([]string(nil), prefix...), e.InstanceLocation...)
		if pn, ok := e.ErrorKind.(*kind.PropertyNames); ok {
			// The causes validate the key as its own instance, at no
			// location: report at the key.
			msg := fmt.Sprintf("%q is not a valid placeholder name (a letter or _ then letters, digits or _)", pn.Property)
			loc = mapWithKey(root, loc, prefix, pn.Property)
			list = append(list, &Error{File: file, Pos: keyPos(root, loc, pn.Property), Msg: "/" + strings.Join(loc, "/") + ": " + msg})
			return
		}
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				leaves(c, prefix)
			}
			return
		}
		v, _ := lookup(root, loc)
		at := values.NodePos(v, 0)
		where := "/" + strings.Join(loc, "/")
		msg := e.ErrorKind.LocalizedString(p)
		if ap, ok := e.ErrorKind.(*kind.AdditionalProperties); ok && len(ap.Properties) > 0 {
			at = keyPos(root, loc, ap.Properties[0])
			msg = fmt.Sprintf("unknown key %q (the keys allowed here are in 'policyexport schema manifest')", ap.Properties[0])
		}
		if where == "/" {
			where = "manifest"
		}
		text := where + ": " + msg
		key := at.String() + text
		if seen[key] {
			return
		}
		seen[key] = true
		list = append(list, &Error{File: file, Pos: at, Msg: text})
	}
	for _, f := range failures {
		var ve *jsonschema.ValidationError
		if !errors.As(f.err, &ve) {
			return &Error{File: file, Msg: f.err.Error()}
		}
		leaves(ve, f.prefix)
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].Pos, list[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	if len(list) > 20 {
		list = list[:20]
	}
	return list
}
