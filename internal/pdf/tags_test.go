package pdf_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
	"github.com/policyexport/policyexport/internal/testutil/pdfrules"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// TestHeadingTagsNeverSkip checks that headings are tagged by their
// outline level: the first is H1 and a level is never skipped.
func TestHeadingTagsNeverSkip(t *testing.T) {
	doc := asttest.Doc(asttest.H(2, asttest.T("Two")), asttest.H(4, asttest.T("Four")), asttest.H(1, asttest.T("One")), asttest.H(3, asttest.T("Three")))
	out := run(t, "pdfinfo", "-struct-text", writeTemp(t, render(t, pdf.Options{}, doc)))
	var got []string
	for _, m := range regexp.MustCompile(`(?m)^\s*(H\d?)\b`).FindAllStringSubmatch(out, -1) {
		got = append(got, m[1])
	}
	if want := []string{"H1", "H2", "H1", "H2"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("heading tags %v, want %v\n%s", got, want, out)
	}
}

// TestLangMustBeBCP47 checks that a document language that is not a BCP
// 47 tag is refused (it is written into the catalog), and that a valid
// one is written in canonical form.
func TestLangMustBeBCP47(t *testing.T) {
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := asttest.Doc(asttest.P(asttest.T("x")))
	doc.Meta.Lang = "en) /OpenAction (x"
	if err := r.Render(&bytes.Buffer{}, doc); err == nil || !strings.Contains(err.Error(), "BCP 47") {
		t.Errorf("bad lang: got %v, want a BCP 47 error", err)
	}
	doc.Meta.Lang = "de-ch"
	if out := render(t, pdf.Options{}, doc); !bytes.Contains(out, []byte("/Lang (de-CH)")) {
		t.Error("lang de-ch not written as /Lang (de-CH)")
	}
}

// TestLinkNotes checks each Options.Links style: the destination of a
// link whose text is not its URL is numbered and listed, written inline,
// or left out; a link whose text is its URL is never repeated.
func TestLinkNotes(t *testing.T) {
	doc := asttest.Doc(asttest.P(asttest.T("Read "), asttest.Link("https://example.com/privacy", asttest.T("the policy")), asttest.T(" or "),
		asttest.Link("https://example.com/x", asttest.T("https://example.com/x")), asttest.T(".")))
	for _, c := range []struct {
		links      pdf.LinkNotes
		want, lose []string
	}{
		{pdf.LinksFootnote, []string{"the policy [1]", "Links", "[1] https://example.com/privacy"}, []string{"[2]"}},
		{pdf.LinksInline, []string{"the policy <https://example.com/privacy>"}, []string{"[1]", "Links"}},
		{pdf.LinksNone, []string{"the policy or"}, []string{"example.com/privacy", "Links"}},
	} {
		text := run(t, "pdftotext", writeTemp(t, render(t, pdf.Options{Links: c.links, NoFooter: true}, doc)), "-")
		text = strings.Join(strings.Fields(text), " ")
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("links %d: %q not in %q", c.links, w, text)
			}
		}
		for _, w := range c.lose {
			if strings.Contains(text, w) {
				t.Errorf("links %d: %q in %q", c.links, w, text)
			}
		}
	}
	if _, err := pdf.New(pdf.Options{Links: 7}); err == nil {
		t.Error("unknown link notes style accepted")
	}
}

