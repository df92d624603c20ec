// Package yamlschema checks a YAML node tree against a JSON Schema (draft
// 2020-12) and names the place of every violation, so that a caller can
// report file:line:col. It reads the schema itself: the schema file stays
// the one definition of the rules, for editors and for this checker.
//
// It implements the keywords that a configuration file's schema needs
// (type, enum, properties, required, additionalProperties,
// propertyNames, items, minItems, uniqueItems, minLength, maxLength,
// pattern, local $ref and $defs) and nothing more: Compile refuses a schema
// with any other keyword, so a schema can never silently mean more than is
// checked. A general engine compiles every draft's metaschema when its
// package starts, which a command-line tool pays on every run (2.5-4 ms
// and 1.7 MB for santhosh-tekuri/jsonschema, which the tests keep as the
// oracle this package must agree with).
//
// A node stands for the JSON value that Value gives. A string that fails
// a pattern is reported in the words of its schema's title and
// description when it has them (`"e n" is not a valid language tag
// (BCP 47, ...)`), else with the pattern. The package never reads files
// and never changes the tree.
package yamlschema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/policyexport/policyexport/internal/ast"
)

// Schema is a compiled schema: read-only, safe for concurrent use.
type Schema struct {
	// never is set for the boolean schema false.
	never bool
	ref   *Schema
	// types are JSON type names; empty means any type.
	types         []string
	enum          []any
	enumKeys      map[string]bool
	properties    map[string]*Schema
	required      []string
	additional    *Schema
	propertyNames *Schema
	items         *Schema
	// minItems, minLength and maxLength are -1 when unset.
	minItems             int
	uniqueItems          bool
	minLength, maxLength int
	pattern              *regexp.Regexp
	// title and description say in words what pattern asks for.
	title, description string
}

// Violation is one place where a tree breaks its schema.
type Violation struct {
	// Pointer is the JSON pointer of the value at fault ("" for the
	// root, "/documents/0/values"); for a key that is not allowed, that
	// of the map holding it.
	Pointer string
	// Pos is the position of the node at fault: the key itself for a key
	// that is unknown or badly named.
	Pos ast.Pos
	// Keyword is the schema keyword that failed.
	Keyword string
	// Msg says what is wrong, without the place.
	Msg string
	// Key is a key that is not allowed (Keyword "additionalProperties"),
	// and Allowed are the keys its map may hold, sorted: what a caller
	// can suggest in its place.
	Key     string
	Allowed []string
	// Value is the value at fault when it is a scalar (Kind ScalarNode),
	// as written: what a caller can correct in a message.
	Value string
}

const draft = "https://json-schema.org/draft/2020-12/schema"

// Compile reads a JSON Schema. It fails on a keyword it does not
// implement, on a $ref that is not a JSON pointer into the same document,
// on a $ref cycle and on a pattern that is not a valid regular
// expression.
func Compile(data []byte) (*Schema, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	c := compiler{doc: doc, byPointer: map[string]*Schema{}}
	s, err := c.compile(doc, "")
	if err != nil {
		return nil, err
	}
	for p, s := range c.byPointer {
		for r, n := s.ref, 0; r != nil; r, n = r.ref, n+1 {
			if r == s || n > len(c.byPointer) {
				return nil, fmt.Errorf("schema: #%s: a $ref cycle", p)
			}
		}
	}
	return s, nil
}

type compiler struct {
	doc       any
	byPointer map[string]*Schema
}

func (c *compiler) compile(v any, ptr string) (*Schema, error) {
	if s, ok := c.byPointer[ptr]; ok {
		return s, nil
	}
	s := &Schema{minItems: -1, minLength: -1, maxLength: -1}
	c.byPointer[ptr] = s
	switch v := v.(type) {
	case bool:
		s.never = !v
		return s, nil
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if err := c.keyword(s, k, v[k], ptr); err != nil {
				return nil, fmt.Errorf("schema: #%s/%s: %w", ptr, k, err)
			}
		}
		return s, nil
	}
	return nil, fmt.Errorf("schema: #%s: a schema is an object or a boolean", ptr)
}

