package render_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/policyexport/policyexport/internal/ast"
	pehtml "github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/render"
)

// urlAttrs are the attributes that hold a URL a browser may load or follow.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true,
	"srcset": true, "poster": true, "background": true, "cite": true, "data": true,
}

// forbiddenElements never appear in a safe page.
var forbiddenElements = map[string]bool{
	"script": true, "iframe": true, "object": true, "embed": true, "form": true,
	"base": true, "frame": true, "frameset": true, "applet": true,
}

// htmlProblems parses page and lists every unsafe construct in it: the
// elements above, a meta http-equiv, a style element outside <head>, an
// on* attribute, a style attribute loading a URL or running an
// expression, a javascript:, vbscript: or data: URL. standalone says the
// page has its own stylesheet in <head>, the only style element allowed.
func htmlProblems(page []byte, standalone bool) []string {
	var probs []string
	root, err := parsePage(page, standalone)
	if err != nil {
		return []string{"parse: " + err.Error()}
	}
	var walk func(n *html.Node, inHead bool)
	walk = func(n *html.Node, inHead bool) {
		if n.Type == html.ElementNode {
			name := strings.ToLower(n.Data)
			switch {
			case forbiddenElements[name]:
				probs = append(probs, "<"+name+"> element")
			case name == "style" && !(standalone && inHead):
				probs = append(probs, "<style> outside the page's <head>")
			}
			if name == "head" {
				inHead = true
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = strings.ToLower(a.Namespace) + ":" + key
				}
				val := strings.ToLower(a.Val)
				switch {
				case strings.HasPrefix(key, "on"):
					probs = append(probs, fmt.Sprintf("<%s %s> event handler", name, key))
				case name == "meta" && key == "http-equiv":
					probs = append(probs, "<meta http-equiv>")
				case key == "style" && (strings.Contains(val, "url(") || strings.Contains(val, "expression(")):
					probs = append(probs, fmt.Sprintf("<%s style=%q>", name, a.Val))
				case urlAttrs[key] && dangerousURL(val):
					probs = append(probs, fmt.Sprintf("<%s %s=%q>", name, key, a.Val))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inHead)
		}
	}
	walk(root, false)
	return probs
}

// dangerousURL reports whether an attribute value (already lower case)
// holds a javascript:, vbscript: or data: URL, also as one candidate of a
// srcset and with the spaces and control characters browsers ignore.
func dangerousURL(v string) bool {
	clean := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, v)
	for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(clean, scheme) || strings.Contains(clean, ","+scheme) {
			return true
		}
	}
	return false
}

