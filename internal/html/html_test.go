package html

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

func TestPageHead(t *testing.T) {
	doc := &ast.Document{
		Meta: ast.Meta{
			Title:       "Privacy  Policy",
			Lang:        "de-CH",
			Description: "How we use\nyour data.",
			Author:      "ACME & Co",
			Keywords:    []string{"privacy", "GDPR"},
		},
		Blocks: []ast.Block{para(text("x"))},
	}
	got := render(t, doc, Options{Lang: "fr", Generator: "policyexport v0.1.0"})
	want := `<!DOCTYPE html>
<html lang="de-CH">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Privacy Policy</title>
<meta name="description" content="How we use your data.">
<meta name="author" content="ACME &amp; Co">
<meta name="keywords" content="privacy, GDPR">
<meta name="generator" content="policyexport v0.1.0">
<style>
`
	if !strings.HasPrefix(got, want) {
		t.Errorf("head:\n%s\nwant prefix:\n%s", got, want)
	}
	if !strings.HasSuffix(got, "</style>\n</head>\n<body>\n<main>\n<p>x</p>\n</main>\n</body>\n</html>\n") {
		t.Errorf("body:\n%s", got)
	}
	if !strings.Contains(got, DefaultCSS()) {
		t.Error("embedded stylesheet missing")
	}
}

func TestPageLang(t *testing.T) {
	for _, c := range []struct{ meta, opt, want string }{
		{"", "", "en"},
		{"", "fr", "fr"},
		{"de", "fr", "de"},
		{" pt-BR ", "", "pt-BR"},
		{"ar", "", `ar" dir="rtl`},
		{"", "he-IL", `he-IL" dir="rtl`},
		{"fa", "", `fa" dir="rtl`},
		{"az-Arab", "", `az-Arab" dir="rtl`},
		{"az", "", "az"},
		{"ur", "", `ur" dir="rtl`},
	} {
		doc := &ast.Document{Meta: ast.Meta{Lang: c.meta}}
		got := render(t, doc, Options{Lang: c.opt})
		if want := `<html lang="` + c.want + `">`; !strings.Contains(got, want) {
			t.Errorf("meta %q, option %q: want %s", c.meta, c.opt, want)
		}
	}
	for _, bad := range []string{"english", `en" onload="x`, "xx-!!"} {
		err := Render(&strings.Builder{}, &ast.Document{Meta: ast.Meta{Lang: bad}}, Options{})
		if err == nil || !strings.Contains(err.Error(), "html: language") {
			t.Errorf("lang %q: error %v, want a language error", bad, err)
		}
	}
	// A fragment has no lang attribute, so the tag is not checked.
	if _, err := renderErr(&ast.Document{Meta: ast.Meta{Lang: "english"}}, fragment); err != nil {
		t.Errorf("fragment with bad lang: %v", err)
	}
}

func renderErr(doc *ast.Document, opts Options) (string, error) {
	var b strings.Builder
	err := Render(&b, doc, opts)
	return b.String(), err
}

func TestPageTitle(t *testing.T) {
	h1 := &ast.Heading{Level: 1, Inlines: []ast.Inline{text("Terms of "), &ast.Emphasis{Inlines: []ast.Inline{text("Service")}}, &ast.FootnoteRef{Index: 1}}}
	for _, c := range []struct {
		name string
		doc  *ast.Document
		want string
	}{
		{"meta", &ast.Document{Meta: ast.Meta{Title: "Meta <T>"}, Blocks: []ast.Block{h1}}, "Meta &lt;T&gt;"},
		{"first h1", &ast.Document{Blocks: []ast.Block{&ast.Heading{Level: 2, Inlines: []ast.Inline{text("two")}}, h1}}, "Terms of Service"},
		{"blank meta", &ast.Document{Meta: ast.Meta{Title: " \n "}, Blocks: []ast.Block{h1}}, "Terms of Service"},
		{"none", &ast.Document{Blocks: []ast.Block{&ast.Heading{Level: 1}}}, "Document"},
	} {
		got := render(t, c.doc, Options{})
		if want := "<title>" + c.want + "</title>"; !strings.Contains(got, want) {
			t.Errorf("%s: want %s in\n%s", c.name, want, got)
		}
	}
}

