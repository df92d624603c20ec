package jsondoc

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/golden"
)

// wrap puts blocks (JSON text) into an otherwise valid document.
func wrap(blocks string) string {
	return `{"schemaVersion":1,"meta":{},"blocks":[` + blocks + `]}`
}

// paraJSON wraps inlines (JSON text) into a paragraph of a document.
func paraJSON(inlines string) string {
	return wrap(`{"type":"paragraph","inlines":[` + inlines + `]}`)
}

// invalidDocs are documents that both the schema and Decode must refuse,
// with the message Decode must give.
var invalidDocs = []struct {
	name, json, want string
}{
	{"unknown version", `{"schemaVersion":2,"meta":{},"blocks":[]}`, "schemaVersion: version 2 is not supported; this build reads version 1"},
	{"version before anything else", `{"schemaVersion":3,"meta":7,"blocks":[{"type":"sidebar"}]}`, "version 3 is not supported"},
	{"fractional version", `{"schemaVersion":1.5,"meta":{},"blocks":[]}`, "version 1.5 is not supported"},
	{"version as string", `{"schemaVersion":"1","meta":{},"blocks":[]}`, `schemaVersion: want an integer, got string "1"`},
	{"no version", `{"meta":{},"blocks":[]}`, `document has no "schemaVersion"`},
	{"not an object", `[1,2]`, "want a document object, got an array"},
	{"no blocks", `{"schemaVersion":1,"meta":{}}`, `document has no "blocks"`},
	{"no meta", `{"schemaVersion":1,"blocks":[]}`, `document has no "meta"`},
	{"unknown top-level field", `{"schemaVersion":1,"meta":{},"blocks":[],"extra":true}`, `unknown field "extra" in document`},
	{"meta not an object", `{"schemaVersion":1,"meta":[],"blocks":[]}`, "meta: want a meta object, got an array"},
	{"unknown meta field", `{"schemaVersion":1,"meta":{"version":"2"},"blocks":[]}`, `meta: unknown field "version" in meta`},
	{"keyword not a string", `{"schemaVersion":1,"meta":{"keywords":["a",3]},"blocks":[]}`, "meta.keywords[1]: want a string, got number 3"},
	{"value not a string", `{"schemaVersion":1,"meta":{},"values":{"company":3},"blocks":[]}`, "values.company: want a string, got number 3"},
	{"blocks not an array", `{"schemaVersion":1,"meta":{},"blocks":{}}`, "blocks: want an array, got an object"},
	{"block not an object", wrap(`"hello"`), `blocks[0]: want a node object, got string "hello"`},
	{"no type", wrap(`{"inlines":[]}`), `blocks[0]: node has no "type"`},
	{"type not a string", wrap(`{"type":3}`), "blocks[0].type: want a string, got number 3"},
	{"unknown type", wrap(`{"type":"sidebar","blocks":[]}`), `blocks[0]: unknown node type "sidebar"`},
	{"inline among blocks", wrap(`{"type":"text","text":"x"}`), `blocks[0]: "text" is an inline, not a block`},
	{"block among inlines", paraJSON(`{"type":"paragraph","inlines":[]}`), `blocks[0].inlines[0]: "paragraph" is a block, not an inline`},
	{"unknown inline type", paraJSON(`{"type":"text","text":"a"},{"type":"smallCaps","inlines":[]}`), `blocks[0].inlines[1]: unknown node type "smallCaps"`},
	{"list item among blocks", wrap(`{"type":"listItem","blocks":[]}`), "blocks[0]: a listItem may only be an item of a list"},
	{"paragraph among items", wrap(`{"type":"list","ordered":false,"tight":true,"items":[{"type":"paragraph","inlines":[]}]}`), `blocks[0].items[0]: want a listItem, got "paragraph"`},
	{"level too high", wrap(`{"type":"heading","level":7,"inlines":[]}`), "blocks[0].level: 7 is not between 1 and 6"},
	{"level zero", wrap(`{"type":"heading","level":0,"inlines":[]}`), "blocks[0].level: 0 is not between 1 and 6"},
	{"level as string", wrap(`{"type":"heading","level":"2","inlines":[]}`), `blocks[0].level: want an integer, got string "2"`},
	{"fractional level", wrap(`{"type":"heading","level":1.5,"inlines":[]}`), "blocks[0].level: want an integer, got number 1.5 (not an integer)"},
	{"no level", wrap(`{"type":"heading","inlines":[]}`), `blocks[0]: heading has no "level"`},
	{"unknown field", wrap(`{"type":"heading","level":1,"colour":"red","inlines":[]}`), `blocks[0]: unknown field "colour" in heading`},
	{"position field", wrap(`{"type":"thematicBreak","pos":{"line":1,"col":1}}`), `blocks[0]: unknown field "pos" in thematicBreak`},
	{"no inlines", wrap(`{"type":"paragraph"}`), `blocks[0]: paragraph has no "inlines"`},
	{"inlines null", wrap(`{"type":"paragraph","inlines":null}`), "blocks[0].inlines: want an array, got null"},
	{"id not a string", wrap(`{"type":"heading","level":1,"id":5,"inlines":[]}`), "blocks[0].id: want a string, got number 5"},
	{"ordered as string", wrap(`{"type":"list","ordered":"yes","tight":true,"items":[]}`), `blocks[0].ordered: want a boolean, got string "yes"`},
	{"ordered list, bullet marker", wrap(`{"type":"list","ordered":true,"start":1,"marker":"-","tight":true,"items":[]}`), `blocks[0].marker: "-" is not a marker of an ordered list`},
	{"bullet list, ordered marker", wrap(`{"type":"list","ordered":false,"marker":")","tight":true,"items":[]}`), `blocks[0].marker: ")" is not a marker of a bullet list`},
	{"empty marker", wrap(`{"type":"list","ordered":false,"marker":"","tight":true,"items":[]}`), `blocks[0].marker: "" is not a marker of a bullet list`},
	{"ordered list without start", wrap(`{"type":"list","ordered":true,"marker":".","tight":true,"items":[]}`), `blocks[0]: list has no "start"`},
	{"negative start", wrap(`{"type":"list","ordered":true,"start":-1,"tight":true,"items":[]}`), "blocks[0].start: -1 is below 0"},
	{"no tight", wrap(`{"type":"list","ordered":false,"items":[]}`), `blocks[0]: list has no "tight"`},
	{"unknown task", wrap(`{"type":"list","ordered":false,"tight":true,"items":[{"type":"listItem","task":"maybe","blocks":[]}]}`), `blocks[0].items[0].task: unknown task state "maybe"`},
	{"unknown alignment", wrap(`{"type":"table","align":["middle"],"header":[{"inlines":[]}],"rows":[]}`), `blocks[0].align[0]: unknown alignment "middle"`},
	{"empty alignment", wrap(`{"type":"table","align":[""],"header":[{"inlines":[]}],"rows":[]}`), `blocks[0].align[0]: unknown alignment ""`},
	{"cell with a type", wrap(`{"type":"table","align":["none"],"header":[{"type":"tableCell","inlines":[]}],"rows":[]}`), `blocks[0].header[0]: unknown field "type" in table cell`},
	{"cell not an object", wrap(`{"type":"table","align":["none"],"header":[[]],"rows":[]}`), "blocks[0].header[0]: want a table cell object, got an array"},
	{"no rows", wrap(`{"type":"table","align":[],"header":[]}`), `blocks[0]: table has no "rows"`},
	{"code block without text", wrap(`{"type":"codeBlock","language":"go"}`), `blocks[0]: codeBlock has no "text"`},
	{"footnote index 0", wrap(`{"type":"footnoteDefinition","index":0,"label":"a","blocks":[]}`), "blocks[0].index: 0 is below 1"},
	{"footnote without label", wrap(`{"type":"footnoteDefinition","index":1,"blocks":[]}`), `blocks[0]: footnoteDefinition has no "label"`},
	{"ref index as bool", paraJSON(`{"type":"footnoteRef","index":true,"label":"a"}`), "blocks[0].inlines[0].index: want an integer, got boolean true"},
	{"text null", paraJSON(`{"type":"text","text":null}`), "blocks[0].inlines[0].text: want a string, got null"},
	{"soft break with text", paraJSON(`{"type":"softBreak","text":" "}`), `blocks[0].inlines[0]: unknown field "text" in softBreak`},
	{"link without destination", paraJSON(`{"type":"link","inlines":[]}`), `blocks[0].inlines[0]: link has no "destination"`},
	{"image without alt", paraJSON(`{"type":"image","destination":"a.png"}`), `blocks[0].inlines[0]: image has no "alt"`},
	{"deep error", wrap(`{"type":"blockQuote","blocks":[{"type":"list","ordered":false,"tight":false,"items":[{"type":"listItem","blocks":[{"type":"paragraph","inlines":[{"type":"strong","inlines":[{"type":"code"}]}]}]}]}]}`),
		`blocks[0].blocks[0].items[0].blocks[0].inlines[0].inlines[0]: code has no "text"`},
	{"trailing data", wrap(``) + `{}`, "data after the document"},
	{"syntax error", `{"schemaVersion":1,"meta":{},}`, "malformed JSON at byte offset"},
	{"truncated", `{"schemaVersion":1,"meta":{"title":"abc`, "malformed JSON"},
	{"empty", ``, "empty input"},
	{"only white space", " \n\t", "empty input"},
}

