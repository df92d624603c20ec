package template

import (
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// TestRunePos finds a character of the filled document in the source,
// from the position of the text that holds it: past typographic quotes,
// escapes and references, which make the text and the source differ in
// length; written as a reference; a NUL byte for U+FFFD; in code; with a
// BOM and CRLF line endings. Text from a value stays at its placeholder.
func TestRunePos(t *testing.T) {
	const bold = '\U0001D400' // 𝐀
	for _, tc := range []struct {
		name, src string
		r         rune
		want      ast.Pos
		nul       bool
	}{
		{"plain", "first line\n\nabc def 𝐀 ghi\n", bold, ast.Pos{Line: 3, Col: 9}, false},
		{"after quotes, an escape and a reference", "# T\n\n\"Quoted\" \\* &amp; -- x 𝐀\n", bold, ast.Pos{Line: 3, Col: 24}, false},
		{"a reference", "ab &#x1D400; c\n", bold, ast.Pos{Line: 1, Col: 4}, false},
		{"a named reference is not the character", "&copy; &#119808;\n", bold, ast.Pos{Line: 1, Col: 8}, false},
		{"NUL", "a\x00b\n", '\uFFFD', ast.Pos{Line: 1, Col: 2}, true},
		{"U+FFFD written", "a \uFFFD b\n", '\uFFFD', ast.Pos{Line: 1, Col: 3}, false},
		{"an invalid reference", "a &#0; b\n", '\uFFFD', ast.Pos{Line: 1, Col: 3}, false},
		{"code block", "# T\n\n> ```\n> code\n> more 𝐀\n> ```\n", bold, ast.Pos{Line: 5, Col: 8}, false},
		{"code span", "Text `code 𝐀`\n", bold, ast.Pos{Line: 1, Col: 12}, false},
		{"BOM and CRLF", "\uFEFFab\r\nc 𝐀\r\n", bold, ast.Pos{Line: 2, Col: 3}, false},
		{"after front matter", "---\ntitle: T\n---\nab 𝐀\n", bold, ast.Pos{Line: 4, Col: 4}, false},
		{"a value", "A {v} 𝐀\n", bold, ast.Pos{Line: 1, Col: 3}, false},
	} {
		tp, err := Parse("p.md", []byte(tc.src), Options{})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		doc, _, err := tp.Fill(map[string]string{"v": "𝐀"}, FillOptions{})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		from := textStart(doc, tc.r)
		got, nul := tp.RunePos([]byte(tc.src), from, tc.r)
		if got != tc.want || nul != tc.nul {
			t.Errorf("%s: RunePos from %s = %s, NUL %v; want %s, NUL %v", tc.name, from, got, nul, tc.want, tc.nul)
		}
	}
	tp, err := Parse("p.md", []byte("ab\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, from := range []ast.Pos{{}, {Line: 1, Col: 1}, {Line: 9, Col: 1}} {
		if got, _ := tp.RunePos([]byte("ab\n"), from, 'x'); got != from {
			t.Errorf("RunePos of a character not there, from %s = %s, want %[1]s", from, got)
		}
	}
}

// textStart returns where the first text of doc that holds r starts,
// as a backend sees it.
func textStart(doc *ast.Document, r rune) ast.Pos {
	var pos ast.Pos
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		if pos.IsValid() {
			return false
		}
		var text string
		switch n := n.(type) {
		case *ast.Text:
			text = n.Text
		case *ast.Code:
			text = n.Text
		case *ast.CodeBlock:
			text = n.Text
		default:
			return true
		}
		if strings.ContainsRune(text, r) {
			pos = n.Pos()
		}
		return true
	})
	return pos
}
