package template

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
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

// TestFillRefusesUnknownNodes checks that a node of no known kind in the
// template's tree is an error that names it, never a panic.
func TestFillRefusesUnknownNodes(t *testing.T) {
	tp, err := Parse("u.md", []byte("# Title\n\nText {name}.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := tp.blocks[1].(*ast.Paragraph)
	tp.blocks = append(tp.blocks, asttest.UnknownBlock{Paragraph: &ast.Paragraph{At: ast.Pos{Line: 5, Col: 1}}})
	_, _, err = tp.Fill(map[string]string{"name": "v"}, FillOptions{})
	var u *ast.UnknownNodeError
	if !errors.As(err, &u) || err.Error() != "template u.md: unknown node kind asttest.UnknownBlock at 5:1" {
		t.Errorf("Fill with an unknown block: err = %v", err)
	}
	tp.blocks = tp.blocks[:2]
	p.Inlines = append(p.Inlines, asttest.UnknownInline{Text: &ast.Text{Text: "x"}})
	if _, _, err = tp.Fill(map[string]string{"name": "v"}, FillOptions{}); !errors.As(err, &u) || err.Error() != "template u.md: unknown node kind asttest.UnknownInline at 3:1" {
		t.Errorf("Fill with an unknown inline: err = %v", err)
	}
}

// TestTitleFallback checks the metadata title without front matter: the
// first top-level level-1 heading (ast.Title), wherever it is among the
// top-level blocks, and never a heading inside a quote or list.
func TestTitleFallback(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"# Policy\n\n# Second\n", "Policy"},
		{"<!-- reviewed -->\n\nUpdated today.\n\n# Policy\n", "Policy"},
		{"> # Quoted\n\n# Policy\n", "Policy"},
		{"- # In a list\n", ""},
		{"## Only a subheading\n", ""},
	} {
		tp, err := Parse("t.md", []byte(c.src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := tp.Fill(nil, FillOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Meta.Title != c.want {
			t.Errorf("%q: title %q, want %q", c.src, doc.Meta.Title, c.want)
		}
	}
}

// TestSlugASCII checks slug's ASCII path against the Unicode path on
// every ASCII character, alone and between letters.
func TestSlugASCII(t *testing.T) {
	for c := range utf8.RuneSelf {
		for _, s := range []string{string(rune(c)), "a" + string(rune(c)) + "B", " " + string(rune(c)) + "-"} {
			if got, want := asciiSlug(s), unicodeSlug(s); got != want {
				t.Errorf("asciiSlug(%q) = %q, unicodeSlug gives %q", s, got, want)
			}
		}
	}
}

// FuzzSlug checks that slug gives what unicodeSlug gives.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"1.2 Cookies & Tracking", "Datenschutzerklärung", "  -- a\tb --", "", "?!", "Ünïcödé Straße"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := slug(s), unicodeSlug(s); got != want {
			t.Errorf("slug(%q) = %q, unicodeSlug gives %q", s, got, want)
		}
	})
}

// TestFillLang: the document's language is decided once, in Fill, for
// every backend: FillOptions.Lang (a manifest's locale), else the front
// matter's lang, else DefaultLang (--lang), each in its canonical BCP 47
// form; with none the metadata names no language.
func TestFillLang(t *testing.T) {
	for _, tc := range []struct {
		front, lang, def, want string
	}{
		{"de-ch", "", "", "de-CH"},
		{"ZH-hant", "", "fr", "zh-Hant"},
		{"de-ch", "pt-br", "", "pt-BR"},
		{"", "", "de-ch", "de-CH"},
		{"", "", "", ""},
	} {
		src := "Text.\n"
		if tc.front != "" {
			src = "---\nlang: " + tc.front + "\n---\n" + src
		}
		tp, err := Parse("p.md", []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := tp.Fill(nil, FillOptions{Lang: tc.lang, DefaultLang: tc.def})
		if err != nil {
			t.Fatalf("%+v: %v", tc, err)
		}
		if doc.Meta.Lang != tc.want {
			t.Errorf("front matter %q, Lang %q, DefaultLang %q: Meta.Lang %q, want %q", tc.front, tc.lang, tc.def, doc.Meta.Lang, tc.want)
		}
	}
	tp, err := Parse("p.md", []byte("Text.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := tp.Fill(nil, FillOptions{DefaultLang: "en US"}); err == nil {
		t.Error("DefaultLang \"en US\": no error")
	}
}

// TestDestinationTrimmed: space of any kind around a filled link or
// image destination is no part of the address: a value with a no-break
// space before its URL made the HTML's href a relative address.
func TestDestinationTrimmed(t *testing.T) {
	tmpl := mustParse(t, "[site]({url}) ![logo]({img})\n", Options{})
	doc, _, err := tmpl.Fill(map[string]string{"url": "\u00a0https://x.example/\u2003", "img": " \u3000logo.png"}, FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var dests []string
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Link:
			dests = append(dests, n.Destination)
		case *ast.Image:
			dests = append(dests, n.Destination)
		}
		return true
	})
	if want := []string{"https://x.example/", "logo.png"}; !slices.Equal(dests, want) {
		t.Errorf("destinations %q, want %q", dests, want)
	}
}