// TestInvalidDocuments checks that the schema and Decode agree on
// refusing each invalid document, and that Decode says why.
func TestInvalidDocuments(t *testing.T) {
	for _, c := range invalidDocs {
		t.Run(c.name, func(t *testing.T) {
			if err := ValidateSchema([]byte(c.json)); err == nil {
				t.Errorf("the schema accepts %s", c.json)
			}
			doc, err := Decode(strings.NewReader(c.json))
			if err == nil {
				t.Fatalf("Decode accepts %s", c.json)
			}
			if doc != nil {
				t.Errorf("Decode returned a document with its error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "jsondoc: decode: ") || !strings.Contains(msg, c.want) {
				t.Errorf("error %q\nwant it to contain %q", msg, c.want)
			}
		})
	}
}

// TestDecodeOnlyErrors covers what JSON Schema cannot say: the schema
// accepts these documents, Decode must not.
func TestDecodeOnlyErrors(t *testing.T) {
	cases := []struct{ name, json, want string }{
		{"short header", wrap(`{"type":"table","align":["left","right"],"header":[{"inlines":[]}],"rows":[]}`), "blocks[0].header: 1 cells in a table of 2 columns"},
		{"long row", wrap(`{"type":"table","align":["left"],"header":[{"inlines":[]}],"rows":[[{"inlines":[]}],[{"inlines":[]},{"inlines":[]}]]}`), "blocks[0].rows[1]: 2 cells in a table of 1 columns"},
		{"duplicate key", wrap(`{"type":"heading","level":1,"level":2,"inlines":[]}`), `blocks[0]: duplicate key "level"`},
		{"duplicate value name", `{"schemaVersion":1,"meta":{},"values":{"a":"1","a":"2"},"blocks":[]}`, `values: duplicate key "a"`},
		{"start too large", wrap(`{"type":"list","ordered":true,"start":1e30,"tight":true,"items":[]}`), "blocks[0].start: want an integer, got number 1e30 (too large)"},
		{"index too large", paraJSON(`{"type":"footnoteRef","index":99999999999999999999,"label":"a"}`), "(too large)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := ValidateSchema([]byte(c.json)); err != nil {
				t.Errorf("the schema refuses it (so this case belongs in invalidDocs): %v", err)
			}
			_, err := Decode(strings.NewReader(c.json))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Decode error = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestDecodeDepthLimit(t *testing.T) {
	deep := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)
	_, err := Decode(strings.NewReader(deep))
	if err == nil || !strings.Contains(err.Error(), "nest more than 10000 deep") {
		t.Errorf("Decode = %v, want a depth error", err)
	}
	// Just within the limit the JSON is read, and refused as a document.
	ok := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	_, err = Decode(strings.NewReader(ok))
	if err == nil || !strings.Contains(err.Error(), "want a document object") {
		t.Errorf("Decode = %v, want a document-shape error", err)
	}
}

// TestDecodeLenient checks what Decode accepts beyond Render's canonical
// form: any key order, integers written as 1.0 or 1e0, empty optional
// strings, absent optional fields.
func TestDecodeLenient(t *testing.T) {
	in := `{"blocks":[
		{"inlines":[{"text":"Hi","type":"text"}],"level":2.0,"id":"","type":"heading"},
		{"type":"list","items":[],"tight":false,"ordered":true,"start":30e-1}
	],"meta":{"title":""},"values":{},"schemaVersion":1e0}`
	if err := ValidateSchema([]byte(in)); err != nil {
		t.Fatalf("schema: %v", err)
	}
	doc, err := Decode(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Render(&buf, doc, Options{Compact: true}); err != nil {
		t.Fatal(err)
	}
	want := `{"schemaVersion":1,"meta":{},"blocks":[{"type":"heading","level":2,"inlines":[{"type":"text","text":"Hi"}]},{"type":"list","ordered":true,"start":3,"tight":false,"items":[]}]}` + "\n"
	if got := buf.String(); got != want {
		t.Errorf("re-rendered as\n%s\nwant\n%s", got, want)
	}
	if doc.Values != nil {
		t.Errorf("empty values decode as %#v, want nil", doc.Values)
	}
}

// TestDecodeGoldens decodes every golden file, which must then render to
// the same bytes in the same layout.
func TestDecodeGoldens(t *testing.T) {
	for _, c := range goldenCases {
		data, err := os.ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if got := render(t, doc, c.opts); !bytes.Equal(got, data) {
			t.Errorf("%s: re-rendering differs: %s", c.file, golden.Diff(got, data))
		}
	}
}

func TestInteger(t *testing.T) {
	cases := []struct {
		in      string
		want    int
		problem string
	}{
		{"0", 0, ""},
		{"-0", 0, ""},
		{"12", 12, ""},
		{"-12", -12, ""},
		{"1.0", 1, ""},
		{"1.2e1", 12, ""},
		{"120e-1", 12, ""},
		{"1E+2", 100, ""},
		{"-1e2", -100, ""},
		{"0.000", 0, ""},
		{"0e999999999999999999999", 0, ""},
		{"9223372036854775807", 9223372036854775807, ""},
		{"-9223372036854775808", -9223372036854775808, ""},
		{"92233720368547758.07e2", 9223372036854775807, ""},
		{"1.5", 0, "not an integer"},
		{"1.0000000000000001", 0, "not an integer"},
		{"1e-1", 0, "not an integer"},
		{"5e-999999999999999999999", 0, "not an integer"},
		{"9223372036854775808", 0, "too large"},
		{"1e19", 0, "too large"},
		{"1e999999999999999999999", 0, "too large"},
		{"-1e30", 0, "too large"},
	}
	for _, c := range cases {
		got, problem := integer(c.in)
		if got != c.want || problem != c.problem {
			t.Errorf("integer(%q) = %d, %q; want %d, %q", c.in, got, problem, c.want, c.problem)
		}
	}
}
