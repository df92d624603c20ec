package pdf

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/linebreak"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
	"github.com/policyexport/policyexport/internal/shape"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72

// style is the look of a span of inline text.
type style struct {
	bold, italic, mono, strike, sup bool
	// under underlines the run; changed draws a change bar in the left
	// margin beside its line (both for a redline's changes only).
	under, changed bool
	// ltr reads the run left to right whatever its paragraph's
	// direction, as a bidi isolate (lineItemsBidi): code, and an address
	// (a link note's URL, a link whose text is its URL), which in a
	// right-to-left paragraph drew "https://example.com/" as
	// "/https://example.com".
	ltr bool
	// value numbers the value that must be isolated (ast.Text.Isolate)
	// that the run is part of, from 1 in a document, 0 for none; only
	// neighbours need to differ, so that the count may wrap. valueRTL is
	// its direction, its first strong character's (bidi.BaseDirection),
	// as an FSI gives it: in a line of the other direction its runs
	// (and the spaces between them) go into an isolate of their own
	// (lineItemsBidi), as the HTML's <bdi>.
	value    uint16
	valueRTL bool
	// spoken is the kind of the innermost struck-out (Deleted) or
	// changed text this is in, 0 for none: the outermost's Span says
	// the labels of what it holds (spokenSpan), and a link's /Contents
	// its own. A byte, as the flags: every span holds a style, and a
	// paragraph's spans are held whole (TestPageLimitStopsEarly).
	spoken spokenKind
	size   float64 // points
	color  rgb
	link   string // external URI or "#anchor"; empty for none
	fnref  string // the id of the footnote reference this is (ast.FootnoteIDs.ReferenceIDs); empty for none
	elem   int    // structure element of an inline that has one (a link, code); 0 for its block's
}

type rgb struct{ r, g, b int }

var (
	colorText  = rgb{25, 25, 25}
	colorLink  = rgb{0, 60, 150}
	colorMuted = rgb{110, 110, 110}
	colorRule  = rgb{160, 160, 160}
	colorFill  = rgb{240, 240, 240}
	// The colours of a redline: deleted text, inserted text, reformatted
	// text, and the change bar.
	colorDeleted     = rgb{190, 20, 20}
	colorInserted    = rgb{0, 70, 200}
	colorReformatted = rgb{120, 40, 150}
	colorChangeBar   = rgb{90, 90, 90}
)

// span is a piece of inline text in one style, before glyph resolution.
type span struct {
	text  string
	st    style
	pos   ast.Pos
	brk   bool // a hard line break (text is empty)
	image *ast.Image
}

// run is text in one font and style: the unit that is drawn with one call.
type run struct {
	text string
	face int
	st   style
	w    float64 // mm
	// glyphs are the shaped glyphs of a run that needs shaping
	// (shaping.go), nil for one drawn a glyph per character.
	glyphs []shape.Glyph
	// shaped is set while building a run that will be shaped.
	shaped bool
}

// word is an unbreakable sequence of runs.
type word struct {
	runs    []run
	w       float64
	space   float64 // width of the space that follows, 0 for none
	spaceSt style   // style of that space (for links and strike-through)
	hardBrk bool    // a forced line break follows
}

// skipRune reports whether r is dropped rather than drawn: zero-width and
// bidi formatting characters (bidi.IsControl: the Arabic letter mark as
// well as LRM and RLM), the soft hyphen (no hyphenation is done), the
// byte order mark and C0/C1 control characters. All of them are
// invisible in a correct rendering, so dropping them loses nothing.
func skipRune(r rune) bool {
	switch {
	case r == 0xAD, r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF, bidi.IsControl(r):
		return true
	case r < 0x20 || r == 0x7F || r >= 0x80 && r < 0xA0:
		return true
	}
	return false
}

// isBreakSpace reports whether r separates words: a space equivalent
// (ast.IsSpaceEquivalent) does too.
func isBreakSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == 0x2003 || r == 0x2002 || r == 0x3000 || ast.IsSpaceEquivalent(r)
}

// preferredFace returns the face index for a style.
func preferredFace(st style) int {
	switch {
	case st.mono:
		return faceMono
	case st.bold && st.italic:
		return faceBoldItalic
	case st.bold:
		return faceBold
	case st.italic:
		return faceItalic
	}
	return faceRegular
}

