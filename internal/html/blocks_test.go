package html

import (
	"strconv"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// blockCase is one block-level rendering case: the same document in
// fragment mode and in CommonMark mode.
type blockCase struct {
	name     string
	doc      *ast.Document
	fragment string
	cm       string
}

func runBlockCases(t *testing.T, cases []blockCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := render(t, c.doc, fragment); got != c.fragment {
				t.Errorf("fragment:\ngot  %q\nwant %q", got, c.fragment)
			}
			if got := render(t, c.doc, commonMark); got != c.cm {
				t.Errorf("CommonMark:\ngot  %q\nwant %q", got, c.cm)
			}
		})
	}
}

func TestHeading(t *testing.T) {
	runBlockCases(t, []blockCase{
		{
			name:     "with id",
			doc:      blocks(&ast.Heading{Level: 2, ID: "scope", Inlines: []ast.Inline{text("Scope")}}),
			fragment: `<h2 id="scope">Scope<a class="anchor" href="#scope" aria-hidden="true" tabindex="-1">#</a></h2>` + "\n",
			cm:       "<h2>Scope</h2>\n",
		},
		{
			name:     "without id",
			doc:      blocks(&ast.Heading{Level: 6, Inlines: []ast.Inline{text("Six")}}),
			fragment: "<h6>Six</h6>\n",
			cm:       "<h6>Six</h6>\n",
		},
		{
			name:     "id needing escapes",
			doc:      blocks(&ast.Heading{Level: 1, ID: `a"b&ü`, Inlines: []ast.Inline{text("X")}}),
			fragment: `<h1 id="a&quot;b&amp;ü">X<a class="anchor" href="#a%22b&amp;%C3%BC" aria-hidden="true" tabindex="-1">#</a></h1>` + "\n",
			cm:       "<h1>X</h1>\n",
		},
		{
			name:     "level out of range",
			doc:      blocks(&ast.Heading{Level: 9, Inlines: []ast.Inline{text("X")}}),
			fragment: "<h6>X</h6>\n",
			cm:       "<h6>X</h6>\n",
		},
	})
}

func TestParagraph(t *testing.T) {
	runBlockCases(t, []blockCase{
		{
			name:     "plain",
			doc:      blocks(para(text("a")), para(text("b"))),
			fragment: "<p>a</p>\n<p>b</p>\n",
			cm:       "<p>a</p>\n<p>b</p>\n",
		},
		{
			name:     "empty",
			doc:      blocks(para()),
			fragment: "<p></p>\n",
			cm:       "<p></p>\n",
		},
	})
}

func TestList(t *testing.T) {
	runBlockCases(t, []blockCase{
		{
			name: "tight bullet",
			doc: blocks(&ast.List{Marker: '-', Tight: true, Items: []*ast.ListItem{
				item(para(text("a"))), item(para(text("b"))),
			}}),
			fragment: "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n",
			cm:       "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n",
		},
		{
			name: "loose ordered from 3",
			doc: blocks(&ast.List{Ordered: true, Start: 3, Marker: '.', Items: []*ast.ListItem{
				item(para(text("a"))), item(para(text("b")), para(text("c"))),
			}}),
			fragment: "<ol start=\"3\">\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n<p>c</p>\n</li>\n</ol>\n",
			cm:       "<ol start=\"3\">\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n<p>c</p>\n</li>\n</ol>\n",
		},
		{
			name:     "ordered from 1 and 0",
			doc:      blocks(&ast.List{Ordered: true, Start: 1, Tight: true, Items: []*ast.ListItem{item()}}, &ast.List{Ordered: true, Start: 0, Tight: true, Items: []*ast.ListItem{item()}}),
			fragment: "<ol>\n<li></li>\n</ol>\n<ol start=\"0\">\n<li></li>\n</ol>\n",
			cm:       "<ol>\n<li></li>\n</ol>\n<ol start=\"0\">\n<li></li>\n</ol>\n",
		},
		{
			name: "tight nested and non-paragraph first",
			doc: blocks(&ast.List{Tight: true, Items: []*ast.ListItem{
				item(para(text("a")), &ast.List{Tight: true, Items: []*ast.ListItem{item(para(text("b")))}}),
				item(&ast.CodeBlock{Text: "x\n"}, para(text("c"))),
			}}),
			fragment: "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n<li>\n<pre role=\"region\" tabindex=\"0\" aria-label=\"Code\"><code>x\n</code></pre>\nc</li>\n</ul>\n",
			cm:       "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n<li>\n<pre><code>x\n</code></pre>\nc</li>\n</ul>\n",
		},
		{
			name: "tasks tight",
			doc: blocks(&ast.List{Tight: true, Items: []*ast.ListItem{
				{Task: ast.TaskOpen, Blocks: []ast.Block{para(text("todo"))}},
				{Task: ast.TaskDone, Blocks: []ast.Block{para(text("done"))}},
			}}),
			fragment: "<ul>\n<li class=\"task\"><label><input type=\"checkbox\" disabled> todo</label></li>\n<li class=\"task\"><label><input type=\"checkbox\" checked disabled> done</label></li>\n</ul>\n",
			cm:       "<ul>\n<li><input disabled=\"\" type=\"checkbox\" /> todo</li>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\" /> done</li>\n</ul>\n",
		},
		{
			name: "tasks loose and without paragraph",
			doc: blocks(&ast.List{Items: []*ast.ListItem{
				{Task: ast.TaskDone, Blocks: []ast.Block{para(text("done"))}},
				{Task: ast.TaskOpen},
			}}),
			fragment: "<ul>\n<li class=\"task\">\n<p><label><input type=\"checkbox\" checked disabled> done</label></p>\n</li>\n<li class=\"task\"><input type=\"checkbox\" disabled> </li>\n</ul>\n",
			cm:       "<ul>\n<li>\n<p><input checked=\"\" disabled=\"\" type=\"checkbox\" /> done</p>\n</li>\n<li><input disabled=\"\" type=\"checkbox\" /> </li>\n</ul>\n",
		},
	})
}

