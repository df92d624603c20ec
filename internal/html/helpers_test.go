package html

import (
	"net/url"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

// render renders doc with opts and fails the test on error.
func render(t testing.TB, doc *ast.Document, opts Options) string {
	t.Helper()
	var b strings.Builder
	if err := Render(&b, doc, opts); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return b.String()
}

// The builders every backend's tests share, by the short names these
// tests use.
var (
	blocks = asttest.Doc
	para   = asttest.P
	text   = asttest.T
	item   = asttest.Item
)

var (
	fragment   = Options{Fragment: true}
	commonMark = Options{CommonMark: true}
)

// parseHTML parses s as an HTML document.
func parseHTML(t testing.TB, s string) *xhtml.Node {
	t.Helper()
	n, err := xhtml.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return n
}

// elements calls visit for every element below n.
func elements(n *xhtml.Node, visit func(*xhtml.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode {
			visit(c)
		}
		elements(c, visit)
	}
}

// attrValue returns the value of attribute key of n and whether it is set.
func attrValue(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// assertUniqueIDs fails when an id repeats in s or a fragment link
// points at no id.
func assertUniqueIDs(t testing.TB, s string) {
	t.Helper()
	root := parseHTML(t, s)
	ids := map[string]bool{}
	var hrefs []string
	elements(root, func(n *xhtml.Node) {
		if id, ok := attrValue(n, "id"); ok {
			if ids[id] {
				t.Errorf("duplicate id %q", id)
			}
			ids[id] = true
		}
		if h, ok := attrValue(n, "href"); ok && strings.HasPrefix(h, "#") {
			hrefs = append(hrefs, h[1:])
		}
	})
	for _, h := range hrefs {
		if id, err := url.PathUnescape(h); err != nil || !ids[id] {
			t.Errorf("link to #%s has no target", h)
		}
	}
}