// TestSkippedHeadingLevel: a heading whose level the tags change is
// tagged at its outline level and said so (HeadingWarning) without
// ua-1, and refused with ua-1, naming its place, the rule and the fix.
func TestSkippedHeadingLevel(t *testing.T) {
	at := func(h *ast.Heading, line int) *ast.Heading { h.At = ast.Pos{Line: line, Col: 1}; return h }
	skip := asttest.Doc(at(asttest.H(1, asttest.T("Terms")), 1), at(asttest.H(3, asttest.T("Scope")), 7))
	first := asttest.Doc(at(asttest.H(2, asttest.T("Terms")), 4), at(asttest.H(1, asttest.T("Scope")), 6))
	// A front matter title that is not the title block: a level-1
	// heading further on keeps it out, or the title block was left out.
	h1Later := asttest.Doc(at(asttest.H(2, asttest.T("Terms")), 4), at(asttest.H(1, asttest.T("Annex")), 9))
	h1Later.Meta.Title = "Privacy"
	leftOut := asttest.Doc(at(asttest.H(2, asttest.T("Terms")), 4))
	leftOut.Meta.Title = "Privacy"
	for _, c := range []struct {
		name    string
		doc     *ast.Document
		warning string // HeadingWarning of its one skipped heading
		err     string // the error under ua-1
		tags    string // the headings' tags without ua-1
	}{
		{"skipped level", skip,
			`terms.md:7:1: heading level 3 after H1 is tagged H2 in the PDF (PDF/UA wants no skipped level); write "## …"`,
			`7:1: Options.PDFStandard a-2u,ua-1: heading level 3 after H1 skips a level (PDF/UA-1, ISO 14289-1 §7.4.2: heading levels never skip one); write "## …"`, "H1 H2"},
		{"first heading", first,
			`terms.md:4:1: the first heading is level 2 and is tagged H1 in the PDF (PDF/UA wants the first heading at level 1); write "# …"`,
			`4:1: Options.PDFStandard a-2u,ua-1: the first heading is level 2 (PDF/UA-1, ISO 14289-1 §7.4.2: the first heading is H1); write "# …"`, "H1 H1"},
		{"first heading, a level-1 heading further on", h1Later,
			`terms.md:4:1: the first heading is level 2 and is tagged H1 in the PDF (PDF/UA wants the first heading at level 1); write "# …", or make line 9's heading "## …" so that the front matter's title heads the document (it does only when no heading is level 1)`,
			`4:1: Options.PDFStandard a-2u,ua-1: the first heading is level 2 (PDF/UA-1, ISO 14289-1 §7.4.2: the first heading is H1); write "# …", or make line 9's heading "## …" so that the front matter's title heads the document (it does only when no heading is level 1)`, "H1 H1"},
		{"first heading, the title block left out", leftOut,
			`terms.md:4:1: the first heading is level 2 and is tagged H1 in the PDF (PDF/UA wants the first heading at level 1); write "# …" (the front matter's title would be the first heading, but the title block is left out: Options.NoTitleBlock)`,
			`4:1: Options.PDFStandard a-2u,ua-1: the first heading is level 2 (PDF/UA-1, ISO 14289-1 §7.4.2: the first heading is H1); write "# …" (the front matter's title would be the first heading, but the title block is left out: Options.NoTitleBlock)`, "H1"},
	} {
		hs := ast.SkippedHeadings(c.doc.Blocks)
		if len(hs) != 1 {
			t.Fatalf("%s: skipped headings %+v, want one", c.name, hs)
		}
		if got := pdf.HeadingWarning("terms.md", hs[0], c.doc.Blocks, c.doc.Meta.Title); got != c.warning {
			t.Errorf("%s: warning\n%s\nwant\n%s", c.name, got, c.warning)
		}
		// Without ua-1 the PDF renders, tagged at the outline level
		// (PDF/A alone does not refuse it).
		for _, std := range []string{"", "a-2u"} {
			out := run(t, "pdfinfo", "-struct-text", writeTemp(t, render(t, pdf.Options{Standard: mustStandard(t, std)}, c.doc)))
			if got := strings.Join(regexp.MustCompile(`(?m)^\s*(H\d)\b`).FindAllString(out, -1), ""); strings.Join(strings.Fields(got), " ") != c.tags {
				t.Errorf("%s %q: heading tags %q, want %s", c.name, std, got, c.tags)
			}
		}
		for _, std := range []string{"ua-1", "a-2u,ua-1"} {
			r, err := pdf.New(pdf.Options{Standard: mustStandard(t, std)})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			err = r.Render(&buf, c.doc)
			var se *pdf.StandardError
			want := strings.Replace(c.err, "a-2u,ua-1", std, 1)
			if !errors.As(err, &se) || err.Error() != want {
				t.Errorf("%s %s: got %v, want the StandardError\n%s", c.name, std, err, want)
			}
			if buf.Len() != 0 {
				t.Errorf("%s %s: %d bytes written with the error", c.name, std, buf.Len())
			}
		}
	}
	// The Links section's own heading (level 2) is never refused: in a
	// document without headings it is tagged H1.
	links := asttest.Doc(para(&ast.Link{Destination: "https://example.com/terms", Inlines: []ast.Inline{txt("the terms")}}))
	links.Meta.Title = "Terms" // PDF/UA-1 wants one (TestUntitled)
	out := run(t, "pdfinfo", "-struct-text", writeTemp(t, render(t, pdf.Options{Standard: mustStandard(t, "ua-1")}, links)))
	if !regexp.MustCompile(`(?m)^\s*H1\b`).MatchString(out) {
		t.Errorf("the Links heading is not tagged H1:\n%s", out)
	}
}