func TestBlockQuote(t *testing.T) {
	runBlockCases(t, []blockCase{
		{
			name:     "nested",
			doc:      blocks(&ast.BlockQuote{Blocks: []ast.Block{para(text("a")), &ast.BlockQuote{}}}),
			fragment: "<blockquote>\n<p>a</p>\n<blockquote>\n</blockquote>\n</blockquote>\n",
			cm:       "<blockquote>\n<p>a</p>\n<blockquote>\n</blockquote>\n</blockquote>\n",
		},
	})
}

func TestCodeBlock(t *testing.T) {
	runBlockCases(t, []blockCase{
		{
			name:     "language and escaping",
			doc:      blocks(&ast.CodeBlock{Language: `c"++`, Text: "if a < b && c > \"d\" {\n\n}\n"}),
			fragment: "<pre role=\"region\" tabindex=\"0\" aria-label=\"Code\"><code class=\"language-c&quot;++\">if a &lt; b &amp;&amp; c &gt; &quot;d&quot; {\n\n}\n</code></pre>\n",
			cm:       "<pre><code class=\"language-c&quot;++\">if a &lt; b &amp;&amp; c &gt; &quot;d&quot; {\n\n}\n</code></pre>\n",
		},
		{
			name:     "empty",
			doc:      blocks(&ast.CodeBlock{}),
			fragment: "<pre role=\"region\" tabindex=\"0\" aria-label=\"Code\"><code></code></pre>\n",
			cm:       "<pre><code></code></pre>\n",
		},
	})
}

func TestThematicBreak(t *testing.T) {
	runBlockCases(t, []blockCase{
		{name: "hr", doc: blocks(&ast.ThematicBreak{}), fragment: "<hr>\n", cm: "<hr />\n"},
	})
}

func TestTable(t *testing.T) {
	cell := func(s string) *ast.TableCell { return &ast.TableCell{Inlines: []ast.Inline{text(s)}} }
	runBlockCases(t, []blockCase{
		{
			name: "aligned",
			doc: blocks(&ast.Table{
				Align:  []ast.Alignment{ast.AlignNone, ast.AlignLeft, ast.AlignCenter, ast.AlignRight},
				Header: []*ast.TableCell{cell("a"), cell("b"), cell("c"), cell("d")},
				Rows:   [][]*ast.TableCell{{cell("1"), cell("2"), cell("3"), {}}},
			}),
			fragment: "<div class=\"table\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th style=\"text-align: left\">b</th>\n<th style=\"text-align: center\">c</th>\n<th style=\"text-align: right\">d</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td style=\"text-align: left\">2</td>\n<td style=\"text-align: center\">3</td>\n<td style=\"text-align: right\"></td>\n</tr>\n</tbody>\n</table>\n</div>\n",
			cm:       "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"left\">b</th>\n<th align=\"center\">c</th>\n<th align=\"right\">d</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td align=\"left\">2</td>\n<td align=\"center\">3</td>\n<td align=\"right\"></td>\n</tr>\n</tbody>\n</table>\n",
		},
		{
			name:     "header only, ragged",
			doc:      blocks(&ast.Table{Header: []*ast.TableCell{cell("a"), {}}}),
			fragment: "<div class=\"table\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th></th>\n</tr>\n</thead>\n</table>\n</div>\n",
			cm:       "<table>\n<thead>\n<tr>\n<th>a</th>\n<th></th>\n</tr>\n</thead>\n</table>\n",
		},
	})
}