// parsePage parses a standalone page, or a fragment in a <body>.
func parsePage(page []byte, standalone bool) (*html.Node, error) {
	if standalone {
		return html.Parse(bytes.NewReader(page))
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(bytes.NewReader(page), ctx)
	root := &html.Node{Type: html.DocumentNode}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return root, err
}

// pageParts counts the elements of a page by name ("a[name]" for anchors
// with a name attribute, "a[href]" for links) and its "raw HTML omitted"
// comments.
func pageParts(t *testing.T, page []byte, standalone bool) (elements map[string]int, omitted int) {
	root, err := parsePage(page, standalone)
	if err != nil {
		t.Fatal(err)
	}
	elements = map[string]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			elements[n.Data]++
			for _, a := range n.Attr {
				if n.Data == "a" && (a.Key == "name" || a.Key == "href") {
					elements["a["+a.Key+"]"]++
				}
			}
		case html.CommentNode:
			if strings.TrimSpace(n.Data) == "raw HTML omitted" {
				omitted++
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return elements, omitted
}

// rendererElements are the elements the HTML backend itself writes; any
// other element in a page rendered without UnsafeHTML came from the
// template.
var rendererElements = map[string]bool{
	"html": true, "head": true, "body": true, "meta": true, "title": true, "style": true,
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "blockquote": true, "pre": true, "code": true, "hr": true, "br": true,
	"em": true, "strong": true, "del": true, "a": true, "a[href]": true, "img": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"div": true, "sup": true, "section": true, "nav": true, "main": true, "header": true, "footer": true, "link": true, "input": true, "label": true, "kbd": true,
}

// rawNodes counts the raw HTML blocks and inlines of doc.
func rawNodes(doc *ast.Document) int {
	n := 0
	ast.WalkBlocks(doc.Blocks, func(node ast.Node) bool {
		switch node.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			n++
		}
		return true
	})
	return n
}

// TestHTMLSafetyOverCorpus renders every template of the shared corpus
// and the golden inputs (with missing values kept) to HTML, as a page and
// as a fragment, and checks that no page holds anything unsafe (see
// htmlProblems), that every piece of raw HTML of the template became a
// "raw HTML omitted" comment and that no element other than the
// renderer's own appears. The same documents with UnsafeHTML must show
// the raw HTML — elements such as the corpus's <a name=…> and <div> —
// so the check can fail.
func TestHTMLSafetyOverCorpus(t *testing.T) {
	ins := append(inputs(t), sharedCorpus(t)...)
	// Raw HTML of each kind checked below, so that the check can fail
	// without the shared corpus too (a clone on its own).
	ins = append(ins, input{name: "rawhtml", path: "internal/render/testdata/rawhtml.md", formats: []render.Format{render.HTML}})
	withRaw, shown := 0, map[string]int{}
	for _, in := range ins {
		doc := fill(t, in)
		raw := rawNodes(doc)
		if raw > 0 {
			withRaw++
		}
		for _, fragment := range []bool{false, true} {
			page := func(unsafe bool) []byte {
				var buf bytes.Buffer
				if err := pehtml.Render(&buf, doc, pehtml.Options{Fragment: fragment, UnsafeHTML: unsafe}); err != nil {
					t.Fatalf("%s: %v", in.name, err)
				}
				return buf.Bytes()
			}
			safe, unsafe := page(false), page(true)
			for _, p := range htmlProblems(safe, !fragment) {
				t.Errorf("%s (fragment %v): %s", in.name, fragment, p)
			}
			els, omitted := pageParts(t, safe, !fragment)
			if omitted != raw {
				t.Errorf("%s (fragment %v): %d raw HTML omitted comments for %d pieces of raw HTML", in.name, fragment, omitted, raw)
			}
			for el := range els {
				if !rendererElements[el] {
					t.Errorf("%s (fragment %v): <%s> in the page is not the renderer's", in.name, fragment, el)
				}
			}
			uels, _ := pageParts(t, unsafe, !fragment)
			for el, n := range uels {
				if n > els[el] && !fragment {
					shown[el] += n - els[el]
				}
			}
		}
	}
	t.Logf("%d documents, %d with raw HTML; elements only UnsafeHTML shows: %v", len(ins), withRaw, shown)
	if withRaw == 0 || shown["a[name]"] == 0 || shown["div"] == 0 {
		t.Errorf("UnsafeHTML showed no raw <a name> or <div> (%v): the check that they are omitted cannot fail", shown)
	}
}

// TestHTMLProblemsFindsUnsafePages checks the checker: each page below
// must be flagged.
func TestHTMLProblemsFindsUnsafePages(t *testing.T) {
	for _, page := range []string{
		`<p><script>alert(1)</script></p>`,
		`<p><img src=x onerror=alert(1)></p>`,
		`<p><a href=" JaVaScRiPt:alert(1)">x</a></p>`,
		`<p><a href="vbscript:x">x</a></p>`,
		`<p><img src="data:image/svg+xml,x"></p>`,
		`<p><img srcset="a.png 1x, data:x 2x"></p>`,
		`<iframe src="https://example.com/"></iframe>`,
		`<object data="x"></object>`,
		`<embed src="x">`,
		`<form action="https://example.com/"></form>`,
		`<base href="https://example.com/">`,
		`<meta http-equiv="refresh" content="0;url=https://example.com/">`,
		`<style>body{}</style>`,
		`<p style="background:url(https://example.com/x.png)">x</p>`,
		`<svg><a xlink:href="javascript:alert(1)">x</a></svg>`,
		`<blockquote cite="javascript:x">x</blockquote>`,
	} {
		if len(htmlProblems([]byte(page), false)) == 0 {
			t.Errorf("not flagged: %s", page)
		}
	}
	if p := htmlProblems([]byte(`<p><a href="https://example.com/">x</a> <img src="logo.png" alt=""></p>`), false); len(p) != 0 {
		t.Errorf("safe page flagged: %v", p)
	}
}
