package template

import (
	"regexp"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// shape dumps blocks without positions and with adjacent Text nodes
// merged: what the parse decided, not how the text was cut.
func shape(blocks []ast.Block) string {
	merge := func(ins []ast.Inline) []ast.Inline {
		var out []ast.Inline
		for _, in := range ins {
			if tx, ok := in.(*ast.Text); ok {
				if len(out) > 0 {
					if prev, ok := out[len(out)-1].(*ast.Text); ok {
						out[len(out)-1] = &ast.Text{Text: prev.Text + tx.Text}
						continue
					}
				}
				out = append(out, &ast.Text{Text: tx.Text})
				continue
			}
			out = append(out, in)
		}
		return out
	}
	ast.WalkBlocks(blocks, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Heading:
			n.Inlines = merge(n.Inlines)
		case *ast.Paragraph:
			n.Inlines = merge(n.Inlines)
		case *ast.Table:
			for _, c := range n.Header {
				c.Inlines = merge(c.Inlines)
			}
			for _, row := range n.Rows {
				for _, c := range row {
					c.Inlines = merge(c.Inlines)
				}
			}
		case *ast.Emphasis:
			n.Inlines = merge(n.Inlines)
		case *ast.Strong:
			n.Inlines = merge(n.Inlines)
		case *ast.Strikethrough:
			n.Inlines = merge(n.Inlines)
		case *ast.Link:
			n.Inlines = merge(n.Inlines)
		}
		return true
	})
	d := dump(&ast.Document{Blocks: blocks})
	return positions.ReplaceAllString(d, "")
}

var positions = regexp.MustCompile(` @(\d+:\d+|-)`)

// divergent matches templates whose placeholders may, by design, parse
// differently from their names: a name starting or ending in '_' (which
// could pair up as emphasis across placeholders), an e-mail address (the
// sentinel is not an e-mail character in angle-bracket autolinks), and a
// link label (matched case-insensitively, while names are
// case-sensitive); and a filter, "{name|filter}": its '|' splits no table
// cell, and an unknown filter is an error.
var divergent = regexp.MustCompile(`\{_|_\}|@|\]\s*\[|\]:|\{[A-Za-z_][A-Za-z0-9_]*\|`)

// checkSameParse checks that a template parses to the same shape with
// its placeholders recognised (and kept, unfilled) as with them treated
// as plain text.
func checkSameParse(t *testing.T, src string) {
	if divergent.MatchString(src) {
		return
	}
	with, err1 := parse("d.md", []byte(src), Options{}, parseConfig{placeholders: true, costGuard: true})
	without, err2 := parse("d.md", []byte(src), Options{}, parseConfig{costGuard: true})
	if (err1 == nil) != (err2 == nil) {
		t.Fatalf("%q: errors differ: %v / %v", src, err1, err2)
	}
	if err1 != nil {
		return
	}
	d1, _, err := with.Fill(nil, FillOptions{Missing: MissingKeep})
	if langRefused(with, err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	d2, _, err := without.Fill(nil, FillOptions{Missing: MissingKeep})
	if langRefused(without, err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if s1, s2 := shape(d1.Blocks), shape(d2.Blocks); s1 != s2 {
		t.Fatalf("%q parses differently with placeholders:\n%s\nwithout:\n%s", src, s1, s2)
	}
}

func TestSentinelsParseLikeNames(t *testing.T) {
	for _, src := range []string{
		"*{a}* **{b}**{c} _{d}_ {e}*x* ~~{f}~~",
		"\"{a}\" '{b}' {c}'s {d}... {e}--{f}",
		"[{a}](u/{b} \"{c}\") ![{d}]({e}) <https://x/{f}>",
		"www.example.com/{a}/b https://x.example/{b}?q={c}. http://{d}.example",
		"<a href={a} title='{b}'>{c}</a> <{d}> </{e}>",
		"<div {a}>\n{b}\n</div>\n\n<!-- {c} -->",
		"| {a} | b |\n|---|:-:|\n| `{c}` | {d} \\| x |\n",
		"- [ ] {a}\n- [{b}] c\n1. {c}\n{d}) e\n",
		"# {a} #\n{b}\n===\n\n    {c}\n\n```{d}\n{e}\n```\n",
		"{a}[^1] [^{b}]\n\n[^1]: {c}\n[^{b}]: {d}\n",
		"x{a}y\\{b} \\\\{c} &{d}; &amp;{e}",
		"***{a}*** *{b}**c** {d}*",
	} {
		checkSameParse(t, src)
	}
}

func FuzzSentinelsParseLikeNames(f *testing.F) {
	f.Add("*{a}* [{b}](c/{d}) www.x.example/{e}")
	f.Add("| {a} | b |\n|--|--|\n| {c} |\n")
	f.Add("<b title={a}>{b}</b>\n\n<div>\n{c}\n</div>")
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 || strings.ContainsRune(src, 0) {
			return
		}
		checkSameParse(t, src)
	})
}

// TestKnownDivergences pins the three places where a placeholder parses
// differently from its name written as text (see the package doc).
func TestKnownDivergences(t *testing.T) {
	vals := map[string]string{"_a": "A", "b_": "B", "user": "U", "Site": "S", "site": "s"}
	tests := []struct{ src, want string }{
		{"x {_a} y {b_} z\n", "Paragraph\n  Text \"x \"\n  Text \"A\"\n  Text \" y \"\n  Text \"B\"\n  Text \" z\"\n"},
		{"<{user}@example.com>\n", "Paragraph\n  Text \"<\"\n  Text \"U\"\n  Text \"@example.com>\"\n"},
		{"[{Site}]\n\n[{site}]: /u\n", "Paragraph\n  Text \"[\"\n  Text \"S\"\n  Text \"]\"\n"},
	}
	for _, tt := range tests {
		doc := mustFill(t, mustParse(t, tt.src, Options{}), vals)
		got := positions.ReplaceAllString(dump(&ast.Document{Blocks: doc.Blocks}), "")
		got = strings.SplitN(got, "\n", 2)[1] // drop the Meta line
		if got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}
