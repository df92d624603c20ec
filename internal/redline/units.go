package redline

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
)

// piece is a leaf of a run of inlines: a stretch of text without
// whitespace, a stretch of whitespace, or an inline that holds no inlines
// (code, an image, a break, …), with the inlines that hold it, outermost
// first.
type piece struct {
	// text is what the piece reads as: the text itself, a code span's
	// code, an image's alt text, "[^1]" for a footnote reference.
	text string
	// leaf is the inline the piece is (nil for a piece of a Text).
	leaf ast.Inline
	path []ast.Inline
	pos  ast.Pos
	// isolate is the Isolate of the Text the piece is of: a value whose
	// direction is not the document's, which the redline's text keeps
	// isolated.
	isolate bool
}

// unit is what words are aligned by: a token (see nextToken: a word, a
// punctuation mark or symbol, or a stretch of whitespace), or several
// where an inline that holds no inlines (a code span, an image, a
// footnote reference) is cut by a token boundary: "a`b c`d" is one unit.
// A token made of pieces of several inlines ("**bold**word") is one
// unit of several pieces.
type unit struct {
	pieces []piece
	space  bool
	// key is what makes two units the same words; sig is their
	// formatting, which only a formatting change differs in.
	key, sig string
	// n is the number of words u holds (see nextToken).
	n int
}

// text is what u reads as.
func (u unit) text() string {
	if len(u.pieces) == 1 {
		return u.pieces[0].text
	}
	var b strings.Builder
	for _, p := range u.pieces {
		b.WriteString(p.text)
	}
	return b.String()
}

// pos is where u starts.
func (u unit) pos() ast.Pos {
	for _, p := range u.pieces {
		if p.pos.IsValid() {
			return p.pos
		}
	}
	return ast.Pos{}
}

// words is the number of words u holds.
func (u unit) words() int { return u.n }

