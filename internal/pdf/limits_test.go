package pdf_test

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
)

func pageCount(data []byte) int { return bytes.Count(data, []byte("/Type /Page\n")) }

// TestMaxPages: a document of exactly MaxPages pages renders, one more
// page is a *PageLimitError that names the limit and the flag.
func TestMaxPages(t *testing.T) {
	tb := longTable(90)
	tb.At = ast.Pos{Line: 7, Col: 1}
	doc := &ast.Document{Meta: ast.Meta{Title: "Sub-processors"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, Inlines: []ast.Inline{txt("Sub-processors")}}, tb}}
	n := pageCount(render(t, pdf.Options{}, doc))
	if n < 3 {
		t.Fatalf("table of 90 rows fits on %d pages", n)
	}
	if got := pageCount(render(t, pdf.Options{MaxPages: n}, doc)); got != n {
		t.Fatalf("MaxPages %d: %d pages", n, got)
	}
	r, err := pdf.New(pdf.Options{MaxPages: n - 1})
	if err != nil {
		t.Fatal(err)
	}
	err = r.Render(io.Discard, doc)
	var pe *pdf.PageLimitError
	if !errors.As(err, &pe) || pe.Limit != n-1 {
		t.Fatalf("MaxPages %d: err = %v, want a *PageLimitError with Limit %d", n-1, err, n-1)
	}
	for _, want := range []string{"more than", "pages", "Options.MaxPages"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	// A limit far below the table's height stops in the table, at its
	// position.
	r, err = pdf.New(pdf.Options{MaxPages: 1})
	if err != nil {
		t.Fatal(err)
	}
	err = r.Render(io.Discard, doc)
	if !errors.As(err, &pe) || pe.Pos != tb.At || !strings.HasPrefix(err.Error(), "7:1: ") {
		t.Fatalf("MaxPages 1: err = %v, want a *PageLimitError at 7:1", err)
	}
	if _, err := pdf.New(pdf.Options{MaxPages: -1}); err == nil {
		t.Error("New accepted MaxPages -1")
	}
}

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestPageLimitStopsEarly: documents far beyond the page limit are
// refused after laying out about the limit's worth of pages, not the
// whole document: the work does not grow with what lies beyond.
func TestPageLimitStopsEarly(t *testing.T) {
	r, err := pdf.New(pdf.Options{MaxPages: 20})
	if err != nil {
		t.Fatal(err)
	}
	table := func(rows int) *ast.Document {
		tb := &ast.Table{Align: []ast.Alignment{ast.AlignNone, ast.AlignNone}, Header: []*ast.TableCell{{Inlines: []ast.Inline{txt("a")}}, {Inlines: []ast.Inline{txt("b")}}}}
		for range rows {
			tb.Rows = append(tb.Rows, []*ast.TableCell{{Inlines: []ast.Inline{txt("x")}}})
		}
		return &ast.Document{Blocks: []ast.Block{tb}}
	}
	paragraphs := func(n int) *ast.Document {
		doc := &ast.Document{}
		for i := range n {
			doc.Blocks = append(doc.Blocks, &ast.Paragraph{At: ast.Pos{Line: i + 1, Col: 1}, Inlines: []ast.Inline{txt("a")}})
		}
		return doc
	}
	hardBreaks := func(n int) *ast.Document {
		p := &ast.Paragraph{}
		for range n {
			p.Inlines = append(p.Inlines, txt("a"), &ast.HardBreak{})
		}
		return &ast.Document{Blocks: []ast.Block{p}}
	}
	code := func(n int) *ast.Document {
		return &ast.Document{Blocks: []ast.Block{&ast.CodeBlock{Text: strings.Repeat("x\n", n)}}}
	}
	oneText := func(n int) *ast.Document {
		return &ast.Document{Blocks: []ast.Block{para(txt(strings.Repeat("word ", 10*n)))}}
	}
	list := func(n int) *ast.Document {
		l := &ast.List{Tight: true}
		for range n {
			l.Items = append(l.Items, item(para(txt("a"))))
		}
		return &ast.Document{Blocks: []ast.Block{l}}
	}
	for _, tc := range []struct {
		name string
		make func(int) *ast.Document
	}{{"table", table}, {"paragraphs", paragraphs}, {"hard-breaks", hardBreaks}, {"code", code}, {"one-text", oneText}, {"list", list}} {
		name, make := tc.name, tc.make
		t.Run(name, func(t *testing.T) {
			small, big := make(5_000), make(50_000)
			var errSmall, errBig error
			aSmall := allocated(func() { errSmall = r.Render(io.Discard, small) })
			aBig := allocated(func() { errBig = r.Render(io.Discard, big) })
			var pe *pdf.PageLimitError
			if !errors.As(errSmall, &pe) || !errors.As(errBig, &pe) {
				t.Fatalf("errors %v and %v, want *PageLimitError", errSmall, errBig)
			}
			// The bigger document may cost more only where a block is
			// taken whole before it is laid out: the styled spans of one
			// paragraph (under 128 bytes an inline).
			if aBig > aSmall+2*45_000*128+(1<<20) {
				t.Errorf("allocated %d KiB for 5 000 units, %d KiB for 50 000: the work grows past the limit", aSmall>>10, aBig>>10)
			}
		})
	}
}

