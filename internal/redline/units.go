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
}

// unit is what words are aligned by: a word (the pieces between two
// stretches of whitespace, "word" and a footnote mark glued to it are one
// unit) or a stretch of whitespace.
type unit struct {
	pieces []piece
	space  bool
	// key is what makes two units the same words; sig is their
	// formatting, which only a formatting change differs in.
	key, sig string
	// n is the number of words u holds (as strings.Fields counts them).
	n int
}

// text is what u reads as.
func (u unit) text() string {
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

// words is the number of words u holds (as strings.Fields counts them).
func (u unit) words() int { return u.n }

// countWords counts the words of the text of ps as strings.Fields would
// in their concatenation, without making it.
func countWords(ps []piece) int {
	n, in := 0, false
	for _, p := range ps {
		for _, r := range p.text {
			sp := unicode.IsSpace(r)
			if !sp && !in {
				n++
			}
			in = !sp
		}
	}
	return n
}

// units cuts a run of inlines into units.
func units(ins []ast.Inline) []unit {
	ps := pieces(ins, nil, make([]piece, 0, 16))
	var out []unit
	for _, p := range ps {
		sp := isSpacePiece(p)
		if l := len(out) - 1; l >= 0 && out[l].space == sp {
			out[l].pieces = append(out[l].pieces, p)
			continue
		}
		out = append(out, unit{pieces: []piece{p}, space: sp})
	}
	for i := range out {
		u := &out[i]
		if u.space {
			u.key, u.sig = " ", ""
			continue
		}
		u.n = countWords(u.pieces)
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

// textPieces appends the pieces of t: its words and its stretches of
// whitespace, each with t's position moved on by the bytes before it (a
// column in the filled text: typographic quotes and values make it drift
// from the template's).
func textPieces(t *ast.Text, path []ast.Inline, out []piece) []piece {
	s := t.Text
	for s != "" {
		r, _ := utf8.DecodeRuneInString(s)
		sp := unicode.IsSpace(r)
		end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) != sp })
		if end < 0 {
			end = len(s)
		}
		pos := t.At
		if pos.IsValid() {
			pos.Col += len(t.Text) - len(s)
		}
		out = append(out, piece{text: s[:end], path: path, pos: pos})
		s = s[end:]
	}
	return out
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
}

// build makes the inlines of a run of marked pieces: each run of one
// change becomes an *ast.Change, inside which the pieces get their
// emphasis, links and so on back, and neighbouring pieces of one text
// become one *ast.Text again.
func build(ms []marked) []ast.Inline {
	var out []ast.Inline
	for i := 0; i < len(ms); {
		j := i + 1
		for j < len(ms) && ms[j].kind == ms[i].kind && ms[j].id == ms[i].id {
			j++
		}
		ins := nest(ms[i:j], 0)
		if ms[i].kind == 0 {
			out = append(out, ins...)
		} else {
			out = append(out, &ast.Change{Kind: ms[i].kind, ID: ms[i].id, Inlines: ins})
		}
		i = j
	}
	return out
}

// nest rebuilds the inlines of ms below depth of their paths.
func nest(ms []marked, depth int) []ast.Inline {
	var out []ast.Inline
	for i := 0; i < len(ms); {
		m := ms[i]
		if len(m.path) > depth {
			w := m.path[depth]
			j := i + 1
			for j < len(ms) && len(ms[j].path) > depth && ms[j].path[depth] == w {
				j++
			}
			out = append(out, rewrap(w, nest(ms[i:j], depth+1)))
			i = j
			continue
		}
		if m.leaf != nil {
			out = append(out, m.leaf)
			i++
			continue
		}
		var b strings.Builder
		j := i
		for j < len(ms) && ms[j].leaf == nil && len(ms[j].path) == depth {
			b.WriteString(ms[j].text)
			j++
		}
		out = append(out, &ast.Text{Text: b.String(), At: m.pos})
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
