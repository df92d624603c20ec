package jsondoc_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/jsondoc"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
	"github.com/policyexport/policyexport/internal/testutil/golden"
	"github.com/policyexport/policyexport/internal/testutil/jsondoctest"
)

// goldenCase is one document rendered into one golden file.
type goldenCase struct {
	file string
	doc  func() *ast.Document
	opts jsondoc.Options
}

var goldenCases = []goldenCase{
	{"everything.json", asttest.Everything, jsondoc.Options{}},
	{"privacy.json", privacyDoc, jsondoc.Options{}},
	{"privacy.compact.json", privacyDoc, jsondoc.Options{Compact: true}},
	{"strings.json", stringsDoc, jsondoc.Options{}},
	{"empty.json", func() *ast.Document { return &ast.Document{} }, jsondoc.Options{}},
}

func render(t testing.TB, doc *ast.Document, opts jsondoc.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jsondoc.Render(&buf, doc, opts); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.file, func(t *testing.T) {
			got := render(t, c.doc(), c.opts)
			golden.Check(t, filepath.Join("testdata", c.file), got)
		})
	}
}

// TestGoldensMatchSchema validates every JSON file in testdata against the
// embedded schema.
func TestGoldensMatchSchema(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < len(goldenCases) {
		t.Fatalf("found %d goldens, want at least %d (run go test -update)", len(files), len(goldenCases))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := jsondoctest.ValidateSchema(data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestRoundTrip checks jsondoctest.Decode(jsondoc.Render(doc)) against doc in canonical form,
// and that rendering the decoded document gives the same bytes again.
func TestRoundTrip(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.file, func(t *testing.T) {
			out := render(t, c.doc(), c.opts)
			got, err := jsondoctest.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			want := canonical(c.doc())
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round trip differs:\n got: %s\nwant: %s", dump(got), dump(want))
			}
			if again := render(t, got, c.opts); !bytes.Equal(again, out) {
				t.Errorf("rendering the decoded document differs: %s", golden.Diff(again, out))
			}
		})
	}
}

// dump shows a document with its positions, for a failure message.
func dump(doc *ast.Document) string {
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// TestEveryNodeType checks that asttest.Everything and privacyDoc really
// hold every node kind, that Everything's JSON has every "type", and that
// positions (Everything has them) are not written.
func TestEveryNodeType(t *testing.T) {
	for name, doc := range map[string]*ast.Document{"Everything": asttest.Everything(), "privacyDoc": privacyDoc()} {
		if missing := asttest.MissingKinds(doc); len(missing) > 0 {
			t.Errorf("%s lacks %v", name, missing)
		}
	}
	out := string(render(t, asttest.Everything(), jsondoc.Options{Compact: true}))
	for _, typ := range nodeTypes {
		if !strings.Contains(out, `{"type":"`+typ+`"`) {
			t.Errorf("no %q node in the output of asttest.Everything", typ)
		}
	}
	for _, word := range []string{"Pos", "pos", "line", "Line", "col"} {
		if strings.Contains(out, `"`+word+`"`) {
			t.Errorf("output has a %q key; positions must not be written", word)
		}
	}
}

func TestLayout(t *testing.T) {
	doc := privacyDoc()
	indented := string(render(t, doc, jsondoc.Options{}))
	if !strings.HasPrefix(indented, "{\n  \"schemaVersion\": 1,\n  \"meta\": {\n    \"title\": ") {
		t.Errorf("indented output does not start with two-space indentation:\n%.80s", indented)
	}
	if !strings.HasSuffix(indented, "}\n") || strings.HasSuffix(indented, "\n\n") {
		t.Errorf("indented output does not end in exactly one newline: %q", indented[len(indented)-5:])
	}
	compact := string(render(t, doc, jsondoc.Options{Compact: true}))
	if strings.Count(compact, "\n") != 1 || !strings.HasSuffix(compact, "}\n") {
		t.Errorf("compact output is not one line plus a newline")
	}
	var a, b bytes.Buffer
	if err := json.Compact(&a, []byte(indented)); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&b, []byte(compact)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("indented and compact output hold different JSON")
	}
}

