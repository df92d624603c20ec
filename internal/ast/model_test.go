package ast_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

func TestEverythingHoldsEveryKind(t *testing.T) {
	if missing := asttest.MissingKinds(asttest.Everything()); len(missing) > 0 {
		t.Errorf("asttest.Everything holds no %v", missing)
	}
	if got := asttest.MissingKinds(asttest.Doc(asttest.P(asttest.T("x")), asttest.UnknownBlock{Paragraph: asttest.P()})); !slices.Contains(got, "Heading") || !slices.Contains(got, "unknown") || slices.Contains(got, "Text") {
		t.Errorf("MissingKinds of a paragraph of text and an unknown block = %v", got)
	}
	// Words are unique and each is in the document's text or raw HTML.
	words := map[string]bool{}
	for _, w := range asttest.Words() {
		if words[w.Text] {
			t.Errorf("word %q listed twice", w.Text)
		}
		words[w.Text] = true
		if !slices.Contains(asttest.Kinds(), w.Kind) && w.Kind != "TableCell" {
			t.Errorf("word %q: unknown kind %q", w.Text, w.Kind)
		}
	}
}

func TestInlineChildren(t *testing.T) {
	kids := []ast.Inline{asttest.T("x")}
	for _, n := range []ast.Inline{asttest.Em(kids...), asttest.Strong(kids...), asttest.Strike(kids...), asttest.Link("/", kids...)} {
		if got := ast.InlineChildren(n); len(got) != 1 || got[0] != kids[0] {
			t.Errorf("InlineChildren(%T) = %v, want its inlines", n, got)
		}
	}
	for _, n := range []ast.Inline{asttest.T("x"), &ast.Code{}, &ast.Image{}, &ast.SoftBreak{}, &ast.HardBreak{}, &ast.RawHTML{}, &ast.FootnoteRef{}, nil, asttest.UnknownInline{Text: asttest.T("x")}} {
		if got := ast.InlineChildren(n); got != nil {
			t.Errorf("InlineChildren(%T) = %v, want nil", n, got)
		}
	}
}

func TestPosition(t *testing.T) {
	p := asttest.Everything().Blocks[1].(*ast.Paragraph)
	want := map[string]ast.Pos{
		"Emphasis":      {Line: 3, Col: 25},
		"Strong":        {Line: 3, Col: 40},
		"Strikethrough": {Line: 3, Col: 54},
		"Code":          {Line: 3, Col: 75},
		"Link":          {}, // its text has no position
		"SoftBreak":     {},
		"HardBreak":     {},
		"Image":         {Line: 5, Col: 16},
		"RawHTML":       {Line: 5, Col: 40},
		"FootnoteRef":   {},
	}
	for _, in := range p.Inlines {
		k := asttest.Kind(in)
		if w, ok := want[k]; ok && in.Pos() != w {
			t.Errorf("%s.Position() = %v, want %v", k, in.Pos(), w)
		}
	}
	if got := p.Pos(); got != (ast.Pos{Line: 3, Col: 1}) {
		t.Errorf("Paragraph.Position() = %v", got)
	}
	if got := (asttest.UnknownBlock{Paragraph: p}).Pos(); got != p.At {
		t.Errorf("an embedding type's Position() = %v, want the embedded node's", got)
	}
}

func TestUnknownNodeError(t *testing.T) {
	for _, c := range []struct {
		n    ast.Node
		near ast.Pos
		want string
	}{
		{asttest.UnknownInline{Text: asttest.TAt("x", 4, 2)}, ast.Pos{Line: 1, Col: 1}, "unknown node kind asttest.UnknownInline at 4:2"},
		{asttest.UnknownBlock{Paragraph: asttest.P()}, ast.Pos{Line: 7, Col: 1}, "unknown node kind asttest.UnknownBlock at 7:1"},
		{nil, ast.Pos{Line: 9, Col: 3}, "unknown node kind <nil> at 9:3"},
		{nil, ast.Pos{}, "unknown node kind <nil>"},
	} {
		if got := ast.Unknown(c.n, c.near).Error(); got != c.want {
			t.Errorf("Unknown(%T, %v) = %q, want %q", c.n, c.near, got, c.want)
		}
	}
}

func TestCopyBlocksIsDeep(t *testing.T) {
	orig := asttest.Everything()
	cp, err := ast.CopyBlocks(orig.Blocks, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cp, orig.Blocks) {
		t.Fatal("the copy differs from the original")
	}
	var a, b []ast.Node
	ast.WalkBlocks(orig.Blocks, func(n ast.Node) bool { a = append(a, n); return true })
	ast.WalkBlocks(cp, func(n ast.Node) bool { b = append(b, n); return true })
	if len(a) != len(b) {
		t.Fatalf("copy has %d nodes, original %d", len(b), len(a))
	}
	for i := range a {
		// (Pointers to zero-size values, breaks, may all be equal.)
		if reflect.TypeOf(a[i]).Elem().Size() > 0 && reflect.ValueOf(a[i]).Pointer() == reflect.ValueOf(b[i]).Pointer() {
			t.Errorf("node %d (%T) is shared, not copied", i, a[i])
		}
	}
	// Changing the copy leaves the original alone.
	cp[0].(*ast.Heading).Inlines[0].(*ast.Text).Text = "changed"
	if got := orig.Blocks[0].(*ast.Heading).Inlines[0].(*ast.Text).Text; got != "Headingword" {
		t.Errorf("changing the copy changed the original: %q", got)
	}
}

