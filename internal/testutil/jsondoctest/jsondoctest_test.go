package jsondoctest_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/jsondoc"
	"github.com/policyexport/policyexport/internal/testutil/golden"
	"github.com/policyexport/policyexport/internal/testutil/jsondoctest"
)

// wrap puts blocks (JSON text) into an otherwise valid document.
func wrap(blocks string) string {
	return `{"schemaVersion":1,"meta":{},"blocks":[` + blocks + `]}`
}

// paraJSON wraps inlines (JSON text) into a paragraph of a document.
func paraJSON(inlines string) string {
	return wrap(`{"type":"paragraph","inlines":[` + inlines + `]}`)
}

var invalidDocs = []struct {
	name, json, want string
}{
	{"unknown version", `{"schemaVersion":2,"meta":{},"blocks":[]}`, `schemaVersion 2 is not supported; this reader knows version 1`},
	{"version before anything else", `{"schemaVersion":3,"meta":7,"blocks":[{"type":"sidebar"}]}`, `schemaVersion 3 is not supported`},
	{"fractional version", `{"schemaVersion":1.5,"meta":{},"blocks":[]}`, `schemaVersion 1.5 is not supported`},
	{"version as string", `{"schemaVersion":"1","meta":{},"blocks":[]}`, `schemaVersion "1" is not supported`},
	{"no version", `{"meta":{},"blocks":[]}`, `the document has no schemaVersion`},
	{"not an object", `[1,2]`, `not a JSON object but array`},
	{"no blocks", `{"schemaVersion":1,"meta":{}}`, `at '': missing property 'blocks'`},
	{"no meta", `{"schemaVersion":1,"blocks":[]}`, `at '': missing property 'meta'`},
	{"unknown top-level field", `{"schemaVersion":1,"meta":{},"blocks":[],"extra":true}`, `at '': additional properties 'extra' not allowed`},
	{"meta not an object", `{"schemaVersion":1,"meta":[],"blocks":[]}`, `at '/meta': got array, want object`},
	{"unknown meta field", `{"schemaVersion":1,"meta":{"version":"2"},"blocks":[]}`, `at '/meta': additional properties 'version' not allowed`},
	{"keyword not a string", `{"schemaVersion":1,"meta":{"keywords":["a",3]},"blocks":[]}`, `at '/meta/keywords/1': got number, want string`},
	{"value not a string", `{"schemaVersion":1,"meta":{},"values":{"company":3},"blocks":[]}`, `at '/values/company': got number, want string`},
	{"blocks not an array", `{"schemaVersion":1,"meta":{},"blocks":{}}`, `at '/blocks': got object, want array`},
	{"block not an object", wrap(`"hello"`), `at '/blocks/0': got string, want object`},
	{"no type", wrap(`{"inlines":[]}`), `at '/blocks/0': missing property 'type'`},
	{"type not a string", wrap(`{"type":3}`), `at '/blocks/0/type': value must be one of 'heading'`},
	{"unknown type", wrap(`{"type":"sidebar","blocks":[]}`), `at '/blocks/0/type': value must be one of 'heading'`},
	{"inline among blocks", wrap(`{"type":"text","text":"x"}`), `at '/blocks/0/type': value must be one of 'heading'`},
	{"block among inlines", paraJSON(`{"type":"paragraph","inlines":[]}`), `at '/blocks/0/inlines/0/type': value must be one of 'text'`},
	{"unknown inline type", paraJSON(`{"type":"text","text":"a"},{"type":"smallCaps","inlines":[]}`), `at '/blocks/0/inlines/1/type': value must be one of 'text'`},
	{"list item among blocks", wrap(`{"type":"listItem","blocks":[]}`), `at '/blocks/0/type': value must be one of 'heading'`},
	{"paragraph among items", wrap(`{"type":"list","ordered":false,"tight":true,"items":[{"type":"paragraph","inlines":[]}]}`), `at '/blocks/0/items/0/type': value must be 'listItem'`},
	{"level too high", wrap(`{"type":"heading","level":7,"inlines":[]}`), `at '/blocks/0/level': maximum: got 7, want 6`},
	{"level zero", wrap(`{"type":"heading","level":0,"inlines":[]}`), `at '/blocks/0/level': minimum: got 0, want 1`},
	{"level as string", wrap(`{"type":"heading","level":"2","inlines":[]}`), `at '/blocks/0/level': got string, want integer`},
	{"fractional level", wrap(`{"type":"heading","level":1.5,"inlines":[]}`), `at '/blocks/0/level': got number, want integer`},
	{"no level", wrap(`{"type":"heading","inlines":[]}`), `at '/blocks/0': missing property 'level'`},
	{"unknown field", wrap(`{"type":"heading","level":1,"colour":"red","inlines":[]}`), `at '/blocks/0': additional properties 'colour' not allowed`},
	{"position field", wrap(`{"type":"thematicBreak","pos":{"line":1,"col":1}}`), `at '/blocks/0': additional properties 'pos' not allowed`},
	{"no inlines", wrap(`{"type":"paragraph"}`), `at '/blocks/0': missing property 'inlines'`},
	{"inlines null", wrap(`{"type":"paragraph","inlines":null}`), `at '/blocks/0/inlines': got null, want array`},
	{"id not a string", wrap(`{"type":"heading","level":1,"id":5,"inlines":[]}`), `at '/blocks/0/id': got number, want string`},
	{"ordered as string", wrap(`{"type":"list","ordered":"yes","tight":true,"items":[]}`), `at '/blocks/0/ordered': got string, want boolean`},
	{"ordered list, bullet marker", wrap(`{"type":"list","ordered":true,"start":1,"marker":"-","tight":true,"items":[]}`), `at '/blocks/0/marker': value must be one of '.', ')'`},
	{"bullet list, ordered marker", wrap(`{"type":"list","ordered":false,"marker":")","tight":true,"items":[]}`), `at '/blocks/0/marker': value must be one of '-', '*', '+'`},
	{"empty marker", wrap(`{"type":"list","ordered":false,"marker":"","tight":true,"items":[]}`), `at '/blocks/0/marker': value must be one of '-', '*', '+'`},
	{"ordered list without start", wrap(`{"type":"list","ordered":true,"marker":".","tight":true,"items":[]}`), `at '/blocks/0': missing property 'start'`},
	{"negative start", wrap(`{"type":"list","ordered":true,"start":-1,"tight":true,"items":[]}`), `at '/blocks/0/start': minimum: got -1, want 0`},
	{"no tight", wrap(`{"type":"list","ordered":false,"items":[]}`), `at '/blocks/0': missing property 'tight'`},
	{"unknown task", wrap(`{"type":"list","ordered":false,"tight":true,"items":[{"type":"listItem","task":"maybe","blocks":[]}]}`), `at '/blocks/0/items/0/task': value must be one of 'open', 'done'`},
	{"unknown alignment", wrap(`{"type":"table","align":["middle"],"header":[{"inlines":[]}],"rows":[]}`), `at '/blocks/0/align/0': value must be one of 'none'`},
	{"empty alignment", wrap(`{"type":"table","align":[""],"header":[{"inlines":[]}],"rows":[]}`), `at '/blocks/0/align/0': value must be one of 'none'`},
	{"cell with a type", wrap(`{"type":"table","align":["none"],"header":[{"type":"tableCell","inlines":[]}],"rows":[]}`), `at '/blocks/0/header/0': additional properties 'type' not allowed`},
	{"cell not an object", wrap(`{"type":"table","align":["none"],"header":[[]],"rows":[]}`), `at '/blocks/0/header/0': got array, want object`},
	{"no rows", wrap(`{"type":"table","align":[],"header":[]}`), `at '/blocks/0': missing property 'rows'`},
	{"code block without text", wrap(`{"type":"codeBlock","language":"go"}`), `at '/blocks/0': missing property 'text'`},
	{"footnote index 0", wrap(`{"type":"footnoteDefinition","index":0,"label":"a","blocks":[]}`), `at '/blocks/0/index': minimum: got 0, want 1`},
	{"footnote without label", wrap(`{"type":"footnoteDefinition","index":1,"blocks":[]}`), `at '/blocks/0': missing property 'label'`},
	{"ref index as bool", paraJSON(`{"type":"footnoteRef","index":true,"label":"a"}`), `at '/blocks/0/inlines/0/index': got boolean, want integer`},
	{"text null", paraJSON(`{"type":"text","text":null}`), `at '/blocks/0/inlines/0/text': got null, want string`},
	{"soft break with text", paraJSON(`{"type":"softBreak","text":" "}`), `at '/blocks/0/inlines/0': additional properties 'text' not allowed`},
	{"link without destination", paraJSON(`{"type":"link","inlines":[]}`), `at '/blocks/0/inlines/0': missing property 'destination'`},
	{"image without alt", paraJSON(`{"type":"image","destination":"a.png"}`), `at '/blocks/0/inlines/0': missing property 'alt'`},
	{"deep error", wrap(`{"type":"blockQuote","blocks":[{"type":"list","ordered":false,"tight":false,"items":[{"type":"listItem","blocks":[{"type":"paragraph","inlines":[{"type":"strong","inlines":[{"type":"code"}]}]}]}]}]}`),
		`at '/blocks/0/blocks/0/items/0/blocks/0/inlines/0/inlines/0': missing property 'text'`},
	{"trailing data", wrap(``) + `{}`, `invalid character '{' after top-level value`},
	{"syntax error", `{"schemaVersion":1,"meta":{},}`, `invalid character '}' looking for beginning of object key string`},
	{"truncated", `{"schemaVersion":1,"meta":{"title":"abc`, `unexpected end of JSON input`},
	{"empty", ``, `unexpected end of JSON input`},
	{"only white space", " \n\t", `unexpected end of JSON input`},
}

