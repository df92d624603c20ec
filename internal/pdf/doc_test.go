package pdf_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

// txt makes text at line 1, column 1.
func txt(s string) *ast.Text { return asttest.TAt(s, 1, 1) }

// The builders every backend's tests share, by the short names these
// tests use.
var (
	para = asttest.P
	item = asttest.Item
)

// richDocument is a hand-built document that uses every node kind.
func richDocument() *ast.Document {
	long := strings.Repeat("This clause keeps the paragraph long enough to wrap over several lines. ", 6)
	return &ast.Document{
		Meta: ast.Meta{Title: "Privacy Policy — Ünïcödé Test", Lang: "en", Author: "Example Ltd", Subject: "Privacy", Keywords: []string{"privacy", "gdpr"}},
		Blocks: []ast.Block{
			&ast.Heading{Level: 1, ID: "privacy-policy", Inlines: []ast.Inline{txt("Privacy Policy — Ünïcödé Test")}},
			para(&ast.Strong{Inlines: []ast.Inline{txt("Last Updated: 2026-11-28")}}),
			&ast.Heading{Level: 2, ID: "introduction", Inlines: []ast.Inline{txt("1. Introduction")}},
			para(txt("Mixed "), &ast.Strong{Inlines: []ast.Inline{txt("bold")}}, txt(", "), &ast.Emphasis{Inlines: []ast.Inline{txt("italic")}},
				txt(", "), &ast.Strong{Inlines: []ast.Inline{&ast.Emphasis{Inlines: []ast.Inline{txt("both")}}}}, txt(", "),
				&ast.Code{Text: "code span"}, txt(", "), &ast.Strikethrough{Inlines: []ast.Inline{txt("struck out")}}, txt(", an "),
				&ast.Link{Destination: "https://example.com/privacy", Inlines: []ast.Inline{txt("external link")}}, txt(", a "),
				&ast.Link{Destination: "#contact", Inlines: []ast.Inline{txt("link to contact")}}, txt(", a "),
				&ast.Link{Destination: "javascript:alert(1)", Inlines: []ast.Inline{txt("blocked link")}}, txt(" and a footnote"),
				&ast.FootnoteRef{Index: 1, Label: "gdpr"}, txt("."), &ast.SoftBreak{},
				txt("Greek αβγ, Cyrillic жизнь, Hebrew שלום, symbols € § ©."), &ast.HardBreak{}, txt("After a hard break. "+long)),
			&ast.Heading{Level: 3, ID: "lists", Inlines: []ast.Inline{txt("1.1 Lists")}},
			&ast.List{Marker: '-', Tight: true, Items: []*ast.ListItem{
				item(para(txt("First bullet"))),
				item(para(txt("Second bullet with a nested list")),
					&ast.List{Ordered: true, Start: 7, Marker: '.', Tight: true, Items: []*ast.ListItem{
						item(para(txt("Seventh"))),
						item(para(txt("Eighth, nested deeper")),
							&ast.List{Marker: '*', Tight: true, Items: []*ast.ListItem{item(para(txt("Third level")))}}),
					}}),
				{Task: ast.TaskDone, Blocks: []ast.Block{para(txt("A done task"))}},
				{Task: ast.TaskOpen, Blocks: []ast.Block{para(txt("An open task"))}},
			}},
			&ast.BlockQuote{Blocks: []ast.Block{para(txt("A quoted paragraph. " + long))}},
			&ast.CodeBlock{Language: "go", Text: "func main() {\n\tfmt.Println(\"hello\")\n\t// " + strings.Repeat("a very long comment line ", 8) + "\n}\n"},
			&ast.ThematicBreak{},
			&ast.Table{Align: []ast.Alignment{ast.AlignLeft, ast.AlignCenter, ast.AlignRight},
				Header: []*ast.TableCell{{Inlines: []ast.Inline{txt("Data")}}, {Inlines: []ast.Inline{txt("Purpose")}}, {Inlines: []ast.Inline{txt("Retention")}}},
				Rows: [][]*ast.TableCell{
					{{Inlines: []ast.Inline{txt("Email address")}}, {Inlines: []ast.Inline{txt("Account management and service notifications, which can be long")}}, {Inlines: []ast.Inline{txt("2 years")}}},
					{{Inlines: []ast.Inline{&ast.Strong{Inlines: []ast.Inline{txt("IP address")}}}}, {Inlines: []ast.Inline{txt("Security")}}, {Inlines: []ast.Inline{txt("90 days")}}},
				}},
			&ast.HTMLBlock{Text: "<!-- comment -->\n"},
			&ast.Heading{Level: 2, ID: "contact", Inlines: []ast.Inline{txt("2. Contact")}},
			para(txt("Write to privacy@example.com."), &ast.RawHTML{Text: "<br>"}),
			para(txt("We keep data for "), &ast.Change{Kind: ast.Deleted, Inlines: []ast.Inline{txt("five")}}, txt(" "),
				&ast.Change{Kind: ast.Inserted, Inlines: []ast.Inline{txt("three")}}, txt(" years, "),
				&ast.Change{Kind: ast.Reformatted, Inlines: []ast.Inline{&ast.Strong{Inlines: []ast.Inline{txt("then delete it")}}}}, txt(".")),
			&ast.FootnoteDefinition{Index: 1, Label: "gdpr", Blocks: []ast.Block{para(txt("Regulation (EU) 2016/679, the General Data Protection Regulation."))}},
		},
	}
}

// TestRichDocumentHoldsEveryKind keeps richDocument's promise: a node kind
// added to the model must be added to it (and to the goldens). Images are
// the exception: they need a file, and TestImageEmbedded and
// TestMissingImage render them.
func TestRichDocumentHoldsEveryKind(t *testing.T) {
	if missing := asttest.MissingKinds(richDocument()); !slices.Equal(missing, []string{"Image"}) {
		t.Errorf("richDocument holds no %v, want only Image missing", missing)
	}
}
