package html

import (
	"path/filepath"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
	"github.com/policyexport/policyexport/internal/testutil/golden"
)

// sampleDocument is a hand-built document that uses every node kind.
func sampleDocument() *ast.Document {
	t, cell := asttest.T, asttest.Cell
	return &ast.Document{
		Meta: ast.Meta{
			Lang:        "en-GB",
			Description: "How Example Ltd handles your personal data.",
			Author:      "Example Ltd",
			Keywords:    []string{"privacy", "personal data"},
			Date:        "2026-11-28",
		},
		Values: map[string]string{"company": "Example Ltd"},
		Blocks: []ast.Block{
			&ast.Heading{Level: 1, ID: "privacy-policy", Inlines: []ast.Inline{t("Privacy Policy")}},
			&ast.Paragraph{Inlines: []ast.Inline{
				t("This policy explains how "), &ast.Strong{Inlines: []ast.Inline{t("Example Ltd")}},
				t(" (\"we\") uses your data"), &ast.FootnoteRef{Index: 1, Label: "gdpr"}, t("."),
				&ast.SoftBreak{},
				t("It applies to "), &ast.Emphasis{Inlines: []ast.Inline{t("all")}}, t(" our services & sites."),
				&ast.HardBreak{},
				t("Last changed: "), &ast.Code{Text: "2026-11-28"}, t("."),
			}},
			&ast.Heading{Level: 2, ID: "data-we-collect", Inlines: []ast.Inline{t("Data we collect")}},
			&ast.List{Marker: '-', Tight: true, Items: []*ast.ListItem{
				{Blocks: []ast.Block{&ast.Paragraph{Inlines: []ast.Inline{t("Contact details")}}}},
				{Blocks: []ast.Block{
					&ast.Paragraph{Inlines: []ast.Inline{t("Usage data:")}},
					&ast.List{Ordered: true, Start: 3, Marker: '.', Tight: true, Items: []*ast.ListItem{
						{Blocks: []ast.Block{&ast.Paragraph{Inlines: []ast.Inline{t("pages visited")}}}},
						{Blocks: []ast.Block{&ast.Paragraph{Inlines: []ast.Inline{t("time spent")}}}},
					}},
				}},
			}},
			&ast.Heading{Level: 3, ID: "checklist", Inlines: []ast.Inline{t("Checklist")}},
			&ast.List{Marker: '*', Tight: true, Items: []*ast.ListItem{
				{Task: ast.TaskDone, Blocks: []ast.Block{&ast.Paragraph{Inlines: []ast.Inline{t("Appoint a data protection officer")}}}},
				{Task: ast.TaskOpen, Blocks: []ast.Block{&ast.Paragraph{Inlines: []ast.Inline{
					&ast.Strikethrough{Inlines: []ast.Inline{t("Sell data")}}, t(" Review processors"),
				}}}},
			}},
			&ast.List{Ordered: true, Start: 1, Marker: ')', Items: []*ast.ListItem{
				{Blocks: []ast.Block{&ast.Paragraph{Inlines: []ast.Inline{t("A loose item.")}}, &ast.Paragraph{Inlines: []ast.Inline{t("With two paragraphs.")}}}},
			}},
			&ast.Heading{Level: 2, ID: "sharing", Inlines: []ast.Inline{t("Sharing & "), &ast.Code{Text: "<processors>"}}},
			&ast.BlockQuote{Blocks: []ast.Block{
				&ast.Paragraph{Inlines: []ast.Inline{t("We never sell your data. See "), &ast.Link{
					Destination: "https://example.com/privacy?lang=en&v=2#sharing",
					Title:       "Our \"promise\"",
					Inlines:     []ast.Inline{t("our promise")},
				}, t(".")}},
			}},
			&ast.Table{
				Align:  []ast.Alignment{ast.AlignLeft, ast.AlignCenter, ast.AlignRight, ast.AlignNone},
				Header: []*ast.TableCell{cell(t("Recipient")), cell(t("Purpose")), cell(t("Retention")), cell(t("Basis"))},
				Rows: [][]*ast.TableCell{
					{cell(t("Hosting provider")), cell(t("Storage")), cell(t("30 days")), cell(t("Art. 6(1)(b)"))},
					{cell(&ast.Link{Destination: "mailto:dpo@example.com", Inlines: []ast.Inline{t("DPO")}}), cell(t("Audits")), cell(t("1 year")), cell()},
				},
			},
			&ast.Heading{Level: 4, ID: "technical-details", Inlines: []ast.Inline{t("Technical details")}},
			&ast.CodeBlock{Language: "json", Text: "{\"cookie\": \"<session>\", \"ttl\": 3600}\n"},
			&ast.CodeBlock{Text: "indented & plain\n"},
			&ast.Paragraph{Inlines: []ast.Inline{
				&ast.Image{Destination: "logo image.png", Alt: "Example Ltd logo", Title: "Logo"},
				t(" "),
				&ast.Link{Destination: "javascript:alert(document.cookie)", Inlines: []ast.Inline{t("a blocked link")}},
				t(" "),
				&ast.Image{Destination: "data:image/png;base64,AAAA", Alt: "a blocked image"},
				t(" "),
				&ast.RawHTML{Text: "<kbd>"}, t("Ctrl"), &ast.RawHTML{Text: "</kbd>"},
				t(" see also"), &ast.FootnoteRef{Index: 2, Label: "contact"}, t(" and"), &ast.FootnoteRef{Index: 1, Label: "gdpr"},
			}},
			&ast.HTMLBlock{Text: "<div class=\"notice\">Raw HTML block</div>\n"},
			&ast.ThematicBreak{},
			&ast.Heading{Level: 2, ID: "contact", Inlines: []ast.Inline{t("Contact")}},
			&ast.Paragraph{Inlines: []ast.Inline{t("Write to "), &ast.Link{Destination: "mailto:privacy@example.com", Inlines: []ast.Inline{t("privacy@example.com")}}, t(".")}},
			&ast.Paragraph{Inlines: []ast.Inline{t("We keep data for "),
				&ast.Change{Kind: ast.Deleted, ID: "change-1", Inlines: []ast.Inline{t("five")}},
				&ast.Change{Kind: ast.Inserted, Inlines: []ast.Inline{t("three")}}, t(" years, "),
				&ast.Change{Kind: ast.Reformatted, ID: "change-2", Inlines: []ast.Inline{&ast.Strong{Inlines: []ast.Inline{t("then delete it")}}}}, t(".")}},
			&ast.FootnoteDefinition{Index: 1, Label: "gdpr", Blocks: []ast.Block{
				&ast.Paragraph{Inlines: []ast.Inline{t("Regulation (EU) 2016/679.")}},
			}},
			&ast.FootnoteDefinition{Index: 2, Label: "contact", Blocks: []ast.Block{
				&ast.Paragraph{Inlines: []ast.Inline{t("See "), &ast.Link{Destination: "#contact", Inlines: []ast.Inline{t("Contact")}}, t(".")}},
			}},
		},
	}
}

