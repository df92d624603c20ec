package txt

import (
	"io"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/template"
)

// BenchmarkRenderSeed renders the embedded privacy policy: mostly ASCII,
// the printable-ASCII fast path of the word cutter.
func BenchmarkRenderSeed(b *testing.B) {
	tpl, err := template.Parse("privacy-policy.md", defaulttemplate.Source(), template.Options{})
	if err != nil {
		b.Fatal(err)
	}
	doc, _, err := tpl.Fill(map[string]string{
		"siteName": "Acme Imaging", "siteUrl": "https://acme.example", "email": "privacy@acme.example",
		"company": "Acme Imaging Ltd", "address": "1 Example Street, Springfield", "lastUpdated": "2026-11-28",
	}, template.FillOptions{Missing: template.MissingKeep})
	if err != nil {
		b.Fatal(err)
	}
	benchRender(b, doc)
}

// BenchmarkRenderCJK renders Japanese and Chinese paragraphs: every
// cluster goes through UAX #14.
func BenchmarkRenderCJK(b *testing.B) {
	p := strings.Repeat("当社は、お客様の個人情報を「適切に」管理します。データは（必要な期間のみ）保存されます。我们仅在必要时处理个人数据。", 40)
	doc := &ast.Document{}
	for range 20 {
		doc.Blocks = append(doc.Blocks, &ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: p}}})
	}
	benchRender(b, doc)
}

func benchRender(b *testing.B, doc *ast.Document) {
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, doc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
