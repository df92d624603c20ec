package pdf_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
)

func BenchmarkRenderSeed(b *testing.B) {
	doc := seedDocument(b)
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Render(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderSeedPDFA is BenchmarkRenderSeed with --pdf-standard:
// the cost of the standards pass (fpdfout/pdfa.go) over plain PDF.
func BenchmarkRenderSeedPDFA(b *testing.B) {
	doc := seedDocument(b)
	for _, list := range []string{"a-1b", "a-2u", "a-3u,ua-1"} {
		b.Run(list, func(b *testing.B) {
			r, err := pdf.New(pdf.Options{Standard: mustStandard(b, list)})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := r.Render(io.Discard, doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRenderRichPDFA is BenchmarkRenderRich under PDF/A-3u and
// PDF/UA-1: UTF-8 fonts get new ToUnicode maps and names.
func BenchmarkRenderRichPDFA(b *testing.B) {
	doc := richDocument()
	r, err := pdf.New(pdf.Options{Standard: mustStandard(b, "a-3u,ua-1")})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Render(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// bigDocument is a generated document of about size bytes of text with
// headings, mixed inline styles, lists and tables.
func bigDocument(size int) *ast.Document {
	doc := &ast.Document{Meta: ast.Meta{Title: "Generated Terms"}}
	doc.Blocks = append(doc.Blocks, &ast.Heading{Level: 1, ID: "t", Inlines: []ast.Inline{txt("Generated Terms")}})
	n := 0
	for i := 0; n < size; i++ {
		title := fmt.Sprintf("%d. Section on data processing number %d", i+1, i+1)
		doc.Blocks = append(doc.Blocks, &ast.Heading{Level: 2, ID: fmt.Sprint("s", i), Inlines: []ast.Inline{txt(title)}})
		body := strings.Repeat("We process personal data only for the purposes described in this section and keep it no longer than necessary. ", 5)
		doc.Blocks = append(doc.Blocks,
			para(txt(body), &ast.Strong{Inlines: []ast.Inline{txt("You may object at any time.")}}, txt(" See "),
				&ast.Link{Destination: "https://example.com/terms", Inlines: []ast.Inline{txt("our terms")}}, txt(" and "), &ast.Code{Text: "settings.privacy"}, txt(".")),
			&ast.List{Tight: true, Items: []*ast.ListItem{item(para(txt("Account data such as your name and email address"))), item(para(txt("Usage data such as pages viewed")))}},
		)
		n += len(title) + len(body) + 120
		if i%5 == 4 {
			doc.Blocks = append(doc.Blocks, longTable(8))
			n += 8 * 100
		}
	}
	return doc
}

func BenchmarkRender300KB(b *testing.B) { benchmark300KB(b, pdf.Options{}) }

// BenchmarkRender300KBLinksNone is BenchmarkRender300KB without link
// notes (every paragraph has a link): the cost of tagging alone.
func BenchmarkRender300KBLinksNone(b *testing.B) {
	benchmark300KB(b, pdf.Options{Links: pdf.LinksNone})
}

func benchmark300KB(b *testing.B, opts pdf.Options) {
	doc := bigDocument(300 << 10)
	r, err := pdf.New(opts)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, doc); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Render(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pdf.New(pdf.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderRich renders the hand-built document that uses every
// node kind, with text outside cp1252 (Greek, Cyrillic, Hebrew, nested
// bullets, task boxes), so it needs UTF-8 fonts as well as 8-bit ones.
func BenchmarkRenderRich(b *testing.B) {
	doc := richDocument()
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Render(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderCJK renders Japanese and Chinese paragraphs with the
// Droid fallback font: every character goes through UAX #14.
func BenchmarkRenderCJK(b *testing.B) {
	font, err := os.ReadFile(pdf.DroidFont)
	if err != nil {
		b.Skipf("%s not installed (Debian: fonts-droid-fallback): %v", pdf.DroidFont, err)
	}
	p := strings.Repeat("当社は、お客様の個人情報を「適切に」管理します。データは（必要な期間のみ）保存されます。我们仅在必要时处理个人数据。", 10)
	doc := &ast.Document{Meta: ast.Meta{Title: "個人情報"}}
	for range 20 {
		doc.Blocks = append(doc.Blocks, para(txt(p)))
	}
	r, err := pdf.New(pdf.Options{Fonts: [][]byte{font}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Render(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTagging renders the seed and the 300 KB document tagged (as
// every PDF is) and untagged (no structure tree, no marked content), with
// --pdf-standard a-3u,ua-1 and without: the cost of tagging is the ratio
// of the tagged to the untagged time of the same run.
func BenchmarkTagging(b *testing.B) {
	for _, d := range []struct {
		name string
		doc  *ast.Document
	}{{"seed", seedDocument(b)}, {"300KB", bigDocument(300 << 10)}} {
		for _, std := range []string{"", "a-3u,ua-1"} {
			r, err := pdf.New(pdf.Options{Standard: mustStandard(b, std)})
			if err != nil {
				b.Fatal(err)
			}
			for _, tagged := range []bool{true, false} {
				name := d.name + "/plain"
				if std != "" {
					name = d.name + "/" + std
				}
				rr := r
				if tagged {
					name += "/tagged"
				} else {
					name += "/untagged"
					rr = pdf.Untagged(r)
				}
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if err := rr.Render(io.Discard, d.doc); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}