// TestSiblingHeadingLevels: headings of one written level under the
// same heading are siblings in the tags and the outline, as in the
// HTML: "# Terms", "### Scope", "### Changes" are tagged H1, H2, H2 and
// Changes is Terms' bookmark, not Scope's; each of the two is said to
// be tagged H2. Two first headings of level 2 are both H1, the second
// said to follow the first. Changes was tagged H3 under Scope, with no
// word.
func TestSiblingHeadingLevels(t *testing.T) {
	at := func(h *ast.Heading, line int) *ast.Heading { h.At = ast.Pos{Line: line, Col: 1}; return h }
	doc := asttest.Doc(at(asttest.H(1, asttest.T("Terms")), 1), at(asttest.H(3, asttest.T("Scope")), 3),
		asttest.P(asttest.T("x")), at(asttest.H(3, asttest.T("Changes")), 7), asttest.P(asttest.T("y")))
	file := writeTemp(t, render(t, pdf.Options{}, doc))
	out := run(t, "pdfinfo", "-struct-text", file)
	if got := strings.Join(strings.Fields(strings.Join(regexp.MustCompile(`(?m)^\s*(H\d)\b`).FindAllString(out, -1), " ")), " "); got != "H1 H2 H2" {
		t.Errorf("heading tags %q, want H1 H2 H2", got)
	}
	// The outline: Scope's and Changes' entries have Terms' as /Parent.
	titles, parents := map[string]string{}, map[string]string{}
	for ref, raw := range validate.PDFObjects(t, file) {
		var o struct {
			Value struct {
				Title  string `json:"/Title"`
				Parent string `json:"/Parent"`
			} `json:"value"`
		}
		if json.Unmarshal(raw, &o) == nil && o.Value.Title != "" {
			title := strings.TrimPrefix(o.Value.Title, "u:")
			titles[strings.TrimPrefix(ref, "obj:")] = title
			parents[title] = o.Value.Parent
		}
	}
	for _, h := range []string{"Scope", "Changes"} {
		if got := titles[parents[h]]; got != "Terms" {
			t.Errorf("%s's bookmark is under %q, want Terms (titles %v, parents %v)", h, got, titles, parents)
		}
	}
	var ws []string
	for _, h := range ast.SkippedHeadings(doc.Blocks) {
		ws = append(ws, pdf.HeadingWarning("terms.md", h, doc.Blocks, doc.Meta.Title))
	}
	want := []string{
		`terms.md:3:1: heading level 3 after H1 is tagged H2 in the PDF (PDF/UA wants no skipped level); write "## …"`,
		`terms.md:7:1: heading level 3 after H1 is tagged H2 in the PDF (PDF/UA wants no skipped level); write "## …"`,
	}
	if !slices.Equal(ws, want) {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(ws, "\n"), strings.Join(want, "\n"))
	}
	two := asttest.Doc(at(asttest.H(2, asttest.T("Terms")), 1), at(asttest.H(2, asttest.T("Scope")), 3))
	out = run(t, "pdfinfo", "-struct-text", writeTemp(t, render(t, pdf.Options{}, two)))
	if got := strings.Join(strings.Fields(strings.Join(regexp.MustCompile(`(?m)^\s*(H\d)\b`).FindAllString(out, -1), " ")), " "); got != "H1 H1" {
		t.Errorf("two level-2 headings tagged %q, want H1 H1", got)
	}
	hs := ast.SkippedHeadings(two.Blocks)
	if len(hs) != 2 {
		t.Fatalf("skipped headings %+v, want two", hs)
	}
	if got, want := pdf.HeadingWarning("terms.md", hs[1], two.Blocks, two.Meta.Title), `terms.md:3:1: heading level 2 is tagged H1 in the PDF, as the first heading is (PDF/UA wants the first heading at level 1); write "# …"`; got != want {
		t.Errorf("second heading's warning\n%s\nwant\n%s", got, want)
	}
}

