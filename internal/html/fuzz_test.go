package html

import (
	"strings"
	"testing"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"github.com/policyexport/policyexport/internal/ast"
)

// fuzzDocument builds a document that puts the fuzz strings into every
// node kind.
func fuzzDocument(a, b, c string) *ast.Document {
	tx := func(s string) ast.Inline { return &ast.Text{Text: s} }
	cell := &ast.TableCell{Inlines: []ast.Inline{tx(a), &ast.Link{Destination: c, Inlines: []ast.Inline{tx(b)}}}}
	return &ast.Document{
		Meta: ast.Meta{Title: a, Description: b, Author: c, Keywords: []string{a, b}},
		Blocks: []ast.Block{
			&ast.Heading{Level: len(a) % 8, ID: b, Inlines: []ast.Inline{tx(a), &ast.FootnoteRef{Index: 1}}},
			&ast.Paragraph{Inlines: []ast.Inline{
				tx(a),
				&ast.Link{Destination: b, Title: c, Inlines: []ast.Inline{tx(c), &ast.Link{Destination: a}, &ast.FootnoteRef{Index: 1}}},
				&ast.Image{Destination: c, Alt: a, Title: b},
				&ast.Emphasis{Inlines: []ast.Inline{&ast.Strong{Inlines: []ast.Inline{&ast.Strikethrough{Inlines: []ast.Inline{tx(b)}}}}}},
				&ast.Code{Text: c}, &ast.SoftBreak{}, &ast.HardBreak{},
				&ast.RawHTML{Text: c}, &ast.FootnoteRef{Index: len(b) % 3},
			}},
			&ast.Heading{Level: len(b) % 7, ID: a, Inlines: []ast.Inline{tx(c)}},
			&ast.List{Ordered: len(c)%2 == 0, Start: len(a) - 3, Tight: len(b)%2 == 0, Items: []*ast.ListItem{
				{Task: ast.TaskState(len(c) % 3), Blocks: []ast.Block{&ast.Paragraph{Inlines: []ast.Inline{tx(a)}}, &ast.CodeBlock{Language: b, Text: c}}},
				{Task: ast.TaskState(len(a) % 3)},
			}},
			&ast.BlockQuote{Blocks: []ast.Block{&ast.HTMLBlock{Text: a}, &ast.ThematicBreak{}}},
			&ast.Table{Align: []ast.Alignment{ast.Alignment(len(a) % 4)}, Header: []*ast.TableCell{cell}, Rows: [][]*ast.TableCell{{cell}}},
			&ast.FootnoteDefinition{Index: 1, Label: a, Blocks: []ast.Block{&ast.Paragraph{Inlines: []ast.Inline{tx(b)}}}},
			&ast.FootnoteDefinition{Index: 2, Label: b, Blocks: []ast.Block{&ast.HTMLBlock{Text: c}}},
		},
	}
}

// scriptScheme reports whether a parsed URL attribute would run script
// or load inline content, checked independently of safeurl: ASCII
// whitespace and controls are dropped before comparing.
func scriptScheme(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(v))
	for _, s := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(v, s) {
			return true
		}
	}
	return false
}

// expectedText is s as a browser reads it back from our text: code points
// HTML forbids and invalid UTF-8 as U+FFFD, line endings as "\n".
func expectedText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case ast.IsSpaceEquivalent(r):
			r = ' '
		case r == 0 || r == utf8.RuneError || forbiddenRune(r):
			r = '\uFFFD'
		}
		b.WriteRune(r)
	}
	return strings.ReplaceAll(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\r", "\n")
}

// textOf returns the concatenated text below n.
func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func FuzzHTML(f *testing.F) {
	f.Add("Privacy", "https://example.com/a b", "<script>alert(1)</script>")
	f.Add("x", "javascript:alert(1)", "JaVa\tScRiPt:alert(1)")
	f.Add("\"'<>&", " data:text/html,<b>", "\x00\r\n\x01\uFFFE\xff")
	f.Add("", "", "")
	f.Add("fn-1", "fnref-1", `" onerror="alert(1)`)
	f.Fuzz(func(t *testing.T, a, b, c string) {
		doc := fuzzDocument(a, b, c)
		for _, opts := range []Options{{TOC: true}, {Fragment: true}, {CommonMark: true}} {
			var out strings.Builder
			if err := Render(&out, doc, opts); err != nil {
				t.Fatalf("%+v: %v", opts, err)
			}
			root, err := xhtml.Parse(strings.NewReader(out.String()))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			elements(root, func(n *xhtml.Node) {
				for _, at := range n.Attr {
					if (at.Key == "href" || at.Key == "src") && scriptScheme(at.Val) {
						t.Errorf("%+v: live %s=%q on <%s>", opts, at.Key, at.Val, n.Data)
					}
				}
				if opts.CommonMark {
					return // raw HTML passes through by design
				}
				if n.Data == "script" {
					t.Errorf("%+v: <script> in output", opts)
				}
				for _, at := range n.Attr {
					if strings.HasPrefix(at.Key, "on") {
						t.Errorf("%+v: event handler %s on <%s>", opts, at.Key, n.Data)
					}
				}
			})
		}

		// Text comes back as written.
		var out strings.Builder
		if err := Render(&out, blocks(para(text(a))), fragment); err != nil {
			t.Fatal(err)
		}
		root, err := xhtml.Parse(strings.NewReader(out.String()))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		var ps []*xhtml.Node
		elements(root, func(n *xhtml.Node) {
			if n.Data == "p" {
				ps = append(ps, n)
			}
		})
		if len(ps) != 1 {
			t.Fatalf("%d <p> elements for one paragraph:\n%s", len(ps), out.String())
		}
		if got, want := textOf(ps[0]), expectedText(a); got != want {
			t.Errorf("text round trip: got %q, want %q", got, want)
		}
	})
}