func TestCopyBlocksEdits(t *testing.T) {
	blocks := []ast.Block{
		asttest.P(asttest.T("keep"), asttest.T("drop"), asttest.Em(asttest.T("drop"), asttest.T("x"))),
		asttest.Bullets(true, asttest.Item(asttest.P(asttest.T("a"))), &ast.ListItem{Task: ast.TaskDone}),
		&ast.ThematicBreak{},
	}
	var order []string
	cp, err := ast.CopyBlocks(blocks, func(orig, c ast.Node) bool {
		order = append(order, asttest.Kind(orig))
		if orig == c {
			t.Errorf("edit got the original as the copy")
		}
		switch c := c.(type) {
		case *ast.Text:
			if c.Text == "drop" {
				return false
			}
			c.Text += "!"
		case *ast.ListItem:
			return c.Task == ast.NoTask
		case *ast.ThematicBreak:
			return false
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []ast.Block{
		asttest.P(asttest.T("keep!"), asttest.Em(asttest.T("x!"))),
		asttest.Bullets(true, asttest.Item(asttest.P(asttest.T("a!")))),
	}
	if !reflect.DeepEqual(cp, want) {
		t.Errorf("edited copy = %#v, want %#v", cp, want)
	}
	if got := ast.PlainText(blocks[0].(*ast.Paragraph).Inlines); got != "keepdropdropx" {
		t.Errorf("the original changed: %q", got)
	}
	wantOrder := []string{"Paragraph", "Text", "Text", "Emphasis", "Text", "Text", "List", "ListItem", "Paragraph", "Text", "ListItem", "ThematicBreak"}
	if !slices.Equal(order, wantOrder) {
		t.Errorf("edit order = %v, want %v (document order, parents first)", order, wantOrder)
	}
}

func TestCopyBlocksRefusesUnknownNodes(t *testing.T) {
	for _, c := range []struct {
		blocks []ast.Block
		want   string
	}{
		{[]ast.Block{asttest.UnknownBlock{Paragraph: &ast.Paragraph{At: ast.Pos{Line: 2, Col: 1}}}}, "unknown node kind asttest.UnknownBlock at 2:1"},
		{[]ast.Block{&ast.Paragraph{At: ast.Pos{Line: 3, Col: 1}, Inlines: []ast.Inline{nil}}}, "unknown node kind <nil> at 3:1"},
		{[]ast.Block{&ast.BlockQuote{Blocks: []ast.Block{asttest.P(asttest.Strong(asttest.UnknownInline{Text: asttest.TAt("x", 5, 4)}))}}}, "unknown node kind asttest.UnknownInline at 5:4"},
		{[]ast.Block{&ast.List{At: ast.Pos{Line: 6, Col: 1}, Items: []*ast.ListItem{nil}}}, "unknown node kind <nil> at 6:1"},
	} {
		cp, err := ast.CopyBlocks(c.blocks, nil)
		var u *ast.UnknownNodeError
		if !errors.As(err, &u) || err.Error() != c.want || cp != nil {
			t.Errorf("CopyBlocks = %v, %v; want nil, %q", cp, err, c.want)
		}
	}
}

func TestTitle(t *testing.T) {
	h1 := asttest.H(1, asttest.T("Title"))
	for _, c := range []struct {
		name   string
		blocks []ast.Block
		want   *ast.Heading
	}{
		{"first block", []ast.Block{h1, asttest.H(1, asttest.T("Second"))}, h1},
		{"after a comment and a paragraph", []ast.Block{&ast.HTMLBlock{Text: "<!-- x -->"}, asttest.P(asttest.T("Updated")), asttest.H(2, asttest.T("h2")), h1}, h1},
		{"none", []ast.Block{asttest.H(2, asttest.T("h2"))}, nil},
		{"nested H1s never", []ast.Block{asttest.Quote(asttest.H(1, asttest.T("q"))), asttest.Bullets(true, asttest.Item(asttest.H(1, asttest.T("l")))), h1}, h1},
	} {
		if got := ast.Title(asttest.Doc(c.blocks...)); got != c.want {
			t.Errorf("%s: Title = %v, want %v", c.name, got, c.want)
		}
	}
	if ast.Title(nil) != nil {
		t.Error("Title(nil) is not nil")
	}
}