// TestMetadataOnOneLine: the Info dictionary's and the XMP's title and
// author are one line, as the HTML's <title> is: a folded YAML title
// ("title: >") ends in a line break, and a literal one ("title: |")
// holds one between its lines.
func TestMetadataOnOneLine(t *testing.T) {
	doc := asttest.Doc(asttest.P(asttest.T("x")))
	doc.Meta.Title, doc.Meta.Author = "Privacy\nPolicy\n", " Example\tLtd\r\n"
	file := writeTemp(t, render(t, pdf.Options{Standard: mustStandard(t, "a-2u")}, doc))
	info := validate.PDFInfo(t, file)
	if info["Title"] != "Privacy Policy" || info["Author"] != "Example Ltd" {
		t.Errorf("Info Title %q, Author %q; want Privacy Policy, Example Ltd", info["Title"], info["Author"])
	}
	if xmp := pdfXMP(t, file); !strings.Contains(xmp, ">Privacy Policy<") || !strings.Contains(xmp, ">Example Ltd<") {
		t.Errorf("XMP title or author not on one line:\n%s", xmp)
	}
}

// pdfXMP returns the XMP metadata stream of the PDF file.
func pdfXMP(t *testing.T, file string) string {
	t.Helper()
	for _, raw := range validate.PDFObjects(t, file) {
		var o struct {
			Stream struct {
				Dict struct {
					Subtype string `json:"/Subtype"`
				} `json:"dict"`
				Data []byte `json:"data"`
			} `json:"stream"`
		}
		if json.Unmarshal(raw, &o) == nil && o.Stream.Dict.Subtype == "/XML" {
			return string(o.Stream.Data)
		}
	}
	t.Fatal("no XMP stream")
	return ""
}

// TestSpaceEquivalentsInMetadata: a space equivalent (ast.IsSpaceEquivalent)
// in the metadata, a Figure's /Alt or a link's /Contents is a space, as
// on the page: in the Info dictionary and in the XMP, which is XML and
// would otherwise hold U+FFFD for a vertical tab.
func TestSpaceEquivalentsInMetadata(t *testing.T) {
	doc := asttest.Doc(asttest.P(asttest.Link("https://example.com/terms", asttest.T("the\vterms"))))
	doc.Meta.Title, doc.Meta.Author = "Privacy\vPolicy", "Example\u2028Ltd"
	file := writeTemp(t, render(t, pdf.Options{Standard: mustStandard(t, "a-2u"), Links: pdf.LinksNone}, doc))
	info := validate.PDFInfo(t, file)
	if info["Title"] != "Privacy Policy" || info["Author"] != "Example Ltd" {
		t.Errorf("Info Title %q, Author %q; want Privacy Policy, Example Ltd", info["Title"], info["Author"])
	}
	var contents string
	for _, raw := range validate.PDFObjects(t, file) {
		var o struct {
			Value struct {
				Subtype  string `json:"/Subtype"`
				Contents string `json:"/Contents"`
			} `json:"value"`
		}
		if json.Unmarshal(raw, &o) == nil && o.Value.Subtype == "/Link" {
			contents = o.Value.Contents
		}
	}
	xmp := pdfXMP(t, file)
	if !strings.Contains(xmp, ">Privacy Policy<") || strings.ContainsRune(xmp, '\uFFFD') {
		t.Errorf("XMP title not Privacy Policy, or U+FFFD in the XMP:\n%s", xmp)
	}
	if contents != "u:the terms" {
		t.Errorf("link /Contents %q, want the terms", contents)
	}
}

