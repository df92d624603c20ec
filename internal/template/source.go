package template

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/values"
)

// source is a template's text in its three forms: the normalised text
// (BOM dropped, every line ending "\n"), the encoded Markdown body handed
// to goldmark, and the tables that map an offset in either back to a
// line:col of the original file.
type source struct {
	file string
	// norm is the template without BOM, with CRLF and lone CR turned into
	// LF. Line and column numbers in norm equal those of the original
	// file, because a line ending is only ever replaced by another.
	norm []byte
	// lineStarts are the offsets in norm where each line starts.
	lineStarts []int
	// bodyStart is the offset in norm where the Markdown body starts
	// (after any front matter).
	bodyStart int
	// enc is the encoded body (see appendSentinel).
	enc []byte
	// reps are the places where enc differs in length from the body,
	// in order.
	reps []replacement
	// occs are the placeholders of the body, in order.
	occs []occurrence
	// lookalikes are the places of the body written as another
	// template language writes a placeholder, in order.
	lookalikes []lookalike
}

// lookalike is text of the body written as another template language
// writes a placeholder (see PlaceholderNotice and scanLookalikes).
type lookalike struct {
	lookalikeSpan
	Enc int // offset in enc of its first byte
	Pos ast.Pos
	In  lookalikeContext // what it is written in, which says what to write instead
}

// lookalikeContext is the kind of Markdown a lookalike is written in.
type lookalikeContext int

const (
	inText     lookalikeContext = iota // text, a link's destination or title
	inCode                             // a code span, code block or info string: meant as written
	inComment                          // an HTML comment: nobody reads it in the output
	inRawHTML                          // other raw HTML, where a backslash stays as written
	inAutolink                         // an autolink (<https://…>), where no escape works
)

// replacement says that enc[Enc:Enc+EncLen] stands for
// norm[Norm:Norm+NormLen].
type replacement struct {
	Enc, EncLen, Norm, NormLen int
}

// occurrence is one placeholder of the body.
type occurrence struct {
	Name   string
	Filter string // "" for none
	ID     int
	Enc    int // offset of the sentinel in enc
	Pos    ast.Pos
	Code   bool // inside a code span, code block, info string or HTML comment: literal text
}

// normalize checks and normalises raw template bytes: BOM dropped, UTF-8
// validated, line endings turned into "\n".
func normalize(file string, src []byte) ([]byte, error) {
	bomLen := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		bomLen = 3
	}
	text := src[bomLen:]
	if !utf8.Valid(text) {
		off := 0
		for off < len(text) {
			r, size := utf8.DecodeRune(text[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line, col := rawLineCol(text, off)
		return nil, &Error{File: file, Pos: ast.Pos{Line: line, Col: col},
			Msg: values.InvalidUTF8(src, off+bomLen)}
	}
	if bytes.IndexByte(text, '\r') < 0 {
		return bytes.Clone(text), nil
	}
	return values.LF(text), nil
}

// rawLineCol returns the 1-based line and byte column of off in text,
// counting "\r\n", "\r" and "\n" as line endings.
func rawLineCol(text []byte, off int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < off && i < len(text); i++ {
		switch text[i] {
		case '\n':
			line, start = line+1, i+1
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				continue
			}
			line, start = line+1, i+1
		}
	}
	return line, off - start + 1
}

// newSource indexes the lines of norm. Call encodeBody next.
func newSource(file string, norm []byte) *source {
	s := &source{file: file, norm: norm, lineStarts: []int{0}}
	for i, c := range norm {
		if c == '\n' {
			s.lineStarts = append(s.lineStarts, i+1)
		}
	}
	return s
}

// checkUnshowable refuses a character of the template that no output
// shows as written (values.Unshowable: a control character, a
// noncharacter) or that draws nothing (values.Invisibles: a tag
// character, a Hangul filler, …), at its line and column, as a value
// holding one is refused. A NUL byte is left to Markdown, which replaces it with U+FFFD
// (the PDF then names it, pdf.GlyphError). The CommonMark profile keeps
// them all, as the specification's reference renderer does.
func (s *source) checkUnshowable() error {
	var inv values.Invisibles
	for off := 0; off < len(s.norm); {
		c := s.norm[off]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' || c == 0 {
			inv.Next(rune(c))
			off++
			continue
		}
		r, size := utf8.DecodeRune(s.norm[off:])
		if what := values.Unshowable(r); what != "" {
			return &Error{File: s.file, Pos: s.posNorm(off),
				Msg: fmt.Sprintf("U+%04X (%s) is refused: %s", r, what, values.UnshowableFix(r))}
		}
		if what := inv.Next(r); what != "" {
			return &Error{File: s.file, Pos: s.posNorm(off),
				Msg: fmt.Sprintf("U+%04X (%s) is refused: %s", r, what, values.InvisibleFix(r, string(s.norm[off:min(len(s.norm), off+4*64)])))}
		}
		off += size
	}
	return nil
}

