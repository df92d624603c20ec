package jsondoc_test

import (
	"github.com/policyexport/policyexport/internal/ast"
)

// This file builds the hand-made documents the tests render, and the
// canonical form that Decode is expected to return.

// nodeTypes is every "type" the format has.
var nodeTypes = []string{
	"heading", "paragraph", "list", "listItem", "blockQuote", "codeBlock",
	"thematicBreak", "table", "htmlBlock", "footnoteDefinition",
	"text", "emphasis", "strong", "strikethrough", "code", "link", "image",
	"softBreak", "hardBreak", "rawHtml", "footnoteRef",
}

func txt(s string) *ast.Text { return &ast.Text{Text: s, At: ast.Pos{Line: 7, Col: 3}} }

func para(ins ...ast.Inline) *ast.Paragraph {
	return &ast.Paragraph{Inlines: ins, At: ast.Pos{Line: 9, Col: 1}}
}

func cell(ins ...ast.Inline) *ast.TableCell { return &ast.TableCell{Inlines: ins} }

// everyNode is a privacy-policy-like document that uses every node kind,
// every list marker kind, every task state and every alignment, with
// positions set so that the tests can see they are not written.
func everyNode() *ast.Document {
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
			&ast.Heading{Level: 1, ID: "privacy-policy", Inlines: []ast.Inline{txt("Privacy Policy")}, At: ast.Pos{Line: 1, Col: 1}},
			para(
				txt("We, "),
				&ast.Strong{Inlines: []ast.Inline{txt("Example Ltd & Co.")}},
				txt(", respect "),
				&ast.Emphasis{Inlines: []ast.Inline{txt("your")}},
				txt(" privacy"),
				&ast.SoftBreak{},
				txt("under "),
				&ast.Link{Destination: "https://gdpr.eu/?a=1&b=2", Title: "GDPR", Inlines: []ast.Inline{txt("the GDPR")}},
				txt("."),
				&ast.FootnoteRef{Index: 1, Label: "gdpr"},
				&ast.HardBreak{},
				&ast.Code{Text: "cookie_id", At: ast.Pos{Line: 4, Col: 2}},
				txt(" "),
				&ast.Strikethrough{Inlines: []ast.Inline{txt("old terms")}},
				txt(" "),
				&ast.Image{Destination: "logo.png", Title: "Logo", Alt: "Example logo", At: ast.Pos{Line: 4, Col: 9}},
				&ast.RawHTML{Text: "<br>", At: ast.Pos{Line: 4, Col: 20}},
			),
			&ast.Heading{Level: 2, Inlines: []ast.Inline{txt("What we collect")}},
			&ast.List{Marker: '-', Tight: true, At: ast.Pos{Line: 12, Col: 1}, Items: []*ast.ListItem{
				{Task: ast.TaskOpen, Blocks: []ast.Block{para(txt("Name"))}, At: ast.Pos{Line: 12, Col: 1}},
				{Task: ast.TaskDone, Blocks: []ast.Block{para(txt("Email"))}},
				{Blocks: []ast.Block{
					para(txt("Address")),
					&ast.List{Ordered: true, Start: 3, Marker: ')', Items: []*ast.ListItem{
						{Blocks: []ast.Block{para(txt("Street"))}},
						{}, // an empty item
					}},
				}},
			}},
			&ast.BlockQuote{At: ast.Pos{Line: 20, Col: 1}, Blocks: []ast.Block{
				para(txt("Quoted")),
				&ast.List{Marker: '*', Tight: true, Items: []*ast.ListItem{{Blocks: []ast.Block{para(txt("inside"))}}}},
			}},
			&ast.CodeBlock{Language: "json", Text: "{\"a\": 1}\n", At: ast.Pos{Line: 25, Col: 1}},
			&ast.CodeBlock{Text: "plain\n  indented\n"},
			&ast.ThematicBreak{At: ast.Pos{Line: 30, Col: 1}},
			&ast.Table{
				Align:  []ast.Alignment{ast.AlignNone, ast.AlignLeft, ast.AlignCenter, ast.AlignRight},
				Header: []*ast.TableCell{cell(txt("Data")), cell(txt("Purpose")), cell(txt("Basis")), cell(txt("Months"))},
				Rows: [][]*ast.TableCell{
					{cell(txt("Name")), cell(txt("Contract")), cell(&ast.Emphasis{Inlines: []ast.Inline{txt("Art. 6(1)(b)")}}), cell(txt("24"))},
					{cell(txt("Logs")), cell(), cell(txt("Interest")), cell(&ast.Code{Text: "3"})},
				},
				At: ast.Pos{Line: 32, Col: 1},
			},
			&ast.HTMLBlock{Text: "<div class=\"note\">\n</div>\n", At: ast.Pos{Line: 40, Col: 1}},
			&ast.List{Ordered: true, Start: 1, Marker: '.', Items: []*ast.ListItem{{Blocks: []ast.Block{para(txt("First"))}}}},
			&ast.List{Start: 0, Tight: true}, // no marker known, no items
			&ast.Heading{Level: 6, ID: "empty"},
			para(&ast.Image{Destination: "spacer.gif"}),
			&ast.FootnoteDefinition{Index: 1, Label: "gdpr", At: ast.Pos{Line: 50, Col: 1}, Blocks: []ast.Block{
				para(txt("General Data Protection Regulation.")),
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
			para(
				txt("<script>alert('&amp;')</script>"),
				txt("line\u2028separator\u2029paragraph"),
				txt("tab\there \"quoted\" back\\slash\nnew line\r\n"),
				txt("\x00\x01\x08\x0c\x1f\x7f"),
				txt("emoji 😀, ü, 中文, \u00a0nbsp, \ufeffbom"),
				txt(""),
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
		}
	}
	return ins
}