func (c *compiler) keyword(s *Schema, k string, v any, ptr string) error {
	var err error
	switch k {
	case "$schema":
		if v != draft {
			return fmt.Errorf("want %s", draft)
		}
	case "$id":
		if ptr != "" {
			return errors.New("only the root may have an $id")
		}
	case "$defs":
		defs, ok := v.(map[string]any)
		if !ok {
			return errors.New("want an object")
		}
		for _, name := range slices.Sorted(maps.Keys(defs)) {
			if _, err := c.compile(defs[name], ptr+"/$defs/"+escape(name)); err != nil {
				return err
			}
		}
	case "title":
		s.title, err = text(v)
	case "description":
		s.description, err = text(v)
	case "$comment", "examples", "default":
	case "$ref":
		ref, ok := v.(string)
		if !ok || !strings.HasPrefix(ref, "#") || (len(ref) > 1 && ref[1] != '/') || strings.Contains(ref, "%") {
			return fmt.Errorf("%v: only a JSON pointer into this schema (#/...) is supported", v)
		}
		target, ok := resolve(c.doc, ref[1:])
		if !ok {
			return fmt.Errorf("%s: no such place", ref)
		}
		s.ref, err = c.compile(target, ref[1:])
	case "type":
		s.types, err = typeNames(v)
	case "enum":
		list, ok := v.([]any)
		if !ok || len(list) == 0 {
			return errors.New("want a non-empty array")
		}
		s.enumKeys = map[string]bool{}
		for _, e := range list {
			e = fromJSON(e)
			s.enum = append(s.enum, e)
			s.enumKeys[key(e)] = true
		}
	case "properties":
		props, ok := v.(map[string]any)
		if !ok {
			return errors.New("want an object")
		}
		s.properties = map[string]*Schema{}
		for _, name := range slices.Sorted(maps.Keys(props)) {
			if s.properties[name], err = c.compile(props[name], ptr+"/properties/"+escape(name)); err != nil {
				return err
			}
		}
	case "required":
		list, ok := v.([]any)
		if !ok {
			return errors.New("want an array of strings")
		}
		for _, r := range list {
			name, ok := r.(string)
			if !ok {
				return errors.New("want an array of strings")
			}
			s.required = append(s.required, name)
		}
	case "additionalProperties":
		s.additional, err = c.compile(v, ptr+"/additionalProperties")
	case "propertyNames":
		s.propertyNames, err = c.compile(v, ptr+"/propertyNames")
	case "items":
		s.items, err = c.compile(v, ptr+"/items")
	case "minItems":
		s.minItems, err = count(v)
	case "minLength":
		s.minLength, err = count(v)
	case "maxLength":
		s.maxLength, err = count(v)
	case "uniqueItems":
		b, ok := v.(bool)
		if !ok {
			return errors.New("want true or false")
		}
		s.uniqueItems = b
	case "pattern":
		p, ok := v.(string)
		if !ok {
			return errors.New("want a string")
		}
		s.pattern, err = regexp.Compile(p)
	default:
		return errors.New("keyword not implemented by internal/yamlschema")
	}
	return err
}

func text(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", errors.New("want a string")
	}
	return s, nil
}

var jsonTypes = []string{"null", "boolean", "object", "array", "number", "string", "integer"}

func typeNames(v any) ([]string, error) {
	var names []string
	switch v := v.(type) {
	case string:
		names = []string{v}
	case []any:
		for _, t := range v {
			s, ok := t.(string)
			if !ok {
				return nil, errors.New("want a type name or an array of them")
			}
			names = append(names, s)
		}
	default:
		return nil, errors.New("want a type name or an array of them")
	}
	for _, n := range names {
		if !slices.Contains(jsonTypes, n) {
			return nil, fmt.Errorf("%q is not a JSON type", n)
		}
	}
	return names, nil
}

func count(v any) (int, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, errors.New("want a non-negative integer")
	}
	i, err := strconv.Atoi(string(n))
	if err != nil || i < 0 {
		return 0, errors.New("want a non-negative integer")
	}
	return i, nil
}

// fromJSON turns a decoded json.Number into the int64 or float64 that
// Value gives for the same number.
func fromJSON(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = fromJSON(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = fromJSON(e)
		}
		return out
	}
	return v
}

// resolve follows a JSON pointer (RFC 6901) from doc.
func resolve(doc any, ptr string) (any, bool) {
	if ptr == "" {
		return doc, true
	}
	if ptr[0] != '/' {
		return nil, false
	}
	for tok := range strings.SplitSeq(ptr[1:], "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch d := doc.(type) {
		case map[string]any:
			v, ok := d[tok]
			if !ok {
				return nil, false
			}
			doc = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(d) {
				return nil, false
			}
			doc = d[i]
		default:
			return nil, false
		}
	}
	return doc, true
}