// spokenElem is a structure element with an /Alt: its role and /Alt.
type spokenElem struct{ Role, Alt string }

// altElems returns the structure elements of the PDF file that have an
// /Alt, in the order of their objects, which is the tree's order.
func altElems(t *testing.T, file string) []spokenElem {
	t.Helper()
	type numbered struct {
		n int
		e spokenElem
	}
	var els []numbered
	for ref, raw := range validate.PDFObjects(t, file) {
		var o struct {
			Value struct {
				Type string `json:"/Type"`
				S    string `json:"/S"`
				Alt  string `json:"/Alt"`
			} `json:"value"`
		}
		var n int
		if json.Unmarshal(raw, &o) != nil || o.Value.Type != "/StructElem" || o.Value.Alt == "" {
			continue
		}
		if _, err := fmt.Sscanf(ref, "obj:%d", &n); err != nil {
			t.Fatal(err)
		}
		els = append(els, numbered{n, spokenElem{strings.TrimPrefix(o.Value.S, "/"), strings.TrimPrefix(o.Value.Alt, "u:")}})
	}
	slices.SortFunc(els, func(a, b numbered) int { return a.n - b.n })
	var out []spokenElem
	for _, e := range els {
		out = append(out, e.e)
	}
	return out
}

// TestSpokenChanges: struck-out text (~~old clause~~) and a redline's
// deleted, inserted and reformatted text are each a Span whose /Alt
// says so in the document's language, "[deleted: old clause]" as the
// plain text writes it, so that a screen reader does not read a deleted
// clause as live text; struck or changed text inside one is labelled in
// its /Alt, and a redline's deleted code block says so on its Code.
// The words are still the text of the page and of the structure tree
// (pdftotext, pdfinfo -struct-text), struck-out Hebrew too, and
// a-3u,ua-1 passes our PDF/A-3U and PDF/UA-1 rules, qpdf and (as
// a-1b,ua-1) PDFBox Preflight. They were text of their paragraph, with
// no element and nothing said.
func TestSpokenChanges(t *testing.T) {
	change := func(k ast.ChangeKind, ins ...ast.Inline) *ast.Change { return &ast.Change{Kind: k, Inlines: ins} }
	strike := func(ins ...ast.Inline) *ast.Strikethrough { return &ast.Strikethrough{Inlines: ins} }
	doc := func(lang string, old, new string) *ast.Document {
		d := asttest.Doc(
			asttest.H(1, txt("Terms")),
			para(txt("We keep "), strike(txt("old clause")), txt(" data.")),
			para(txt("We keep data for "), change(ast.Deleted, txt(old)), change(ast.Inserted, txt(new)), txt(" years, "),
				change(ast.Reformatted, &ast.Emphasis{Inlines: []ast.Inline{txt("in")}}), txt(" the "),
				change(ast.Inserted, txt("EU "), strike(txt("only"))), txt(".")),
			&ast.CodeBlock{Text: "retain(5)\n", Change: ast.Deleted},
		)
		d.Meta.Title, d.Meta.Lang = "Terms", lang
		return d
	}
	for _, c := range []struct {
		lang, old, new string
	}{
		{"en", "five", "three"},
		{"de", "fünf", "drei"},
	} {
		lang := l10n.Match(c.lang)
		del, ins, fmtd := lang.Label(l10n.Deleted), lang.Label(l10n.Inserted), lang.Label(l10n.Reformatted)
		if c.lang != "en" && del == l10n.Match("en").Label(l10n.Deleted) {
			t.Fatalf("%s: the label %q is English", c.lang, del)
		}
		want := []spokenElem{
			{"Span", "[" + del + ": old clause]"},
			{"Span", "[" + del + ": " + c.old + "]"},
			{"Span", "[" + ins + ": " + c.new + "]"},
			{"Span", "[" + fmtd + ": in]"},
			{"Span", "[" + ins + ": EU [" + del + ": only]]"},
			{"Code", "[" + del + ": retain(5)]"},
		}
		data := render(t, pdf.Options{Standard: mustStandard(t, "a-3u,ua-1"), NoFooter: true}, doc(c.lang, c.old, c.new))
		file := writeTemp(t, data)
		if got := altElems(t, file); !slices.Equal(got, want) {
			t.Errorf("%s: elements with /Alt\n%q\nwant\n%q", c.lang, got, want)
		}
		// The words stay the text: on the page, in reading order, and
		// in the structure tree, inside each Span.
		text := strings.Join(strings.Fields(validate.PDFText(t, file)), " ")
		for _, w := range []string{"We keep old clause data.", "We keep data for " + c.old + " " + c.new + " years, in the EU only.", "retain(5)"} {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q not in the text %q", c.lang, w, text)
			}
		}
		tree := validate.PDFStructText(t, file)
		if got := structKids(tree, "Span"); strings.Join(got, " ") != `"old" "clause"` {
			t.Errorf("%s: the first Span holds %q, want the struck words:\n%s", c.lang, got, tree)
		}
		validate.QPDFCheck(t, file)
		for _, p := range []pdfrules.Profile{pdfrules.PDFA3U, pdfrules.PDFUA1} {
			if vs := pdfrules.Check(data, p); len(vs) > 0 {
				t.Errorf("%s: %s: %v", c.lang, p, vs)
			}
		}
		if p := validate.PreflightA1b(t, writeTemp(t, render(t, pdf.Options{Standard: mustStandard(t, "a-1b,ua-1")}, doc(c.lang, c.old, c.new)))); !p.Valid {
			t.Errorf("%s: a-1b,ua-1: Preflight: %v", c.lang, p.Errors)
		}
	}
	// Struck-out Hebrew is read as written: its content is not marked
	// /Span, whose /ActualText poppler takes and reorders a second time
	// ("ףיעס", the next word on a line of its own).
	he := asttest.Doc(para(txt("אנו שומרים "), strike(txt("סעיף ישן")), txt(" נתונים.")))
	he.Meta.Lang = "he"
	text := validate.PDFText(t, writeTemp(t, render(t, pdf.Options{NoFooter: true}, he)))
	text = strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if bidi.IsControl(r) {
			return -1
		}
		return r
	}, text)), " ")
	if want := "אנו שומרים סעיף ישן נתונים."; text != want {
		t.Errorf("Hebrew: the text %q, want %q", text, want)
	}
}

