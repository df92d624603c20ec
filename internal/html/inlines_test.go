package html

import (
	"regexp"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

// inlineCase is one inline rendering case: the inlines of a paragraph in
// fragment mode and in CommonMark mode (the <p> is not part of want).
type inlineCase struct {
	name     string
	inlines  []ast.Inline
	fragment string
	cm       string
}

func runInlineCases(t *testing.T, cases []inlineCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := blocks(para(c.inlines...))
			if got, want := render(t, doc, fragment), "<p>"+c.fragment+"</p>\n"; got != want {
				t.Errorf("fragment:\ngot  %q\nwant %q", got, want)
			}
			if got, want := render(t, doc, commonMark), "<p>"+c.cm+"</p>\n"; got != want {
				t.Errorf("CommonMark:\ngot  %q\nwant %q", got, want)
			}
		})
	}
}

func TestInlines(t *testing.T) {
	runInlineCases(t, []inlineCase{
		{"text", []ast.Inline{text(`a < b & "c" > 'd'`)}, "a &lt; b &amp; &quot;c&quot; &gt; 'd'", "a &lt; b &amp; &quot;c&quot; &gt; 'd'"},
		{"emphasis", []ast.Inline{&ast.Emphasis{Inlines: []ast.Inline{text("e")}}}, "<em>e</em>", "<em>e</em>"},
		{"strong", []ast.Inline{&ast.Strong{Inlines: []ast.Inline{&ast.Emphasis{Inlines: []ast.Inline{text("s")}}}}}, "<strong><em>s</em></strong>", "<strong><em>s</em></strong>"},
		{"strikethrough", []ast.Inline{&ast.Strikethrough{Inlines: []ast.Inline{text("x")}}}, "<del>x</del>", "<del>x</del>"},
		{"code", []ast.Inline{&ast.Code{Text: "<a href=\"x\">&amp;"}}, "<code>&lt;a href=&quot;x&quot;&gt;&amp;amp;</code>", "<code>&lt;a href=&quot;x&quot;&gt;&amp;amp;</code>"},
		{"link", []ast.Inline{&ast.Link{Destination: "/url", Title: "the title", Inlines: []ast.Inline{text("l")}}}, `<a href="/url" title="the title" data-print-url="/url">l</a>`, `<a href="/url" title="the title">l</a>`},
		{"link without title", []ast.Inline{&ast.Link{Destination: "", Inlines: []ast.Inline{text("l")}}}, `<a href="">l</a>`, `<a href="">l</a>`},
		{"image", []ast.Inline{&ast.Image{Destination: "/i.png", Alt: `a "b"`, Title: "t"}}, `<img src="/i.png" alt="a &quot;b&quot;" title="t">`, `<img src="/i.png" alt="a &quot;b&quot;" title="t" />`},
		{"image without destination", []ast.Inline{&ast.Image{Alt: "alt"}}, `<span class="image-blocked">alt</span>`, `<img src="" alt="alt" />`},
		{"soft break", []ast.Inline{text("a"), &ast.SoftBreak{}, text("b")}, "a\nb", "a\nb"},
		{"hard break", []ast.Inline{text("a"), &ast.HardBreak{}, text("b")}, "a<br>\nb", "a<br />\nb"},
		{"nested links", []ast.Inline{&ast.Link{Destination: "/a", Inlines: []ast.Inline{text("x"), &ast.Link{Destination: "/b", Inlines: []ast.Inline{text("y")}}}}}, `<a href="/a" data-print-url="/a">xy</a>`, `<a href="/a">xy</a>`},
		{"NUL", []ast.Inline{text("a\x00b")}, "a\uFFFDb", "a\uFFFDb"},
		{"forbidden code points", []ast.Inline{text("a\x01b\x7f\uFFFE\tc\xff")}, "a\uFFFDb\uFFFD\uFFFD\tc\uFFFD", "a\x01b\x7f\uFFFE\tc\xff"},
		// Space equivalents (ast.IsSpaceEquivalent) are spaces, as in
		// every backend, but in CommonMark mode.
		{"space equivalents", []ast.Inline{text("a\vb\fc\u0085d\u2028e\u2029f")}, "a b c d e f", "a\vb\fc\u0085d\u2028e\u2029f"},
	})
}

func TestRawHTML(t *testing.T) {
	doc := blocks(para(text("a"), &ast.RawHTML{Text: `<span class="x">`}, text("b"), &ast.RawHTML{Text: "</span>"}))
	if got, want := render(t, doc, fragment), "<p>a<!-- raw HTML omitted -->b<!-- raw HTML omitted --></p>\n"; got != want {
		t.Errorf("safe: got %q, want %q", got, want)
	}
	for _, opts := range []Options{{Fragment: true, UnsafeHTML: true}, commonMark} {
		if got, want := render(t, doc, opts), "<p>a<span class=\"x\">b</span></p>\n"; got != want {
			t.Errorf("%+v: got %q, want %q", opts, got, want)
		}
	}
}