// faceFor returns the first face that has r: the style's face, the
// regular serif (for code), the built-in fallbacks, the user's fonts.
//
// A character of a script that needs shaping (shapedScript) is a
// *ShapingError whatever the fonts: no font makes drawing it code point
// by code point right.
func (r *Renderer) faceFor(c rune, st style, pos ast.Pos) (int, error) {
	p := preferredFace(st)
	if c < firstShaped && r.out.Metrics(p).Has(c) {
		// Most characters: below the first character of a script that
		// needs shaping (so neither refused nor shaped), in the style's
		// face. The checks below give the same face.
		return p, nil
	}
	if name := shapedScript(c); name != "" {
		return 0, &ShapingError{Rune: c, Script: name, At: srcerr.At{Pos: pos}}
	}
	if c == utf8.RuneError {
		return 0, &GlyphError{Rune: c, At: srcerr.At{Pos: pos}}
	}
	has := func(f int) (bool, error) {
		if c <= 0xFFFF {
			return r.out.Metrics(f).Has(c), nil
		}
		// Beyond the Basic Multilingual Plane, which fpdf's cmap reader
		// does not see: the shaper's cmap says, and the glyph is drawn
		// shaped with a private-use code (fpdfout/glyphs.go).
		sf, err := r.shapers[f].get()
		if err != nil {
			return false, nil
		}
		_, ok := sf.Glyph(c)
		return ok, nil
	}
	use := func(f int) (bool, error) {
		if ok, _ := has(f); !ok {
			return false, nil
		}
		if needsShaper(c) {
			if _, err := r.shapers[f].get(); err != nil {
				return false, fmt.Errorf("%s%U needs shaping, and the font that has it cannot be read for shaping: %w", srcerr.At{Pos: pos}.Prefix(), c, err)
			}
		}
		return true, nil
	}
	if ok, err := use(p); ok || err != nil {
		return p, err
	}
	if p != faceRegular {
		if ok, err := use(faceRegular); ok || err != nil {
			return faceRegular, err
		}
	}
	// The fallbacks in order, those of the text's style first: of its
	// weight and slant, then of its weight, then of its slant, then any.
	// Bold text takes a bold face of its script when there is one (a
	// built-in one, fonts.Scripts, or a bold --font: NotoSansHebrew-Bold
	// for bold Hebrew, which DejaVu Sans draws regular otherwise);
	// regular text takes a bold face only when no other has c.
	want := faceStyle{bold: st.bold, italic: st.italic}
	for rank := 3; rank >= 0; rank-- {
		for i := firstFallback; i < len(r.shapers); i++ {
			if r.styles[i].rank(want) != rank {
				continue
			}
			if ok, err := use(i); ok || err != nil {
				return i, err
			}
		}
	}
	return 0, &GlyphError{Rune: c, At: srcerr.At{Pos: pos}}
}

// faceStyle is the weight and slant of a face.
type faceStyle struct{ bold, italic bool }

// rank says how well a face of style s draws text of style want: 3 for
// its weight and slant, 2 for its weight only, 1 for its slant only, 0
// for neither.
func (s faceStyle) rank(want faceStyle) int {
	n := 0
	if s.bold == want.bold {
		n += 2
	}
	if s.italic == want.italic {
		n++
	}
	return n
}

// size returns the drawn size in points of a style (superscripts are
// smaller).
func (st style) drawSize() float64 {
	if st.sup {
		return st.size * 0.68
	}
	return st.size
}

// advance returns the width in mm of c in face f at size pt.
func (r *Renderer) advance(f int, c rune, pt float64) float64 {
	return mmAdvance(r.out.Metrics(f), c, pt)
}

// mmAdvance returns the width in mm of c at size pt in the font of
// metrics m.
func mmAdvance(m *ttf.Metrics, c rune, pt float64) float64 {
	return float64(m.Advance(c)) * pt * ptToMM / 1000
}

