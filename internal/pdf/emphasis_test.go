package pdf_test

import (
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
)

// hebrewBoldFont is a bold face with Hebrew, of fonts-noto-core (which
// scripts/check installs).
const hebrewBoldFont = "/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf"

// TestBoldFontDrawsBold: an extra font is matched by its style (its
// OS/2 and head tables): a bold --font draws the bold text it has
// characters for (a heading, **strong** text), where DejaVu Sans drew
// bold Hebrew regular; regular Hebrew stays in DejaVu Sans, since a
// regular face has it.
func TestBoldFontDrawsBold(t *testing.T) {
	opts := pdf.Options{NoFooter: true, Fonts: fallbackFont(t, hebrewBoldFont), Standard: mustStandard(t, "a-2u")}
	fontsOf := func(doc *ast.Document) string {
		return run(t, "pdffonts", writeTemp(t, render(t, opts, doc)))
	}
	bold := &ast.Document{Meta: ast.Meta{Title: "Bold", Lang: "he"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, Inlines: []ast.Inline{txt("כותרת")}},
		para(&ast.Strong{Inlines: []ast.Inline{txt("מודגש חשוב")}}),
	}}
	if got := fontsOf(bold); !strings.Contains(got, "NotoSansHebrew-Bold") || strings.Contains(got, "DejaVuSans") {
		t.Errorf("bold Hebrew is not drawn with the bold --font alone:\n%s", got)
	}
	regular := &ast.Document{Meta: ast.Meta{Title: "Regular", Lang: "he"}, Blocks: []ast.Block{para(txt("טקסט רגיל"))}}
	if got := fontsOf(regular); strings.Contains(got, "NotoSansHebrew-Bold") || !strings.Contains(got, "DejaVuSans") {
		t.Errorf("regular Hebrew is not drawn with DejaVu Sans alone:\n%s", got)
	}
}
