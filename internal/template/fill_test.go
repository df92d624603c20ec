package template

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

func TestMissingValuesAllListed(t *testing.T) {
	src := "---\ntitle: \"Policy of {site}\"\n---\n# {site}\n\nMail {email} or `{code}` {email}.\n\n```\n{inCode}\n```\n[x](mailto:{email})\n"
	tp, err := Parse("p.md", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = tp.Fill(map[string]string{"site": "S"}, FillOptions{})
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Fill error = %v, want an ErrorList", err)
	}
	want := "p.md:6:6: missing value for {email}\n" +
		"p.md:6:26: missing value for {email}\n" +
		"p.md:11:12: missing value for {email}"
	if err.Error() != want {
		t.Errorf("Fill error:\n%s\nwant:\n%s", err, want)
	}
	doc, rep, err := tp.Fill(map[string]string{"site": "S", "email": "e@x", "spare": "1"}, FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Title != "Policy of S" {
		t.Errorf("title %q", doc.Meta.Title)
	}
	if !reflect.DeepEqual(rep.Unused, []string{"spare"}) {
		t.Errorf("unused %q", rep.Unused)
	}
	if !reflect.DeepEqual(doc.Values, map[string]string{"site": "S", "email": "e@x"}) {
		t.Errorf("values %q", doc.Values)
	}
}

func TestMissingKeep(t *testing.T) {
	tp, err := Parse("k.md", []byte("Hi {name}, [a](x/{name}) <i title=\"{name}\">.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := tp.Fill(nil, FillOptions{Missing: MissingKeep})
	if err != nil {
		t.Fatal(err)
	}
	got := dump(doc)
	for _, want := range []string{`Text "{name}" @1:4`, `Link dest="x/{name}"`, `RawHTML "<i title=\"{name}\">"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}

func TestCommonMarkProfileHasNoPlaceholders(t *testing.T) {
	src := "---\ntitle: x\n---\n# Hi {name} \\{x}\n\nA | B\n--|--\n~~s~~ www.example.com [^1]\n"
	tp, err := Parse("c.md", []byte(src), Options{Profile: ProfileCommonMark})
	if err != nil {
		t.Fatal(err)
	}
	if len(tp.Placeholders()) != 0 {
		t.Errorf("placeholders %v", tp.Placeholders())
	}
	doc, _, err := tp.Fill(map[string]string{"name": "N"}, FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Text:
			texts = append(texts, n.Text)
		case *ast.Table, *ast.Strikethrough, *ast.Link, *ast.FootnoteRef:
			t.Errorf("CommonMark profile produced %T", n)
		case *ast.Heading:
			if n.ID != "" {
				t.Errorf("CommonMark heading id %q", n.ID)
			}
		}
		return true
	})
	joined := strings.Join(texts, "|")
	if !strings.Contains(joined, "Hi {name} {x}") || !strings.Contains(joined, "title: x") {
		t.Errorf("texts %q", joined)
	}
}
