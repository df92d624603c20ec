package pdf_test

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
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

// TestRegularEmphasisWarning: bold or italic text that the PDF draws in
// a face without that style is a RegularEmphasis warning at the text,
// one a text node, in document order; Latin emphasis (the body faces
// have every style), code (one monospaced face) and text that a --font
// of the style draws are not.
func TestRegularEmphasisWarning(t *testing.T) {
	at := func(line, col int) ast.Pos { return ast.Pos{Line: line, Col: col} }
	doc := &ast.Document{Meta: ast.Meta{Title: "Emphasis", Lang: "he"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, Inlines: []ast.Inline{asttest.TAt("כותרת", 4, 3)}},
		para(asttest.TAt("טקסט ", 6, 1),
			&ast.Strong{Inlines: []ast.Inline{asttest.TAt("מודגש חשוב", 6, 8)}},
			asttest.TAt(" ", 6, 20),
			&ast.Emphasis{Inlines: []ast.Inline{asttest.TAt("נטוי", 6, 22)}}),
		para(&ast.Strong{Inlines: []ast.Inline{asttest.TAt("Bold", 8, 3)}},
			&ast.Emphasis{Inlines: []ast.Inline{asttest.TAt("italic", 8, 10)}},
			&ast.Strong{Inlines: []ast.Inline{&ast.Code{Text: "קוד", At: at(8, 20)}}}),
	}}
	warnings := func(opts pdf.Options) []pdf.Warning {
		r, err := pdf.New(opts)
		if err != nil {
			t.Fatal(err)
		}
		ws, err := r.RenderWarnings(io.Discard, doc)
		if err != nil {
			t.Fatal(err)
		}
		return ws
	}
	type place struct {
		pos  ast.Pos
		word string // a word of the message
	}
	check := func(name string, ws []pdf.Warning, want ...place) {
		t.Helper()
		var got []place
		for _, w := range ws {
			if w.Kind != pdf.RegularEmphasis {
				t.Errorf("%s: warning %+v", name, w)
			}
			p := place{pos: w.Pos}
			for _, word := range []string{"bold italic", "bold", "italic"} {
				if strings.Contains(w.Message, "this "+word+" text") {
					p.word = word
					break
				}
			}
			got = append(got, p)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: warnings %+v, want %+v", name, ws, want)
		}
	}
	check("built-in fonts", warnings(pdf.Options{NoFooter: true}),
		place{at(4, 3), "bold"}, place{at(6, 8), "bold"}, place{at(6, 22), "italic"})
	check("a bold --font", warnings(pdf.Options{NoFooter: true, Fonts: fallbackFont(t, hebrewBoldFont)}),
		place{at(6, 22), "italic"})
}
