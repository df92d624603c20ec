package pdf_test

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// Fallback fonts for the languages the built-in fonts cannot write
// (scripts/check installs them).
const (
	cjkFont        = pdf.DroidFont
	hangulFont     = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
	devanagariFont = "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf"
)

// TestFooterLanguages renders a one-page document in each built-in
// language and reads its footer back with pdftotext: "Seite 1 von 1",
// "Page 1 sur 1", and so on. Right-to-left footers are checked in
// reading order after NFKC (the PDF draws Arabic presentation forms).
// Hindi is drawn shaped with the built-in Devanagari face.
func TestFooterLanguages(t *testing.T) {
	want := map[string]string{
		"en": "Page 1 of 1", "de": "Seite 1 von 1", "fr": "Page 1 sur 1", "es": "Página 1 de 1",
		"it": "Pagina 1 di 1", "nl": "Pagina 1 van 1", "pt": "Página 1 de 1", "pl": "Strona 1 z 1",
		"sv": "Sida 1 av 1", "da": "Side 1 af 1", "ja": "1 / 1 ページ", "zh": "第 1 页，共 1 页",
		"ko": "1 / 1 페이지", "ar": "صفحة 1 من 1", "he": "עמוד 1 מתוך 1", "hi": "पेज 1 / 1",
		"ru": "Страница 1 из 1", "uk": "Сторінка 1 з 1", "cs": "Strana 1 z 1", "tr": "Sayfa 1 / 1",
		"el": "Σελίδα 1 από 1", "fi": "Sivu 1/1", "hu": "1/1. oldal", "ro": "Pagina 1 din 1", "nb": "Side 1 av 1",
		"fa": "صفحه 1 از 1", "zh-Hant": "第 1 頁，共 1 頁",
	}
	if len(want) != len(l10n.Languages()) {
		t.Fatalf("%d languages checked, %d built in", len(want), len(l10n.Languages()))
	}
	for _, lang := range l10n.Languages() {
		t.Run(lang, func(t *testing.T) {
			var opts pdf.Options
			switch lang {
			case "ja", "zh", "zh-Hant":
				opts.Fonts = fallbackFont(t, cjkFont)
			case "ko":
				opts.Fonts = fallbackFont(t, hangulFont)
			}
			doc := asttest.Doc(asttest.H(1, &ast.Text{Text: "Policy"}), asttest.P(&ast.Text{Text: "Text."}))
			doc.Meta.Lang, doc.Meta.Title = lang, "Policy"
			data := render(t, opts, doc)
			text := pdfText(t, data)
			// The title is at the start of the line: the left, or the
			// right in Arabic and Hebrew (with the page number left).
			layout := strings.Split(strings.TrimSpace(string(runTool(t, "pdftotext", "-layout", "-enc", "UTF-8", writeTemp(t, data), "-"))), "\n")
			foot := layout[len(layout)-1]
			if titleLeft := strings.Index(foot, "Policy") < strings.Index(foot, "1"); titleLeft == l10n.Match(lang).RTL() {
				t.Errorf("footer of a %s PDF: the title is on the wrong side: %q", lang, foot)
			}
			w := norm.NFKC.String(want[lang])
			if l10n.Match(lang).RTL() {
				// pdftotext writes right-to-left text in visual order
				// with embedding marks: look for each word.
				text = strings.NewReplacer("\u202a", " ", "\u202b", " ", "\u202c", " ").Replace(text)
				for _, word := range strings.Fields(w) {
					if !slices.Contains(strings.Fields(text), word) {
						t.Errorf("footer of a %s PDF: want the word %q in\n%s", lang, word, text)
					}
				}
				return
			}
			if !strings.Contains(text, w) {
				t.Errorf("footer of a %s PDF: want %q in\n%s", lang, w, text)
			}
		})
	}
}

// pdfText is the text pdftotext extracts from a PDF, NFKC-normalised and
// with non-breaking spaces as spaces.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	s := norm.NFKC.String(validate.PDFText(t, writeTemp(t, data)))
	return strings.ReplaceAll(s, "\u00a0", " ")
}

// runTool runs a poppler tool and returns its standard output.
func runTool(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

// fallbackFont reads a font file, skipping the test when it is absent.
func fallbackFont(t *testing.T, path string) [][]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("fallback font missing (scripts/check installs it): %v", err)
	}
	return [][]byte{data}
}