// TestInvalidDocuments checks that the schema and Decode agree on
// refusing each invalid document, and that Decode says where.
func TestInvalidDocuments(t *testing.T) {
	for _, c := range invalidDocs {
		t.Run(c.name, func(t *testing.T) {
			if err := jsondoctest.ValidateSchema([]byte(c.json)); err == nil {
				t.Errorf("the schema accepts %s", c.json)
			}
			doc, err := jsondoctest.Decode(strings.NewReader(c.json))
			if err == nil {
				t.Fatalf("Decode accepts %s", c.json)
			}
			if doc != nil {
				t.Errorf("Decode returned a document with its error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "jsondoctest: ") || !strings.Contains(msg, c.want) {
				t.Errorf("error %q\nwant it to contain %q", msg, c.want)
			}
		})
	}
}

// TestDecodeOnlyErrors covers what JSON Schema cannot say: the schema
// accepts these documents, Decode must not.
func TestDecodeOnlyErrors(t *testing.T) {
	cases := []struct{ name, json, want string }{
		{"short header", wrap(`{"type":"table","align":["left","right"],"header":[{"inlines":[]}],"rows":[]}`), "/blocks/0/header: 1 cells in a table of 2 columns"},
		{"long row", wrap(`{"type":"table","align":["left"],"header":[{"inlines":[]}],"rows":[[{"inlines":[]}],[{"inlines":[]},{"inlines":[]}]]}`), "/blocks/0/rows/1: 2 cells in a table of 1 columns"},
		{"integer written as a fraction", wrap(`{"type":"heading","level":2.0,"inlines":[]}`), "/blocks/0: json: cannot unmarshal number 2.0"},
		{"start too large", wrap(`{"type":"list","ordered":true,"start":1e30,"tight":true,"items":[]}`), "/blocks/0: json: cannot unmarshal number 1e30"},
		{"index too large", paraJSON(`{"type":"footnoteRef","index":99999999999999999999,"label":"a"}`), "/blocks/0/inlines/0: json: cannot unmarshal number 99999999999999999999"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := jsondoctest.ValidateSchema([]byte(c.json)); err != nil {
				t.Errorf("the schema refuses it (so this case belongs in invalidDocs): %v", err)
			}
			_, err := jsondoctest.Decode(strings.NewReader(c.json))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Decode error = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

// TestDecode checks the model Decode builds from a hand-written document
// with its keys in another order than Render's.
func TestDecode(t *testing.T) {
	in := `{"blocks":[
		{"inlines":[{"text":"Hi","type":"text"}],"level":2,"id":"hi","type":"heading"},
		{"type":"list","items":[{"blocks":[],"task":"done","type":"listItem"}],"tight":false,"marker":")","ordered":true,"start":3},
		{"type":"table","align":["right"],"header":[{"inlines":[{"type":"code","text":"x"}]}],"rows":[[{"inlines":[]}]]}
	],"meta":{"title":"T","keywords":[]},"values":{},"schemaVersion":1}`
	got, err := jsondoctest.Decode(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := &ast.Document{
		Meta: ast.Meta{Title: "T"},
		Blocks: []ast.Block{
			&ast.Heading{Level: 2, ID: "hi", Inlines: []ast.Inline{&ast.Text{Text: "Hi"}}},
			&ast.List{Ordered: true, Start: 3, Marker: ')', Items: []*ast.ListItem{{Task: ast.TaskDone}}},
			&ast.Table{Align: []ast.Alignment{ast.AlignRight}, Header: []*ast.TableCell{{Inlines: []ast.Inline{&ast.Code{Text: "x"}}}},
				Rows: [][]*ast.TableCell{{{}}}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("Decode =\n%s\nwant\n%s", g, w)
	}
}

// goldens are jsondoc's golden files.
func goldens(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("..", "..", "jsondoc", "testdata", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no goldens in ../../jsondoc/testdata (%v)", err)
	}
	return files
}

// TestDecodeGoldens decodes every golden of jsondoc, which must then
// render to the same bytes in the same layout.
func TestDecodeGoldens(t *testing.T) {
	for _, file := range goldens(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsondoctest.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		opts := jsondoc.Options{Compact: strings.HasSuffix(file, ".compact.json")}
		var buf bytes.Buffer
		if err := jsondoc.Render(&buf, doc, opts); err != nil {
			t.Fatal(err)
		}
		if msg := golden.Diff(buf.Bytes(), data); msg != "" {
			t.Errorf("%s: re-rendering differs: %s", file, msg)
		}
	}
}

// TestSchemaMatchesTypes checks document.schema.json, the definition of
// the format, against the struct types that Render writes: the same
// fields for every node kind, and "required" exactly for the fields that
// are always written.
func TestSchemaMatchesTypes(t *testing.T) {
	path, err := jsondoctest.SchemaPath()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type object struct {
		ID         string                     `json:"$id"`
		Required   []string                   `json:"required"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	var schema struct {
		object
		Defs map[string]object `json:"$defs"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	if schema.ID != jsondoctest.SchemaID {
		t.Errorf("$id = %q, want %q", schema.ID, jsondoctest.SchemaID)
	}
	type raw = json.RawMessage
	types := map[string]any{
		"": jsondoc.Document[raw]{}, "meta": jsondoc.Meta{},
		"heading": jsondoc.Heading[raw]{}, "paragraph": jsondoc.Paragraph[raw]{}, "list": jsondoc.List[raw]{},
		"listItem": jsondoc.ListItem[raw]{}, "blockQuote": jsondoc.BlockQuote[raw]{}, "codeBlock": jsondoc.CodeBlock{},
		"thematicBreak": jsondoc.ThematicBreak{}, "table": jsondoc.Table[raw]{}, "tableCell": jsondoc.Cell[raw]{},
		"htmlBlock": jsondoc.HTMLBlock{}, "footnoteDefinition": jsondoc.FootnoteDefinition[raw]{},
		"text": jsondoc.Text{}, "emphasis": jsondoc.Emphasis[raw]{}, "strong": jsondoc.Strong[raw]{},
		"strikethrough": jsondoc.Strikethrough[raw]{}, "code": jsondoc.Code{}, "link": jsondoc.Link[raw]{},
		"image": jsondoc.Image{}, "softBreak": jsondoc.SoftBreak{}, "hardBreak": jsondoc.HardBreak{},
		"rawHtml": jsondoc.RawHTML{}, "footnoteRef": jsondoc.FootnoteRef{}, "change": jsondoc.Change[raw]{},
	}
	for name, v := range types {
		def, ok := schema.Defs[name]
		if name == "" {
			def, ok = schema.object, true
		}
		if !ok {
			t.Errorf("the schema has no definition %q", name)
			continue
		}
		var fields, always []string
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			tag, opts, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
			fields = append(fields, tag)
			if opts != "omitempty" {
				always = append(always, tag)
			}
		}
		props := slices.Sorted(maps.Keys(def.Properties))
		slices.Sort(fields)
		slices.Sort(always)
		slices.Sort(def.Required)
		if !slices.Equal(fields, props) {
			t.Errorf("%s: the type %s has fields %q, the schema %q", name, rt, fields, props)
		}
		if !slices.Equal(always, def.Required) {
			t.Errorf("%s: the type %s always writes %q, the schema requires %q", name, rt, always, def.Required)
		}
	}
	for name := range schema.Defs {
		if _, ok := types[name]; !ok && !slices.Contains([]string{"blocks", "inlines", "block", "inline", "tableRow"}, name) {
			t.Errorf("the schema defines %q, which no type writes", name)
		}
	}
}

// FuzzDecode feeds arbitrary bytes to Decode, which must not panic. What
// it accepts must be valid against the schema, and must survive Render
// and Decode unchanged.
func FuzzDecode(f *testing.F) {
	for _, file := range goldens(f) {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	for _, c := range invalidDocs {
		f.Add([]byte(c.json))
	}
	f.Add([]byte(`{"schemaVersion":1,"meta":{},"blocks":[{"type":"table","align":["left"],"header":[{"inlines":[]}],"rows":[[{"inlines":[]}]]}]}`))
	f.Add([]byte(`{"schemaVersion":1,"meta":{"keywords":[]},"values":{"a":"b"},"blocks":[{"type":"list","ordered":true,"start":5,"tight":false,"items":[{"type":"listItem","task":"done","blocks":[]}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := jsondoctest.Decode(bytes.NewReader(data))
		if err != nil {
			if doc != nil {
				t.Fatalf("Decode returned a document with error %v", err)
			}
			return
		}
		if err := jsondoctest.ValidateSchema(data); err != nil {
			t.Fatalf("Decode accepts what the schema refuses: %v\n%s", err, data)
		}
		var buf bytes.Buffer
		if err := jsondoc.Render(&buf, doc, jsondoc.Options{}); err != nil {
			t.Fatalf("Render of a decoded document: %v\n%s", err, data)
		}
		again, err := jsondoctest.Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("Decode of the re-rendered document: %v\n%s", err, buf.Bytes())
		}
		if !reflect.DeepEqual(again, doc) {
			t.Fatalf("round trip differs:\n%s", buf.Bytes())
		}
	})
}