// TestKeyOrder pins the order of keys in nodes, meta and values.
func TestKeyOrder(t *testing.T) {
	out := string(render(t, privacyDoc(), jsondoc.Options{Compact: true}))
	for _, want := range []string{
		`{"schemaVersion":1,"meta":{"title":"Privacy Policy","lang":"en-GB","description":"How Example Ltd & Co. handles your personal data.","author":"Example Ltd & Co.","subject":"Privacy","keywords":["privacy","GDPR","cookies"],"date":"2026-11-28"},"values":{"Country":`,
		`"values":{"Country":"Schweiz — Suisse","city":"Zürich","company":"Example Ltd & Co.","email":"privacy@example.com"},"blocks":[`,
		`{"type":"heading","level":1,"id":"privacy-policy","titleBlock":true,"inlines":[`,
		`{"type":"link","destination":"https://gdpr.eu/?a=1&b=2","title":"GDPR","inlines":[`,
		`{"type":"image","destination":"logo.png","title":"Logo","alt":"Example logo"}`,
		`{"type":"list","ordered":false,"marker":"-","tight":true,"items":[{"type":"listItem","task":"open","blocks":[`,
		`{"type":"list","ordered":true,"start":3,"marker":")","tight":false,"items":[`,
		`{"type":"listItem","blocks":[]}`,
		`{"type":"list","ordered":false,"tight":true,"items":[]}`,
		`{"type":"heading","level":6,"id":"empty","inlines":[]}`,
		`{"type":"image","destination":"spacer.gif","alt":""}`,
		`{"type":"codeBlock","language":"json","text":"{\"a\": 1}\n"}`,
		`{"type":"table","align":["none","left","center","right"],"header":[{"inlines":[`,
		`{"inlines":[]}`,
		`{"type":"footnoteRef","index":1,"label":"gdpr"}`,
		`{"type":"footnoteDefinition","index":1,"label":"gdpr","blocks":[`,
		`{"type":"softBreak"},{"type":"text","text":"under "}`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	// Values are sorted by code point whatever order the map gives.
	out = string(render(t, stringsDoc(), jsondoc.Options{Compact: true}))
	if want := `"values":{"":"empty name","Zeta":"upper","alpha":"lower","ä":"umlaut key"}`; !strings.Contains(out, want) {
		t.Errorf("output lacks %s", want)
	}
}

func TestStringEscaping(t *testing.T) {
	doc := &ast.Document{Blocks: []ast.Block{asttest.P(asttest.T("a<b>&c\u2028\u2029\x00\x1f\x7f\"\\\n\r\t\b\f 😀 ü\u00a0"))}}
	out := render(t, doc, jsondoc.Options{Compact: true})
	want := `"a<b>&c\u2028\u2029\u0000\u001f\u007f\"\\\n\r\t\b\f 😀 ü` + "\u00a0" + `"`
	if !bytes.Contains(out, []byte(want)) {
		t.Errorf("string written as\n%s\nwant it to contain\n%s", out, want)
	}
	if bytes.ContainsAny(out, "\u2028\u2029") {
		t.Errorf("raw U+2028 or U+2029 in output")
	}
	for i, c := range out[:len(out)-1] {
		if c < 0x20 || c == 0x7f {
			t.Errorf("raw control byte %#x at offset %d", c, i)
		}
	}
	if !json.Valid(out) || !utf8.Valid(out) {
		t.Errorf("output is not valid JSON in UTF-8: %s", out)
	}
	got, err := jsondoctest.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, canonical(doc)) {
		t.Errorf("escaped string does not round-trip: %s", dump(got))
	}
}

// TestInvalidUTF8 checks that each invalid byte becomes U+FFFD, in text and
// in value names alike.
func TestInvalidUTF8(t *testing.T) {
	doc := &ast.Document{
		Values: map[string]string{"k\xff": "v\xc3"},
		Blocks: []ast.Block{asttest.P(asttest.T("a\xff\xfeb\xe2\x80"))},
	}
	out := render(t, doc, jsondoc.Options{Compact: true})
	if !utf8.Valid(out) {
		t.Fatalf("output is not UTF-8: %q", out)
	}
	got, err := jsondoctest.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if v := got.Values["k\ufffd"]; v != "v\ufffd" {
		t.Errorf("value = %q, want %q (values: %q)", v, "v\ufffd", got.Values)
	}
	text := got.Blocks[0].(*ast.Paragraph).Inlines[0].(*ast.Text).Text
	if want := "a\ufffd\ufffdb\ufffd\ufffd"; text != want {
		t.Errorf("text = %q, want %q", text, want)
	}
}