// TestFooterTemplateFields: --footer takes {title}, {page}, {pages} and
// any value of the document, in one pass; another field is an error.
func TestFooterTemplateFields(t *testing.T) {
	doc := asttest.Doc(asttest.H(1, &ast.Text{Text: "Policy {page}"}), asttest.P(&ast.Text{Text: "Text."}))
	doc.Meta.Title = "Policy {page}"
	doc.Values = map[string]string{"siteName": "Acme {pages}"}
	text := pdfText(t, render(t, pdf.Options{FooterText: "{siteName} · {page}/{pages} · {title}"}, doc))
	if want := "Acme {pages} · 1/1 · Policy {page}"; !strings.Contains(text, want) {
		t.Errorf("want %q in\n%s", want, text)
	}
	r, err := pdf.New(pdf.Options{FooterText: "{siteNme} {page}"})
	if err != nil {
		t.Fatal(err)
	}
	err = r.Render(new(strings.Builder), doc)
	if want := "--footer: unknown field {siteNme} (the fields are {title}, {page}, {pages} and the names of values)"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestTOCTitleLanguage: the table of contents is titled in the document's
// language, from the metadata or else Options.Lang.
func TestTOCTitleLanguage(t *testing.T) {
	doc := asttest.Doc(asttest.H(1, &ast.Text{Text: "Policy"}), asttest.H(2, &ast.Text{Text: "Scope"}), asttest.P(&ast.Text{Text: "Text."}))
	if text := pdfText(t, render(t, pdf.Options{TOC: true, Lang: "fr-CA"}, doc)); !strings.Contains(text, "Sommaire") || !strings.Contains(text, "Page 1 sur 2") {
		t.Errorf("French TOC and footer missing in\n%s", text)
	}
	doc.Meta.Lang = "de"
	if text := pdfText(t, render(t, pdf.Options{TOC: true, Lang: "fr"}, doc)); !strings.Contains(text, "Inhalt") {
		t.Errorf("German TOC title missing in\n%s", text)
	}
}

// TestLinksHeadingLanguage: the heading over the numbered link
// destinations is the plain text's (l10n.Links) in the document's
// language, and one no font can draw names the heading and the ways out.
func TestLinksHeadingLanguage(t *testing.T) {
	link := &ast.Link{Destination: "https://example.com/p", Inlines: []ast.Inline{&ast.Text{Text: "la page"}}}
	doc := asttest.Doc(asttest.P(&ast.Text{Text: "Voir "}, link, &ast.Text{Text: "."}))
	for _, c := range []struct{ lang, want string }{
		{"fr", "Liens"}, {"es", "Enlaces"}, {"he", "קישורים"}, {"ja", "リンク"}, {"", "Links"},
	} {
		if got := l10n.Match(c.lang).Label(l10n.Links); got != c.want {
			t.Fatalf("l10n %q: Links is %q, want %q", c.lang, got, c.want)
		}
		var opts pdf.Options
		if c.lang == "ja" {
			opts.Fonts = fallbackFont(t, cjkFont)
		}
		doc.Meta.Lang = c.lang
		text := pdfText(t, render(t, opts, doc))
		// In a right-to-left document the number hangs right of the
		// destination, and pdftotext reads the line, all of it
		// left-to-right characters, from the left.
		entry := "[1] https://example.com/p"
		if l10n.Match(c.lang).RTL() {
			entry = "https://example.com/p [1]"
		}
		if !strings.Contains(text, entry) {
			t.Errorf("%q: no link list entry %q in\n%s", c.lang, entry, text)
		}
		if !strings.Contains(text, c.want) || c.want != "Links" && strings.Contains(text, "Links") {
			t.Errorf("%q: want the heading %q in\n%s", c.lang, c.want, text)
		}
	}
	doc.Meta.Lang = "ja"
	r, err := pdf.New(pdf.Options{NoFooter: true})
	if err != nil {
		t.Fatal(err)
	}
	err = r.Render(new(strings.Builder), doc)
	if want := "the heading of the link list (in ja): character U+30EA (リ) is in no font; add a font that has it to Options.Fonts, or set Options.PDFLinks to inline or none"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestFooterNeedsFont: a footer label no font can draw names the footer
// and the ways out.
func TestFooterNeedsFont(t *testing.T) {
	doc := asttest.Doc(asttest.P(&ast.Text{Text: "English text."}))
	doc.Meta.Lang = "ja"
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = r.Render(new(strings.Builder), doc)
	if want := "the page footer (in ja): character U+30DA (ペ) is in no font; add a font that has it to Options.Fonts, or choose the footer with Options.Footer or Options.NoFooter"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}
