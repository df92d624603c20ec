package template

import (
	"bytes"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// newLinkify returns goldmark's linkify extension (as
// extension.NewLinkify, at its priority) with linkifyGate around its
// inline parser.
func newLinkify(opts ...extension.LinkifyOption) goldmark.Extender {
	return inlineExtension{linkifyGate{inner: extension.NewLinkifyParser(opts...)}, 999}
}

// linkifyGate calls goldmark's linkify inline parser only where it can
// find a link, with exactly its output.
//
// goldmark's linkify parser (extension/linkify.go, v1.8.7) is called at
// every space, *, _, ~ and ( and at the start of every line: before
// nearly every word of prose. Unless the word starts with http:, https:,
// ftp: or www. it runs the e-mail pattern on the rest of the line, which
// cost the seed's render 879 calls and 3.3 M instructions, 6 % of the
// whole process. The pattern's local part holds no white space, so an
// address can start here only when an @ comes before the line's next
// space, tab or line end; the gate skips the one trigger character the
// parser skips, and calls it for one of those prefixes or such an @. (It
// assumes linkify's default protocols: WithLinkifyAllowedProtocols is
// not used.)
type linkifyGate struct {
	inner parser.InlineParser
}

// Trigger returns linkify's trigger characters.
func (g linkifyGate) Trigger() []byte { return g.inner.Trigger() }

// Parse calls linkify where the line may start a link, and otherwise
// leaves the text to the other parsers, as linkify would.
func (g linkifyGate) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, _ := block.PeekLine()
	if !mayStartLink(line) {
		return nil
	}
	return g.inner.Parse(parent, block, pc)
}

// CloseBlock passes the end of a block on to linkify when it wants to
// know.
func (g linkifyGate) CloseBlock(parent gast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := g.inner.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// linkPrefixes are the starts of a URL that linkify looks for.
var linkPrefixes = [...][]byte{[]byte("http:"), []byte("https:"), []byte("ftp:"), []byte("www.")}

// mayStartLink reports whether linkify could find a link at the start of
// line: after the trigger character it skips, a URL prefix, or an @
// before the next white space.
func mayStartLink(line []byte) bool {
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(':
			line = line[1:]
		}
	}
	for _, p := range linkPrefixes {
		if bytes.HasPrefix(line, p) {
			return true
		}
	}
	for _, c := range line {
		switch c {
		case '@':
			return true
		case ' ', '\t', '\n', '\r':
			return false
		}
	}
	return false
}