func TestRenderRefusesBrokenModel(t *testing.T) {
	cases := []struct {
		name string
		doc  *ast.Document
		want string
	}{
		{"nil document", nil, "nil document"},
		{"nil block", &ast.Document{Blocks: []ast.Block{nil}}, "blocks[0]: unknown node kind <nil>"},
		{"typed nil", &ast.Document{Blocks: []ast.Block{(*ast.Paragraph)(nil)}}, "blocks[0]: nil *ast.Paragraph"},
		{"nil inline", &ast.Document{Blocks: []ast.Block{asttest.P(asttest.T("a"), nil)}}, "blocks[0].inlines[1]: unknown node kind <nil>"},
		{"nil in a table in an item", asttest.Doc(asttest.Bullets(true, &ast.ListItem{At: ast.Pos{Line: 4, Col: 1}, Blocks: []ast.Block{&ast.Table{Align: []ast.Alignment{0}, Header: []*ast.TableCell{asttest.Cell(nil)}}}})),
			"blocks[0].items[0].blocks[0].header[0].inlines[0]: unknown node kind <nil> at 4:1"},
		{"unknown block", &ast.Document{Blocks: []ast.Block{asttest.UnknownBlock{Paragraph: &ast.Paragraph{At: ast.Pos{Line: 9, Col: 1}}}}}, "blocks[0]: unknown node kind asttest.UnknownBlock at 9:1"},
		{"unknown inline", &ast.Document{Blocks: []ast.Block{asttest.P(asttest.UnknownInline{Text: asttest.TAt("a", 7, 3)})}}, "blocks[0].inlines[0]: unknown node kind asttest.UnknownInline at 7:3"},
		{"level 0", &ast.Document{Blocks: []ast.Block{&ast.Heading{}}}, "blocks[0].level: heading level 0 is not between 1 and 6"},
		{"level 7", &ast.Document{Blocks: []ast.Block{&ast.Heading{Level: 7}}}, "heading level 7"},
		{"list item as block", &ast.Document{Blocks: []ast.Block{&ast.ListItem{}}}, "blocks[0]: a listItem may only be an item of a list"},
		{"bullet with ordered marker", &ast.Document{Blocks: []ast.Block{&ast.List{Marker: '.'}}}, `blocks[0].marker: marker '.' is not a marker of a bullet list`},
		{"ordered with bullet marker", &ast.Document{Blocks: []ast.Block{&ast.List{Ordered: true, Marker: '-'}}}, "not a marker of an ordered list"},
		{"negative start", &ast.Document{Blocks: []ast.Block{&ast.List{Ordered: true, Start: -1}}}, "blocks[0].start: list start -1 is negative"},
		{"nil item", &ast.Document{Blocks: []ast.Block{&ast.List{Items: []*ast.ListItem{nil}}}}, "blocks[0].items[0]: nil listItem"},
		{"task state", &ast.Document{Blocks: []ast.Block{&ast.List{Items: []*ast.ListItem{{Task: 9}}}}}, "blocks[0].items[0].task: unknown task state 9"},
		{"alignment", &ast.Document{Blocks: []ast.Block{&ast.Table{Align: []ast.Alignment{7}}}}, "blocks[0].align[0]: unknown alignment 7"},
		{"short header", &ast.Document{Blocks: []ast.Block{&ast.Table{Align: []ast.Alignment{0, 0}, Header: []*ast.TableCell{asttest.Cell()}}}}, "blocks[0].header: 1 cells in a table of 2 columns"},
		{"long row", &ast.Document{Blocks: []ast.Block{&ast.Table{Align: []ast.Alignment{0}, Header: []*ast.TableCell{asttest.Cell()}, Rows: [][]*ast.TableCell{{asttest.Cell()}, {asttest.Cell(), asttest.Cell()}}}}}, "blocks[0].rows[1]: 2 cells in a table of 1 columns"},
		{"nil cell", &ast.Document{Blocks: []ast.Block{&ast.Table{Align: []ast.Alignment{0}, Header: []*ast.TableCell{nil}}}}, "blocks[0].header[0]: nil table cell"},
		{"footnote index", &ast.Document{Blocks: []ast.Block{&ast.FootnoteDefinition{}}}, "blocks[0].index: footnote index 0 is below 1"},
		{"footnote ref index", &ast.Document{Blocks: []ast.Block{asttest.P(&ast.FootnoteRef{Index: -2})}}, "blocks[0].inlines[0].index: footnote index -2 is below 1"},
		{"deep", &ast.Document{Blocks: []ast.Block{&ast.BlockQuote{Blocks: []ast.Block{asttest.P(&ast.Strong{Inlines: []ast.Inline{(*ast.Text)(nil)}})}}}}, "blocks[0].blocks[0].inlines[0].inlines[0]: nil *ast.Text"},
		{"value names collide", &ast.Document{Values: map[string]string{"a\xff": "1", "a\ufffd": "2"}}, `values: names "a�" and "a\xff" are the same once invalid UTF-8 is replaced`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := jsondoc.Render(&buf, c.doc, jsondoc.Options{})
			if err == nil {
				t.Fatalf("Render succeeded:\n%s", buf.Bytes())
			}
			if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "jsondoc: render: ") {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
			if buf.Len() != 0 {
				t.Errorf("Render wrote %d bytes before failing", buf.Len())
			}
			var unknown *ast.UnknownNodeError
			if want := strings.Contains(c.want, "unknown node kind"); errors.As(err, &unknown) != want {
				t.Errorf("error %q is an *ast.UnknownNodeError: %v, want %v", err, !want, want)
			}
		})
	}
}