func TestHTMLBlock(t *testing.T) {
	doc := blocks(&ast.HTMLBlock{Text: "<div>\n<b>x</b>\n</div>\n"})
	if got, want := render(t, doc, fragment), "<!-- raw HTML omitted -->\n"; got != want {
		t.Errorf("safe: got %q, want %q", got, want)
	}
	for _, opts := range []Options{{Fragment: true, UnsafeHTML: true}, commonMark} {
		if got, want := render(t, doc, opts), "<div>\n<b>x</b>\n</div>\n"; got != want {
			t.Errorf("%+v: got %q, want %q", opts, got, want)
		}
	}
}

// TestFootnotes: footnote references, the list of notes and the back
// links, with pandoc's roles (doc-noteref, doc-endnotes, doc-backlink)
// and labels in the document's language, so that a screen reader says
// "Footnote 1" where the page shows a raised 1.
func TestFootnotes(t *testing.T) {
	doc := blocks(
		para(text("a"), &ast.FootnoteRef{Index: 1, Label: "x"}, text(" b"), &ast.FootnoteRef{Index: 2, Label: "y"},
			text(" c"), &ast.FootnoteRef{Index: 1, Label: "x"}, &ast.FootnoteRef{Index: 7, Label: "missing"}),
		&ast.FootnoteDefinition{Index: 1, Label: "x", Blocks: []ast.Block{para(text("one"))}},
		&ast.FootnoteDefinition{Index: 2, Label: "y", Blocks: []ast.Block{para(text("two")), &ast.CodeBlock{Text: "c\n"}}},
		&ast.FootnoteDefinition{Index: 4, Label: "z", Blocks: []ast.Block{para(text("unreferenced"))}},
	)
	want := `<p>a<sup><a href="#fn-1" id="fnref-1" role="doc-noteref" aria-label="Footnote 1">1</a></sup> b<sup><a href="#fn-2" id="fnref-2" role="doc-noteref" aria-label="Footnote 2">2</a></sup> c<sup><a href="#fn-1" id="fnref-1-2" role="doc-noteref" aria-label="Footnote 1">1</a></sup><sup>7</sup></p>
<section class="footnotes" role="doc-endnotes" aria-label="Footnotes">
<ol>
<li id="fn-1">
<p>one <a href="#fnref-1" class="footnote-backref" role="doc-backlink" aria-label="Back to reference 1">` + "\u21a9\ufe0e" + `</a> <a href="#fnref-1-2" class="footnote-backref" role="doc-backlink" aria-label="Back to reference 1 (2)">` + "\u21a9\ufe0e" + `<sup>2</sup></a></p>
</li>
<li id="fn-2">
<p>two</p>
<pre role="region" tabindex="0" aria-label="Code"><code>c
</code></pre>
<p> <a href="#fnref-2" class="footnote-backref" role="doc-backlink" aria-label="Back to reference 2">` + "\u21a9\ufe0e" + `</a></p>
</li>
<li id="fn-4" value="4">
<p>unreferenced</p>
</li>
</ol>
</section>
`
	if got := render(t, doc, fragment); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestFootnoteLabelsLanguage: what a screen reader says of a footnote
// reference and its back link is in the document's language, as the
// PDF's link texts are.
func TestFootnoteLabelsLanguage(t *testing.T) {
	doc := blocks(para(text("Text"), &ast.FootnoteRef{Index: 1}), &ast.FootnoteDefinition{Index: 1, Blocks: []ast.Block{para(text("Anmerkung"))}})
	doc.Meta.Lang = "de"
	got := render(t, doc, fragment)
	for _, want := range []string{`role="doc-noteref" aria-label="Fußnote 1"`, `aria-label="Fußnoten"`, `role="doc-backlink" aria-label="Zurück zum Verweis 1"`} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in:\n%s", want, got)
		}
	}
}

