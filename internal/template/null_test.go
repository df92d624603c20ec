package template

import (
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// TestFrontMatterNulls checks that a null in front matter (~, null or
// nothing) is "not given here": a value is missing, never the text "~"
// or "null", the caller's value still fills it, and a null title leaves
// the title to the first heading.
func TestFrontMatterNulls(t *testing.T) {
	for _, null := range []string{"~", "null", "NULL", ""} {
		src := "---\ntitle: " + null + "\nauthor: " + null + "\nvalues:\n  a: " + null + "\n  b: x\n---\n# Head {b}\n\nSay {a}.\n"
		tp := mustParse(t, src, Options{})
		if _, ok := tp.FrontMatter().Values["a"]; ok {
			t.Errorf("%q: a null value is in the front matter values: %q", null, tp.FrontMatter().Values)
		}
		_, _, err := tp.Fill(nil, FillOptions{})
		if want := "t.md:10:5: missing value for {a}"; err == nil || err.Error() != want {
			t.Errorf("%q: Fill error %v, want %s", null, err, want)
		}
		doc, _, err := tp.Fill(map[string]string{"a": "given"}, FillOptions{})
		if err != nil {
			t.Fatalf("%q: %v", null, err)
		}
		if doc.Meta.Title != "Head x" || doc.Meta.Author != "" {
			t.Errorf("%q: title %q, author %q; want the first heading and no author", null, doc.Meta.Title, doc.Meta.Author)
		}
		if got := ast.PlainText(doc.Blocks[1].(*ast.Paragraph).Inlines); got != "Say given." {
			t.Errorf("%q: body %q", null, got)
		}
	}
	// Quoted, "~" and "null" are text.
	tp := mustParse(t, "---\ntitle: \"~\"\nvalues:\n  a: 'null'\n---\n{a}\n", Options{})
	doc, _, err := tp.Fill(nil, FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The title "~" is the title block, before the body.
	if len(doc.Blocks) != 2 || ast.PlainText(doc.Blocks[0].(*ast.Heading).Inlines) != "~" {
		t.Fatalf("quoted nulls: blocks %#v, want the title block \"~\" and the body", doc.Blocks)
	}
	if doc.Meta.Title != "~" || ast.PlainText(doc.Blocks[1].(*ast.Paragraph).Inlines) != "null" {
		t.Errorf("quoted nulls: title %q, body %q", doc.Meta.Title, ast.PlainText(doc.Blocks[1].(*ast.Paragraph).Inlines))
	}
}
