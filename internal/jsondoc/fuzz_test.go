package jsondoc_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/jsondoc"
	"github.com/policyexport/policyexport/internal/testutil/golden"
	"github.com/policyexport/policyexport/internal/testutil/jsondoctest"
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

// replaceInvalid returns s with each byte of invalid UTF-8 replaced by
// U+FFFD, as Render writes it.
func replaceInvalid(s string) string { return string([]rune(s)) }

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
		want := canonical(fuzzDoc(replaceInvalid(s), replaceInvalid(u), n))
		checkIndentMatchesStdlib(t, doc)
		for _, opts := range []jsondoc.Options{{}, {Compact: true}} {
			var buf bytes.Buffer
			if err := jsondoc.Render(&buf, doc, opts); err != nil {
				t.Fatalf("jsondoc.Render(%+v): %v", opts, err)
			}
			out := buf.Bytes()
			if err := jsondoctest.ValidateSchema(out); err != nil {
				t.Fatalf("schema refuses the output: %v\n%s", err, out)
			}
			got, err := jsondoctest.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("Decode: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round trip differs:\n got: %s\nwant: %s", dump(got), dump(want))
			}
			var again bytes.Buffer
			if err := jsondoc.Render(&again, got, opts); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), out) {
				t.Fatalf("rendering the decoded document differs: %s", golden.Diff(again.Bytes(), out))
			}
		}
	})
}