type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestRenderWriteError(t *testing.T) {
	err := jsondoc.Render(failingWriter{}, privacyDoc(), jsondoc.Options{})
	if !errors.Is(err, errDiskFull) || !strings.HasPrefix(err.Error(), "jsondoc: writing: ") {
		t.Errorf("Render = %v, want a wrapped write error", err)
	}
}

// bigDoc repeats the every-node document's blocks n times.
func bigDoc(n int) *ast.Document {
	doc := privacyDoc()
	for range n - 1 {
		doc.Blocks = append(doc.Blocks, privacyDoc().Blocks...)
	}
	return doc
}

func BenchmarkRender(b *testing.B) {
	doc := bigDoc(100)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := jsondoc.Render(&buf, doc, jsondoc.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

// BenchmarkRenderNested renders lists nested 1000 deep, whose indented
// output (48 MB) is 550 times the compact one: the case for which Render
// sizes the indented buffer exactly.
func BenchmarkRenderNested(b *testing.B) {
	doc := nestedLists(1000)
	b.SetBytes(int64(len(render(b, doc, jsondoc.Options{}))))
	for b.Loop() {
		if err := jsondoc.Render(io.Discard, doc, jsondoc.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// checkIndentMatchesStdlib checks that the indented output of doc is
// exactly encoding/json.Indent of its compact output: both layouts hold
// the same JSON, laid out as the standard library does.
func checkIndentMatchesStdlib(t *testing.T, doc *ast.Document) {
	t.Helper()
	var compact, indented, want bytes.Buffer
	if err := jsondoc.Render(&compact, doc, jsondoc.Options{Compact: true}); err != nil {
		t.Fatal(err)
	}
	if err := jsondoc.Render(&indented, doc, jsondoc.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
		t.Fatalf("compact output is not JSON: %v", err)
	}
	if !bytes.Equal(indented.Bytes(), want.Bytes()) {
		t.Fatalf("indented output differs from json.Indent of the compact output:\n%s", golden.Diff(indented.Bytes(), want.Bytes()))
	}
}

func TestIndentMatchesStdlib(t *testing.T) {
	for _, doc := range []*ast.Document{privacyDoc(), stringsDoc(), {}, {Blocks: []ast.Block{asttest.P()}}, {Values: map[string]string{"a": "b"}},
		largeDoc(5000), nestedDoc(100)} {
		checkIndentMatchesStdlib(t, doc)
	}
}

// largeDoc returns a document of n paragraphs.
func largeDoc(n int) *ast.Document {
	doc := &ast.Document{}
	for i := range n {
		doc.Blocks = append(doc.Blocks, asttest.P(asttest.T(strings.Repeat("x", i%100)), &ast.SoftBreak{}, &ast.Emphasis{Inlines: []ast.Inline{asttest.T("e")}}))
	}
	return doc
}

// nestedDoc returns a paragraph inside depth block quotes.
func nestedDoc(depth int) *ast.Document {
	var b ast.Block = asttest.P(asttest.T("deep"))
	for range depth {
		b = &ast.BlockQuote{Blocks: []ast.Block{b}}
	}
	return &ast.Document{Blocks: []ast.Block{b}}
}

// TestLargeDocument checks a large document: it decodes back, and when it
// is refused at its very end nothing is written.
func TestLargeDocument(t *testing.T) {
	doc := largeDoc(2000) // schema validation in Decode takes a second per 1.5 MB
	for _, opts := range []jsondoc.Options{{}, {Compact: true}} {
		out := render(t, doc, opts)
		if len(out) < 200<<10 {
			t.Fatalf("only %d bytes: the test needs a large output", len(out))
		}
		got, err := jsondoctest.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, canonical(doc)) {
			t.Fatalf("round trip of %d blocks differs", len(doc.Blocks))
		}
	}
	bad := largeDoc(20000)
	bad.Blocks = append(bad.Blocks, &ast.Heading{Level: 9})
	var buf bytes.Buffer
	err := jsondoc.Render(&buf, bad, jsondoc.Options{})
	if err == nil || !strings.Contains(err.Error(), "blocks[20000].level") {
		t.Errorf("error %v", err)
	}
	if buf.Len() != 0 {
		t.Errorf("a refused document wrote %d bytes", buf.Len())
	}
}

// jsonDepth returns how deeply the arrays and objects of data nest.
func jsonDepth(t *testing.T, data []byte) int {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	depth, deepest := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return deepest
		}
		if err != nil {
			t.Fatalf("output is not JSON that encoding/json reads: %v", err)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
			deepest = max(deepest, depth)
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
}

// nestedLists returns a paragraph inside depth lists.
func nestedLists(depth int) *ast.Document {
	var b ast.Block = asttest.P(asttest.T("deep"))
	for range depth {
		b = &ast.List{Items: []*ast.ListItem{{Blocks: []ast.Block{b}}}}
	}
	return &ast.Document{Blocks: []ast.Block{b}}
}

// quotedTable returns a table inside depth block quotes.
func quotedTable(depth int) *ast.Document {
	var b ast.Block = &ast.Table{Align: []ast.Alignment{ast.AlignNone},
		Header: []*ast.TableCell{asttest.Cell(asttest.T("h"))}, Rows: [][]*ast.TableCell{{asttest.Cell(asttest.T("deep"))}}}
	for range depth {
		b = &ast.BlockQuote{Blocks: []ast.Block{b}}
	}
	return &ast.Document{Blocks: []ast.Block{b}}
}

// TestNestingLimit checks that Render writes JSON nested up to 10000
// deep, which encoding/json reads, and refuses, writing nothing, a
// document one level deeper. The accepted documents are checked compact
// only: indented, each is a quarter of a gigabyte of spaces.
func TestNestingLimit(t *testing.T) {
	for _, c := range []struct {
		name    string
		doc     func(int) *ast.Document
		n, want int // the deepest n accepted, and the JSON depth it makes
	}{
		{"quotes", nestedDoc, 4997, 9999},          // the text in n quotes is at 2n+5
		{"lists", nestedLists, 2498, 9997},         // in n lists at 4n+5
		{"quoted table", quotedTable, 4996, 10000}, // a cell's text in n quotes at 2n+8
	} {
		t.Run(c.name, func(t *testing.T) {
			out := render(t, c.doc(c.n), jsondoc.Options{Compact: true})
			if d := jsonDepth(t, out); d != c.want {
				t.Errorf("the deepest document accepted nests %d deep, want %d", d, c.want)
			}
			for _, opts := range []jsondoc.Options{{}, {Compact: true}} {
				var buf bytes.Buffer
				err := jsondoc.Render(&buf, c.doc(c.n+1), opts)
				if err == nil || !strings.Contains(err.Error(), "more than 10000 JSON arrays and objects deep") {
					t.Errorf("%+v: one level deeper: error %v, want the nesting limit", opts, err)
				}
				if buf.Len() != 0 {
					t.Errorf("%+v: a refused document wrote %d bytes", opts, buf.Len())
				}
			}
		})
	}
}

// countingWriter counts the calls of Write.
type countingWriter struct {
	bytes.Buffer
	calls int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.calls++
	return w.Buffer.Write(p)
}

// TestRenderWritesOnce checks that the whole output goes to the writer in
// one call, DEL escapes included.
func TestRenderWritesOnce(t *testing.T) {
	for _, doc := range []*ast.Document{privacyDoc(), stringsDoc(), largeDoc(5000)} {
		for _, opts := range []jsondoc.Options{{}, {Compact: true}} {
			var w countingWriter
			if err := jsondoc.Render(&w, doc, opts); err != nil {
				t.Fatal(err)
			}
			if w.calls != 1 {
				t.Errorf("%d calls of Write, want 1", w.calls)
			}
			if !bytes.Equal(w.Bytes(), render(t, doc, opts)) {
				t.Errorf("output differs from the output to a bytes.Buffer")
			}
		}
	}
}

// TestIndentedSize checks the size Render reserves for indented output
// against the output.
func TestIndentedSize(t *testing.T) {
	for _, doc := range []*ast.Document{privacyDoc(), stringsDoc(), {}, {Blocks: []ast.Block{asttest.P()}}, largeDoc(500), nestedDoc(100), quotedTable(3)} {
		compact := render(t, doc, jsondoc.Options{Compact: true})
		indented := render(t, doc, jsondoc.Options{})
		if got := jsondoc.IndentedSize(compact); got != len(indented) {
			t.Errorf("IndentedSize = %d, want %d for\n%.200s", got, len(indented), compact)
		}
	}
}