// runText is the text of ps one after another.
func runText(ps []piece) string {
	if len(ps) == 1 {
		return ps[0].text
	}
	n := 0
	for _, p := range ps {
		n += len(p.text)
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range ps {
		b.WriteString(p.text)
	}
	return b.String()
}

// cutter yields the ends of the units of a run's text, all: the ends of
// its tokens but those inside the text of a leaf piece, which is never
// cut.
type cutter struct {
	all    string
	at     int
	leaves [][2]int // the spans of the leaves with text, in order
	li     int
}

// next returns where the unit that starts at c.at ends and how many
// words it holds.
func (c *cutter) next() (int, int) {
	words := 0
	for {
		e, k := nextToken(c.all, c.at)
		c.at = e
		if k == tokWord {
			words++
		}
		for c.li < len(c.leaves) && c.leaves[c.li][1] <= e {
			c.li++
		}
		if e >= len(c.all) || c.li == len(c.leaves) || c.leaves[c.li][0] >= e {
			return e, words
		}
	}
}

// units cuts a run of inlines into units.
func units(ins []ast.Inline) []unit {
	ps := pieces(ins, nil, make([]piece, 0, 8))
	c := cutter{all: runText(ps)}
	off := 0
	for _, p := range ps {
		if p.leaf != nil && len(p.text) > 0 {
			c.leaves = append(c.leaves, [2]int{off, off + len(p.text)})
		}
		off += len(p.text)
	}
	var out []unit
	var cur unit
	start, end := 0, 0 // the current unit's span of c.all
	flush := func() {
		if len(cur.pieces) > 0 {
			out = append(out, cur)
			cur = unit{}
		}
	}
	off = 0
	for _, p := range ps {
		if len(p.text) == 0 {
			if p.leaf == nil {
				continue
			}
			// An inline without text (an image without alt text) is a
			// unit of its own, unless it is inside a token.
			if len(cur.pieces) > 0 && off > start && off < end {
				cur.pieces = append(cur.pieces, p)
				continue
			}
			if off >= end {
				flush()
			}
			out = append(out, unit{pieces: []piece{p}})
			continue
		}
		for s := 0; s < len(p.text); {
			if off+s >= end {
				flush()
				start = end
				end, cur.n = c.next()
			}
			e := len(p.text)
			if p.leaf == nil {
				e = min(e, end-off)
			}
			q := p
			q.text = p.text[s:e]
			if q.pos.IsValid() {
				q.pos.Col += s
			}
			cur.pieces = append(cur.pieces, q)
			s = e
		}
		off += len(p.text)
	}
	flush()
	for i := range out {
		u := &out[i]
		u.space = true
		for _, p := range u.pieces {
			if !isSpacePiece(p) {
				u.space = false
				break
			}
		}
		if u.space {
			u.key, u.sig = " ", ""
			continue
		}
		if len(u.pieces) == 1 {
			u.key, u.sig = pieceKey(u.pieces[0]), pathSig(u.pieces[0].path)+"\x00"
			continue
		}
		var key, sig strings.Builder
		for _, p := range u.pieces {
			key.WriteString(pieceKey(p))
			sig.WriteString(pathSig(p.path))
			sig.WriteByte(0)
		}
		u.key, u.sig = key.String(), sig.String()
	}
	return out
}

// isSpacePiece reports whether p is whitespace: a stretch of spaces or a
// break.
func isSpacePiece(p piece) bool {
	if p.leaf == nil {
		r, _ := utf8.DecodeRuneInString(p.text)
		return unicode.IsSpace(r)
	}
	k := kindName(p.leaf)
	return k == "softbreak" || k == "hardbreak"
}

// pieceKey is what a piece reads as, with its kind: a code span "x" and
// the word "x" differ.
func pieceKey(p piece) string {
	if p.leaf == nil {
		return p.text
	}
	if img, ok := p.leaf.(*ast.Image); ok {
		return "\x01img\x01" + img.Destination + "\x01" + img.Alt + "\x01"
	}
	return "\x01" + kindName(p.leaf) + "\x01" + p.text + "\x01"
}

// pathSig is the formatting that the inlines of path give: emphasis,
// strong emphasis, strikethrough and links with their targets.
func pathSig(path []ast.Inline) string {
	var b strings.Builder
	for _, w := range path {
		b.WriteString(kindName(w))
		if l, ok := w.(*ast.Link); ok {
			b.WriteString("(" + l.Destination + " " + l.Title + ")")
		}
		b.WriteByte('/')
	}
	return b.String()
}

// pieces appends the pieces of ins, held by path, to out.
func pieces(ins []ast.Inline, path []ast.Inline, out []piece) []piece {
	for _, in := range ins {
		switch n := in.(type) {
		case *ast.Text:
			out = textPieces(n, path, out)
			continue
		case *ast.Emphasis, *ast.Strong, *ast.Strikethrough, *ast.Link, *ast.Change:
			inner := append(path[:len(path):len(path)], in)
			out = pieces(ast.InlineChildren(in), inner, out)
			continue
		case *ast.Code:
			out = append(out, piece{text: n.Text, leaf: n, path: path, pos: n.At})
			continue
		case *ast.Image:
			out = append(out, piece{text: n.Alt, leaf: n, path: path, pos: n.At})
			continue
		case *ast.SoftBreak:
			out = append(out, piece{text: " ", leaf: n, path: path})
			continue
		case *ast.HardBreak:
			out = append(out, piece{text: "\n", leaf: n, path: path})
			continue
		case *ast.RawHTML:
			out = append(out, piece{text: n.Text, leaf: n, path: path, pos: n.At})
			continue
		case *ast.FootnoteRef:
			out = append(out, piece{text: "[^" + strconv.Itoa(n.Index) + "]", leaf: n, path: path})
			continue
		}
	}
	return out
}

// textPieces appends the piece of t, its text (units cuts it into
// tokens).
func textPieces(t *ast.Text, path []ast.Inline, out []piece) []piece {
	if t.Text == "" {
		return out
	}
	return append(out, piece{text: t.Text, path: path, pos: t.At, isolate: t.Isolate})
}

// kindName names an inline's kind for keys and signatures.
func kindName(in ast.Inline) string {
	switch in.(type) {
	case *ast.Text:
		return "text"
	case *ast.Emphasis:
		return "em"
	case *ast.Strong:
		return "strong"
	case *ast.Strikethrough:
		return "strike"
	case *ast.Code:
		return "code"
	case *ast.Link:
		return "link"
	case *ast.Image:
		return "img"
	case *ast.SoftBreak:
		return "softbreak"
	case *ast.HardBreak:
		return "hardbreak"
	case *ast.RawHTML:
		return "html"
	case *ast.FootnoteRef:
		return "fnref"
	case *ast.Change:
		return "change"
	}
	return "unknown"
}

// marked is a piece of the redline and the change it belongs to (kind 0
// for none).
type marked struct {
	piece
	kind ast.ChangeKind
	id   string
	// side is the version that alone has an unmarked piece (kind 0):
	// the whitespace around a word inserted or deleted alone, which the
	// redline shows unmarked (see comparer.inlines), but which a View of
	// the other version leaves out. 0 for a piece of both or a marked one.
	side ast.ChangeKind
}

// sideRange is a stretch of the text of an *ast.Text of the redline,
// bytes start:end, that only one version has (side: ast.Deleted for the
// old one, ast.Inserted for the new), shown unmarked (marked.side).
type sideRange struct {
	start, end int
	side       ast.ChangeKind
}

// build makes the inlines of a run of marked pieces: each run of one
// change becomes an *ast.Change, inside which the pieces get their
// emphasis, links and so on back, and neighbouring pieces of one text
// become one *ast.Text again (an isolated value's, ast.Text.Isolate,
// one of its own, unless a change cuts it: see keepWholeIsolates).
//
// sides, when not nil, gets the stretches of the texts made that only
// one version has (marked.side).
func build(ms []marked, sides map[*ast.Text][]sideRange) []ast.Inline {
	keepWholeIsolates(ms)
	var out []ast.Inline
	for i := 0; i < len(ms); {
		j := i + 1
		for j < len(ms) && ms[j].kind == ms[i].kind && ms[j].id == ms[i].id {
			j++
		}
		ins := nest(ms[i:j], 0, sides)
		if ms[i].kind == 0 {
			out = append(out, ins...)
		} else {
			out = append(out, &ast.Change{Kind: ms[i].kind, ID: ms[i].id, Inlines: ins})
		}
		i = j
	}
	return out
}

// keepWholeIsolates takes the isolation from each run of isolated pieces
// (an isolated value, ast.Text.Isolate) that a change cuts: each part
// isolated on its own would be shown in the paragraph's order, "GmbH
// ACME" for a value "ACME GmbH" → "ACME AG" in a Hebrew sentence, where
// unisolated the parts keep theirs, as before values were isolated.
func keepWholeIsolates(ms []marked) {
	for i := 0; i < len(ms); {
		if !ms[i].isolate {
			i++
			continue
		}
		j, cut := i+1, false
		for ; j < len(ms) && ms[j].isolate; j++ {
			cut = cut || ms[j].kind != ms[i].kind || ms[j].id != ms[i].id
		}
		if cut {
			for k := i; k < j; k++ {
				ms[k].isolate = false
			}
		}
		i = j
	}
}

// nest rebuilds the inlines of ms below depth of their paths.
// sides is as for build.
func nest(ms []marked, depth int, sides map[*ast.Text][]sideRange) []ast.Inline {
	var out []ast.Inline
	for i := 0; i < len(ms); {
		m := ms[i]
		if len(m.path) > depth {
			w := m.path[depth]
			j := i + 1
			for j < len(ms) && len(ms[j].path) > depth && ms[j].path[depth] == w {
				j++
			}
			out = append(out, rewrap(w, nest(ms[i:j], depth+1, sides)))
			i = j
			continue
		}
		if m.leaf != nil {
			out = append(out, m.leaf)
			i++
			continue
		}
		var b strings.Builder
		var rs []sideRange
		j := i
		for j < len(ms) && ms[j].leaf == nil && len(ms[j].path) == depth && ms[j].isolate == m.isolate {
			if ms[j].side != 0 {
				rs = append(rs, sideRange{start: b.Len(), end: b.Len() + len(ms[j].text), side: ms[j].side})
			}
			b.WriteString(ms[j].text)
			j++
		}
		t := &ast.Text{Text: b.String(), At: m.pos, Isolate: m.isolate}
		if len(rs) > 0 && sides != nil {
			sides[t] = rs
		}
		out = append(out, t)
		i = j
	}
	return out
}

// rewrap returns a copy of the inline w that holds ins instead of its
// own inlines. An inline that holds none is returned as it is.
func rewrap(w ast.Inline, ins []ast.Inline) ast.Inline {
	switch w := w.(type) {
	case *ast.Emphasis:
		c := *w
		c.Inlines = ins
		return &c
	case *ast.Strong:
		c := *w
		c.Inlines = ins
		return &c
	case *ast.Strikethrough:
		c := *w
		c.Inlines = ins
		return &c
	case *ast.Link:
		c := *w
		c.Inlines = ins
		return &c
	case *ast.Change:
		c := *w
		c.Inlines = ins
		return &c
	case *ast.Text, *ast.Code, *ast.Image, *ast.SoftBreak, *ast.HardBreak, *ast.RawHTML, *ast.FootnoteRef:
		return w
	}
	return w
}