// wordBuilder turns spans into words, resolving a face for every rune.
// Words end at spaces and where linebreak allows a break without one
// (CJK text).
type wordBuilder struct {
	r     *Renderer
	words []word
	cur   word
	// run is the open run, if open. Its text so far is run.text when sb
	// is empty, else what sb holds: a run of printable ASCII (addASCII)
	// is a substring of its span's text, copied into sb only when more
	// text joins it.
	sb   strings.Builder
	run  run
	open bool
	// runs is where the words' runs are kept: each word's runs are a
	// capped slice of it (so an append to one never writes into the
	// next), and the current word's are its tail. One allocation for
	// many words: a new one-run slice for every word was 6 % of
	// BenchmarkRenderSeedPDFA.
	runs []run
	// breaks finds the break opportunities of the spans' text, across
	// spans.
	breaks linebreak.Scanner
	// emphasis, when set, is told the face each character of the text
	// gets, to warn about bold or italic text drawn in a face without
	// that style (emphasis.go).
	emphasis *emphasisLog
}

func (b *wordBuilder) flushRun() {
	if !b.open {
		return
	}
	if b.sb.Len() > 0 {
		b.run.text = b.sb.String()
		b.sb.Reset()
	}
	if b.run.shaped {
		b.r.shapeRun(&b.run)
	}
	b.appendRun(b.run)
	b.cur.w += b.run.w
	b.open = false
}

// appendRun appends rn to the current word's runs, which are the tail of
// b.runs; a full b.runs is replaced by a larger one that starts with the
// current word's runs (the earlier words keep the old one). Room for
// twice the current word's runs keeps a long word of many runs linear
// (TestLongWordOfManyRuns); for the words to come, twice the old room up
// to 128 runs, starting from one: a table keeps every cell's words, and
// a first room of 16 runs for each one-word cell took
// pathological's table-rows-no-pipes from 284 to 353 MiB at 64 KiB.
func (b *wordBuilder) appendRun(rn run) {
	n := len(b.cur.runs)
	if len(b.runs) == cap(b.runs) {
		next := make([]run, 0, 2*n+min(max(1, 2*cap(b.runs)), 128))
		b.runs = append(next, b.cur.runs...)
	}
	b.runs = append(b.runs, rn)
	end := len(b.runs)
	b.cur.runs = b.runs[end-n-1 : end : end]
}

func (b *wordBuilder) endWord() {
	b.flushRun()
	if len(b.cur.runs) > 0 {
		b.words = append(b.words, b.cur)
	}
	b.cur = word{}
}

// addRune appends c in face f and style st to the current word.
func (b *wordBuilder) addRune(c rune, f int, st style) {
	if b.open && b.run.st != st {
		b.flushRun()
	}
	b.addRuneStyled(c, f, st)
}

// addRuneStyled is addRune when the open run, if there is one, has style
// st: addSpan compares a span's style with the open run's once, not for
// every character (comparing styles was 1.4 % of a seed document's
// instructions).
func (b *wordBuilder) addRuneStyled(c rune, f int, st style) {
	if b.open && b.run.face != f {
		b.flushRun()
	}
	if !b.open {
		b.run = run{face: f, st: st}
		b.open = true
	}
	b.writeRune(c)
	if needsShaper(c) {
		b.run.shaped = true
	} else if !b.run.shaped {
		b.run.w += b.r.advance(f, c, st.drawSize())
	}
}

// writeRune appends c to the open run's text.
func (b *wordBuilder) writeRune(c rune) {
	if b.run.text != "" {
		b.sb.WriteString(b.run.text)
		b.run.text = ""
	}
	b.sb.WriteRune(c)
}

// writeString appends s to the open run's text: without a copy when the
// run has no text yet.
func (b *wordBuilder) writeString(s string) {
	if b.sb.Len() == 0 && b.run.text == "" {
		b.run.text = s
		return
	}
	if b.run.text != "" {
		b.sb.WriteString(b.run.text)
		b.run.text = ""
	}
	b.sb.WriteString(s)
}

// space ends the current word with a following space in style st, of
// width w (spaceWidth(st), which a caller works out once for a span).
func (b *wordBuilder) space(st style, w float64) {
	b.flushRun()
	if len(b.cur.runs) == 0 {
		// Collapse spaces: widen nothing, but keep a space after the
		// previous word if it had none (for example after a hard break,
		// a space is dropped).
		if n := len(b.words); n > 0 && b.words[n-1].space == 0 && !b.words[n-1].hardBrk {
			b.words[n-1].space = w
			b.words[n-1].spaceSt = st
		}
		return
	}
	b.cur.space = w
	b.cur.spaceSt = st
	b.endWord()
}