func escape(tok string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(tok)
}

// Property returns the schema of an object schema's property name, or
// nil when s names none.
func (s *Schema) Property(name string) *Schema { return s.properties[name] }

// Items returns the schema of an array schema's items, or nil when s
// gives none.
func (s *Schema) Items() *Schema { return s.items }

// Check returns the ways root breaks s, in the order they are met, at
// most limit of them (limit < 1: all).
func (s *Schema) Check(root *yaml.Node, limit int) []Violation {
	c := checker{limit: limit}
	c.check(s, root)
	return c.out
}

// step is one step of a JSON pointer: a key, or an index when key is
// unset and index >= 0.
type step struct {
	key   string
	index int
}

type checker struct {
	path  []step
	out   []Violation
	limit int
	// name is the scratch node that a key is checked as under
	// propertyNames (a key is always a string).
	name yaml.Node
}

func (c *checker) full() bool { return c.limit > 0 && len(c.out) >= c.limit }

func (c *checker) report(n *yaml.Node, keyword, msg string) {
	if c.full() {
		return
	}
	var b strings.Builder
	for _, st := range c.path {
		b.WriteByte('/')
		if st.index >= 0 {
			b.WriteString(strconv.Itoa(st.index))
		} else {
			b.WriteString(escape(st.key))
		}
	}
	v := Violation{Pointer: b.String(), Pos: ast.Pos{Line: n.Line, Col: n.Column}, Keyword: keyword, Msg: msg}
	if n.Kind == yaml.ScalarNode {
		v.Value = n.Value
	}
	c.out = append(c.out, v)
}

func (c *checker) check(s *Schema, n *yaml.Node) {
	if c.full() {
		return
	}
	if s.never {
		c.report(n, "false", "no value is allowed here")
		return
	}
	if s.ref != nil {
		c.check(s.ref, n)
	}
	t := typeOf(n)
	if len(s.types) > 0 && !hasType(s.types, t) {
		c.report(n, "type", fmt.Sprintf("got %s, want %s", typeWord(t), strings.Join(s.types, " or ")))
		return
	}
	if s.enum != nil && !s.enumKeys[key(Value(n))] {
		words := make([]string, len(s.enum))
		fix := ""
		for i, e := range s.enum {
			b, _ := json.Marshal(e)
			words[i] = string(b)
			if w, ok := e.(string); ok && n.Kind == yaml.ScalarNode && strings.EqualFold(w, n.Value) {
				fix = fmt.Sprintf(" (write %s: the names are case-sensitive)", words[i])
			}
		}
		c.report(n, "enum", fmt.Sprintf("value must be one of %s, not %s%s", strings.Join(words, ", "), shown(n), fix))
	}
	switch t {
	case "object":
		c.object(s, n)
	case "array":
		c.array(s, n)
	case "string":
		c.str(s, n)
	}
}

func (c *checker) object(s *Schema, n *yaml.Node) {
	if s.required == nil && s.properties == nil && s.additional == nil && s.propertyNames == nil {
		return
	}
	for _, r := range s.required {
		if !hasKey(n, r) {
			c.report(n, "required", fmt.Sprintf("missing key %q", r))
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			c.report(k, "propertyNames", "a key must be text, not a map or a list")
			continue
		}
		if s.propertyNames != nil {
			c.name = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.Value, Line: k.Line, Column: k.Column}
			c.check(s.propertyNames, &c.name)
		}
		sub, known := s.properties[k.Value]
		if !known {
			sub = s.additional
		}
		if sub == nil {
			continue
		}
		if !known && sub.never {
			before := len(c.out)
			c.report(k, "additionalProperties", fmt.Sprintf("unknown key %q", k.Value))
			if len(c.out) > before {
				c.out[before].Key, c.out[before].Allowed = k.Value, slices.Sorted(maps.Keys(s.properties))
			}
			continue
		}
		c.path = append(c.path, step{key: k.Value, index: -1})
		c.check(sub, v)
		c.path = c.path[:len(c.path)-1]
	}
}

