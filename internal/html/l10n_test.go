package html_test

import (
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

// TestFixedTextLanguage: the navigation, footnote and table labels and
// the fallback page title follow the document's language (the metadata, else
// Options.Lang), escaped as attribute text.
func TestFixedTextLanguage(t *testing.T) {
	doc := asttest.Doc(
		&ast.Heading{Level: 2, ID: "a", Inlines: []ast.Inline{asttest.T("A")}},
		asttest.P(asttest.T("x"), &ast.FootnoteRef{Index: 1, Label: "n"}, &ast.FootnoteRef{Index: 1, Label: "n"}),
		&ast.FootnoteDefinition{Index: 1, Label: "n", Blocks: []ast.Block{asttest.P(asttest.T("A note."))}},
		&ast.Table{Header: asttest.Cells("Name"), Rows: [][]*ast.TableCell{asttest.Cells("_ga")}},
	)
	for lang, want := range map[string][]string{
		"": {`<title>Document</title>`, `aria-label="Table of contents"`, `aria-label="Footnotes"`, `aria-label="Back to reference 1"`, `aria-label="Back to reference 1 (2)"`,
			`<div class="table" role="region" tabindex="0" aria-label="Table">`},
		"fr": {`<html lang="fr">`, `aria-label="Table des matières"`, `aria-label="Notes de bas de page"`,
			`aria-label="Retour à la référence 1"`, `aria-label="Retour à la référence 1 (2)"`, `role="region" tabindex="0" aria-label="Tableau"`},
		"he": {`dir="rtl"`, `aria-label="תוכן עניינים"`, `aria-label="הערות שוליים"`, `aria-label="טבלה"`},
	} {
		var b strings.Builder
		if err := html.Render(&b, doc, html.Options{TOC: true, Lang: lang}); err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("lang %q: want %s in\n%s", lang, w, b.String())
			}
		}
	}
	untitled := asttest.Doc(asttest.P(asttest.T("x")))
	untitled.Meta.Lang = "de"
	var b strings.Builder
	if err := html.Render(&b, untitled, html.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<title>Dokument</title>") {
		t.Errorf("untitled German page: %s", b.String())
	}
}