func (r *Renderer) spaceWidth(st style) float64 {
	f := preferredFace(st)
	return r.advance(f, ' ', st.drawSize())
}

// addSpan splits a span into words: at spaces, and between clusters
// where linebreak allows a break without a space (the text before, in
// earlier spans, counts too).
func (b *wordBuilder) addSpan(s span) error {
	if s.brk {
		b.endWord()
		if n := len(b.words); n > 0 {
			b.words[n-1].hardBrk = true
			b.words[n-1].space = 0
		} else {
			b.words = append(b.words, word{hardBrk: true})
		}
		b.breaks.Reset("")
		return nil
	}
	if linebreak.PrintableASCII(s.text) {
		return b.addASCII(s)
	}
	return b.addScanned(s)
}

// addASCII is addSpan for a text of printable ASCII, which breaks at its
// spaces only (linebreak.PrintableASCII): it is cut there without
// stepping the Scanner cluster by cluster, as the plain text does. The
// Scanner is given the text's first piece, since whether a line may
// break before it depends on the text before (a Chinese character), and
// its last character, on which a break after the text depends; the rest
// it would return as pieces with no break before them
// (FuzzASCIIWords checks the words against addScanned's).
func (b *wordBuilder) addASCII(s span) error {
	text := s.text
	if text == "" {
		return nil
	}
	first := 1 // the first piece: a space, or the text up to one
	if text[0] != ' ' {
		if first = strings.IndexByte(text, ' '); first < 0 {
			first = len(text)
		}
	}
	b.breaks.Continue(text[:first])
	if _, _, breakBefore, _ := b.breaks.Next(); breakBefore {
		b.endWord()
	}
	if first < len(text) {
		b.breaks.Continue(text[len(text)-1:])
		b.breaks.Next()
	}
	sw := b.r.spaceWidth(s.st)
	for i := 0; i < len(text); {
		if text[i] == ' ' {
			b.space(s.st, sw)
			i++
			continue
		}
		j := strings.IndexByte(text[i:], ' ')
		if j < 0 {
			j = len(text) - i
		}
		if err := b.addASCIIWord(text[i:i+j], s); err != nil {
			return err
		}
		i += j
	}
	return nil
}

// addASCIIWord adds w, printable ASCII without a space, to the current
// word. When the style's face has every character of w and no shaped run
// is open (whose face draws the digits and punctuation that follow it:
// wordBuilder.faceFor), w is one run in that face, measured with one
// lookup of the face's metrics; else it is added character by character.
func (b *wordBuilder) addASCIIWord(w string, s span) error {
	f := preferredFace(s.st)
	m := b.r.out.Metrics(f)
	// The word joins the open run when that has its style and face; its
	// width is added to the run's character by character, as addRune
	// does, so that the sum is the same to the last bit.
	joins := b.open && b.run.st == s.st && b.run.face == f
	acc := 0.0
	if joins {
		acc = b.run.w
	}
	pt := s.st.drawSize()
	whole := !(b.open && b.run.shaped)
	for i := 0; i < len(w) && whole; i++ {
		whole = m.Has(rune(w[i]))
		acc += mmAdvance(m, rune(w[i]), pt)
	}
	if !whole {
		for _, c := range w {
			f, err := b.faceFor(c, s.st, s.pos)
			if err != nil {
				return err
			}
			b.addRune(c, f, s.st)
		}
		return nil
	}
	if !joins {
		b.flushRun()
		b.run = run{face: f, st: s.st}
		b.open = true
	}
	b.writeString(w)
	b.run.w = acc
	return nil
}

