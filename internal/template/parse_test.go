package template

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

func mustParse(t *testing.T, src string, opts Options) *Template {
	t.Helper()
	tp, err := Parse("t.md", []byte(src), opts)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return tp
}

func mustFill(t *testing.T, tp *Template, vals map[string]string) *ast.Document {
	t.Helper()
	doc, _, err := tp.Fill(vals, FillOptions{Missing: MissingKeep})
	if err != nil {
		t.Fatalf("Fill: %v", err)
	}
	return doc
}

func TestLineEndingsAndBOM(t *testing.T) {
	lf := "---\ntitle: T {a}\n---\n# Head {a}\n\nPara {a}\nline two {b}\n\n- item {b}\n"
	want := mustParse(t, lf, Options{})
	wantDump := dump(mustFill(t, want, map[string]string{"a": "A", "b": "B"}))
	for name, src := range map[string]string{
		"crlf":     strings.ReplaceAll(lf, "\n", "\r\n"),
		"cr":       strings.ReplaceAll(lf, "\n", "\r"),
		"bom":      "\uFEFF" + lf,
		"bom+crlf": "\uFEFF" + strings.ReplaceAll(lf, "\n", "\r\n"),
	} {
		tp := mustParse(t, src, Options{})
		if !reflect.DeepEqual(tp.Placeholders(), want.Placeholders()) {
			t.Errorf("%s: placeholders %v, want %v", name, tp.Placeholders(), want.Placeholders())
		}
		if got := dump(mustFill(t, tp, map[string]string{"a": "A", "b": "B"})); got != wantDump {
			t.Errorf("%s: document\n%s\nwant\n%s", name, got, wantDump)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	const fix = " (save the file as UTF-8)"
	const likely = " in Windows-1252 and Latin-1, which the file is likely saved in: save it as UTF-8)"
	tests := []struct{ src, want string }{
		{"ok\nbad \xff here", "t.md:2:5: invalid UTF-8 at byte offset 7 (byte 0xFF is \"\u00ff\"" + likely},
		{"\xef\xbb\xbfa\xc3", "t.md:1:2: invalid UTF-8 at byte offset 4 (byte 0xC3 is \"\u00c3\"" + likely},
		// What spreadsheets and older editors save: Windows-1252.
		{"# Caf\xe9\n", "t.md:1:6: invalid UTF-8 at byte offset 5 (byte 0xE9 is \"\u00e9\"" + likely},
		{"Say \x93hi\x94.\n", "t.md:1:5: invalid UTF-8 at byte offset 4 (byte 0x93 is \"\u201c\" in Windows-1252, which the file is likely saved in: save it as UTF-8)"},
		// No such guess for a byte that is no character there, nor for
		// a cut UTF-8 sequence.
		{"a\x81b", "t.md:1:2: invalid UTF-8 at byte offset 1" + fix},
		{"a\xe2\x82b", "t.md:1:2: invalid UTF-8 at byte offset 1" + fix},
		{"a\r\nb\rc\xed\xa0\x80", "t.md:3:2: invalid UTF-8 at byte offset 6" + fix},
		// What Windows Notepad saves as "Unicode".
		{"\xff\xfe#\x00 \x00", "t.md:1:1: invalid UTF-8 at byte offset 0 (the file is UTF-16, by its byte order mark: save it as UTF-8)"},
	}
	for _, tt := range tests {
		_, err := Parse("t.md", []byte(tt.src), Options{})
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error %v, want %s", tt.src, err, tt.want)
		}
	}
}

// TestUnshowableRefused checks that a control character of a template,
// which the HTML and the plain text showed as U+FFFD and the PDF left
// out without a word, is refused at its line and column: written as
// itself, as a numeric character reference ("&#147;", Windows-1252's “
// to a browser, U+0093 to Markdown) or as a YAML escape in the front
// matter's metadata. A reference in code is text; a NUL byte is
// Markdown's U+FFFD, which the PDF names; the CommonMark profile keeps
// them all, as its reference renderer does.
func TestUnshowableRefused(t *testing.T) {
	const fix = " is refused: no output shows it as written (the HTML and the plain text show \"\uFFFD\" (U+FFFD) in its place, the PDF nothing): remove it"
	const quote = ", or write \"\u201c\" if that was meant (U+0093 is what \"\u201c\", byte 0x93 in Windows-1252, becomes when read as Latin-1)"
	for _, tc := range []struct{ src, want string }{
		{"# A\r\n\r\nText \x1b[31m red\r\n", "t.md:3:6: U+001B (a control character)" + fix},
		{"# A\n\n```\nx\x7f\n```\n", "t.md:4:2: U+007F (a control character)" + fix},
		{"# A\n\n\u00e9 \u0093q\u0094\n", "t.md:3:4: U+0093 (a C1 control character)" + fix + quote},
		{"# A\n\nSay &#147;q&#148;.\n", "t.md:3:5: character reference to U+0093 (a C1 control character)" + fix + quote},
		{"# A\n\n![x &#x1b;](a.png)\n", "t.md:3:5: character reference to U+001B (a control character)" + fix},
		{"---\ntitle: \"Hi \\e[1m\"\n---\n# A\n", "t.md:2:8: title: U+001B (a control character)" + fix},
		{"---\nkeywords: [a, \"\\x93b\"]\n---\n# A\n", "t.md:2:15: keywords: U+0093 (a C1 control character)" + fix + quote},
	} {
		_, err := Parse("t.md", []byte(tc.src), Options{})
		if err == nil || err.Error() != tc.want {
			t.Errorf("Parse(%q): %v\nwant %s", tc.src, err, tc.want)
		}
	}
	for _, src := range []string{"# A\n\n`&#147;` and\tx\vy\fz\u0085w\n", "# A\n\nnul\x00\n"} {
		if _, err := Parse("t.md", []byte(src), Options{}); err != nil {
			t.Errorf("Parse(%q): %v", src, err)
		}
	}
	if _, err := Parse("t.md", []byte("a\x1b &#147;\n"), Options{Profile: ProfileCommonMark}); err != nil {
		t.Errorf("CommonMark profile: %v", err)
	}
}

// TestInvisibleRefused checks that a character of a template that
// draws nothing in any output (values.Invisibles), which every output
// held without a word (a tag character's hidden ASCII is read by a
// program fed the HTML or the text, an AI assistant), is refused at its
// line and column with its Unicode name, written as itself, as a
// numeric character reference or as a front matter escape; and that
// the characters a reader's text needs are kept: the joiners, the soft
// hyphen, a variation selector after its character, a flag's tags.
func TestInvisibleRefused(t *testing.T) {
	const tags = ": a tag character is an invisible copy of an ASCII character: no reader sees it, yet every output holds it, and a program that reads the text (a search engine, an AI assistant) does"
	const remove = ": remove them (a flag emoji's tags, as England's, are kept)"
	const filler = " is refused: a Hangul filler draws nothing and is no space: text that seems blank, or a blank in a name, is not; remove it, or write a space"
	const nothing = " is refused: it draws nothing in any output, yet every output holds it: remove it"
	for _, tc := range []struct{ src, want string }{
		{"# A\n\nOK.\U000E0049\U000E0067\U000E006E\U000E006F\U000E0072\U000E0065 x\n", "t.md:3:4: U+E0049 (TAG LATIN CAPITAL LETTER I) is refused" + tags + `; these spell "Ignore"` + remove},
		{"# A\n\nx\U000E0020\U000E0021\n", "t.md:3:2: U+E0020 (TAG SPACE) is refused" + tags + `; these spell " !"` + remove},
		{"# A\n\n\U0001F3F4\U000E007F\n", "t.md:3:5: U+E007F (CANCEL TAG) is refused" + tags + remove},
		{"# A\n\nName: \u3164\n", "t.md:3:7: U+3164 (HANGUL FILLER)" + filler},
		{"# A\n\n\uFFA0 \u115F\n", "t.md:3:1: U+FFA0 (HALFWIDTH HANGUL FILLER)" + filler},
		{"# A\n\nab\uFEFFc\n", "t.md:3:3: U+FEFF (ZERO WIDTH NO-BREAK SPACE) is refused: inside the text a byte-order mark draws nothing (it comes from a file pasted into another): remove it, or write U+2060 (WORD JOINER) where a line must not break"},
		{"# A\n\nx\u2062y\n", "t.md:3:2: U+2062 (INVISIBLE TIMES)" + nothing},
		{"# A\n\nx\u180Ey\n", "t.md:3:2: U+180E (MONGOLIAN VOWEL SEPARATOR)" + nothing},
		{"# A\n\n\u2764\uFE0F\uFE0E\U000E0100\n", "t.md:3:7: U+FE0E (VARIATION SELECTOR-15) is refused: a variation selector chooses the form of the one character before it, and one right after another chooses nothing and draws nothing: a run of them can carry hidden data; remove it"},
		{"# A\n\nSee &#xE0041;.\n", "t.md:3:5: character reference to U+E0041 (TAG LATIN CAPITAL LETTER A) is refused" + tags + `; these spell "A"` + remove},
		{"---\ntitle: \"Hi\\u3164\"\n---\n# A\n", "t.md:2:8: title: U+3164 (HANGUL FILLER)" + filler},
	} {
		_, err := Parse("t.md", []byte(tc.src), Options{})
		if err == nil || err.Error() != tc.want {
			t.Errorf("Parse(%q): %v\nwant %s", tc.src, err, tc.want)
		}
	}
	for _, src := range []string{
		"\uFEFF# A\n\nA byte-order mark at the start.\n",
		"# A\n\nJoiners: \U0001F468\u200D\U0001F469 \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 \u0915\u094D\u200D\u0937, soft\u00ADhyphen, CGJ a\u034Fb, word\u2060joiner, zero\u200Bwidth.\n",
		"# A\n\nVariation: \u2764\uFE0F \u845B\U000E0100 \u2642\uFE0E.\n",
		"# A\n\nFlags: \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F and \U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F.\n",
		"# A\n\nKorean: \uD55C\uAD6D\uC5B4.\n",
	} {
		if _, err := Parse("t.md", []byte(src), Options{}); err != nil {
			t.Errorf("Parse(%q): %v", src, err)
		}
	}
}

func TestValueChecks(t *testing.T) {
	tp := mustParse(t, "{a}", Options{})
	for _, v := range []string{"bad\xff", "nul\x00"} {
		if _, _, err := tp.Fill(map[string]string{"a": v}, FillOptions{}); err == nil || !strings.Contains(err.Error(), `"a"`) {
			t.Errorf("value %q: error %v, want one naming the value", v, err)
		}
	}
}

func TestLimits(t *testing.T) {
	_, err := Parse("big.md", make([]byte, 101), Options{MaxBytes: 100})
	if err == nil || err.Error() != "big.md: template is 101 bytes, more than the limit of 100 bytes" {
		t.Errorf("size limit: %v", err)
	}
	if _, err := Parse("ok.md", make([]byte, 100), Options{MaxBytes: 100}); err != nil {
		t.Errorf("at the size limit: %v", err)
	}
	deep := "text\n\n" + strings.Repeat("> ", 3) + "- " + "x\n"
	if _, err := Parse("d.md", []byte(deep), Options{MaxDepth: 4}); err != nil {
		t.Errorf("depth 4 with limit 4: %v", err)
	}
	_, err = Parse("d.md", []byte(deep), Options{MaxDepth: 3})
	if err == nil || err.Error() != "d.md:3:7: lists and block quotes nested more than 3 deep (the limit; Options.MaxDepth raises it)" {
		t.Errorf("depth limit: %v", err)
	}
	if _, err := Parse("d.md", []byte(strings.Repeat(">", 40)+" x\n"), Options{}); err == nil || !strings.Contains(err.Error(), "more than 32 deep") {
		t.Errorf("default depth limit: %v", err)
	}
}

func TestTypographerGivesUnicode(t *testing.T) {
	doc := mustFill(t, mustParse(t, `"Double" 'single' it's -- --- ... <<a>> &hellip; &amp;`+"\n", Options{}), nil)
	got := ast.PlainText(doc.Blocks[0].(*ast.Paragraph).Inlines)
	if want := "“Double” ‘single’ it’s – — … «a» … &"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	doc = mustFill(t, mustParse(t, `"a" -- b...`+"\n", Options{Profile: ProfileCommonMark}), nil)
	if got := ast.PlainText(doc.Blocks[0].(*ast.Paragraph).Inlines); got != `"a" -- b...` {
		t.Errorf("CommonMark profile: %q", got)
	}
}

func TestHeadingIDs(t *testing.T) {
	src := "# Datenschutzerklärung\n## Intro\n## Intro\n## Intro-1\n## Intro\n### {site} Rules!\n## !!!\n## ?\n## 1.2 Über uns — Kontakt\n## `code` *em*\n#### Ünïcödé ＡＢＣ ١٢٣\n"
	doc := mustFill(t, mustParse(t, src, Options{}), map[string]string{"site": "Ａcme Co"})
	var ids []string
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		if h, ok := n.(*ast.Heading); ok {
			ids = append(ids, h.ID)
		}
		return true
	})
	want := []string{"datenschutzerklärung", "intro", "intro-1", "intro-1-1", "intro-2", "ａcme-co-rules", "section", "section-1", "12-über-uns-kontakt", "code-em", "ünïcödé-ａｂｃ-١٢٣"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("ids\n got %q\nwant %q", ids, want)
	}
	if doc.Meta.Title != "Datenschutzerklärung" {
		t.Errorf("title %q", doc.Meta.Title)
	}
}

