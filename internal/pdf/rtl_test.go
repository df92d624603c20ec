package pdf_test

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
)

// TestRightToLeftInLogicalOrder renders an Arabic, a Hebrew and a mixed
// paragraph with the built-in fonts (Noto Naskh Arabic, DejaVu Sans) and
// checks that poppler gives their words as written, in logical order:
// pdftotext, and pdfinfo -struct-text, which reads each marked-content
// sequence's glyphs in the order they are drawn (it ignores /ActualText),
// so it holds the structure tree's kids and each run's glyphs to logical
// order. Hebrew comes out exactly. Arabic comes out in the presentation
// forms the PDF draws (ﻧﺤﻦ for نحن), so its text is compared after NFKC,
// which maps them back to the letters as written; the run's /ActualText
// holds the letters themselves.
func TestRightToLeftInLogicalOrder(t *testing.T) {
	arabic := "نحن نحترم خصوصيتك ولا نبيع بياناتك"
	hebrew := "אנחנו מכבדים את פרטיותך ולא מוכרים את המידע"
	mixed := "שלום hello world 2026 עולם"
	doc := &ast.Document{Meta: ast.Meta{Title: "RTL"}, Blocks: []ast.Block{
		para(txt(arabic)), para(txt(hebrew)), para(txt(mixed)),
	}}
	file := writeTemp(t, render(t, pdf.Options{NoFooter: true}, doc))

	text := run(t, "pdftotext", "-enc", "UTF-8", file, "-")
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		// pdftotext wraps right-to-left lines in directional marks.
		if l = strings.Trim(l, "\u202a\u202b\u202c\u200e\u200f \f"); l != "" {
			lines = append(lines, l)
		}
	}
	// A mixed line is pdftotext's own bidi (it drops the space after
	// the embedded left-to-right words): only the structure text below
	// is held to it.
	if len(lines) != 3 || norm.NFKC.String(lines[0]) != arabic || lines[1] != hebrew {
		t.Fatalf("pdftotext lines %q, want %q (Arabic after NFKC), %q, and the mixed line", lines, arabic, hebrew)
	}
	if lines[0] == arabic {
		t.Errorf("pdftotext gives the Arabic letters themselves: NFKC is not needed, say so in this test")
	}

	var paras [][]string
	for _, l := range strings.Split(run(t, "pdfinfo", "-enc", "UTF-8", "-struct-text", file), "\n") {
		switch s := strings.TrimSpace(l); {
		case strings.HasPrefix(s, "P "):
			paras = append(paras, nil)
		case strings.HasPrefix(s, `"`) && len(paras) > 0:
			paras[len(paras)-1] = append(paras[len(paras)-1], strings.Trim(s, `"`))
		}
	}
	want := []string{arabic, hebrew, mixed}
	if len(paras) != len(want) {
		t.Fatalf("pdfinfo -struct-text has %d paragraphs, want %d", len(paras), len(want))
	}
	for i, p := range paras {
		got := strings.Join(strings.Fields(strings.Join(p, " ")), " ")
		if norm.NFKC.String(got) != want[i] {
			t.Errorf("structure text of paragraph %d: %q (kids %q), want %q", i+1, norm.NFKC.String(got), p, want[i])
		}
	}
	if regexp.MustCompile(`[\x{0600}-\x{06FF}]`).MatchString(strings.Join(paras[0], "")) {
		t.Errorf("the PDF draws Arabic letters themselves, not presentation forms: %q", paras[0])
	}
}