// addScanned is addSpan for any text: cut at spaces and where the
// Scanner reports a break.
func (b *wordBuilder) addScanned(s span) error {
	b.breaks.Continue(s.text)
	sw := b.r.spaceWidth(s.st)
	styled := false // the open run, if any, has s.st
	for {
		cluster, _, breakBefore, ok := b.breaks.Next()
		if !ok {
			return nil
		}
		if breakBefore {
			b.endWord()
		}
		for _, c := range cluster {
			switch {
			case isBreakSpace(c):
				b.space(s.st, sw)
				continue
			case c == 0xA0 || c == 0x202F:
				// No-break spaces join words; draw them as a space in
				// the body face, which has the glyph.
			case (c == 0x200C || c == 0x200D) && b.open && b.run.shaped:
				// ZWNJ and ZWJ choose forms in shaped text (a half form,
				// no conjunct): the shaper gets them.
				b.writeRune(c)
				continue
			case (c == 0x200C || c == 0x200D) && b.afterArabic() && b.r.out.Metrics(b.run.face).Has(c):
				// In Arabic-script text they have chosen the forms
				// already (shapeSpans: نحوه‌ی keeps ه final); they stay
				// in the text, drawn as the face's empty glyph of no
				// width, so that the text read from the PDF has them
				// (Persian writes ZWNJ inside words).
				b.writeRune(c)
				b.run.w += b.r.advance(b.run.face, c, b.run.st.drawSize())
				continue
			case skipRune(c):
				continue
			}
			f, err := b.faceFor(c, s.st, s.pos)
			if err != nil {
				return err
			}
			if styled {
				b.addRuneStyled(c, f, s.st)
			} else {
				b.addRune(c, f, s.st)
				styled = true
			}
		}
	}
}

// afterArabic reports whether the open run ends in an Arabic-script
// character (a presentation form, a letter or a mark).
func (b *wordBuilder) afterArabic() bool {
	if !b.open {
		return false
	}
	text := b.run.text
	if b.sb.Len() > 0 {
		text = b.sb.String()
	}
	c, _ := utf8.DecodeLastRuneInString(text)
	return arabicMark(c) || unicode.Is(unicode.Arabic, c)
}

// faceFor is the face that draws c: a punctuation mark, digit or other
// character common to several scripts (the danda ।, shared by the
// Indic scripts) inside a shaped run is drawn with the run's face when
// that face has it, as a shaping engine itemises text (HarfBuzz gives
// such a character the script of the text around it); any other
// character takes the fallback chain (Renderer.faceFor).
func (b *wordBuilder) faceFor(c rune, st style, pos ast.Pos) (int, error) {
	if b.open && b.run.shaped && c <= 0xFFFF && c != utf8.RuneError && unicode.In(c, unicode.Common, unicode.Inherited) && b.r.out.Metrics(b.run.face).Has(c) {
		// No script of the refusal table is Common or Inherited: only
		// U+FFFD, which stands for bad input, needs Renderer.faceFor.
		return b.run.face, nil
	}
	f, err := b.r.faceFor(c, st, pos)
	if err == nil && b.emphasis != nil {
		b.emphasis.check(b.r.styles[f], st, pos)
	}
	return f, err
}

func (b *wordBuilder) finish() []word {
	b.endWord()
	w := b.words
	if n := len(w); n > 0 {
		w[n-1].space = 0
	}
	return w
}

// line is one laid-out line of words.
type line struct {
	words   []word
	w       float64        // natural width, without the trailing space
	last    bool           // last line of its paragraph or before a hard break
	maxSize float64        // largest font size on the line, in points
	dir     bidi.Direction // direction of the paragraph
}

