package jsondoc_test

import (
	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

// This file builds the hand-made documents the tests render besides
// asttest.Everything, and the canonical form that Decode is expected to
// return.

// nodeTypes is every "type" the format has.
var nodeTypes = []string{
	"heading", "paragraph", "list", "listItem", "blockQuote", "codeBlock",
	"thematicBreak", "table", "htmlBlock", "footnoteDefinition",
	"text", "emphasis", "strong", "strikethrough", "code", "link", "image",
	"softBreak", "hardBreak", "rawHtml", "footnoteRef", "change",
}

// privacyDoc is a privacy-policy-like document that, beyond what
// asttest.Everything holds, has every metadata field, values, every list
// marker kind, an empty list item, an empty list and an empty heading, so
// that its golden pins how each is written.
func privacyDoc() *ast.Document {
	return &ast.Document{
		Meta: ast.Meta{
			Title:       "Privacy Policy",
			Lang:        "en-GB",
			Description: "How Example Ltd & Co. handles your personal data.",
			Author:      "Example Ltd & Co.",
			Subject:     "Privacy",
			Keywords:    []string{"privacy", "GDPR", "cookies"},
			Date:        "2026-11-28",
		},
		Values: map[string]string{
			"email":   "privacy@example.com",
			"company": "Example Ltd & Co.",
			"city":    "Zürich",
			"Country": "Schweiz — Suisse",
		},
		Blocks: []ast.Block{
			// The title block: the front matter's title as the first heading.
			&ast.Heading{Level: 1, ID: "privacy-policy", TitleBlock: true, Inlines: []ast.Inline{asttest.T("Privacy Policy")}, At: ast.Pos{Line: 2, Col: 8}},
			asttest.P(
				asttest.T("We, "),
				asttest.Strong(asttest.T("Example Ltd & Co.")),
				asttest.T(", respect "),
				asttest.Em(asttest.T("your")),
				asttest.T(" privacy"),
				&ast.SoftBreak{},
				asttest.T("under "),
				&ast.Link{Destination: "https://gdpr.eu/?a=1&b=2", Title: "GDPR", Inlines: []ast.Inline{asttest.T("the GDPR")}},
				asttest.T("."),
				&ast.FootnoteRef{Index: 1, Label: "gdpr"},
				&ast.HardBreak{},
				&ast.Code{Text: "cookie_id", At: ast.Pos{Line: 4, Col: 2}},
				asttest.T(" "),
				asttest.Strike(asttest.T("old terms")),
				asttest.T(" "),
				&ast.Image{Destination: "logo.png", Title: "Logo", Alt: "Example logo", At: ast.Pos{Line: 4, Col: 9}},
				&ast.RawHTML{Text: "<br>", At: ast.Pos{Line: 4, Col: 20}},
			),
			&ast.Heading{Level: 2, Inlines: []ast.Inline{asttest.T("What we collect")}},
			&ast.List{Marker: '-', Tight: true, At: ast.Pos{Line: 12, Col: 1}, Items: []*ast.ListItem{
				{Task: ast.TaskOpen, Blocks: []ast.Block{asttest.P(asttest.T("Name"))}, At: ast.Pos{Line: 12, Col: 1}},
				{Task: ast.TaskDone, Blocks: []ast.Block{asttest.P(asttest.T("Email"))}},
				{Blocks: []ast.Block{
					asttest.P(asttest.T("Address")),
					&ast.List{Ordered: true, Start: 3, Marker: ')', Items: []*ast.ListItem{
						{Blocks: []ast.Block{asttest.P(asttest.T("Street"))}},
						{}, // an empty item
					}},
				}},
			}},
			&ast.BlockQuote{At: ast.Pos{Line: 20, Col: 1}, Blocks: []ast.Block{
				asttest.P(asttest.T("Quoted")),
				&ast.List{Marker: '*', Tight: true, Items: []*ast.ListItem{{Blocks: []ast.Block{asttest.P(asttest.T("inside"))}}}},
			}},
			&ast.CodeBlock{Language: "json", Text: "{\"a\": 1}\n", At: ast.Pos{Line: 25, Col: 1}},
			&ast.CodeBlock{Text: "plain\n  indented\n"},
			&ast.ThematicBreak{At: ast.Pos{Line: 30, Col: 1}},
			&ast.Table{
				Align:  []ast.Alignment{ast.AlignNone, ast.AlignLeft, ast.AlignCenter, ast.AlignRight},
				Header: []*ast.TableCell{asttest.Cell(asttest.T("Data")), asttest.Cell(asttest.T("Purpose")), asttest.Cell(asttest.T("Basis")), asttest.Cell(asttest.T("Months"))},
				Rows: [][]*ast.TableCell{
					{asttest.Cell(asttest.T("Name")), asttest.Cell(asttest.T("Contract")), asttest.Cell(asttest.Em(asttest.T("Art. 6(1)(b)"))), asttest.Cell(asttest.T("24"))},
					{asttest.Cell(asttest.T("Logs")), asttest.Cell(), asttest.Cell(asttest.T("Interest")), asttest.Cell(&ast.Code{Text: "3"})},
				},
				At: ast.Pos{Line: 32, Col: 1},
			},
			&ast.HTMLBlock{Text: "<div class=\"note\">\n</div>\n", At: ast.Pos{Line: 40, Col: 1}},
			&ast.List{Ordered: true, Start: 1, Marker: '.', Items: []*ast.ListItem{{Blocks: []ast.Block{asttest.P(asttest.T("First"))}}}},
			&ast.List{Start: 0, Tight: true}, // no marker known, no items
			asttest.P(&ast.Change{Kind: ast.Deleted, ID: "change-1", Inlines: []ast.Inline{asttest.T("five")}},
				&ast.Change{Kind: ast.Inserted, Inlines: []ast.Inline{asttest.T("three")}},
				&ast.Change{Kind: ast.Reformatted, Inlines: []ast.Inline{asttest.Em(asttest.T("years"))}}),
			&ast.CodeBlock{Text: "old\n  indented\n", Change: ast.Deleted, ChangeID: "change-2"},
			&ast.Heading{Level: 6, ID: "empty"},
			asttest.P(&ast.Image{Destination: "spacer.gif"}),
			&ast.FootnoteDefinition{Index: 1, Label: "gdpr", At: ast.Pos{Line: 50, Col: 1}, Blocks: []ast.Block{
				asttest.P(asttest.T("General Data Protection Regulation.")),
			}},
		},
	}
}

// stringsDoc holds strings that need escaping, or that must not be
// escaped: markup characters, quotes, control characters, line separators
// and text outside the BMP.
func stringsDoc() *ast.Document {
	return &ast.Document{
		Meta: ast.Meta{Title: "Terms & <Conditions>"},
		Values: map[string]string{
			"ä":     "umlaut key",
			"alpha": "lower",
			"Zeta":  "upper",
			"":      "empty name",
		},
		Blocks: []ast.Block{
			asttest.P(
				asttest.T("<script>alert('&amp;')</script>"),
				asttest.T("line\u2028separator\u2029paragraph"),
				asttest.T("tab\there \"quoted\" back\\slash\nnew line\r\n"),
				asttest.T("\x00\x01\x08\x0c\x1f\x7f"),
				asttest.T("emoji 😀, ü, 中文, \u00a0nbsp, \ufeffbom"),
				asttest.T(""),
			),
			&ast.CodeBlock{Language: "c++", Text: "if (a < b && c > d) {}\n"},
		},
	}
}

// canonical changes doc, in place, into the form Decode returns: zero
// positions, and nil for every empty slice and map.
func canonical(doc *ast.Document) *ast.Document {
	if len(doc.Values) == 0 {
		doc.Values = nil
	}
	if len(doc.Meta.Keywords) == 0 {
		doc.Meta.Keywords = nil
	}
	doc.Blocks = canonicalBlocks(doc.Blocks)
	return doc
}

func canonicalBlocks(bs []ast.Block) []ast.Block {
	if len(bs) == 0 {
		return nil
	}
	for _, b := range bs {
		switch n := b.(type) {
		case *ast.Heading:
			n.At = ast.Pos{}
			n.Inlines = canonicalInlines(n.Inlines)
		case *ast.Paragraph:
			n.At = ast.Pos{}
			n.Inlines = canonicalInlines(n.Inlines)
		case *ast.List:
			n.At = ast.Pos{}
			if len(n.Items) == 0 {
				n.Items = nil
			}
			for _, it := range n.Items {
				it.At = ast.Pos{}
				it.Blocks = canonicalBlocks(it.Blocks)
			}
		case *ast.BlockQuote:
			n.At = ast.Pos{}
			n.Blocks = canonicalBlocks(n.Blocks)
		case *ast.CodeBlock:
			n.At = ast.Pos{}
		case *ast.ThematicBreak:
			n.At = ast.Pos{}
		case *ast.Table:
			n.At = ast.Pos{}
			if len(n.Align) == 0 {
				n.Align = nil
			}
			n.Header = canonicalRow(n.Header)
			if len(n.Rows) == 0 {
				n.Rows = nil
			}
			for i := range n.Rows {
				n.Rows[i] = canonicalRow(n.Rows[i])
			}
		case *ast.HTMLBlock:
			n.At = ast.Pos{}
		case *ast.FootnoteDefinition:
			n.At = ast.Pos{}
			n.Blocks = canonicalBlocks(n.Blocks)
		}
	}
	return bs
}

func canonicalRow(row []*ast.TableCell) []*ast.TableCell {
	if len(row) == 0 {
		return nil
	}
	for _, c := range row {
		c.Inlines = canonicalInlines(c.Inlines)
	}
	return row
}

func canonicalInlines(ins []ast.Inline) []ast.Inline {
	if len(ins) == 0 {
		return nil
	}
	for _, in := range ins {
		switch n := in.(type) {
		case *ast.Text:
			n.At = ast.Pos{}
		case *ast.Code:
			n.At = ast.Pos{}
		case *ast.Image:
			n.At = ast.Pos{}
		case *ast.RawHTML:
			n.At = ast.Pos{}
		case *ast.Emphasis:
			n.Inlines = canonicalInlines(n.Inlines)
		case *ast.Strong:
			n.Inlines = canonicalInlines(n.Inlines)
		case *ast.Strikethrough:
			n.Inlines = canonicalInlines(n.Inlines)
		case *ast.Link:
			n.Inlines = canonicalInlines(n.Inlines)
		case *ast.Change:
			n.Inlines = canonicalInlines(n.Inlines)
		}
	}
	return ins
}