// goldens are the rendered forms of sampleDocument kept under testdata/,
// named <input>[.<variant>].html. The fragment and CommonMark variants
// are a body only, not a whole page.
var goldens = []struct {
	file string
	opts Options
}{
	{"sample.html", Options{TOC: true, Generator: "policyexport test"}},
	{"sample.unsafe.html", Options{UnsafeHTML: true}},
	{"sample.fragment.html", Options{Fragment: true}},
	{"sample.commonmark.html", Options{CommonMark: true}},
}

func TestGolden(t *testing.T) {
	for _, g := range goldens {
		t.Run(g.file, func(t *testing.T) {
			got := render(t, sampleDocument(), g.opts)
			golden.Check(t, filepath.Join("testdata", g.file), []byte(got))
			if !g.opts.Fragment && !g.opts.CommonMark {
				assertUniqueIDs(t, got)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	first := render(t, sampleDocument(), Options{TOC: true})
	for range 5 {
		if got := render(t, sampleDocument(), Options{TOC: true}); got != first {
			t.Fatal("output differs between runs")
		}
	}
}

// TestSampleDocumentHoldsEveryKind keeps sampleDocument's promise: a
// node kind added to the model must be added to it (and to the goldens).
func TestSampleDocumentHoldsEveryKind(t *testing.T) {
	if missing := asttest.MissingKinds(sampleDocument()); len(missing) > 0 {
		t.Errorf("sampleDocument holds no %v", missing)
	}
}
