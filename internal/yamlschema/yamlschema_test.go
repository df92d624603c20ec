package yamlschema

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func tree(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Content[0]
}

// TestCompileRefuses checks that a schema this package cannot check in
// full is refused, naming the place in the schema.
func TestCompileRefuses(t *testing.T) {
	for schema, want := range map[string]string{
		`{"anyOf": [{"type": "string"}]}`:                                     `schema: #/anyOf: keyword not implemented`,
		`{"properties": {"a": {"maximum": 3}}}`:                               `schema: #/properties/a/maximum: keyword not implemented`,
		`{"$ref": "other.json#/a"}`:                                           `schema: #/$ref: other.json#/a: only a JSON pointer`,
		`{"$ref": "#/$defs/none"}`:                                            `schema: #/$ref: #/$defs/none: no such place`,
		`{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}}`: `a $ref cycle`,
		`{"$schema": "http://json-schema.org/draft-07/schema#"}`:              `want https://json-schema.org/draft/2020-12/schema`,
		`{"$defs": {"a": {"$id": "x"}}}`:                                      `only the root may have an $id`,
		`{"pattern": "("}`:                                                    `schema: #/pattern: error parsing regexp`,
		`{"type": "text"}`:                                                    `"text" is not a JSON type`,
		`{"minLength": -1}`:                                                   `want a non-negative integer`,
		`{"required": [1]}`:                                                   `want an array of strings`,
		`{"enum": []}`:                                                        `want a non-empty array`,
		`3`:                                                                   `a schema is an object or a boolean`,
		`{"a": 1`:                                                             `schema: unexpected EOF`,
	} {
		if _, err := Compile([]byte(schema)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", schema, err, want)
		}
	}
}

const testSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["list"],
  "additionalProperties": false,
  "properties": {
    "list": {"type": "array", "minItems": 2, "uniqueItems": true, "items": {"$ref": "#/$defs/item"}},
    "names": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}, "additionalProperties": {"type": "integer"}},
    "word": {"type": "string", "minLength": 2, "maxLength": 3, "title": "word", "pattern": "^[a-z]*$"},
    "any": true,
    "none": false
  },
  "$defs": {"item": {"enum": [1, "one", null, [true]]}}
}`

// TestCheck checks each keyword's verdict, message, pointer and position.
func TestCheck(t *testing.T) {
	s, err := Compile([]byte(testSchema))
	if err != nil {
		t.Fatal(err)
	}
	for src, want := range map[string][]string{
		"list: [1, one]":                        nil,
		"list: [1.0, ~, [true]]\nany: {x: [1]}": nil,
		"{}":                                    {`1:1  required: missing key "list"`},
		"[1]":                                   {`1:1  type: got array, want object`},
		"list: [1, 1.0]":                        {`1:11 /list uniqueItems: item 1 repeats item 0`},
		"list: [1]":                             {`1:7 /list minItems: want at least 2 items, found 1`},
		"list: [1, two]":                        {`1:11 /list/1 enum: value must be one of 1, "one", null, [true], not "two"`},
		"list: [1, [false]]":                    {`1:11 /list/1 enum: value must be one of 1, "one", null, [true], not array`},
		"list: [1, one]\nnames: {ab: 1, Cd: 2, e: x, f: 1.5}": {
			`2:16 /names pattern: "Cd" does not match ^[a-z]+$`,
			`2:26 /names/e type: got string, want integer`,
			`2:32 /names/f type: got number, want integer`,
		},
		"list: [1, one]\nword: a":    {`2:7 /word minLength: want at least 2 characters, found 1`},
		"list: [1, one]\nword: abcd": {`2:7 /word maxLength: want at most 3 characters, found 4`},
		"list: [1, one]\nword: AB":   {`2:7 /word pattern: "AB" is not a valid word`},
		"list: [1, one]\nword: 12":   {`2:7 /word type: got number, want string`},
		"list: [1, one]\nnone: 1":    {`2:7 /none false: no value is allowed here`},
		"list: [1, one]\nother: 1":   {`2:1  additionalProperties: unknown key "other"`},
		"list: [1, one]\n? [a]\n: 1": {`2:3  propertyNames: a key must be text, not a map or a list`},
	} {
		var got []string
		for _, v := range s.Check(tree(t, src), 0) {
			got = append(got, fmt.Sprintf("%d:%d %s %s: %s", v.Pos.Line, v.Pos.Col, v.Pointer, v.Keyword, v.Msg))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", src, got, want)
		}
	}
}

// TestCheckLimit checks that Check stops at its limit.
func TestCheckLimit(t *testing.T) {
	s, err := Compile([]byte(testSchema))
	if err != nil {
		t.Fatal(err)
	}
	n := tree(t, "{a: 1, b: 2, c: 3, d: 4}")
	if got := len(s.Check(n, 2)); got != 2 {
		t.Errorf("limit 2: %d violations", got)
	}
	if got := len(s.Check(n, 0)); got != 5 {
		t.Errorf("no limit: %d violations, want 5", got)
	}
}

// TestValue checks the JSON value of each kind of YAML scalar.
func TestValue(t *testing.T) {
	got := Value(tree(t, "{s: x, q: '1', i: 0x10, f: 1.5, big: 99999999999999999999, inf: .inf, b: True, n: ~, e: , d: 2026-11-28, l: [a]}"))
	want := map[string]any{"s": "x", "q": "1", "i": int64(16), "f": 1.5, "big": 1e20, "inf": float64(0), "b": true, "n": nil, "e": nil, "d": "2026-11-28", "l": []any{"a"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}

// TestPointerEscapes checks that a key with / or ~ is escaped in a
// pointer.
func TestPointerEscapes(t *testing.T) {
	s, err := Compile([]byte(`{"additionalProperties": {"type": "string"}}`))
	if err != nil {
		t.Fatal(err)
	}
	v := s.Check(tree(t, "a/b~c: 1"), 0)
	if len(v) != 1 || v[0].Pointer != "/a~1b~0c" {
		t.Errorf("got %+v", v)
	}
}

// FuzzCheck checks arbitrary YAML against a schema that uses every
// keyword: Check never panics, and every violation has a position.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"list: [1, one]\nnames: {ab: 1, Cd: 2}\nword: abc", "{}", "[1]", "list: [[true], [true]]\n? [a]\n: 1"} {
		f.Add([]byte(s))
	}
	s, err := Compile([]byte(testSchema))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
			return
		}
		for _, v := range s.Check(doc.Content[0], 0) {
			if v.Pos.Line < 1 || v.Msg == "" {
				t.Errorf("violation without a place or a message: %+v", v)
			}
		}
	})
}