// TestSpokenLinkContents: a link in struck-out or changed text, which a
// screen reader reaches with Tab and names by its annotation's
// /Contents (the Span's /Alt is not read there), says what it is in
// the document's language: "[deleted: the terms]", as does a footnote
// reference ("[inserted: Footnote 1]"); a link elsewhere says its text
// alone. They said "the terms", as a live link.
func TestSpokenLinkContents(t *testing.T) {
	link := func(s string) *ast.Link {
		return &ast.Link{Destination: "https://example.com/" + s, Inlines: []ast.Inline{txt(s)}}
	}
	for _, c := range []string{"en", "de"} {
		lang := l10n.Match(c)
		doc := asttest.Doc(
			para(txt("Read "), link("live"), txt(" and "), &ast.Strikethrough{Inlines: []ast.Inline{link("struck")}}, txt(".")),
			para(&ast.Change{Kind: ast.Deleted, Inlines: []ast.Inline{txt("See "), link("old")}},
				&ast.Change{Kind: ast.Inserted, Inlines: []ast.Inline{txt("See "), link("new"), &ast.FootnoteRef{Index: 1, Label: "a"}}}),
			&ast.FootnoteDefinition{Index: 1, Label: "a", Blocks: []ast.Block{para(txt("Note."))}},
		)
		doc.Meta.Title, doc.Meta.Lang = "Terms", c
		data := render(t, pdf.Options{Standard: mustStandard(t, "a-3u,ua-1"), Links: pdf.LinksNone, NoFooter: true}, doc)
		var got []string
		for _, a := range linkAnnotations(t, writeTemp(t, data)) {
			got = append(got, strings.TrimPrefix(a.Contents, "u:"))
		}
		del, ins := lang.Label(l10n.Deleted), lang.Label(l10n.Inserted)
		want := []string{"live", "[" + del + ": struck]", "[" + del + ": old]", "[" + ins + ": new]",
			"[" + ins + ": " + lang.Numbered(l10n.FootnoteRef, 1) + "]", lang.Numbered(l10n.BackToReference, 1)}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: link /Contents\n%q\nwant\n%q", c, got, want)
		}
		if vs := pdfrules.Check(data, pdfrules.PDFUA1); len(vs) > 0 {
			t.Errorf("%s: PDF/UA-1: %v", c, vs)
		}
	}
}

