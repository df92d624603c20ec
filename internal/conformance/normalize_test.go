package conformance

import (
	"cmp"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// normalizeHTML returns s in the normal form of the CommonMark spec's
// test runner (test/normalize.py), so that insignificant differences in
// whitespace, attribute order, self-closing syntax and character
// references compare equal:
//
//   - runs of whitespace outside <pre> become one space;
//   - whitespace next to block-level tags is removed, and newlines right
//     after <br>;
//   - attributes are sorted, and their values escaped the same way;
//   - "<br />" becomes "<br>";
//   - character references become characters, except that '<', '>', '&'
//     and '"' are always written as entities.
//
// Unlike normalize.py it works on golang.org/x/net/html's tokens, so
// whitespace is ASCII whitespace only (a no-break space is significant),
// a literal '>' in text equals "&gt;", and a valueless attribute equals
// one with an empty value.
func normalizeHTML(s string) string {
	n := normalizer{last: "starttag"}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				// The tokenizer reads from a string: only EOF ends it.
				panic(z.Err())
			}
			return string(n.out)
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			n.data(tok.Data)
		case html.StartTagToken:
			n.startTag(tok.Data, tok.Attr)
		case html.SelfClosingTagToken:
			n.startTag(tok.Data, tok.Attr)
			n.last = "endtag"
		case html.EndTagToken:
			n.endTag(tok.Data)
		case html.CommentToken:
			n.out = append(n.out, "<!--"+tok.Data+"-->"...)
			n.last = "comment"
		case html.DoctypeToken:
			n.out = append(n.out, "<!DOCTYPE "+tok.Data+">"...)
			n.last = "decl"
		}
	}
}

// normalizer is the state of normalizeHTML.
type normalizer struct {
	out []byte
	// last is the kind of the previous token: "starttag", "endtag",
	// "data", "comment" or "decl".
	last string
	// lastTag is the name of the previous tag.
	lastTag string
	inPre   bool
}

const asciiSpace = " \t\n\r\f\v"

func (n *normalizer) data(d string) {
	afterTag := n.last == "endtag" || n.last == "starttag"
	afterBlock := afterTag && isBlockTag(n.lastTag)
	if afterTag && n.lastTag == "br" {
		d = strings.TrimLeft(d, "\n")
	}
	if !n.inPre {
		d = strings.Join(splitSpace(d), " ")
		if afterBlock && n.last == "starttag" {
			d = strings.TrimLeft(d, asciiSpace)
		} else if afterBlock && n.last == "endtag" {
			d = strings.Trim(d, asciiSpace)
		}
	}
	n.out = append(n.out, escape(d)...)
	n.last = "data"
}

// splitSpace splits s at runs of ASCII whitespace, keeping an empty
// first or last field where s starts or ends with whitespace, so that
// joining with " " collapses each run into one space.
func splitSpace(s string) []string {
	var fields []string
	start := 0
	for i := 0; i < len(s); {
		if !strings.ContainsRune(asciiSpace, rune(s[i])) {
			i++
			continue
		}
		fields = append(fields, s[start:i])
		for i < len(s) && strings.ContainsRune(asciiSpace, rune(s[i])) {
			i++
		}
		start = i
	}
	return append(fields, s[start:])
}

func (n *normalizer) startTag(tag string, attrs []html.Attribute) {
	if tag == "pre" {
		n.inPre = true
	}
	if isBlockTag(tag) {
		n.out = []byte(strings.TrimRight(string(n.out), asciiSpace))
	}
	n.out = append(n.out, "<"+tag...)
	attrs = slices.Clone(attrs)
	slices.SortFunc(attrs, func(a, b html.Attribute) int {
		return cmp.Or(strings.Compare(a.Key, b.Key), strings.Compare(a.Val, b.Val))
	})
	for _, a := range attrs {
		n.out = append(n.out, " "+a.Key+`="`+escape(a.Val)+`"`...)
	}
	n.out = append(n.out, '>')
	n.lastTag = tag
	n.last = "starttag"
}

func (n *normalizer) endTag(tag string) {
	if tag == "pre" {
		n.inPre = false
	} else if isBlockTag(tag) {
		n.out = []byte(strings.TrimRight(string(n.out), asciiSpace))
	}
	n.out = append(n.out, "</"+tag+">"...)
	n.lastTag = tag
	n.last = "endtag"
}

// escape writes '&', '<', '>' and '"' as entities.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// isBlockTag reports whether whitespace around tag is insignificant; the
// list is normalize.py's.
func isBlockTag(tag string) bool {
	switch tag {
	case "article", "header", "aside", "hgroup", "blockquote",
		"hr", "iframe", "body", "li", "map", "button", "object", "canvas",
		"ol", "caption", "output", "col", "p", "colgroup", "pre", "dd",
		"progress", "div", "section", "dl", "table", "td", "dt",
		"tbody", "embed", "textarea", "fieldset", "tfoot", "figcaption",
		"th", "figure", "thead", "footer", "tr", "form", "ul",
		"h1", "h2", "h3", "h4", "h5", "h6", "video", "script", "style":
		return true
	}
	return false
}
func TestNormalizeHTML(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<p>a  \t b</p>", "<p>a b</p>"},
		{"<p>a  \t\nb</p>", "<p>a b</p>"},
		{" <p>a  b</p>", "<p>a b</p>"},
		{"<p>a  b</p> ", "<p>a b</p>"},
		{"\n\t<p>\n\t\ta  b\t\t</p>\n\t", "<p>a b</p>"},
		{"<i>a  b</i> ", "<i>a b</i> "},
		{"<br />", "<br>"},
		{"a<br />\nb", "a<br>b"},
		{`<a title="bar" HREF="foo">x</a>`, `<a href="foo" title="bar">x</a>`},
		{"&forall;&amp;&gt;&lt;&quot;", "\u2200&amp;&gt;&lt;&quot;"},
		{"<pre><code>a  \n\n  b\n</code></pre>\n", "<pre><code>a  \n\n  b\n</code></pre>"},
		{"<ul>\n<li>a</li>\n</ul>\n", "<ul><li>a</li></ul>"},
		{`<img src="x" alt="&quot;a&quot;" />`, `<img alt="&quot;a&quot;" src="x">`},
		{"<!-- c  c -->\n<p>x</p>", "<!-- c  c --><p>x</p>"},
		{"<p>a\u00a0 b</p>", "<p>a\u00a0 b</p>"},
	} {
		if got := normalizeHTML(c.in); got != c.want {
			t.Errorf("normalizeHTML(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNormalizeHTMLKeepsDifferences checks that real differences survive
// normalisation.
func TestNormalizeHTMLKeepsDifferences(t *testing.T) {
	for _, c := range [][2]string{
		{"<p>a b</p>", "<p>ab</p>"},
		{"<p><em>a</em></p>", "<p><strong>a</strong></p>"},
		{"<pre><code>a\n</code></pre>", "<pre><code>a\n\n</code></pre>"},
		{`<a href="/a%20b">x</a>`, `<a href="/a b">x</a>`},
		{`<ol start="2">`, `<ol>`},
		{"<p>a</p><p>b</p>", "<p>a\nb</p>"},
		{"<p>&amp;amp;</p>", "<p>&amp;</p>"},
		{"<i>a</i> b", "<i>a</i>b"},
	} {
		if a, b := normalizeHTML(c[0]), normalizeHTML(c[1]); a == b {
			t.Errorf("%q and %q both normalise to %q", c[0], c[1], a)
		}
	}
}
