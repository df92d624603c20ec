package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pathological"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/template"
)

// pathologicalDoc parses and fills one case of internal/pathological, or
// returns nil when the template layer refuses it.
func pathologicalDoc(tb testing.TB, c pathological.Case, size int) *ast.Document {
	tb.Helper()
	tp, err := template.Parse("case.md", c.Generate(size), template.Options{})
	if err != nil {
		return nil
	}
	doc, _, err := tp.Fill(map[string]string{"a": "Acme & Co. <b>", "x": "X"}, template.FillOptions{Missing: template.MissingKeep})
	if err != nil {
		return nil
	}
	return doc
}

// BenchmarkRenderPathological measures pdf.Renderer.Render alone (the
// document is parsed once, outside the timer) on every hostile class of
// internal/pathological at 1 MiB, or PATHOLOGICAL_SIZE bytes; set
// PATHOLOGICAL_CASE to a substring of a class name to run only matching
// classes. Classes the template layer refuses are skipped.
func BenchmarkRenderPathological(b *testing.B) {
	size := 1 << 20
	if s := os.Getenv("PATHOLOGICAL_SIZE"); s != "" {
		if _, err := fmt.Sscan(s, &size); err != nil {
			b.Fatalf("PATHOLOGICAL_SIZE: %v", err)
		}
	}
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range pathological.Cases() {
		if f := os.Getenv("PATHOLOGICAL_CASE"); f != "" && !strings.Contains(c.Name, f) {
			continue
		}
		doc := pathologicalDoc(b, c, size)
		if doc == nil {
			continue
		}
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				_ = r.Render(&buf, doc)
			}
			b.ReportMetric(float64(bytes.Count(buf.Bytes(), []byte("/Type /Page\n"))), "pages")
			b.ReportMetric(float64(buf.Len())/(1<<20), "pdf-MiB")
		})
	}
}