// breakLines breaks words greedily into lines no wider than width. A word
// wider than a line is split (splitWord). A line's words are a
// part of words (or of a copy, once a word has been split), never a copy
// of their own. The lines are appended to into[:0] (nil, or a buffer
// kept from an earlier call).
func (r *Renderer) breakLines(words []word, width float64, into []line) []line {
	cloned := false // words is copied before its first change
	owned := -1     // index of the word whose runs array is ours (a tail)
	lines := into[:0]
	var cur line // cur.words is words[start:i]
	start := 0
	flush := func(last bool) {
		cur.last = last
		lines = append(lines, cur)
		cur = line{}
	}
	// cut splits words[i] (wd) at width and ends the line with its head,
	// after gap; the tail takes words[i]'s place, and the loop goes on
	// from it.
	cut := func(i int, wd word, width, gap float64) int {
		if i != owned {
			// splitAt changes the runs array; the caller's words keep
			// theirs.
			wd.runs = slices.Clone(wd.runs)
		}
		head, tail := r.splitAt(wd, width)
		cur.words = append(slices.Clone(cur.words), head)
		cur.w += gap + head.w
		flush(false)
		start = i + 1
		if len(tail.runs) == 0 {
			return i
		}
		if !cloned {
			words, cloned = slices.Clone(words), true
		}
		words[i] = tail
		owned = i
		start = i
		return i - 1
	}
	for i := 0; i < len(words); i++ {
		wd := words[i]
		if len(wd.runs) == 0 { // a bare hard break
			flush(true)
			start = i + 1
			continue
		}
		gap := 0.0
		if n := len(cur.words); n > 0 {
			gap = cur.words[n-1].space
		}
		if room := width - cur.w - gap; len(cur.words) > 0 && wd.w > width+1e-6 && room >= width/3 {
			// A word wider than a line, which is cut anyway (a long
			// address), starts on this line when a cut where a URL breaks
			// fits in the room left, as LaTeX's url package and Typst
			// break one: moved down whole it left this line short,
			// stretched to huge gaps when justified.
			if end, _, _ := r.headEnd(wd, room, atSeparator); end > 0 {
				i = cut(i, wd, end+1e-9, gap)
				continue
			}
		}
		if len(cur.words) > 0 && cur.w+gap+wd.w > width+1e-6 {
			// A line never ends in a word that ends in a hyphen ("pre- and
			// post-processing"): a reader (and pdftotext) would take it
			// for a hyphenated word (linebreak.EndsInHyphen). Nor does it
			// end at a space where the line may not break
			// (linebreak.SpaceJoins: "Contact" before " :"). Move those
			// words to the next line; when the line has no other place
			// to end ("( ( ( …"), it ends where it is full.
			carry := 0
			for next, n := wd, len(cur.words); carry < n && keptWithNext(cur.words[n-1-carry], next); {
				next = cur.words[n-1-carry]
				carry++
			}
			if carry == len(cur.words) {
				carry = 0
			}
			if carry > 0 {
				cur.words = cur.words[:len(cur.words)-carry]
				cur.w = lineWidth(cur.words)
			}
			flush(false)
			start = i
			gap = 0
			if carry > 0 {
				start = i - carry
				cur.words = words[start:i]
				cur.w = lineWidth(cur.words)
				gap = words[i-1].space
				if cur.w+gap+wd.w > width+1e-6 {
					flush(false)
					start = i
					gap = 0
				}
			}
		}
		if len(cur.words) == 0 && wd.w > width+1e-6 {
			at := width
			if end, _, _ := r.headEnd(wd, width, atSeparator); end > 0 {
				at = end + 1e-9
			}
			i = cut(i, wd, at, gap)
			continue
		}
		cur.words = words[start : i+1]
		cur.w += gap + wd.w
		if wd.hardBrk {
			flush(true)
			start = i + 1
		}
	}
	if len(cur.words) > 0 {
		flush(true)
	}
	for i := range lines {
		for _, w := range lines[i].words {
			for _, rn := range w.runs {
				lines[i].maxSize = max(lines[i].maxSize, rn.st.size)
			}
		}
	}
	return lines
}

// keptWithNext reports whether a line may not end after w, which next
// follows: w ends in a hyphen, or the space after it joins it to next.
// It is asked once a line, where the line would end: asking it of every
// word when the words were built cost 0.5 % of a render.
func keptWithNext(w, next word) bool {
	if len(w.runs) == 0 || w.space == 0 || len(next.runs) == 0 {
		return false
	}
	last := w.runs[len(w.runs)-1].text
	return linebreak.EndsInHyphen(last) || linebreak.SpaceJoins(last, next.runs[0].text)
}

// lineWidth is the width of words on one line, without the last space.
func lineWidth(ws []word) float64 {
	w := 0.0
	for i, wd := range ws {
		w += wd.w
		if i < len(ws)-1 {
			w += wd.space
		}
	}
	return w
}

// cutRule reports whether a word may be cut between its characters
// before, of advance bw, and after, where acc is the width up to and
// including before and width the room for the head.
type cutRule func(before, after rune, bw, acc, width float64) bool

