package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/safeurl"
)

// TestPlainTextLosesNothing renders the golden inputs and the whole shared
// corpus to plain text and requires every word of the document — its text,
// code, image descriptions and link destinations — to appear in the output
// (case-insensitively, since level-1 headings are upper-cased).
func TestPlainTextLosesNothing(t *testing.T) {
	r, err := render.New(render.Options{}, []render.Format{render.TXT})
	if err != nil {
		t.Fatal(err)
	}
	ins := append(inputs(t), sharedCorpus(t)...)
	for _, in := range ins {
		t.Run(in.name, func(t *testing.T) {
			doc := fill(t, in)
			var buf bytes.Buffer
			if err := r.Write(&buf, doc, render.TXT); err != nil {
				t.Fatal(err)
			}
			have := map[string]bool{}
			for _, w := range words(buf.String()) {
				have[w] = true
			}
			// Text without spaces (CJK) wraps between any two wide
			// characters, and a URL written once may run into the CJK
			// text after it: such a word is looked for in the output
			// with its line breaks, indentation and punctuation taken out.
			joined := strings.Join(words(buf.String()), "")
			var lost []string
			for _, w := range words(documentText(doc)) {
				if !have[w] && !strings.Contains(joined, w) {
					lost = append(lost, w)
					have[w] = true // report each word once
				}
			}
			if len(lost) > 0 {
				t.Errorf("%d words of the document are not in the plain text, e.g. %q", len(lost), lost[:min(len(lost), 10)])
			}
		})
	}
}

// documentText is every piece of text a reader of doc must find: text,
// code, image descriptions and link destinations (an e-mail address
// without its mailto: scheme; none for a link inside the document),
// separated by spaces.
func documentText(doc *ast.Document) string {
	var b strings.Builder
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Text:
			b.WriteString(n.Text)
		case *ast.Code:
			b.WriteString(n.Text)
		case *ast.CodeBlock:
			b.WriteString(n.Text)
		case *ast.Image:
			b.WriteString(" " + n.Alt + " ")
			if safeurl.Allowed(n.Destination) {
				b.WriteString(n.Destination)
			}
		case *ast.Link:
			// "mailto:x" whose text is x is written once, as x; a link
			// inside the document (#id) is its words alone
			// (ast.SpellsDestination), as is one to an address
			// safeurl refuses.
			if !strings.HasPrefix(strings.TrimSpace(n.Destination), "#") && safeurl.Allowed(n.Destination) {
				b.WriteString(" " + strings.TrimPrefix(n.Destination, "mailto:") + " ")
			}
		case *ast.SoftBreak, *ast.HardBreak:
			b.WriteByte(' ')
		}
		b.WriteByte(' ')
		return true
	})
	return b.String()
}