// TestSpokenDeletion: struck-out text is read as "[deleted: …]" by a
// screen reader, in the page's language, through hidden generated
// content of the default stylesheet; a page without struck-out text, and
// a page with the user's own stylesheet, get no such rule.
func TestSpokenDeletion(t *testing.T) {
	struck := blocks(para(text("a "), &ast.Strikethrough{Inlines: []ast.Inline{text("old clause")}}))
	struck.Meta.Lang = "de"
	got := render(t, struck, Options{})
	want := "del::before, del::after {\n  clip-path: inset(100%);"
	if !strings.Contains(got, want) || !strings.Contains(got, `del::before { content: " [gestrichen: "; }`) ||
		!strings.Contains(got, `del::after { content: "] "; }`+"\n</style>") {
		t.Errorf("no German spoken label for <del>:\n%s", got)
	}
	if got := render(t, blocks(para(text("x"))), Options{}); strings.Contains(got, "del::before") {
		t.Error("a page without struck-out text has the <del> label rule")
	}
	if got := render(t, struck, Options{CSS: "p { color: red }"}); strings.Contains(got, "del::before") {
		t.Error("the <del> label rule added to the user's own stylesheet")
	}
	if got := CSSString("a\"b\\c\nd"); got != `"a\"b\\c\a d"` {
		t.Errorf("CSSString = %s", got)
	}
}

func TestPageCSS(t *testing.T) {
	doc := blocks(para(text("x")))
	got := render(t, doc, Options{CSS: "p { color: red }"})
	if !strings.Contains(got, "<style>\np { color: red }\n</style>") || strings.Contains(got, "@media print") {
		t.Errorf("custom CSS not used alone:\n%s", got)
	}
	for _, want := range []string{"@media print", "max-width: 70ch", "break-after: avoid", "break-inside: avoid"} {
		if !strings.Contains(DefaultCSS(), want) {
			t.Errorf("default stylesheet lacks %q", want)
		}
	}
	for _, banned := range []string{"url(", "@import", "http:", "https:"} {
		if strings.Contains(DefaultCSS(), banned) {
			t.Errorf("default stylesheet loads an external resource: %q", banned)
		}
	}
	if _, err := renderErr(doc, Options{CSS: "p{}</STYLE><script>alert(1)</script>"}); err == nil {
		t.Error("CSS with </style accepted")
	}
}

func TestModes(t *testing.T) {
	doc := blocks(para(text("x")), &ast.HTMLBlock{Text: "<div></div>\n"})
	if got, want := render(t, doc, fragment), "<p>x</p>\n<!-- raw HTML omitted -->\n"; got != want {
		t.Errorf("fragment: got %q, want %q", got, want)
	}
	// CommonMark implies Fragment and UnsafeHTML.
	if got, want := render(t, doc, Options{CommonMark: true, CSS: "x"}), "<p>x</p>\n<div></div>\n"; got != want {
		t.Errorf("CommonMark: got %q, want %q", got, want)
	}
	if _, err := renderErr(nil, Options{}); err == nil {
		t.Error("nil document accepted")
	}
}

// failWriter fails every write.
type failWriter struct{}

var errDiskFull = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteError(t *testing.T) {
	for _, opts := range []Options{{}, fragment} {
		err := Render(failWriter{}, blocks(para(text("x"))), opts)
		if !errors.Is(err, errDiskFull) {
			t.Errorf("%+v: error %v, want %v", opts, err, errDiskFull)
		}
	}
}

// TestCodeBlockLeftToRight: a code block of a right-to-left document is
// <pre dir="ltr">, as the PDF draws it: it took the page's dir="rtl". A
// left-to-right document's, and CommonMark's, are plain <pre>.
func TestCodeBlockLeftToRight(t *testing.T) {
	doc := func(lang string) *ast.Document {
		return &ast.Document{Meta: ast.Meta{Lang: lang}, Blocks: []ast.Block{&ast.CodeBlock{Text: "x = 1 # הערה\n"}}}
	}
	for _, c := range []struct {
		lang string
		opts Options
		want string
	}{
		{"he", Options{}, `<pre dir="ltr" role="region" tabindex="0" aria-label="קוד"><code>x = 1 # הערה`},
		{"ar", fragment, `<pre dir="ltr" role="region" tabindex="0" aria-label="شيفرة"><code>x = 1 # הערה`},
		{"en", Options{}, `<pre role="region" tabindex="0" aria-label="Code"><code>x = 1 # הערה`},
		{"he", Options{CommonMark: true}, `<pre><code>x = 1 # הערה`},
	} {
		if got := render(t, doc(c.lang), c.opts); !strings.Contains(got, c.want) {
			t.Errorf("%s %+v: no %s in\n%s", c.lang, c.opts, c.want, got)
		}
	}
}

