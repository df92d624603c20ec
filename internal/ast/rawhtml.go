package ast

import "strings"

// RawHTMLPositions returns where each piece of raw HTML (an *HTMLBlock or
// a *RawHTML) in blocks is, in document order, each position once: the
// places a backend that drops raw HTML leaves something out. A piece
// that is only HTML comments (OnlyComments) is left out, since a reader
// loses nothing without it, and so are positions that are not valid.
func RawHTMLPositions(blocks []Block) []Pos {
	var out []Pos
	seen := map[Pos]bool{}
	add := func(p Pos) {
		if p.IsValid() && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	WalkBlocks(blocks, func(n Node) bool {
		switch n := n.(type) {
		case *HTMLBlock:
			if !OnlyComments(n.Text) {
				add(n.At)
			}
		case *RawHTML:
			if !OnlyComments(n.Text) {
				add(n.At)
			}
		}
		return true
	})
	return out
}

// OnlyComments reports whether raw HTML is nothing but HTML comments
// ("<!-- … -->"; one not closed runs to the end) and white space.
func OnlyComments(html string) bool {
	rest := strings.TrimLeft(html, " \t\r\n")
	if rest == "" {
		return false
	}
	for rest != "" {
		after, ok := strings.CutPrefix(rest, "<!--")
		if !ok {
			return false
		}
		_, rest, ok = strings.Cut(after, "-->")
		if !ok {
			return true
		}
		rest = strings.TrimLeft(rest, " \t\r\n")
	}
	return true
}