// directionNotice returns a notice at the first character of the
// template that sets the direction of the text after it
// (values.DirectionControl: an embedding, override or isolate, or the
// pop that ends one), counting the others, and false when it has none.
// A browser, a mail program or a terminal applies them to the HTML and
// the plain text, which keep them; the PDF leaves them out and draws
// the text in its own order. So the outputs differ, and what a reader
// sees need not be what the file holds: "Trojan Source"
// (CVE-2021-42574), where an override shows a reviewer other text than
// the file has. Values holding one are refused (values.Hidden).
func (s *source) directionNotice() (Notice, bool) {
	var n Notice
	count := 0
	for off := 0; off+2 < len(s.norm); off++ {
		// Each of them is 0xE2 0x80 or 0x81, then a third byte.
		if s.norm[off] != 0xe2 || s.norm[off+1] != 0x80 && s.norm[off+1] != 0x81 {
			continue
		}
		r, _ := utf8.DecodeRune(s.norm[off:])
		name := values.DirectionControl(r)
		if name == "" {
			continue
		}
		if count == 0 {
			n = Notice{Kind: DirectionNotice, Pos: s.posNorm(off),
				Msg: fmt.Sprintf("U+%04X (%s) reorders the text after it in the HTML and the plain text (a browser, a mail program or a terminal applies it), but not in the PDF, which draws the text as written: the outputs differ, and readers do not see the text as the file holds it; remove it (right-to-left words are ordered by their letters without it)", r, name)}
		}
		count++
	}
	if count > 1 {
		n.Msg += fmt.Sprintf(" (%d such characters; this is the first)", count)
	}
	return n, count > 0
}

// posNorm returns the line:col of an offset in norm.
func (s *source) posNorm(off int) ast.Pos {
	if off < 0 {
		return ast.Pos{}
	}
	line := sort.SearchInts(s.lineStarts, off+1) // first start > off
	return ast.Pos{Line: line, Col: off - s.lineStarts[line-1] + 1}
}

// normOffset maps an offset in enc to an offset in norm. An offset inside
// a replacement maps to the replacement's start.
func (s *source) normOffset(off int) int {
	i := sort.Search(len(s.reps), func(i int) bool { return s.reps[i].Enc > off }) - 1
	if i < 0 {
		return s.bodyStart + off
	}
	r := s.reps[i]
	if off < r.Enc+r.EncLen {
		return r.Norm
	}
	return r.Norm + r.NormLen + (off - r.Enc - r.EncLen)
}

// posEnc returns the line:col of an offset in enc; the zero Pos for a
// negative offset.
func (s *source) posEnc(off int) ast.Pos {
	if off < 0 || off > len(s.enc) {
		return ast.Pos{}
	}
	return s.posNorm(s.normOffset(off))
}

// encodeBody builds enc from norm[bodyStart:]. With placeholders false
// (the CommonMark profile) only reserved noncharacters are escaped. ids
// assigns placeholder numbers by name and is extended for new names.
func (s *source) encodeBody(placeholders bool, ids *nameTable) {
	body := s.norm[s.bodyStart:]
	var spans []span
	if placeholders {
		spans = scanPlaceholders(body)
	}
	var looks []lookalikeSpan
	if placeholders {
		looks = scanLookalikes(body)
	}
	s.reps = make([]replacement, 0, len(spans))
	s.occs = make([]occurrence, 0, len(spans))
	s.lookalikes = make([]lookalike, 0, len(looks))
	enc := make([]byte, 0, len(body)+len(body)/16)
	next := 0
	for i := 0; i < len(body); {
		if len(s.lookalikes) < len(looks) && looks[len(s.lookalikes)].Start == i {
			s.lookalikes = append(s.lookalikes, lookalike{lookalikeSpan: looks[len(s.lookalikes)], Enc: len(enc), Pos: s.posNorm(s.bodyStart + i)})
		}
		if next < len(spans) && spans[next].Start == i {
			sp := spans[next]
			next++
			id := ids.id(sp.Key())
			start := len(enc)
			enc = appendSentinel(enc, id)
			s.reps = append(s.reps, replacement{Enc: start, EncLen: len(enc) - start, Norm: s.bodyStart + i, NormLen: sp.End - sp.Start})
			s.occs = append(s.occs, occurrence{Name: sp.Name, Filter: sp.Filter, ID: id, Enc: start, Pos: s.posNorm(s.bodyStart + i)})
			i = sp.End
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		if isNonchar(r) {
			start := len(enc)
			enc = utf8.AppendRune(enc, escapeRune)
			enc = append(enc, body[i:i+size]...)
			s.reps = append(s.reps, replacement{Enc: start, EncLen: len(enc) - start, Norm: s.bodyStart + i, NormLen: size})
			i += size
			continue
		}
		enc = append(enc, body[i:i+size]...)
		i += size
	}
	s.enc = enc
}

// nameTable numbers placeholder names in order of first appearance.
type nameTable struct {
	names []string
	ids   map[string]int
}

func (t *nameTable) id(name string) int {
	if id, ok := t.ids[name]; ok {
		return id
	}
	if t.ids == nil {
		t.ids = make(map[string]int)
	}
	t.ids[name] = len(t.names)
	t.names = append(t.names, name)
	return len(t.names) - 1
}
