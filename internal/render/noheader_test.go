package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
	"github.com/policyexport/policyexport/internal/testutil/pdfrules"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// TestTableWithoutHeader: a table whose header row is empty (| | |, how
// Markdown writes a table without one) has no header in any drawn
// output, as pandoc writes it: no <thead>, no empty grid row and "="
// rule in the text, no THead or TH in the PDF's tags (which pass
// PDF/UA-1). A table with a header keeps it; the JSON keeps the empty
// row as the template has it.
func TestTableWithoutHeader(t *testing.T) {
	headerless := &ast.Table{Align: []ast.Alignment{ast.AlignNone, ast.AlignNone}, Header: []*ast.TableCell{asttest.Cell(), asttest.Cell()},
		Rows: [][]*ast.TableCell{asttest.Cells("Controller", "Acme Ltd"), asttest.Cells("Address", "1 Main St")}}
	headed := &ast.Table{Align: []ast.Alignment{ast.AlignNone}, Header: asttest.Cells("Purpose"), Rows: [][]*ast.TableCell{asttest.Cells("Billing")}}
	doc := asttest.Doc(asttest.H(1, asttest.T("Contacts")), headerless, headed)
	doc.Meta = ast.Meta{Title: "Contacts", Lang: "en"}
	if !headerless.NoHeader() || headed.NoHeader() || (&ast.Table{Header: []*ast.TableCell{asttest.Cell()}}).NoHeader() {
		t.Fatal("NoHeader: want true only for the empty header row over body rows")
	}
	std, err := pdf.ParseStandard("a-3u,ua-1")
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(render.Options{PDF: pdf.Options{Standard: std}}, render.All())
	if err != nil {
		t.Fatal(err)
	}
	outs, err := r.All(doc)
	if err != nil {
		t.Fatal(err)
	}
	out := map[render.Format][]byte{}
	for _, o := range outs {
		out[o.Format] = o.Data
	}
	if page := string(out[render.HTML]); strings.Count(page, "<thead>") != 1 || strings.Contains(page, "<th></th>") {
		t.Errorf("HTML: want one <thead> (the headed table's) and no empty <th>:\n%s", page)
	}
	text := string(out[render.TXT])
	if !strings.Contains(text, "+------------+-----------+\n| Controller | Acme Ltd  |\n") || strings.Count(text, "+=") != 1 {
		t.Errorf("text: want the headerless grid to open on its first row, one = rule in all:\n%s", text)
	}
	if json := string(out[render.JSON]); strings.Count(json, `"header"`) != 2 {
		t.Errorf("JSON: want both tables' header rows, as written:\n%s", json)
	}
	if vs := pdfrules.Check(out[render.PDF], pdfrules.PDFUA1); len(vs) > 0 {
		t.Errorf("PDF/UA-1: %v", vs)
	}
	file := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(file, out[render.PDF], 0o644); err != nil {
		t.Fatal(err)
	}
	tree := validate.PDFStructText(t, file)
	if n, m := strings.Count(tree, "THead"), strings.Count(tree, " TH:\n"); n != 1 || m != 1 {
		t.Errorf("PDF tags: %d THead and %d TH, want the headed table's 1 and 1:\n%s", n, m, tree)
	}
}