func (c *checker) array(s *Schema, n *yaml.Node) {
	if s.minItems >= 0 && len(n.Content) < s.minItems {
		c.report(n, "minItems", fmt.Sprintf("want at least %s, found %d", plural(s.minItems, "item"), len(n.Content)))
	}
	if s.uniqueItems {
		first := make(map[string]int, len(n.Content))
		for i, item := range n.Content {
			k := key(Value(item))
			if j, ok := first[k]; ok {
				c.report(item, "uniqueItems", fmt.Sprintf("item %d repeats item %d", i, j))
				continue
			}
			first[k] = i
		}
	}
	if s.items == nil {
		return
	}
	for i, item := range n.Content {
		c.path = append(c.path, step{index: i})
		c.check(s.items, item)
		c.path = c.path[:len(c.path)-1]
	}
}

func (c *checker) str(s *Schema, n *yaml.Node) {
	if s.minLength >= 0 || s.maxLength >= 0 {
		l := utf8.RuneCountInString(n.Value)
		if s.minLength >= 0 && l < s.minLength {
			c.report(n, "minLength", fmt.Sprintf("want at least %s, found %d", plural(s.minLength, "character"), l))
		}
		if s.maxLength >= 0 && l > s.maxLength {
			c.report(n, "maxLength", fmt.Sprintf("want at most %s, found %d", plural(s.maxLength, "character"), l))
		}
	}
	if s.pattern != nil && !s.pattern.MatchString(n.Value) {
		switch {
		case s.title != "" && s.description != "":
			c.report(n, "pattern", fmt.Sprintf("%q is not a valid %s (%s)", n.Value, s.title, s.description))
		case s.title != "":
			c.report(n, "pattern", fmt.Sprintf("%q is not a valid %s", n.Value, s.title))
		default:
			c.report(n, "pattern", fmt.Sprintf("%q does not match %s", n.Value, s.pattern))
		}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// shown is a scalar as a message quotes it, or what kind of node it is.
func shown(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return strconv.Quote(n.Value)
	}
	return typeWord(typeOf(n))
}

func typeWord(t string) string {
	switch t {
	case "integer":
		return "number"
	}
	return t
}

func hasKey(n *yaml.Node, name string) bool {
	for i := 0; i < len(n.Content); i += 2 {
		if n.Content[i].Value == name {
			return true
		}
	}
	return false
}

// hasType reports whether a node of JSON type t (as typeOf gives it) is
// of one of types: an integer is also a number.
func hasType(types []string, t string) bool {
	return slices.Contains(types, t) || t == "integer" && slices.Contains(types, "number")
}

// typeOf is the JSON type of the value n stands for (see Value), with
// "integer" for a number without a fraction.
func typeOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "object"
	case yaml.SequenceNode:
		return "array"
	case yaml.ScalarNode:
	default:
		return "null"
	}
	switch v := scalar(n).(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case int64:
		return "integer"
	case float64:
		if v == math.Trunc(v) {
			return "integer"
		}
		return "number"
	}
	return "string"
}

// Value returns the JSON value that n stands for, as Check sees it: a
// map[string]any for a mapping (keyed by each key's text: a key that is a
// map or a list has none, and Check refuses it), an []any for a
// sequence, and for a scalar, by its resolved tag, nil (!!null), a bool
// (!!bool), an int64 (!!int), a float64 (!!float; 0 for an integer or
// float that does not fit, or is infinite or not a number) or else its
// text as a string. Any other node is nil.
func Value(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		obj := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			obj[n.Content[i].Value] = Value(n.Content[i+1])
		}
		return obj
	case yaml.SequenceNode:
		arr := make([]any, len(n.Content))
		for i, c := range n.Content {
			arr[i] = Value(c)
		}
		return arr
	case yaml.ScalarNode:
		return scalar(n)
	}
	return nil
}

func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		if b, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
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

// key is a text that two JSON values share exactly when JSON Schema
// holds them equal (1 and 1.0 are; keys' order does not matter).
func key(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case string:
		return strconv.Quote(v)
	case int64:
		return "#" + new(big.Rat).SetInt64(v).RatString()
	case float64:
		return "#" + new(big.Rat).SetFloat64(v).RatString()
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = key(e)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case map[string]any:
		names := make([]string, 0, len(v))
		for k := range v {
			names = append(names, k)
		}
		sort.Strings(names)
		parts := make([]string, len(names))
		for i, k := range names {
			parts[i] = strconv.Quote(k) + ":" + key(v[k])
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	return fmt.Sprintf("?%v", v)
}