// TestAddressLeftToRight: in a right-to-left document a link that shows
// its address (written as it, or without words) is dir="ltr", isolated
// as code is: "https://example.com/" showed as "/https://example.com".
// A link with words, and a left-to-right document's links, have no dir.
func TestAddressLeftToRight(t *testing.T) {
	doc := func(lang string) *ast.Document {
		return &ast.Document{Meta: ast.Meta{Lang: lang}, Blocks: []ast.Block{
			para(text("نص "), &ast.Link{Destination: "https://acme.example/ar/", Inlines: []ast.Inline{text("https://acme.example/ar/")}},
				text(" و "), &ast.Link{Destination: "https://x.example/"},
				text(" و "), &ast.Link{Destination: "https://y.example/", Inlines: []ast.Inline{text("رابط")}}),
		}}
	}
	got := render(t, doc("ar"), Options{})
	for _, want := range []string{
		`<a href="https://acme.example/ar/" dir="ltr">https://acme.example/ar/</a>`,
		`<a href="https://x.example/" dir="ltr">https://x.example/</a>`,
		`<a href="https://y.example/" data-print-url="https://y.example/">رابط</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
	if got := render(t, doc("en"), Options{}); strings.Contains(got, `dir="ltr"`) {
		t.Errorf("a left-to-right document has dir=\"ltr\" links:\n%s", got)
	}
}

// TestInlineCodeLeftToRight: an inline code span of a right-to-left
// document is <code dir="ltr">, as a code block's <pre> is: without it
// "f();" in an Arabic sentence took the paragraph's direction and showed
// as ";()f". A left-to-right document's, and CommonMark's, are plain
// <code>.
func TestInlineCodeLeftToRight(t *testing.T) {
	doc := func(lang string) *ast.Document {
		return &ast.Document{Meta: ast.Meta{Lang: lang}, Blocks: []ast.Block{
			para(text("نص مع "), &ast.Code{Text: "f();"}, text(" و")),
		}}
	}
	for _, c := range []struct {
		lang string
		opts Options
		want string
	}{
		{"ar", Options{}, `<code dir="ltr">f();</code>`},
		{"he", fragment, `<code dir="ltr">f();</code>`},
		{"en", Options{}, `<code>f();</code>`},
		{"ar", Options{CommonMark: true}, `<code>f();</code>`},
	} {
		if got := render(t, doc(c.lang), c.opts); !strings.Contains(got, c.want) {
			t.Errorf("%s %+v: no %s in\n%s", c.lang, c.opts, c.want, got)
		}
	}
}

// TestLinksUnderlined checks that the default stylesheet keeps the
// underline of every link in the text, footnote back links included:
// a.footnote-backref had text-decoration: none, so its "↩︎" stood out
// from the footnote's words by colour alone (WCAG 1.4.1, failure F73:
// the link blue is 2.08:1 against the text). Only the heading anchor,
// which stands beside a heading and in no run of words, has none.
func TestLinksUnderlined(t *testing.T) {
	for _, m := range regexp.MustCompile(`([^{}]+)\{([^{}]*)\}`).FindAllStringSubmatch(DefaultCSS(), -1) {
		if !regexp.MustCompile(`text-decoration:\s*none`).MatchString(m[2]) {
			continue
		}
		for _, sel := range strings.Split(m[1], ",") {
			if sel = strings.TrimSpace(sel); sel != "a.anchor" {
				t.Errorf("%q takes away the underline (%s)", sel, strings.TrimSpace(m[2]))
			}
		}
	}
}
