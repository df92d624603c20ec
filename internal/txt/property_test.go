package txt

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// vocabulary is what the random documents are made of: plain words,
// punctuation, wide and combining text, emoji, and words too long for a
// narrow line.
var vocabulary = []string{
	"the", "data", "we", "collect", "controller", "processing", "Art.", "6(1)(f)",
	"well-known", "e-mail", "(see", "below)", "§ 4", "GDPR;", "“quoted”",
	"個人情報", "の取り扱い", "について。", "개인정보", "处理者",
	"Cafe\u0301", "na\u0308ive", "👍", "👨\u200d👩\u200d👧", "🇪🇺",
	"supercalifragilisticexpialidocious",
	"https://example.com/a/very/long/path/that/does/not/fit/anywhere?x=1",
	"tab\there", "two  spaces", "ıſς", "ß",
}

// randomDoc builds a document from the vocabulary with every block kind,
// containers nested up to depth levels.
func randomDoc(rng *rand.Rand, depth int) *ast.Document {
	g := &docGen{rng: rng}
	blocks := g.blocks(depth, 2+rng.IntN(4))
	for i := 1; i <= g.notes; i++ {
		blocks = append(blocks, &ast.FootnoteDefinition{Index: i, Blocks: []ast.Block{para(g.inlines(1)...)}})
	}
	return doc(blocks...)
}

type docGen struct {
	rng   *rand.Rand
	notes int
}

func (g *docGen) word() string { return vocabulary[g.rng.IntN(len(vocabulary))] }

func (g *docGen) text(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.word()
	}
	return strings.Join(ws, " ")
}

func (g *docGen) inlines(depth int) []ast.Inline {
	var out []ast.Inline
	for range 1 + g.rng.IntN(6) {
		switch k := g.rng.IntN(14); {
		case k < 4:
			out = append(out, tx(g.text(1+g.rng.IntN(8))+" "))
		case k == 4 && depth > 0:
			out = append(out, &ast.Emphasis{Inlines: g.inlines(depth - 1)})
		case k == 5 && depth > 0:
			out = append(out, &ast.Strong{Inlines: g.inlines(depth - 1)})
		case k == 6 && depth > 0:
			out = append(out, &ast.Strikethrough{Inlines: g.inlines(depth - 1)})
		case k == 7:
			out = append(out, &ast.Code{Text: g.text(2)})
		case k == 8 && depth > 0:
			out = append(out, link("https://example.com/"+strings.Repeat("p", g.rng.IntN(60)), g.inlines(depth-1)...), tx(" "))
		case k == 9:
			u := "https://example.com/" + g.word()
			out = append(out, link(u, tx(u)), tx(" "))
		case k == 10:
			out = append(out, &ast.Image{Destination: "img/" + g.word() + ".png", Alt: g.text(2)})
		case k == 11:
			out = append(out, &ast.SoftBreak{})
		case k == 12:
			out = append(out, &ast.HardBreak{})
		case k == 13:
			g.notes++
			out = append(out, &ast.FootnoteRef{Index: g.notes})
		default:
			out = append(out, &ast.RawHTML{Text: "<b>"}, tx(g.word()))
		}
	}
	return out
}

func (g *docGen) blocks(depth, n int) []ast.Block {
	out := make([]ast.Block, n)
	for i := range out {
		out[i] = g.block(depth)
	}
	return out
}

func (g *docGen) block(depth int) ast.Block {
	k := g.rng.IntN(9)
	if depth <= 0 {
		k %= 3
	}
	switch k {
	case 0:
		return para(g.inlines(2)...)
	case 1:
		return head(1+g.rng.IntN(6), g.inlines(1)...)
	case 2:
		return &ast.CodeBlock{Text: g.text(3) + "\n\t" + g.text(12) + "\n"}
	case 3, 4:
		l := &ast.List{Ordered: g.rng.IntN(2) == 0, Start: g.rng.IntN(12), Tight: g.rng.IntN(2) == 0}
		for range 1 + g.rng.IntN(4) {
			it := item(g.blocks(depth-1, 1+g.rng.IntN(2))...)
			it.Task = ast.TaskState(g.rng.IntN(3))
			l.Items = append(l.Items, it)
		}
		return l
	case 5:
		return quote(g.blocks(depth-1, 1+g.rng.IntN(3))...)
	case 6:
		ncol := 1 + g.rng.IntN(5)
		t := &ast.Table{Align: make([]ast.Alignment, ncol)}
		for c := range ncol {
			t.Align[c] = ast.Alignment(g.rng.IntN(4))
			t.Header = append(t.Header, cell(g.inlines(1)...))
		}
		for range g.rng.IntN(4) {
			var row []*ast.TableCell
			for range ncol {
				row = append(row, cell(g.inlines(1)...))
			}
			t.Rows = append(t.Rows, row)
		}
		return t
	case 7:
		return &ast.ThematicBreak{}
	default:
		return &ast.HTMLBlock{Text: "<div>" + g.word() + "</div>\n"}
	}
}

// TestPropertyRandomDocuments renders random documents at many widths and
// checks the layout invariants (see checkLayout) and that no word is lost.
func TestPropertyRandomDocuments(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		d := randomDoc(rng, 3)
		opts := Options{
			Width: []int{1, 8, 20, 33, 50, 72, 100}[i%7],
			CRLF:  i%3 == 0,
			Links: LinkStyle(i % 2),
		}
		out := render(t, d, opts)
		checkWords(t, d, out)
		if t.Failed() {
			t.Fatalf("document %d, %+v:\n%s", i, opts, out)
		}
	}
}
