package pdf_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

// TestShapingRefused: text in a script that needs shaping and is not
// shaped yet is refused with a *ShapingError that names the script, the
// character and where it is, whatever fonts are given (Lao, which the
// built-in DejaVu Sans has, too).
func TestShapingRefused(t *testing.T) {
	for _, tc := range []struct {
		text, script string
		bad          rune
		fonts        [][]byte
	}{
		{"Policy: ສະບາຍດີ", "Lao", 'ສ', nil},
		{"བཀྲ་ཤིས", "Tibetan", 'བ', nil},
		{"ܫܠܡܐ", "Syriac", 'ܫ', nil},
		{"ᠮᠣᠩᠭᠣᠯ", "Mongolian", 'ᠮ', nil},
	} {
		t.Run(tc.script, func(t *testing.T) {
			r, err := pdf.New(pdf.Options{Fonts: tc.fonts})
			if err != nil {
				t.Fatal(err)
			}
			doc := asttest.Doc(asttest.P(&ast.Text{Text: "Intro. " + tc.text, At: ast.Pos{Line: 3, Col: 1}}))
			var buf bytes.Buffer
			err = r.Render(&buf, doc)
			var se *pdf.ShapingError
			if !errors.As(err, &se) {
				t.Fatalf("%q: got %v, want a *ShapingError", tc.text, err)
			}
			if se.Script != tc.script || se.Rune != tc.bad || se.Pos != (ast.Pos{Line: 3, Col: 1}) {
				t.Errorf("%q: got script %q, rune %U at %v; want %s, %U at 3:1", tc.text, se.Script, se.Rune, se.Pos, tc.script, tc.bad)
			}
			want := "3:1: " + tc.script + " needs shaping, which policyexport does not do yet: \"" + string(tc.bad) + "\" (U+"
			if !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "; the HTML and plain-text outputs are correct — render them with -f html,txt") {
				t.Errorf("error %q, want it to start %q and say how to get the other outputs", err, want)
			}
			if buf.Len() != 0 {
				t.Error("something was written")
			}
		})
	}
}

// TestShapingRefusedInCode: a code block is drawn character by character
// too: a script that needs shaping is refused there as well.
func TestShapingRefusedInCode(t *testing.T) {
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := asttest.Doc(&ast.CodeBlock{Text: "x = 'བཀྲ་ཤིས'\n", At: ast.Pos{Line: 2, Col: 1}})
	err = r.Render(new(bytes.Buffer), doc)
	var se *pdf.ShapingError
	if !errors.As(err, &se) || se.Script != "Tibetan" {
		t.Fatalf("got %v, want a Tibetan *ShapingError", err)
	}
}

// TestShapingLabels: a Hindi document's fixed labels (the footer's पेज,
// the table of contents' title) are drawn shaped with the built-in
// Devanagari face.
func TestShapingLabels(t *testing.T) {
	doc := asttest.Doc(asttest.H(1, &ast.Text{Text: "Policy"}), asttest.H(2, &ast.Text{Text: "Scope"}), asttest.P(&ast.Text{Text: "English text."}))
	doc.Meta.Lang = "hi"
	if data := render(t, pdf.Options{TOC: true}, doc); len(data) == 0 {
		t.Error("no PDF")
	}
}

// TestNotRefused: scripts drawn one glyph per character render: Latin,
// Greek, Cyrillic, Hebrew without points (maqaf and sof pasuq are
// punctuation, not points), Arabic (joined by internal/bidi; its vowel
// marks too, for now) and, with a font, Hangul.
func TestNotRefused(t *testing.T) {
	doc := asttest.Doc(asttest.P(&ast.Text{Text: "Policy Ωμέγα Привет שלום־עולם׃ مرحبا ردًا"}))
	render(t, pdf.Options{}, doc)
	doc = asttest.Doc(asttest.P(&ast.Text{Text: "한국어 문서"}))
	render(t, pdf.Options{Fonts: fallbackFont(t, hangulFont)}, doc)
}