// TestTableTooWide: a table whose columns would be narrower than their
// padding is refused, naming its position; 50 columns still fit on A4.
func TestTableTooWide(t *testing.T) {
	table := func(ncol int) *ast.Document {
		tb := &ast.Table{At: ast.Pos{Line: 3, Col: 1}}
		for range ncol {
			tb.Align = append(tb.Align, ast.AlignNone)
			tb.Header = append(tb.Header, &ast.TableCell{Inlines: []ast.Inline{txt("a")}})
		}
		return &ast.Document{Blocks: []ast.Block{tb}}
	}
	render(t, pdf.Options{}, table(50))
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = r.Render(io.Discard, table(100_000))
	var te *pdf.TableError
	if !errors.As(err, &te) || te.Columns != 100_000 || te.Max != 50 || !strings.HasPrefix(err.Error(), "3:1: the table has 100000 columns") {
		t.Fatalf("err = %v, want a *TableError at 3:1 for 100000 columns, at most 50", err)
	}
}

// TestShortParagraphsCostLittle: a paragraph of one word costs a few
// hundred bytes of layout and tagging, not a buffer sized for long
// paragraphs.
func TestShortParagraphsCostLittle(t *testing.T) {
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := func(n int) *ast.Document {
		d := &ast.Document{}
		for range n {
			d.Blocks = append(d.Blocks, para(txt("word")))
		}
		return d
	}
	small, big := doc(1000), doc(11000)
	var errs [2]error
	a := allocated(func() { errs[0] = r.Render(io.Discard, small) })
	b := allocated(func() { errs[1] = r.Render(io.Discard, big) })
	if errs[0] != nil || errs[1] != nil {
		t.Fatal(errs)
	}
	// 3 KiB before tagging; the structure element, its MCID and its
	// BDC/EMC operators added about 300 bytes a paragraph.
	if per := (b - a) / 10000; per > 3<<10+512 {
		t.Errorf("%d bytes allocated per one-word paragraph", per)
	}
}

// TestLongWordOfManyRuns: a word wider than many lines whose characters
// alternate between fonts (here serif and a fallback) is cut line by line
// in linear work; copying the rest of its runs for every line was
// quadratic (a 600 KB paragraph took over a minute).
func TestLongWordOfManyRuns(t *testing.T) {
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	word := func(n int) *ast.Document {
		return &ast.Document{Blocks: []ast.Block{
			para(txt(strings.Repeat("a\u2603", n))),
			&ast.CodeBlock{Text: strings.Repeat("a\u2603", n)},
		}}
	}
	var errs [2]error
	a := allocated(func() { errs[0] = r.Render(io.Discard, word(2_000)) })
	b := allocated(func() { errs[1] = r.Render(io.Discard, word(20_000)) })
	if errs[0] != nil || errs[1] != nil {
		t.Fatal(errs)
	}
	if b > 20*a {
		t.Errorf("allocated %d KiB for 2 000 runs, %d KiB for 20 000", a>>10, b>>10)
	}
}

// TestDrawingLimit: a table that fits the page limit but draws more than
// 300 things a page on average is refused, saying so.
func TestDrawingLimit(t *testing.T) {
	tb := &ast.Table{At: ast.Pos{Line: 2, Col: 1}}
	for range 10 {
		tb.Align = append(tb.Align, ast.AlignNone)
		tb.Header = append(tb.Header, &ast.TableCell{Inlines: []ast.Inline{txt("h")}})
	}
	for range 600 {
		var row []*ast.TableCell
		for range 10 {
			row = append(row, &ast.TableCell{Inlines: []ast.Inline{txt("x")}})
		}
		tb.Rows = append(tb.Rows, row)
	}
	doc := &ast.Document{Blocks: []ast.Block{tb}}
	if n := pageCount(render(t, pdf.Options{MaxPages: 80}, doc)); n > 20 {
		t.Fatalf("the table has %d pages; the test needs at most 20", n)
	}
	r, err := pdf.New(pdf.Options{MaxPages: 20})
	if err != nil {
		t.Fatal(err)
	}
	err = r.Render(io.Discard, doc)
	var pe *pdf.PageLimitError
	if !errors.As(err, &pe) || pe.Items != 10000 || !strings.Contains(err.Error(), "2:1: the PDF would draw more than 10000 runs of text") {
		t.Fatalf("err = %v, want a *PageLimitError for 10000 items at 2:1", err)
	}
}
