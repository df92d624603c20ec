package txt

import (
	"bytes"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// fuzzDoc places the fuzzed strings a, b and c in every kind of node.
func fuzzDoc(a, b, c string, start int) *ast.Document {
	nested := item(para(tx(c)), bullets(true, item(para(tx(a)), ordered(start, false, item(para(tx(b))), item(para(&ast.Code{Text: c}))))))
	nested.Task = ast.TaskDone
	return doc(
		head(1, tx(a), &ast.Code{Text: b}),
		head(2, tx(b)),
		head(3, tx(c)),
		para(tx(a), &ast.Emphasis{Inlines: []ast.Inline{tx(b)}}, &ast.SoftBreak{},
			&ast.Strong{Inlines: []ast.Inline{link(c, tx(a))}}, &ast.HardBreak{},
			&ast.Strikethrough{Inlines: []ast.Inline{tx(c)}}, &ast.Code{Text: a},
			link(b, tx(b)), link("mailto:"+c, tx(c)), link(a),
			&ast.Image{Destination: b, Alt: c}, &ast.RawHTML{Text: a}, &ast.FootnoteRef{Index: 1}),
		bullets(false, item(para(tx(a))), nested),
		quote(para(tx(b)), quote(para(tx(c)))),
		&ast.CodeBlock{Language: a, Text: b},
		&ast.ThematicBreak{},
		&ast.Table{
			Align:  []ast.Alignment{ast.AlignLeft, ast.AlignCenter, ast.AlignRight},
			Header: []*ast.TableCell{cell(tx(a)), cell(tx(b)), cell(tx(c))},
			Rows: [][]*ast.TableCell{
				{cell(tx(c)), cell(link(a, tx(b))), cell(tx(a))},
				{cell(tx(b))},
			},
		},
		&ast.HTMLBlock{Text: c},
		&ast.FootnoteDefinition{Index: 1, Label: a, Blocks: []ast.Block{para(tx(c), link(b, tx(a)))}},
	)
}

// FuzzTXT renders documents built from fuzzed strings and checks that
// rendering does not panic, that the layout invariants hold (width,
// trailing spaces, line endings; see checkLayout) and that no word is
// lost.
func FuzzTXT(f *testing.F) {
	f.Add("Privacy policy", "we collect data", "https://example.com/x", 1, 0, false, false)
	f.Add("個人情報の取り扱いについて", "e\u0301\u0301 👨\u200d👩\u200d👧 🇪🇺", "a\tb\r\nc\x00d\xff", 9, 8, true, true)
	f.Add("supercalifragilisticexpialidocious-and-more", "  ", "", 0, 1, false, true)
	f.Add("ıſς ß", "<b>x</b>", "\u2028\u0085", -3, 200, true, false)
	f.Fuzz(func(t *testing.T, a, b, c string, start, width int, crlf, inline bool) {
		if width > 300 || width < -1 {
			width %= 300
		}
		d := fuzzDoc(a, b, c, start%1000)
		opts := Options{Width: width, CRLF: crlf}
		if inline {
			opts.Links = LinksInline
		}
		out := render(t, d, opts)
		checkWords(t, d, out)
		var again bytes.Buffer
		if err := Render(&again, d, opts); err != nil || again.String() != out {
			t.Errorf("second rendering differs (err %v)", err)
		}
	})
}
