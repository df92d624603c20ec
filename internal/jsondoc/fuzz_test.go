package jsondoc

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/golden"
)

// fuzzDoc puts s and u into every string of a document that uses every
// node kind, and n into its integers. It never joins s and u: two
// invalid halves can make valid UTF-8.
func fuzzDoc(s, u string, n uint16) *ast.Document {
	level := int(n%6) + 1
	index := int(n) + 1
	ordered, marker := n%2 == 0, byte('*')
	if ordered {
		marker = ')'
	}
	return &ast.Document{
		Meta:   ast.Meta{Title: s, Lang: u, Description: s, Author: u, Subject: s, Keywords: []string{s, u, ""}, Date: u},
		Values: map[string]string{s: u, "fixed name": s},
		Blocks: []ast.Block{
			&ast.Heading{Level: level, ID: u, Inlines: []ast.Inline{&ast.Text{Text: s}}},
			&ast.Paragraph{Inlines: []ast.Inline{
				&ast.Text{Text: u},
				&ast.Emphasis{Inlines: []ast.Inline{&ast.Strong{Inlines: []ast.Inline{&ast.Strikethrough{Inlines: []ast.Inline{&ast.Text{Text: s}}}}}}},
				&ast.SoftBreak{}, &ast.HardBreak{},
				&ast.Code{Text: s},
				&ast.Link{Destination: s, Title: u, Inlines: []ast.Inline{&ast.Image{Destination: u, Title: s, Alt: u}}},
				&ast.RawHTML{Text: u},
				&ast.FootnoteRef{Index: index, Label: s},
			}},
			&ast.List{Ordered: ordered, Start: int(n), Marker: marker, Tight: n%3 == 0, Items: []*ast.ListItem{
				{Task: ast.TaskState(n % 3), Blocks: []ast.Block{&ast.CodeBlock{Language: s, Text: u}}},
			}},
			&ast.BlockQuote{Blocks: []ast.Block{&ast.HTMLBlock{Text: s}, &ast.ThematicBreak{}}},
			&ast.Table{
				Align:  []ast.Alignment{ast.Alignment(n % 4), ast.AlignRight},
				Header: []*ast.TableCell{{Inlines: []ast.Inline{&ast.Text{Text: s}}}, {}},
				Rows:   [][]*ast.TableCell{{{}, {Inlines: []ast.Inline{&ast.Text{Text: u}}}}},
			},
			&ast.FootnoteDefinition{Index: index, Label: u, Blocks: []ast.Block{&ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: s}}}}},
		},
	}
}

// FuzzJSON renders documents full of arbitrary strings. The output must be
// valid against the schema in both layouts and decode to the same
// document, each invalid UTF-8 byte having become U+FFFD.
func FuzzJSON(f *testing.F) {
	f.Add("Privacy Policy", "en", uint16(1))
	f.Add("<script>&amp;</script>", "\u2028\u2029", uint16(2))
	f.Add("\x00\x1f\x7f\"\\\n\t", "😀 ü 中文", uint16(7))
	f.Add("a\xffb\xc3", "\xed\xa0\x80", uint16(65535))
	f.Add("", "", uint16(0))
	f.Fuzz(func(t *testing.T, s, u string, n uint16) {
		doc := fuzzDoc(s, u, n)
		want := canonical(fuzzDoc(validUTF8(s), validUTF8(u), n))
		checkIndentMatchesStdlib(t, doc)
		for _, opts := range []Options{{}, {Compact: true}} {
			var buf bytes.Buffer
			if err := Render(&buf, doc, opts); err != nil {
				t.Fatalf("Render(%+v): %v", opts, err)
			}
			out := buf.Bytes()
			if err := ValidateSchema(out); err != nil {
				t.Fatalf("schema refuses the output: %v\n%s", err, out)
			}
			got, err := Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("Decode: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round trip differs:\n got: %s\nwant: %s", dump(got), dump(want))
			}
			var again bytes.Buffer
			if err := Render(&again, got, opts); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), out) {
				t.Fatalf("rendering the decoded document differs: %s", golden.Diff(again.Bytes(), out))
			}
		}
	})
}

// FuzzDecode feeds arbitrary bytes to Decode, which must not panic. What
// it accepts must be valid against the schema, and must survive Render
// and Decode unchanged.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	for _, c := range invalidDocs {
		f.Add([]byte(c.json))
	}
	f.Add([]byte(`{"schemaVersion":1,"meta":{},"blocks":[{"type":"table","align":["left"],"header":[{"inlines":[]}],"rows":[[{"inlines":[]}]]}]}`))
	f.Add([]byte(`{"schemaVersion":1e0,"meta":{"keywords":[]},"values":{"a":"b"},"blocks":[{"type":"list","ordered":true,"start":0.5e1,"tight":false,"items":[{"type":"listItem","task":"done","blocks":[]}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(bytes.NewReader(data))
		if err != nil {
			if doc != nil {
				t.Fatalf("Decode returned a document with error %v", err)
			}
			return
		}
		if err := ValidateSchema(data); err != nil {
			t.Fatalf("Decode accepts what the schema refuses: %v\n%s", err, data)
		}
		var buf bytes.Buffer
		if err := Render(&buf, doc, Options{}); err != nil {
			t.Fatalf("Render of a decoded document: %v\n%s", err, data)
		}
		again, err := Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("Decode of the re-rendered document: %v\n%s", err, buf.Bytes())
		}
		if !reflect.DeepEqual(again, doc) {
			t.Fatalf("round trip differs:\n got: %s\nwant: %s", dump(again), dump(doc))
		}
	})
}