func TestURLEscaping(t *testing.T) {
	for _, c := range []struct{ dest, want string }{
		{"/url", "/url"},
		{"http://example.com/a b", "http://example.com/a%20b"},
		{"foo%20b\u00e4", "foo%20b%C3%A4"},
		{"%zz%4", "%25zz%254"},
		{`a"b<c>d\e[f]g` + "`{|}^", "a%22b%3Cc%3Ed%5Ce%5Bf%5Dg%60%7B%7C%7D%5E"},
		{"?a=1&b=2#frag", "?a=1&amp;b=2#frag"},
		{"!$'()*+,;=:@~_.-/", "!$'()*+,;=:@~_.-/"},
		{"\xff\x00\n", "%FF%00%0A"},
		{"\u2603", "%E2%98%83"},
	} {
		doc := blocks(para(&ast.Link{Destination: c.dest, Inlines: []ast.Inline{text("x")}}))
		want := `<p><a href="` + c.want + `">x</a></p>` + "\n"
		for _, opts := range []Options{fragment, commonMark} {
			if got := withoutPrintURL(render(t, doc, opts)); got != want {
				t.Errorf("%q: got %q, want %q", c.dest, got, want)
			}
		}
	}
}

// scriptURLs are destinations that must never become live.
var scriptURLs = []string{
	"javascript:alert(1)",
	"JavaScript:alert(1)",
	"JAVASCRIPT:alert(1)",
	" javascript:alert(1)",
	"\tjava\nscript:alert(1)",
	"java\rscript:alert(1)",
	"\x01javascript:alert(1)",
	"  \x7fjavascript:alert(1)",
	"jAvAsCrIpT:alert(1)",
	"vbscript:msgbox(1)",
	"VBScript:msgbox(1)",
	"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
	"DATA:text/html,<script>alert(1)</script>",
}

func TestBlockedDestinations(t *testing.T) {
	for _, dest := range scriptURLs {
		doc := blocks(para(
			&ast.Link{Destination: dest, Title: "t", Inlines: []ast.Inline{text("click")}},
			&ast.Image{Destination: dest, Alt: "pic"},
		))
		want := `<p><span class="link-blocked">click</span><span class="image-blocked">pic</span></p>` + "\n"
		for _, opts := range []Options{fragment, commonMark, {Fragment: true, UnsafeHTML: true}} {
			got := render(t, doc, opts)
			if got != want {
				t.Errorf("%q %+v:\ngot  %q\nwant %q", dest, opts, got, want)
			}
		}
	}
}

func TestInjection(t *testing.T) {
	doc := &ast.Document{
		Meta: ast.Meta{Title: `</title><script>alert(1)</script>`, Description: `" onload="alert(1)`, Author: "<b>", Keywords: []string{`a"`, "<b>"}},
		Blocks: []ast.Block{
			&ast.Heading{Level: 1, ID: `x" onclick="alert(1)`, Inlines: []ast.Inline{text("<script>alert(1)</script>")}},
			para(
				text("<script>alert(1)</script>"),
				&ast.Link{Destination: `/a" onclick="alert(1)`, Title: `" onmouseover="alert(1)`, Inlines: []ast.Inline{text("<img src=x onerror=alert(1)>")}},
				&ast.Image{Destination: `/i" onerror="alert(1)`, Alt: `" onerror="alert(1)`, Title: `'><script>alert(1)</script>`},
				&ast.Code{Text: "</code><script>alert(1)</script>"},
				&ast.RawHTML{Text: "<script>alert(1)</script>"},
			),
			&ast.CodeBlock{Language: `x"><script>alert(1)</script>`, Text: "</pre><script>alert(1)</script>\n"},
			&ast.HTMLBlock{Text: "<script>alert(1)</script>\n"},
			&ast.Table{Align: []ast.Alignment{ast.AlignNone}, Header: []*ast.TableCell{{Inlines: []ast.Inline{text("<script>")}}}},
		},
	}
	for _, opts := range []Options{{}, {TOC: true}, fragment} {
		got := render(t, doc, opts)
		root := parseHTML(t, got)
		elements(root, func(n *xhtml.Node) {
			if n.Data == "script" {
				t.Errorf("%+v: <script> element in output:\n%s", opts, got)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%+v: event handler attribute %s=%q on <%s>", opts, a.Key, a.Val, n.Data)
				}
			}
		})
		if !strings.Contains(got, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%+v: escaped text missing:\n%s", opts, got)
		}
	}
}