func TestTitleFromFilledHeading(t *testing.T) {
	doc := mustFill(t, mustParse(t, "## Not this\n\n# Policy of *{site}*\n\n# Not this either\n", Options{}), map[string]string{"site": "Acme"})
	if doc.Meta.Title != "Policy of Acme" {
		t.Errorf("title %q", doc.Meta.Title)
	}
}

func TestEscapesAndReferences(t *testing.T) {
	src := "\\{a} \\\\{a} &copy; &#0; &#x110000; &bogus; \\&amp; `\\{a} {a}` \\*\n"
	doc := mustFill(t, mustParse(t, src, Options{}), map[string]string{"a": "V"})
	got := ast.PlainText(doc.Blocks[0].(*ast.Paragraph).Inlines)
	if want := "{a} \\V © \uFFFD \uFFFD &bogus; &amp; \\{a} {a} *"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestPlaceholdersListing(t *testing.T) {
	src := "---\nauthor: \"{company}\"\nkeywords: a, {kw}\n---\nA {x} `{code}` [l](u/{dest})\n\n```\n{block}\n```\n\n    {indented}\n\n<p>{html}</p>\n"
	tp := mustParse(t, src, Options{})
	var got []string
	for _, p := range tp.Placeholders() {
		got = append(got, fmt.Sprintf("%s@%s", p.Name, p.Pos))
	}
	want := []string{"company@2:10", "kw@3:14", "x@5:3", "dest@5:22", "html@13:4"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("placeholders %q, want %q", got, want)
	}
}

func TestFrontMatter(t *testing.T) {
	src := "---\ntitle: \"{site} Privacy\"\nlang: de-CH\ndescription: About {site}.\nauthor: Acme\nsubject: Privacy\nkeywords: privacy, data ,, {site}\ndate: 2026-11-28\nvalues:\n  site: Default Site\n  year: 2026\n  flag: true\nredirect_from: [/a, /b]\nversions: {fpt: '*'}\n---\n# Heading\n{year}\n"
	tp := mustParse(t, src, Options{})
	fm := tp.FrontMatter()
	wantMeta := ast.Meta{Title: "{site} Privacy", Lang: "de-CH", Description: "About {site}.", Author: "Acme", Subject: "Privacy", Keywords: []string{"privacy", "data", "{site}"}, Date: "2026-11-28"}
	if !reflect.DeepEqual(fm.Meta, wantMeta) {
		t.Errorf("front matter meta\n got %+v\nwant %+v", fm.Meta, wantMeta)
	}
	if want := map[string]string{"site": "Default Site", "year": "2026", "flag": "true"}; !reflect.DeepEqual(fm.Values, want) {
		t.Errorf("values %q", fm.Values)
	}
	doc, rep, err := tp.Fill(map[string]string{"site": "Caller"}, FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Title != "Caller Privacy" || doc.Meta.Description != "About Caller." || doc.Meta.Keywords[2] != "Caller" {
		t.Errorf("filled meta %+v", doc.Meta)
	}
	if len(rep.Unused) != 0 {
		t.Errorf("unused %q", rep.Unused)
	}
	if got := ast.PlainText(doc.Blocks[1].(*ast.Paragraph).Inlines); got != "2026" {
		t.Errorf("default value in body: %q", got)
	}
	if doc.Values["site"] != "Caller" || doc.Values["year"] != "2026" {
		t.Errorf("document values %q", doc.Values)
	}
	// keywords as a list; empty front matter; no front matter.
	tp = mustParse(t, "---\nkeywords:\n  - a\n  - \"b, c\"\n---\ntext\n", Options{})
	if got := tp.FrontMatter().Meta.Keywords; !reflect.DeepEqual(got, []string{"a", "b, c"}) {
		t.Errorf("keyword list %q", got)
	}
	if tp := mustParse(t, "---\n---\n# T\n", Options{}); tp.FrontMatter().Meta.Title != "" || len(tp.blocks) != 1 {
		t.Errorf("empty front matter: %+v, %d blocks", tp.FrontMatter(), len(tp.blocks))
	}
	if tp := mustParse(t, "---\nnot: closed\n", Options{}); len(tp.blocks) != 2 {
		t.Errorf("unclosed front matter should be Markdown, got %d blocks", len(tp.blocks))
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"---\ntitle: [a, b]\n---\n", "t.md:2:8: title: want a single value (text, number, date, true/false), found a list"},
		{"---\ntitle: {site}\n---\n", `t.md:2:8: title: a value starting with "{" is a YAML map; quote it: title: "{...} ..."`},
		{"---\nlang:\n  x: y\n---\n", "t.md:3:3: lang: want a single value (text, number, date, true/false), found a map"},
		{"---\nkeywords: {a: b}\n---\n", "t.md:2:11: keywords: want a list or a comma-separated string"},
		{"---\nkeywords: [a, [b]]\n---\n", "t.md:2:15: keywords: want a single value (text, number, date, true/false), found a list"},
		{"---\nvalues: [a]\n---\n", "t.md:2:9: want a map of names to values (a \"name: value\" line each), found a list"},
		{"---\nvalues:\n  a:\n    b: c\n---\n", "t.md:4:5: a: want a single value (text, number, date, true/false), found a map"},
		{"---\nvalues:\n  bad-name: x\n---\n", `t.md:3:3: "bad-name" is not a valid placeholder name (a letter or _ then letters, digits or _)`},
		{"---\ntitle: a\ntitle: b\n---\n", `t.md:3:1: duplicate key "title" (first at 2:1; keep one of them)`},
		{"---\na: &x 1\nb: *x\n---\n", "t.md:2:4: anchors (&name) are not allowed"},
		// Syntax errors: the line and column of the cause, counted
		// from the template's first line (yaml.v3 named the line after
		// an unclosed quote, and no line at all on the front matter's
		// first line).
		{"---\ntitle: \"unclosed\n---\n", `t.md:2:8: found unexpected end of stream (this " string is never closed: add the closing ")`},
		{"---\ntitle: Terms: EU\n---\n", `t.md:2:13: mapping values are not allowed in this context (quote a value that holds ": ", or indent this key as the keys above it)`},
		{"---\ntitle: T\nvalues:\n  a: 1\n - b\n---\n", "t.md:5:2: did not find expected key (check this line's indentation against the lines above, and that a quoted value ends at its closing quote)"},
		{"---\r\ntitle: T\r\nkeywords: [a, b\r\n---\r\n", "t.md:3:11: did not find expected ',' or ']' (close the list or map: add the ']')"},
		{"---\n- a\n---\n", "t.md:2:1: want a map of names to values (a \"name: value\" line each), found a list"},
	}
	for _, tt := range tests {
		_, err := Parse("t.md", []byte(tt.src), Options{})
		var te *Error
		if !errors.As(err, &te) || err.Error() != tt.want {
			t.Errorf("Parse(%q):\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

func TestConversion(t *testing.T) {
	src := "1. a\n2. b\n\n- [ ] open\n- [x] done\n\n10) x\n\n| a | b |\n|:-:|--:|\n| 1 |\n\n```js extra words\nx\n```\n\n<!-- c -->\n\nMail <a@b.example> and <https://x.example/?a=1&b=2> and x@y.example.\n\n![a *b* `c`](i.png 't')\n"
	doc := mustFill(t, mustParse(t, src, Options{}), nil)
	got := dump(doc)
	for _, want := range []string{
		"List ordered=true start=1 marker='.' tight=true",
		"Item task=\"open\" @4:1\n    Paragraph @4:3\n      Text \"open\" @4:7",
		"Item task=\"done\"",
		"List ordered=true start=10 marker=')'",
		"Table align=[center right]",
		"CodeBlock lang=\"js\" \"x\\n\"",
		"HTMLBlock \"<!-- c -->\\n\"",
		"Link dest=\"mailto:a@b.example\"",
		"Link dest=\"https://x.example/?a=1&b=2\"",
		"Link dest=\"mailto:x@y.example\"",
		"Image dest=\"i.png\" title=\"t\" alt=\"a b c\"",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	table := doc.Blocks[3].(*ast.Table)
	if len(table.Header) != 2 || len(table.Rows) != 1 || len(table.Rows[0]) != 2 {
		t.Errorf("table shape: %d header cells, rows %v", len(table.Header), table.Rows)
	}
}

func TestFillDoesNotMutate(t *testing.T) {
	src, err := readFile("testdata/features.md")
	if err != nil {
		t.Fatal(err)
	}
	tp := mustParse(t, string(src), Options{})
	first := mustFill(t, tp, map[string]string{"siteName": "One"})
	firstDump := dump(first)
	var wg sync.WaitGroup
	dumps := make([]string, 8)
	for i := range dumps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, _, err := tp.Fill(map[string]string{"siteName": fmt.Sprint("Site ", i)}, FillOptions{Missing: MissingKeep})
			if err != nil {
				t.Error(err)
				return
			}
			dumps[i] = dump(doc)
		}()
	}
	wg.Wait()
	for i, d := range dumps {
		if !strings.Contains(d, fmt.Sprintf("Text \"Site %d\"", i)) || strings.Contains(d, "\"One\"") {
			t.Errorf("fill %d mixed up values", i)
		}
	}
	if dump(first) != firstDump {
		t.Error("a later Fill changed an earlier document")
	}
	if again := dump(mustFill(t, tp, map[string]string{"siteName": "One"})); again != firstDump {
		t.Error("Fill is not deterministic")
	}
}

func TestFrontMatterEscapesAndKeep(t *testing.T) {
	tp := mustParse(t, "---\ndescription: Braces \\{x} and \\\\{y} and {z}\n---\ntext\n", Options{})
	if got := tp.FrontMatter().Meta.Description; got != `Braces {x} and \\{y} and {z}` {
		t.Errorf("as written: %q", got)
	}
	doc := mustFill(t, tp, map[string]string{"y": "Y"})
	if got := doc.Meta.Description; got != `Braces {x} and \\Y and {z}` {
		t.Errorf("filled with z missing: %q", got)
	}
	if _, _, err := tp.Fill(map[string]string{"y": "Y"}, FillOptions{}); err == nil || err.Error() != "t.md:2:40: missing value for {z}" {
		t.Errorf("missing z: %v", err)
	}
}

// TestFrontMatterDatePos checks that the front matter records where its
// date is, for an error about it, and has no position without one.
func TestFrontMatterDatePos(t *testing.T) {
	tp := mustParse(t, "---\ntitle: T\ndate:   \"{when}\"\n---\n# T\n", Options{})
	if got, want := tp.FrontMatter().DatePos, (ast.Pos{Line: 3, Col: 9}); got != want {
		t.Errorf("DatePos = %v, want %v", got, want)
	}
	if got := mustParse(t, "---\ntitle: T\n---\n# T\n", Options{}).FrontMatter().DatePos; got.IsValid() {
		t.Errorf("DatePos without a date = %v, want none", got)
	}
}

// TestFrontMatterNotices checks the notices of front matter read, but
// most likely not as meant: a key close to one policyexport reads, and a
// front matter never closed; and that other tools' keys, a short key two
// edits from a known one ("name" is not "date") and a thematic break
// followed by prose give none.
func TestFrontMatterNotices(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{"---\ntitel: T\nname: n\nTitle: U\nkeyword: [a]\nredirect_from: /x\nlayout: page\n---\n# T\n", []string{
			`2:1: front matter key "titel" is not one policyexport reads, and is ignored; did you mean "title"?`,
			`4:1: front matter key "Title" is not one policyexport reads, and is ignored; did you mean "title"?`,
			`5:1: front matter key "keyword" is not one policyexport reads, and is ignored; did you mean "keywords"?`,
		}},
		{"---\ntitle: T\nvalues:\n  a: b\n---\n# T\n", nil},
		{"---\ntitle: Terms\n\n# Terms\n", []string{
			`1:1: front matter is never closed: the "---" of line 1 opens it, but no later line is "---" or "..." to end it, so it is read as Markdown, a thematic break and text (end it with a line "---")`,
		}},
		{"---\n\nIntro: this policy applies to you.\n", nil},
		{"# T\n\n---\ntitle: x\n", nil},
	} {
		var got []string
		for _, n := range mustParse(t, tc.src, Options{}).Notices() {
			got = append(got, fmt.Sprintf("%s: %s", n.Pos, n.Msg))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
	if n := mustParse(t, "---\ntitel: T\n---\n", Options{Profile: ProfileCommonMark}).Notices(); n != nil {
		t.Errorf("CommonMark has no front matter, and no notices: %v", n)
	}
}

// TestDirectionNotice checks that a character setting the direction of
// the text after it, which the HTML and the plain text kept (so that a
// browser showed "Acme \u202e gnidarT" as "Acme Trading") and the PDF
// left out, drawing "gnidarT", without a word, is a notice at the first,
// counting the others, in order among the other notices; the direction
// marks are not, nor is anything in the CommonMark profile.
func TestDirectionNotice(t *testing.T) {
	const msg = "U+202E (RIGHT-TO-LEFT OVERRIDE) reorders the text after it in the HTML and the plain text (a browser, a mail program or a terminal applies it), but not in the PDF, which draws the text as written: the outputs differ, and readers do not see the text as the file holds it; remove it (right-to-left words are ordered by their letters without it)"
	for _, tc := range []struct {
		src  string
		want []string // "line:col kind" of each notice
	}{
		{"# Acme \u202e gnidarT\n", []string{"1:8 bidi-control"}},
		{"---\ntitle: \"a \u2067b\u2069\"\n---\n{{x}} `c\u202dd\u202c`\n", []string{"2:11 bidi-control", "4:1 placeholder-syntax"}},
		{"\u05e9\u05dc\u05d5\u05dd\u200f: 5 \u200e a\u061c\n", nil},
	} {
		var got []string
		for _, n := range mustParse(t, tc.src, Options{}).Notices() {
			got = append(got, fmt.Sprintf("%s %s", n.Pos, n.Kind))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
	n := mustParse(t, "# Acme \u202e gnidarT\n\nPay \u2066x\u2069.\n", Options{}).Notices()
	if want := msg + " (3 such characters; this is the first)"; len(n) != 1 || n[0].Msg != want {
		t.Errorf("notices %q, want one: %s", n, want)
	}
	if n := mustParse(t, "a \u202e b\n", Options{Profile: ProfileCommonMark}).Notices(); n != nil {
		t.Errorf("CommonMark has no notices: %v", n)
	}
}

// TestPlaceholderLookalikes checks the notices for text written as other
// template languages write a placeholder, and that code, escaped braces
// and what holds no placeholder name give none.
func TestPlaceholderLookalikes(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string // "line:col kind text" of each notice
	}{
		{"Hi {{siteName}}.\n", []string{"1:4 placeholder-syntax {{siteName}}"}},
		{"{{ siteName }} and { email } and {\temail\t}\n", []string{
			"1:1 placeholder-syntax {{ siteName }}", "1:20 placeholder-syntax { email }", "1:34 placeholder-syntax {\temail\t}"}},
		{"On {{d|date}} and {{ d|date }}\n", []string{"1:4 placeholder-syntax {{d|date}}", "1:19 placeholder-syntax {{ d|date }}"}},
		// Meant as written: escaped, in code, or no placeholder name.
		{"\\{{siteName}\\} and \\{ email } and \\{\\{ x }}\n", nil},
		{"`{{siteName}}` and `{ x }`\n\n```\n{{ x }}\n```\n\n    {{x}}\n", nil},
		{"```{{ lang }}\nx\n```\n", nil},
		{"{{ page.title }} {% if x %} {{> partial }} {{#each x}} { } {1,2} {x} {x|date}\n", nil},
		// Spaces typed into a placeholder: between its words, around
		// the filter's bar. More than three words are text, as are
		// words that are no names.
		{"{site url} and {Site URL} and {d | date} and {d| date} and {site url|date}\n", []string{
			"1:1 placeholder-syntax {site url}", "1:16 placeholder-syntax {Site URL}", "1:31 placeholder-syntax {d | date}",
			"1:46 placeholder-syntax {d| date}", "1:60 placeholder-syntax {site url|date}"}},
		{"{a b c d} {a 1} {a, b} {a |} {a b }}\n", []string{"1:30 placeholder-syntax {a b }"}},
		// Other slips: a "$" before a placeholder (not a price, not
		// after a backslash), a brace too many on either side, a
		// hyphen or a "$" in the name, a bar naming no filter, two
		// filters, a brace never closed on its line.
		{"See ${siteUrl}. Costs $5, ${ x }, \\${siteUrl} and $siteUrl.\n", []string{"1:5 placeholder-syntax ${siteUrl}", "1:28 placeholder-syntax { x }"}},
		{"A {siteUrl}} and {{siteUrl} and {d|date}}.\n", []string{"1:3 placeholder-syntax {siteUrl}}", "1:18 placeholder-syntax {{siteUrl}", "1:33 placeholder-syntax {d|date}}"}},
		{"B {site-url}, {$siteUrl}, {siteUrl|}, {siteUrl|date|x} and {siteUrl\n", []string{
			"1:3 placeholder-syntax {site-url}", "1:15 placeholder-syntax {$siteUrl}", "1:27 placeholder-syntax {siteUrl|}",
			"1:39 placeholder-syntax {siteUrl|date|x}", "1:60 placeholder-syntax {siteUrl"}},
		{"{a, b} {a-} {-a} {a-b-c-d} `{a` {$} \\{a\n", nil},
		// After front matter, at the body's own lines.
		{"---\ntitle: T\n---\n\n{{ a }}\n", []string{"5:1 placeholder-syntax {{ a }}"}},
		// In the front matter's strings, the title block's text among
		// them, at their places in the file; values are no template text.
		{"---\ntitle: \"Policy of {{site}} and {{site}}\"\ndescription: 'On { x }'\nkeywords: [a, '{{ k }}']\nvalues:\n  v: '{{a}}'\n# {{ c }}\n---\n## H {{b}}\n", []string{
			"2:19 placeholder-syntax {{site}}", "2:32 placeholder-syntax {{site}}", "3:18 placeholder-syntax { x }",
			"4:16 placeholder-syntax {{ k }}", "9:6 placeholder-syntax {{b}}"}},
		{"---\ntitle: '\\{{site}\\} {{ page.title }}'\n---\n", nil},
		// In an HTML comment, which nobody reads in the output; raw HTML
		// and an autolink are filled, so what is in them is named.
		{"<!-- {{a}} { b } -->\n\nText <!-- {{c}} --> end.\n\n<div>\n<!--\n{{d}}\n-->\n{{e}}\n</div>\n", []string{"9:1 placeholder-syntax {{e}}"}},
		{"<p>{{a}}</p>\n\n<span>{ b }</span> and <https://e.com/{{c}}>\n", []string{
			"1:4 placeholder-syntax {{a}}", "3:7 placeholder-syntax { b }", "3:39 placeholder-syntax {{c}}"}},
	} {
		var got []string
		for _, n := range mustParse(t, tc.src, Options{}).Notices() {
			text, _, _ := strings.Cut(n.Msg, " is ")
			got = append(got, fmt.Sprintf("%s %s %s", n.Pos, n.Kind, text))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
	if n := mustParse(t, "{{ a }} {{b}}\n", Options{Profile: ProfileCommonMark}).Notices(); n != nil {
		t.Errorf("CommonMark has no placeholders, and no lookalikes: %v", n)
	}
	// The messages say what to write instead.
	for src, want := range map[string]string{
		"{site url}\n":           `{site url} is not a placeholder, because a placeholder's name has no spaces, and stays as written; write {siteUrl} (or \{site url} if the text is meant)`,
		"{siteUrl | date}\n":     `{siteUrl | date} is not a placeholder, because of the spaces inside its braces, and stays as written; write {siteUrl|date} (or \{siteUrl | date} if the text is meant)`,
		"{ siteUrl }\n":          `{ siteUrl } is not a placeholder, because of the spaces inside its braces, and stays as written; write {siteUrl} (or \{ siteUrl } if the text is meant)`,
		"See ${siteUrl}.\n":      `${siteUrl} is the placeholder {siteUrl} after a $, which stays in the text before its value (${…} is a shell's or JavaScript's placeholder); write {siteUrl} (or \${siteUrl} if the $ is meant)`,
		"{siteUrl}}\n":           `{siteUrl}} is the placeholder {siteUrl} before a second }, which stays in the text after its value; write {siteUrl} (or {siteUrl}\} if the brace is meant)`,
		"{{siteUrl}\n":           `{{siteUrl} is the placeholder {siteUrl} after a second {, which stays in the text before its value; write {siteUrl} (or \{{siteUrl} if the brace is meant)`,
		"{site-url}\n":           `{site-url} is not a placeholder, because a placeholder's name has no hyphens, and stays as written; write {siteUrl} (or \{site-url} if the text is meant)`,
		"{$siteUrl}\n":           `{$siteUrl} is not a placeholder, because of the $ inside its braces, and stays as written; write {siteUrl} (or \{$siteUrl} if the text is meant)`,
		"{siteUrl|}\n":           `{siteUrl|} is not a placeholder, because its | names no filter, and stays as written; write {siteUrl} (or \{siteUrl|} if the text is meant)`,
		"{siteUrl|date|x}\n":     `{siteUrl|date|x} is not a placeholder, because a placeholder takes one filter, and stays as written; write {siteUrl|date} (or \{siteUrl|date|x} if the text is meant)`,
		"Visit {siteUrl\n":       `{siteUrl is not a placeholder, because no } closes it, and stays as written; write {siteUrl} (or \{siteUrl if the text is meant)`,
		"<p>${a}</p>\n":          `${a} is the placeholder {a} after a $, which stays in the text before its value (${…} is a shell's or JavaScript's placeholder); write {a} (or &#36;{a} if the $ is meant: in raw HTML a backslash stays as written)`,
		"<https://e.com/${a}>\n": `${a} is the placeholder {a} after a $, which stays in the text before its value (${…} is a shell's or JavaScript's placeholder); write {a}`,
	} {
		if n := mustParse(t, src, Options{}).Notices(); len(n) != 1 || n[0].Msg != want {
			t.Errorf("%q: %q, want %q", src, n, want)
		}
	}
	n := mustParse(t, "{{a}} {{ b }}\n", Options{}).Notices()
	want := []string{
		`{{a}} is the placeholder {a} in a second pair of braces, which stay in the text around its value; a placeholder takes one pair: write {a} (or \{{a}\} if the braces are meant)`,
		`{{ b }} is not a placeholder, because of the spaces inside its braces, and stays as written; write {b} (or \{\{ b }} if the text is meant)`,
	}
	if len(n) != 2 || n[0].Msg != want[0] || n[1].Msg != want[1] {
		t.Errorf("messages %q, want %q", n, want)
	}
	// In raw HTML a backslash stays as written, and a URL cannot keep
	// braces: what to write there is said so.
	n = mustParse(t, "<p>{{a}} { b }</p>\n\n<https://e.com/{{c}}>\n", Options{}).Notices()
	want = []string{
		`{{a}} is the placeholder {a} in a second pair of braces, which stay in the text around its value; a placeholder takes one pair: write {a} (or &#123;{a}&#125; if the braces are meant: in raw HTML a backslash stays as written)`,
		`{ b } is not a placeholder, because of the spaces inside its braces, and stays as written; write {b} (or &#123; b } if the text is meant: in raw HTML a backslash stays as written)`,
		`{{c}} is the placeholder {c} in a second pair of braces, which stay in the link around its value; a placeholder takes one pair: write {c}`,
	}
	if len(n) != 3 || n[0].Msg != want[0] || n[1].Msg != want[1] || n[2].Msg != want[2] {
		t.Errorf("messages %q, want %q", n, want)
	}
}

// TestTableCellsNotice: a body row with a cell left out shifts the cells
// after it, and one with a cell too many loses it, in every output; one
// notice a table says so at its first such row, counting the others. A
// row of every cell, empty ones written "| |", and a trailing "|" with
// nothing after it, give none.
func TestTableCellsNotice(t *testing.T) {
	head := "| Name | Provider | Purpose | Lifetime |\n|---|---|---|---|\n"
	for _, tc := range []struct{ src, want string }{
		{head + "| _ga | Google | Statistics | 2 years |\n| x | | | |\n| y | a \\| b | `c\\|d` | 1 day |\n", ""},
		{head + "| _ga | Google | 2 years |\n", `3:1: table row has 3 cells, but the table has 4 columns: its last column ("Lifetime") left empty, and if a cell was left out in the middle, the cells after it show one column to the left; write every cell (| | for one left empty)`},
		{head + "| _ga |\n| a | b |\n", `3:1: table row has 1 cell, but the table has 4 columns: its last 3 columns ("Provider", "Purpose", "Lifetime") left empty, and if a cell was left out in the middle, the cells after it show one column to the left; write every cell (| | for one left empty) (1 more rows of this table differ from its columns)`},
		{head + "| ok | a | b | c |\n| _ga | Google | Statistics | 2 years | https://policies.google.com/ |\n", `4:1: table row has more cells than the table's 4 columns: the cells past the last column are left out of every output ("https://policies.google.com/"); add a column to the header and the delimiter row, or remove them`},
		{head + "| _ga | Google | Statistics | 2 years | |\n", ""},
	} {
		var got []string
		for _, n := range mustParse(t, tc.src, Options{}).Notices() {
			got = append(got, fmt.Sprintf("%d:%d: %s", n.Pos.Line, n.Pos.Col, n.Msg))
			if n.Kind != TableCellsNotice {
				t.Errorf("kind %s", n.Kind)
			}
		}
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
}
