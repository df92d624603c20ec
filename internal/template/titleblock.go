package template

import (
	"strings"
	"unicode"

	"github.com/policyexport/policyexport/internal/ast"
)

// The title block is the document title shown as its first heading, as
// pandoc -s shows a title block and a Jekyll or Hugo layout shows the
// page's title as its h1: a template whose front matter gives "title:"
// and whose body starts at "##" (a policy kept in a static site) would
// otherwise show its title nowhere on the page, and its PDF would tag
// the first "##" as H1 and skip a level after it.
//
// Fill adds it when the front matter has a title, the filled title is
// not empty, the body has no level-1 heading anywhere (a body with one
// has its own title, and gets no second), and FillOptions.NoTitleBlock
// is false. It is an ast.Heading of level 1 with TitleBlock set, whose
// one ast.Text is the filled title with its line breaks and tabs as
// spaces, at the front matter's title position (FrontMatter.TitlePos),
// so that every error and warning about it points there. Its id is
// made from its text like any heading's, after the body's headings
// have theirs: a body heading keeps the id it has without the title
// block, so links to it stay good, and the title block takes the next
// free one ("privacy-policy-1" when "## Privacy Policy" has
// "privacy-policy").

// addsTitleBlock reports whether Fill with opts adds a title block for
// the filled title title.
func (t *Template) addsTitleBlock(title string, opts FillOptions) bool {
	if opts.NoTitleBlock || !t.meta.HasTitle || title == "" {
		return false
	}
	h1 := false
	ast.WalkHeadings(t.blocks, func(h *ast.Heading) bool {
		h1 = h.Level == 1
		return !h1
	})
	return !h1
}

// titleBlock returns the title block for the filled title title, without
// its leading and trailing space. isolates are the byte ranges of title
// that are values whose direction is not the document's: each is a text
// of its own marked for isolation (ast.Text.Isolate), as a value in the
// body, so that "title: {company} 2026" with a Hebrew company in an
// English document does not show "2026 שלום".
func (t *Template) titleBlock(title string, isolates [][2]int) *ast.Heading {
	pos := t.frontMatter.TitlePos
	h := &ast.Heading{Level: 1, TitleBlock: true, At: pos}
	start := len(title) - len(strings.TrimLeftFunc(title, unicode.IsSpace))
	end := len(strings.TrimRightFunc(title, unicode.IsSpace))
	add := func(from, to int, isolate bool) {
		from, to = max(from, start), min(to, end)
		if from < to {
			h.Inlines = append(h.Inlines, &ast.Text{Text: titleLine.Replace(title[from:to]), At: pos, Isolate: isolate})
		}
	}
	last := 0
	for _, r := range isolates {
		add(last, r[0], false)
		add(r[0], r[1], true)
		last = r[1]
	}
	add(last, len(title), false)
	return h
}

// titleLine writes a title's line breaks and tabs as spaces: a YAML
// block scalar may hold them, and a heading is one line.
var titleLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")