func TestAuthoritySlashes(t *testing.T) {
	for _, c := range []struct{ dest, want string }{
		{"http:example.org", "http://example.org"},
		{"HTTPS:/example.org/a", "HTTPS://example.org/a"},
		{`https:\\example.org`, "https://example.org"},
		{"ftp:host/file", "ftp://host/file"},
		{"http://example.org", "http://example.org"},
		{"mailto:a@example.org", "mailto:a@example.org"},
		{"tel:+41", "tel:+41"},
		{"/http:x", "/http:x"},
		{"x/http:y", "x/http:y"},
	} {
		doc := blocks(para(&ast.Link{Destination: c.dest, Inlines: []ast.Inline{text("x")}}))
		if got, want := withoutPrintURL(render(t, doc, fragment)), `<p><a href="`+c.want+`">x</a></p>`+"\n"; got != want {
			t.Errorf("%q: got %q, want %q", c.dest, got, want)
		}
		// CommonMark mode keeps the destination as written.
		if got := render(t, doc, commonMark); !strings.Contains(got, `href="`+escapeURL(c.dest)+`"`) {
			t.Errorf("%q in CommonMark mode: %q", c.dest, got)
		}
	}
}

// withoutPrintURL removes the data-print-url attributes of links from an
// HTML output (TestPrintURL checks them), for tests of the href alone.
func withoutPrintURL(html string) string {
	return regexp.MustCompile(` data-print-url="[^"]*"`).ReplaceAllString(html, "")
}

// TestPrintURL checks which links get data-print-url, the text the print
// stylesheet writes after them, as the PDF's link notes: those that are
// not internal and whose text is not their destination, with the
// address of a mailto: link; never in CommonMark mode.
func TestPrintURL(t *testing.T) {
	link := func(dest, txt string) *ast.Link {
		return &ast.Link{Destination: dest, Inlines: []ast.Inline{text(txt)}}
	}
	for _, c := range []struct {
		link *ast.Link
		want string // the attribute's value; "" for none
	}{
		{link("https://example.com/terms", "the terms"), "https://example.com/terms"},
		{link("https://example.com/terms", "https://example.com/terms"), ""},
		{link("mailto:legal@example.com", "write to us"), "legal@example.com"},
		{link("mailto:legal@example.com", "legal@example.com"), ""},
		{link("#scope", "Scope"), ""},
		{link("", "nothing"), ""},
		{link("other.html", "the other page"), "other.html"},
		{link(`https://example.com/?a="b"&c`, "q"), "https://example.com/?a=&quot;b&quot;&amp;c"},
		{link("javascript:alert(1)", "x"), ""}, // blocked: no link at all
	} {
		got := render(t, blocks(para(c.link)), fragment)
		m := regexp.MustCompile(` data-print-url="([^"]*)"`).FindAllStringSubmatch(got, -1)
		switch {
		case c.want == "" && m != nil, c.want != "" && (len(m) != 1 || m[0][1] != c.want):
			t.Errorf("%q %q: %s, want data-print-url %q", c.link.Destination, ast.PlainText(c.link.Inlines), got, c.want)
		}
		if cm := render(t, blocks(para(c.link)), commonMark); strings.Contains(cm, "data-print-url") {
			t.Errorf("%q in CommonMark mode: %s", c.link.Destination, cm)
		}
	}
	css := DefaultCSS()
	if i, j := strings.Index(css, "@media print {"), strings.Index(css, `a[data-print-url]::after { content: " (" attr(data-print-url) ")";`); i < 0 || j < i {
		t.Error("the print stylesheet does not write data-print-url after links")
	}
}

// TestWordlessLink checks that a link without words shows its
// destination as its text, as the plain text and the PDF write "<URL>":
// an empty <a> is invisible and has no accessible name (WCAG 2.4.4). An
// image without alt text gives no words either; an internal link and
// CommonMark mode are left as written.
func TestWordlessLink(t *testing.T) {
	img := &ast.Image{Destination: "logo.png"}
	for _, c := range []struct {
		link *ast.Link
		want string
	}{
		{asttest.Link("https://example.com/empty"), `<a href="https://example.com/empty">https://example.com/empty</a>`},
		{asttest.Link("https://example.com/sp", text(" ")), `<a href="https://example.com/sp"> https://example.com/sp</a>`},
		{asttest.Link("mailto:legal@example.com"), `<a href="mailto:legal@example.com">legal@example.com</a>`},
		{asttest.Link("https://example.com/", img), `<a href="https://example.com/"><img src="logo.png" alt="">https://example.com/</a>`},
		{asttest.Link("https://example.com/", text("words")), `<a href="https://example.com/" data-print-url="https://example.com/">words</a>`},
		{asttest.Link("#scope"), `<a href="#scope"></a>`},
	} {
		if got := render(t, blocks(para(c.link)), fragment); !strings.Contains(got, c.want) {
			t.Errorf("%q: %s, want %s", c.link.Destination, got, c.want)
		}
	}
	if got := render(t, blocks(para(asttest.Link("https://example.com/empty"))), commonMark); !strings.Contains(got, `<a href="https://example.com/empty"></a>`) {
		t.Errorf("CommonMark mode: %s, want the empty link of the spec", got)
	}
}
