package template

import (
	"reflect"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// TestValueIsolate: a value whose direction is not the document's (its
// first strong character's, or both) is marked for isolation
// (ast.Text.Isolate), which every backend needed to keep "{company}: 5
// employees" with a Hebrew company from reading "5 :שלום employees"; a
// value of the document's direction, one without letters and the
// template's own text are not, so that their outputs are unchanged. The
// document's direction is its language's, wherever the language comes
// from.
func TestValueIsolate(t *testing.T) {
	vals := map[string]string{"company": "שלום", "email": "info@acme.example", "firm": "ACME GmbH", "days": "5", "he": "חברה", "mixed": "ACME שלום"}
	body := "{company}: 5, {email}: {days}, {firm}, {he}, {mixed}.\n"
	for _, c := range []struct {
		name, front string
		opts        FillOptions
		want        map[string]bool // the values isolated, by text
	}{
		{"en", "lang: en", FillOptions{}, map[string]bool{"שלום": true, "חברה": true, "ACME שלום": true}},
		{"he", "lang: he", FillOptions{}, map[string]bool{"info@acme.example": true, "ACME GmbH": true, "ACME שלום": true}},
		{"none", "title: T", FillOptions{}, map[string]bool{"שלום": true, "חברה": true, "ACME שלום": true}},
		{"default ar", "title: T", FillOptions{DefaultLang: "ar"}, map[string]bool{"info@acme.example": true, "ACME GmbH": true, "ACME שלום": true}},
		{"manifest he", "lang: en", FillOptions{Lang: "he"}, map[string]bool{"info@acme.example": true, "ACME GmbH": true, "ACME שלום": true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tp, err := Parse("v.md", []byte("---\n"+c.front+"\n---\n"+body), Options{})
			if err != nil {
				t.Fatal(err)
			}
			doc, _, err := tp.Fill(vals, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
				if tx, ok := n.(*ast.Text); ok && tx.Isolate != c.want[tx.Text] {
					t.Errorf("%q: Isolate = %v, want %v", tx.Text, tx.Isolate, !tx.Isolate)
				}
				return true
			})
		})
	}
}

// TestTitleBlockIsolate: the title block made of a front matter title
// holding a value whose direction is not the document's marks that value
// for isolation, as in the body: "title: {company} 2026" with the Hebrew
// company "שלום" in an English document was one text, shown
// "2026 שלום" in every output and its outline and contents entries. The
// metadata title stays the plain text, and a title of the document's
// direction stays one text.
func TestTitleBlockIsolate(t *testing.T) {
	src := "---\ntitle: \" {company}  2026 \"\nlang: en\n---\n## Intro\n"
	tp, err := Parse("t.md", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		company string
		want    []ast.Text
	}{
		{"שלום", []ast.Text{{Text: "שלום", Isolate: true}, {Text: "  2026"}}},
		{"ACME", []ast.Text{{Text: "ACME  2026"}}},
	} {
		doc, _, err := tp.Fill(map[string]string{"company": c.company}, FillOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if want := " " + c.company + "  2026 "; doc.Meta.Title != want {
			t.Errorf("Meta.Title = %q, want %q", doc.Meta.Title, want)
		}
		h, ok := doc.Blocks[0].(*ast.Heading)
		if !ok || !h.TitleBlock {
			t.Fatalf("no title block: %#v", doc.Blocks[0])
		}
		var got []ast.Text
		for _, in := range h.Inlines {
			tx, ok := in.(*ast.Text)
			if !ok {
				t.Fatalf("title block holds %T", in)
			}
			got = append(got, ast.Text{Text: tx.Text, Isolate: tx.Isolate})
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: title block %+v, want %+v", c.company, got, c.want)
		}
	}
}

// TestAltTitleIsolate: a value whose direction is not the document's
// in an image's alt text or a link's title is between FSI and PDI, the
// isolate of a string without markup: "![{company} 2026 logo](…)" with
// the Hebrew company "שלום" in an English document was
// "[Image: שלום 2026 logo]" in the plain text, shown
// "[Image: 2026 שלום logo]". A value of the document's direction is
// written as before.
func TestAltTitleIsolate(t *testing.T) {
	src := "---\nlang: en\n---\n![{company} 2026 logo](logo.png \"{company} 2026\") [site](https://a.example \"{company} 2026\")\n"
	tp, err := Parse("a.md", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for company, want := range map[string]string{"שלום": "\u2068שלום\u2069 2026", "ACME": "ACME 2026"} {
		doc, _, err := tp.Fill(map[string]string{"company": company}, FillOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Image:
				got = append(got, n.Alt, n.Title)
			case *ast.Link:
				got = append(got, n.Title)
			}
			return true
		})
		if w := []string{want + " logo", want, want}; !reflect.DeepEqual(got, w) {
			t.Errorf("%s: alt and titles %+q, want %+q", company, got, w)
		}
	}
}
