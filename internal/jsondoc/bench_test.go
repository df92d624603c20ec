package jsondoc_test

import (
	"io"
	"testing"

	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/jsondoc"
	"github.com/policyexport/policyexport/internal/template"
)

// BenchmarkRenderSeed renders the embedded privacy policy filled with the
// seed's values (testdata/input/seed.values.yaml): the JSON backend's
// figure in bench/RESULTS.md.
func BenchmarkRenderSeed(b *testing.B) {
	tpl, err := template.Parse("privacy-policy.md", defaulttemplate.Source(), template.Options{})
	if err != nil {
		b.Fatal(err)
	}
	doc, _, err := tpl.Fill(map[string]string{
		"siteName": "Acme Imaging", "email": "privacy@acme.example", "lastUpdated": "2026-11-28",
	}, template.FillOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := jsondoc.Render(io.Discard, doc, jsondoc.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
