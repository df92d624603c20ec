package template

import (
	"strconv"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// hostileValues are values that would create markup, links, blocks, broken
// tables or second substitutions if they were ever parsed.
var hostileValues = []string{
	"*star*",
	"_under_",
	"**strong**",
	"`code`",
	"[x](javascript:alert(1))",
	"<script>alert(1)</script>",
	"a | b | c",
	`back\slash \*`,
	"para one\n\npara two",
	"{other}",
	"\\{other}",
	"# heading",
	"- item",
	"1. item",
	"---",
	"> quote",
	"&amp; &copy;",
	"[^1]",
	"~~gone~~",
	"<!-- comment -->",
	"https://evil.example.com",
	"line\nbreak  \nhard",
	"    indented code",
	"\"quotes\" -- dash...",
	"[ref]",
	"\uFDD0\uFDEF{\uFDD0}",
}

// injectionContexts are templates that use the placeholder {v} once in
// different places of the default profile.
var injectionContexts = []struct {
	name, src string
}{
	{"text", "Hello {v} end.\n"},
	{"heading", "# Title {v}\n\nBody.\n"},
	{"setext", "Title {v}\n===\n"},
	{"emphasis", "Some *{v}* and more.\n"},
	{"strong", "Some **{v}** and more.\n"},
	{"strike", "Some ~~{v}~~ and more.\n"},
	{"link text", "See [{v}](https://example.com) now.\n"},
	{"table cell", "| a | b |\n|---|---|\n| {v} | c |\n| d | e |\n"},
	{"list item", "- one\n- {v}\n- three\n"},
	{"block quote", "> quoted {v}\n"},
	{"footnote", "Text[^1].\n\n[^1]: Note {v}.\n"},
	{"user_id", "Id *{user_id}* and {v}.\n"},
}

// fillOne parses src and fills it with v for {v} and "OTHER" for {other}
// and {user_id}.
func fillOne(t *testing.T, src, v string) *ast.Document {
	t.Helper()
	tp, err := Parse("inject.md", []byte(src), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	doc, _, err := tp.Fill(map[string]string{"v": v, "other": "OTHER", "user_id": "UID"}, FillOptions{})
	if err != nil {
		t.Fatalf("Fill: %v", err)
	}
	return doc
}

// textsEqual returns the Text nodes of doc whose text is s.
func textsEqual(doc *ast.Document, s string) int {
	n := 0
	ast.WalkBlocks(doc.Blocks, func(node ast.Node) bool {
		if tx, ok := node.(*ast.Text); ok && tx.Text == s {
			n++
		}
		return true
	})
	return n
}

func clearIDs(doc *ast.Document) {
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		if h, ok := n.(*ast.Heading); ok {
			h.ID = ""
		}
		return true
	})
	doc.Meta.Title = ""
}

// TestInjection fills every hostile value into every context and checks
// that the document is exactly the one a harmless value gives, with one
// Text holding the value literally.
func TestInjection(t *testing.T) {
	const plain = "PLAIN"
	for _, c := range injectionContexts {
		ref := fillOne(t, c.src, plain)
		clearIDs(ref)
		refDump := dump(ref)
		if textsEqual(ref, plain) != 1 {
			t.Fatalf("%s: reference has %d texts %q:\n%s", c.name, textsEqual(ref, plain), plain, refDump)
		}
		for _, v := range hostileValues {
			doc := fillOne(t, c.src, v)
			if got := textsEqual(doc, v); got != 1 {
				t.Errorf("%s: value %q: %d Text nodes hold the value, want 1:\n%s", c.name, v, got, dump(doc))
				continue
			}
			clearIDs(doc)
			want := strings.Replace(refDump, "Text "+quote(plain), "Text "+quote(v), 1)
			if got := dump(doc); got != want {
				t.Errorf("%s: value %q changed the document:\n got:\n%s\nwant:\n%s", c.name, v, got, want)
			}
		}
	}
}

func quote(s string) string { return strconv.Quote(s) }

// TestInjectionDestinations checks values in link and image destinations,
// titles, autolinks and raw HTML stay literal strings.
func TestInjectionDestinations(t *testing.T) {
	for _, v := range hostileValues {
		doc := fillOne(t, "[mail](mailto:{v} \"T {v}\") ![alt {v}](/img/{v}.png)\n\n<div title=\"{v}\">\n\n<b title='{v}'>x</b>\n", v)
		var links []*ast.Link
		var imgs []*ast.Image
		var raws []string
		ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Link:
				links = append(links, n)
			case *ast.Image:
				imgs = append(imgs, n)
			case *ast.RawHTML:
				raws = append(raws, n.Text)
			case *ast.HTMLBlock:
				raws = append(raws, n.Text)
			}
			return true
		})
		if len(links) != 1 || len(imgs) != 1 || len(raws) != 3 {
			t.Fatalf("value %q: got %d links, %d images, %d raw HTML:\n%s", v, len(links), len(imgs), len(raws), dump(doc))
		}
		if links[0].Destination != "mailto:"+v || links[0].Title != "T "+v || ast.PlainText(links[0].Inlines) != "mail" {
			t.Errorf("value %q: link %+v", v, links[0])
		}
		if imgs[0].Destination != "/img/"+v+".png" || imgs[0].Alt != "alt "+v {
			t.Errorf("value %q: image %+v", v, imgs[0])
		}
		esc := escapeHTML(v)
		if raws[0] != "<div title=\""+esc+"\">\n" || raws[1] != "<b title='"+esc+"'>" || raws[2] != "</b>" {
			t.Errorf("value %q: raw HTML %q", v, raws)
		}
	}
}