func TestFootnoteIDsAvoidHeadingIDs(t *testing.T) {
	doc := blocks(
		&ast.Heading{Level: 2, ID: "fn-1", Inlines: []ast.Inline{text("Fn 1")}},
		&ast.Heading{Level: 2, ID: "fn2ref-1", Inlines: []ast.Inline{text("x")}},
		para(&ast.FootnoteRef{Index: 1}),
		&ast.FootnoteDefinition{Index: 1, Blocks: []ast.Block{para(text("n"))}},
	)
	got := render(t, doc, fragment)
	for _, want := range []string{`href="#fn3-1" id="fn3ref-1"`, `<li id="fn3-1">`, `href="#fn3ref-1"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	assertUniqueIDs(t, got)
}

func TestTOC(t *testing.T) {
	h := func(level int, id, s string) *ast.Heading {
		return &ast.Heading{Level: level, ID: id, Inlines: []ast.Inline{text(s)}}
	}
	doc := blocks(
		para(text("intro")),
		h(1, "title", "Title"),
		h(2, "a", "A"),
		h(4, "a1", "A <1>"),
		h(3, "a2", "A2"),
		h(2, "", "no id"),
		&ast.BlockQuote{Blocks: []ast.Block{h(2, "nested", "nested")}},
		h(2, "b", "B"),
		h(1, "second", "Second"),
	)
	got := render(t, doc, Options{Fragment: true, TOC: true})
	want := `<p>intro</p>
<h1 id="title">Title<a class="anchor" href="#title" aria-hidden="true" tabindex="-1">#</a></h1>
<nav class="toc" aria-label="Table of contents">
<ul>
<li><a href="#a">A</a>
<ul>
<li><a href="#a1">A &lt;1&gt;</a></li>
<li><a href="#a2">A2</a></li>
</ul>
</li>
<li><a href="#b">B</a></li>
<li><a href="#second">Second</a></li>
</ul>
</nav>
<h2 id="a">`
	if !strings.HasPrefix(got, want) {
		t.Errorf("got:\n%s\nwant prefix:\n%s", got, want)
	}
	if n := strings.Count(got, "<nav"); n != 1 {
		t.Errorf("%d <nav> elements, want 1", n)
	}

	// Without a level-1 heading the table goes first; in CommonMark mode
	// there is none.
	doc = blocks(para(text("x")), h(2, "a", "A"))
	got = render(t, doc, Options{Fragment: true, TOC: true})
	if !strings.HasPrefix(got, `<nav class="toc" aria-label="Table of contents">`+"\n<ul>\n<li><a href=\"#a\">A</a></li>\n</ul>\n</nav>\n<p>x</p>") {
		t.Errorf("TOC without H1:\n%s", got)
	}
	if got := render(t, doc, Options{CommonMark: true, TOC: true}); strings.Contains(got, "<nav") {
		t.Errorf("TOC in CommonMark mode:\n%s", got)
	}
	if got := render(t, doc, fragment); strings.Contains(got, "<nav") {
		t.Errorf("TOC without Options.TOC:\n%s", got)
	}

	// A fragment leaves out the title block, which the page it goes
	// into shows; its table of contents goes first, as without a
	// level-1 heading. A standalone page keeps it.
	title := h(1, "policy", "Policy")
	title.TitleBlock = true
	doc = blocks(title, h(2, "a", "A"), para(text("x")))
	got = render(t, doc, Options{Fragment: true, TOC: true})
	if !strings.HasPrefix(got, `<nav class="toc" aria-label="Table of contents">`+"\n<ul>\n<li><a href=\"#a\">A</a></li>\n</ul>\n</nav>\n<h2") || strings.Contains(got, "<h1") {
		t.Errorf("fragment with a title block:\n%s", got)
	}
	if got := render(t, doc, Options{TOC: true}); !strings.Contains(got, `<h1 id="policy">`) {
		t.Errorf("page with a title block has no h1:\n%s", got)
	}
}

func TestHeadingOutline(t *testing.T) {
	var bs []ast.Block
	for _, l := range []int{3, 5, 2, 4, 6, 5, 1, 3, 3, 2, 4} {
		bs = append(bs, &ast.Heading{Level: l, Inlines: []ast.Inline{text("h" + strconv.Itoa(l))}})
	}
	doc := blocks(bs...)
	want := "<h3>h3</h3>\n<h4>h5</h4>\n<h2>h2</h2>\n<h3>h4</h3>\n<h4>h6</h4>\n<h4>h5</h4>\n" +
		"<h1>h1</h1>\n<h2>h3</h2>\n<h2>h3</h2>\n<h2>h2</h2>\n<h3>h4</h3>\n"
	if got := render(t, doc, fragment); got != want {
		t.Errorf("fragment:\ngot  %q\nwant %q", got, want)
	}
	// CommonMark mode keeps the levels as written.
	got := render(t, doc, commonMark)
	if !strings.HasPrefix(got, "<h3>h3</h3>\n<h5>h5</h5>\n") {
		t.Errorf("CommonMark: %q", got)
	}
}
