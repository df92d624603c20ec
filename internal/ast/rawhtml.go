package ast

// RawHTMLPositions returns where each piece of raw HTML (an *HTMLBlock or
// a *RawHTML) in blocks is, in document order, each position once: the
// places a backend that drops raw HTML leaves something out. Positions
// that are not valid are left out.
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
			add(n.At)
		case *RawHTML:
			add(n.At)
		}
		return true
	})
	return out
}
