package bidi

import "testing"

var benchLTR = []Run{
	{"The controller processes your ", 0},
	{"personal data", 1},
	{" only for the purposes described in section 3 (see below).", 0},
}

func BenchmarkReorderLTR(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Reorder(benchLTR, LeftToRight)
	}
}

func BenchmarkReorderArabic(b *testing.B) {
	line := ShapeRuns([]Run{
		{"نحن كأعضاء ومساهمين وقادة نتعهد بجعل ", 0},
		{"المشاركة", 1},
		{" في مجتمعنا (النسخة 2.1) تجربة خالية من المضايقة للجميع.", 0},
	})
	b.ReportAllocs()
	for b.Loop() {
		Reorder(line, RightToLeft)
	}
}

func BenchmarkShape(b *testing.B) {
	s := "نحن كأعضاء ومساهمين وقادة نتعهد بجعل المشاركة في مجتمعنا تجربة خالية من المضايقة للجميع، بغض النظر عن العمر أو البدن أو الإعاقة الظاهرة وغير الظاهرة."
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Shape(s)
	}
}

// BenchmarkHasRTLLatin asks HasRTL of a line of English, as the PDF
// layout does of every run.
func BenchmarkHasRTLLatin(b *testing.B) {
	line := "Site 1 Ltd (hereinafter referred to as \u201cwe\u201d) is committed to protecting your privacy and personal information."
	for b.Loop() {
		if HasRTL(line) {
			b.Fatal("right-to-left")
		}
	}
}