// TestDestinationJoinsSlash: a value ending in "/" before the "/" of the
// template's address is joined with one, as --base-url joins it; a
// value ending in "//", or whose "/" is in a query, is kept.
func TestDestinationJoinsSlash(t *testing.T) {
	tmpl := mustParse(t, "[a]({siteUrl}/privacy) ![b]({siteUrl}/logo.png) [c]({scheme}/x.example/) [d]({q}/e) [e]({bare}/privacy) [f](x{siteUrl}/y)\n", Options{})
	doc, _, err := tmpl.Fill(map[string]string{"siteUrl": "https://b.example/", "scheme": "https://", "q": "https://b.example/?next=/", "bare": "https://b.example"}, FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var dests []string
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		if d, ok := destination(n); ok {
			dests = append(dests, d)
		}
		return true
	})
	want := []string{"https://b.example/privacy", "https://b.example/logo.png", "https:///x.example/", "https://b.example/?next=//e", "https://b.example/privacy", "xhttps://b.example/y"}
	if !slices.Equal(dests, want) {
		t.Errorf("destinations\n%q, want\n%q", dests, want)
	}
}

// TestRawHTMLURLJoinsSlash: in raw HTML, a value ending in "/" before
// the "/" of a URL attribute's text is joined with one, as in a link's
// destination; other attributes and text keep both.
func TestRawHTMLURLJoinsSlash(t *testing.T) {
	tmpl := mustParse(t, "<a href=\"{siteUrl}/privacy\" title=\"{siteUrl}/x\">{siteUrl}/y</a> <img src={siteUrl}/logo.png>\n", Options{})
	doc, _, err := tmpl.Fill(map[string]string{"siteUrl": "https://b.example/"}, FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var raw []string
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		if r, ok := n.(*ast.RawHTML); ok {
			raw = append(raw, r.Text)
		}
		return true
	})
	want := []string{`<a href="https://b.example/privacy" title="https://b.example//x">`, `</a>`, `<img src=https://b.example/logo.png>`}
	if !slices.Equal(raw, want) {
		t.Errorf("raw HTML\n%q, want\n%q", raw, want)
	}
}

// TestOneFullStop: a value ending in a full stop before the template's
// "." ends the sentence with one, as a typesetter writes it: "Acme
// Inc.." and a Russian date's "2026 г.." had two. Inside emphasis too;
// an ellipsis, a value ending in "..", a "." that does not follow the
// value and a value without a stop are left as they are.
func TestOneFullStop(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"By {c}. Next.\n", "By Acme Inc. Next."},
		{"By **{c}**.\n", "By Acme Inc."},
		{"By {c}.. Next\n", "By Acme Inc... Next"},
		{"By {c}...\n", "By Acme Inc.…"},
		{"By {c} and {d}.\n", "By Acme Inc. and Acme."},
		{"By {e}.\n", "By Wait...."},
		{"{c}\n\n. Next\n", "Acme Inc.. Next"},
	} {
		tmpl := mustParse(t, c.src, Options{})
		doc, _, err := tmpl.Fill(map[string]string{"c": "Acme Inc.", "d": "Acme", "e": "Wait..."}, FillOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		for _, b := range doc.Blocks {
			got.WriteString(ast.PlainText(b.(*ast.Paragraph).Inlines))
		}
		if got.String() != c.want {
			t.Errorf("%q: got %q, want %q", c.src, got.String(), c.want)
		}
	}
	tmpl := mustParse(t, "---\nlang: ru\n---\nОбновлено {d|date}. Далее.\n", Options{})
	doc, _, err := tmpl.Fill(map[string]string{"d": "2026-11-28"}, FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ast.PlainText(doc.Blocks[0].(*ast.Paragraph).Inlines), "Обновлено 28 ноября 2026 г. Далее."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestFrontMatterLangCountry: "lang: se" (Northern Sami, Sweden's country
// code) wrote English labels and dates without a word, and "lang: dk"
// was refused with no word of Danish; --lang already said both.
func TestFrontMatterLangCountry(t *testing.T) {
	tmpl := mustParse(t, "---\nlang: se\n---\n# T\n", Options{})
	var got []string
	for _, n := range tmpl.Notices() {
		got = append(got, n.In("t.md"))
	}
	if want := `t.md:2:7: lang "se": se is Northern Sami, and the country code of Sweden; Swedish is sv (the outputs say the document is in se, and write its labels and dates in en)`; !slices.Contains(got, want) {
		t.Errorf("notices %q, want %q", got, want)
	}
	if ns := mustParse(t, "---\nlang: sv\n---\n# T\n", Options{}).Notices(); len(ns) != 0 {
		t.Errorf("lang: sv: notices %v", ns)
	}
	_, _, err := mustParse(t, "---\nlang: dk\n---\n# T\n", Options{}).Fill(nil, FillOptions{})
	if err == nil || !strings.HasSuffix(err.Error(), "dk is the country code of Denmark; Danish is da") {
		t.Errorf("lang: dk: %v", err)
	}
}