// TestInjectionFrontMatter checks values in front matter metadata stay
// plain text and never reach the body.
func TestInjectionFrontMatter(t *testing.T) {
	src := "---\ntitle: \"T {v}\"\nkeywords: [\"k {v}\", x]\nauthor: By {v}\n---\n# Body\n"
	for _, v := range hostileValues {
		doc := fillOne(t, src, v)
		m := doc.Meta
		if m.Title != "T "+v || m.Author != "By "+v || len(m.Keywords) != 2 || m.Keywords[0] != "k "+v || m.Keywords[1] != "x" {
			t.Errorf("value %q: meta %+v", v, m)
		}
		if len(doc.Blocks) != 1 || ast.PlainText(doc.Blocks[0].(*ast.Heading).Inlines) != "Body" {
			t.Errorf("value %q: body %s", v, dump(doc))
		}
	}
}

// rawHTMLOf fills src with v for {v} and returns its raw HTML, joined.
func rawHTMLOf(t *testing.T, src, v string) string {
	t.Helper()
	var b strings.Builder
	ast.WalkBlocks(fillOne(t, src, v).Blocks, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.RawHTML:
			b.WriteString(n.Text)
		case *ast.HTMLBlock:
			b.WriteString(n.Text)
		}
		return true
	})
	return b.String()
}

// TestInjectionRawHTMLURL checks that a value never makes a URL attribute
// of raw HTML a javascript:, vbscript: or data: URL, as it never makes a
// Markdown link one (the one rule is safeurl's), and that an unquoted
// attribute value stays one value. The template's own markup is kept.
func TestInjectionRawHTMLURL(t *testing.T) {
	for _, tc := range []struct{ src, v, want string }{
		{`<a href="{v}">x</a>`, "javascript:alert(1)", `<a href="about:invalid">`},
		{`<a href="{v}">x</a>`, " JaVa\tScript:alert(1)", `<a href="about:invalid">`},
		{`<a HREF='{v}'>x</a>`, "vbscript:msgbox(1)", `<a HREF='about:invalid'>`},
		{`<img src="{v}">`, "data:text/html,<script>", `<img src="about:invalid">`},
		{`<a href="java{v}">x</a>`, "script:alert(1)", `<a href="about:invalid">`},
		{`<a href="&#106;{v}">x</a>`, "avascript:alert(1)", `<a href="about:invalid">`},
		{`<form action="{v}"><button formaction="{v}">b</button></form>`, "javascript:alert(1)", `<form action="about:invalid"><button formaction="about:invalid">`},
		{`<svg><a xlink:href="{v}">x</a></svg>`, "javascript:alert(1)", `<a xlink:href="about:invalid">`},
		{`<img srcset="a.png 1x, {v} 2x">`, "javascript:alert(1)", `<img srcset="about:invalid">`},
		{`<video poster="{v}"></video>`, "data:image/png;base64,AA", `<video poster="about:invalid">`},
		{`<a href={v}>x</a>`, "javascript:alert(1)", `<a href=about:invalid>`},
		{`<a href={v}>x</a>`, "x onmouseover=alert(1)", `<a href=x&#32;onmouseover&#61;alert(1)>`},
		{`<a href="{v}">x</a>`, "https://example.com/?a=1&b=2", `<a href="https://example.com/?a=1&amp;b=2">`},
		{`<a href="mailto:{v}">x</a>`, "javascript:alert(1)", `<a href="mailto:javascript:alert(1)">`},
		{`<a title="{v}">x</a>`, "javascript:alert(1)", `<a title="javascript:alert(1)">`},
		{`<a href="javascript:void(0)" title="{v}">x</a>`, "t", `<a href="javascript:void(0)" title="t">`},
		{`<!-- href="{v}" --><a href="#top">x</a>`, "javascript:alert(1)", `<!-- href="{v}" --><a href="#top">`}, // a comment is not filled
		{`<a href="{v}"><!-- x -->y</a>`, "javascript:alert(1)", `<a href="about:invalid"><!-- x -->`},
		{"<div>\n<a href=\"{v}\">x</a>\n</div>", "javascript:alert(1)", `<a href="about:invalid">`},
	} {
		if got := rawHTMLOf(t, tc.src+"\n", tc.v); !strings.Contains(got, tc.want) {
			t.Errorf("%s with %q:\n got %q\nwant it to contain %q", tc.src, tc.v, got, tc.want)
		}
	}
}