// TestCodeBlockTags checks that a code block is tagged as ISO 32000-1
// intends: Code is an inline-level structure type (§14.8.4.4), so a block
// of code is a P holding one Code, at the top level and in a list item,
// never a Code directly under Document or LBody (Matterhorn 01-006); the
// text and the PDF/UA-1 and PDF/A checks are unchanged.
func TestCodeBlockTags(t *testing.T) {
	d := asttest.Doc(
		asttest.H(1, txt("Terms")),
		para(txt("Text.")),
		&ast.CodeBlock{Text: "func a() {}\n"},
		asttest.Bullets(false, asttest.Item(para(txt("item")), &ast.CodeBlock{Text: "x := 1\n"})),
	)
	d.Meta.Title, d.Meta.Lang = "Terms", "en"
	data := render(t, pdf.Options{Standard: mustStandard(t, "a-3u,ua-1"), NoFooter: true}, d)
	file := writeTemp(t, data)
	tree := validate.PDFStructText(t, file)
	for _, role := range []string{"Document", "LBody"} {
		if got := structKids(tree, role); slices.Contains(got, "Code") {
			t.Errorf("%s holds a Code (an inline-level element) directly: %q\n%s", role, got, tree)
		}
	}
	if got := regexp.MustCompile(`(?m)^( *)P \(block\)\n {2}( *)Code \(inline\)\n *"(.*)"$`).FindAllStringSubmatch(tree, -1); len(got) != 2 || got[0][3] != "func a() {}" || got[1][3] != "x := 1" {
		t.Errorf("want each code block as a P holding a Code, got %q:\n%s", got, tree)
	}
	text := validate.PDFText(t, file)
	for _, w := range []string{"func a() {}", "x := 1"} {
		if !strings.Contains(text, w) {
			t.Errorf("%q not in the text %q", w, text)
		}
	}
	validate.QPDFCheck(t, file)
	for _, p := range []pdfrules.Profile{pdfrules.PDFA3U, pdfrules.PDFUA1} {
		if vs := pdfrules.Check(data, p); len(vs) > 0 {
			t.Errorf("%s: %v", p, vs)
		}
	}
	if p := validate.PreflightA1b(t, writeTemp(t, render(t, pdf.Options{Standard: mustStandard(t, "a-1b,ua-1")}, d))); !p.Valid {
		t.Errorf("a-1b,ua-1: Preflight: %v", p.Errors)
	}
}