// atSeparator allows a cut where linebreak.CutBetween does (after '/',
// '_', '.', '?', '&', '=' or '#', before a hyphen), so that a long URL
// breaks where a reader expects, provided that keeps at least a third
// of the line.
func atSeparator(before, after rune, _, acc, width float64) bool {
	return linebreak.CutBetween(before, after) && acc >= width/3
}

// afterSpace allows a cut after a space that is not the first character
// (of a code line).
func afterSpace(before, _ rune, bw, acc, _ float64) bool { return before == ' ' && acc > bw }

// headEnd finds the head of w that fits in width, keeping at least one
// character: it returns where the head ends, at byte bi of run ri
// (len(w.runs) when all of w fits), and cut, the head's width up to the
// last place where may (if not nil) allows a cut, or -1 for none.
func (r *Renderer) headEnd(w word, width float64, may cutRule) (cut float64, ri, bi int) {
	acc, cut := 0.0, -1.0
	prev, prevW := rune(-1), 0.0 // the character before, and its advance
	for ri, rn := range w.runs {
		if rn.glyphs != nil {
			// A shaped run is cut between clusters only.
			for _, cl := range r.clusters(rn) {
				text := rn.text[cl.start:cl.end]
				if may != nil && prev >= 0 {
					if c, _ := utf8.DecodeRuneInString(text); may(prev, c, prevW, acc, width) {
						cut = acc
					}
				}
				if acc+cl.w > width && (ri > 0 || cl.start > 0) {
					return cut, ri, cl.start
				}
				acc += cl.w
				prev, _ = utf8.DecodeLastRuneInString(text)
				prevW = cl.w
			}
			continue
		}
		for bi, c := range rn.text {
			if may != nil && prev >= 0 && may(prev, c, prevW, acc, width) {
				cut = acc
			}
			cw := r.advance(rn.face, c, rn.st.drawSize())
			if acc+cw > width && (ri > 0 || bi > 0) {
				return cut, ri, bi
			}
			acc += cw
			prev, prevW = c, cw
		}
	}
	return cut, len(w.runs), 0
}

// splitWord cuts w to fit width: at the last place that fits where the
// rules allow a cut, each rule looking only within the head the rules
// before it left (a code line: after its last space, then after a
// separator within that); else between characters, keeping at least one.
// The tail is made in w's runs array, which it changes: the caller must
// own that array (and gives it up to the tail).
func (r *Renderer) splitWord(w word, width float64, rules ...cutRule) (head, tail word) {
	for _, may := range rules {
		if cut, _, _ := r.headEnd(w, width, may); cut > 0 {
			width = cut + 1e-9
		}
	}
	return r.splitAt(w, width)
}

// splitAt cuts w after the last character that fits in width, keeping at
// least one; the tail reuses w's runs array (see splitWord).
func (r *Renderer) splitAt(w word, width float64) (head, tail word) {
	_, ri, bi := r.headEnd(w, width, nil)
	if ri == len(w.runs) {
		return w, word{}
	}
	rn := w.runs[ri]
	h := rn
	h.text = rn.text[:bi]
	t := rn
	t.text = rn.text[bi:]
	if rn.glyphs != nil {
		// Both parts are shaped again (a cut cluster's neighbours may
		// change form).
		h, t = r.makeRun(h.text, h.face, h.st), r.makeRun(t.text, t.face, t.st)
	} else {
		h.w = r.textWidth(h.face, h.text, h.st.drawSize())
		t.w = rn.w - h.w
	}
	head.runs = append(append(head.runs, w.runs[:ri]...), h)
	if h.text == "" {
		head.runs = head.runs[:len(head.runs)-1]
	}
	// The tail reuses w's runs (see the doc comment): copying them for
	// every line of a long word of many runs (styles, fallback fonts) was
	// quadratic.
	tail = w
	tail.runs = w.runs[ri:]
	tail.runs[0] = t
	head.w = 0
	for _, x := range head.runs {
		head.w += x.w
	}
	tail.w = w.w - head.w
	return head, tail
}

func (r *Renderer) textWidth(f int, s string, pt float64) float64 {
	w := 0.0
	for _, c := range s {
		w += r.advance(f, c, pt)
	}
	return w
}
