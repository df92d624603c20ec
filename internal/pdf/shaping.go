package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
	"github.com/policyexport/policyexport/internal/shape"
)

// Shaping (internal/shape, HarfBuzz's rules) is for the runs that need
// it: text of a script of shapedScripts that is drawn shaped (script.go)
// (Hebrew points and Arabic marks among them: a run with one is shaped
// whole) and characters beyond the Basic Multilingual Plane. Every other
// run (Latin, Greek, Cyrillic, CJK, Hebrew letters, Arabic in
// presentation forms without marks) is measured and drawn one glyph per
// character as before: the fast path, whose output is unchanged.
//
// A run is shaped whole, with the face that draws it (the fallback chain
// chose that face for each of its characters, and a run never mixes
// faces); its width is the sum of the shaped advances, and a word wider
// than the line is cut between clusters and both parts shaped again.
// When it is drawn, each glyph becomes a fpdfout.Glyph: the character
// of its cluster that the face maps to it, or a private-use code of the
// document (fpdfout/glyphs.go); the run's text is its /ActualText.

// shaper is a face parsed for shaping, on first use: a document that
// shapes nothing never parses a face for it.
type shaper struct {
	once sync.Once
	data []byte
	font *shape.Font
	err  error
	// rev maps each glyph to the first character of the Basic
	// Multilingual Plane the face maps to it, made on first use.
	revOnce sync.Once
	rev     map[uint16]rune
}

// reverse returns the character the face of m maps to gid, or 0.
func (s *shaper) reverse(m *ttf.Metrics, gid uint16) rune {
	s.revOnce.Do(func() {
		s.rev = map[uint16]rune{}
		for _, c := range m.Runes() {
			if g, ok := s.font.Glyph(c); ok {
				if _, seen := s.rev[g]; !seen {
					s.rev[g] = c
				}
			}
		}
	})
	return s.rev[gid]
}

// get parses the face once.
func (s *shaper) get() (*shape.Font, error) {
	s.once.Do(func() {
		s.font, s.err = shape.Parse(s.data)
		s.data = nil
	})
	return s.font, s.err
}

// shapeFont returns face f parsed for shaping. faceFor has parsed it
// without error before any run of f is shaped.
func (r *Renderer) shapeFont(f int) *shape.Font {
	sf, err := r.shapers[f].get()
	if err != nil {
		panic(fmt.Sprintf("face %d: shaping a face that failed to parse: %v", f, err))
	}
	return sf
}

// needsShaper reports whether c is drawn shaped.
func needsShaper(c rune) bool {
	return c > 0xFFFF || c >= firstShaped && isShaped(c)
}

// runNeedsShaper reports whether a run of text is drawn shaped.
func runNeedsShaper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xD6 { // the first byte of U+0580 and above
			return strings.ContainsFunc(s[i:], needsShaper)
		}
	}
	return false
}

// makeRun returns text in face f and style st as a run: measured, and
// shaped when it needs it.
func (r *Renderer) makeRun(text string, f int, st style) run {
	rn := run{text: text, face: f, st: st}
	if runNeedsShaper(text) {
		r.shapeRun(&rn)
	} else {
		rn.w = r.textWidth(f, text, st.drawSize())
	}
	return rn
}

// shapeRun shapes rn (its text in logical order; right to left when it
// holds right-to-left characters) and sets its width from the shaped
// advances.
func (r *Renderer) shapeRun(rn *run) {
	sf := r.shapeFont(rn.face)
	dir := shape.LeftToRight
	if bidi.HasRTL(rn.text) {
		dir = shape.RightToLeft
	}
	rn.glyphs = sf.Shape(rn.text, dir, "")
	total := 0
	for _, g := range rn.glyphs {
		total += int(g.XAdvance)
	}
	rn.w = float64(total) * rn.st.drawSize() * ptToMM / float64(sf.UnitsPerEm())
}

// makePieceRun is makeRun for a piece of a line in visual order
// (bidi.Pieces), logical its text in logical order: a right-to-left
// piece that needs shaping is shaped from its logical text, right to
// left, so its glyphs come out in visual order.
func (r *Renderer) makePieceRun(p bidi.Piece, logical string, f int, st style) run {
	if p.RTL && runNeedsShaper(logical) {
		rn := run{text: logical, face: f, st: st}
		r.shapeRun(&rn)
		return rn
	}
	return r.makeRun(p.Text, f, st)
}

// cluster is one cluster of a shaped run: its bytes and its width.
type cluster struct {
	start, end int
	w          float64 // mm
}

// clusters returns the clusters of shaped run rn in logical order (the
// glyphs of a cluster are consecutive; a right-to-left run's clusters
// come in reverse order).
func (r *Renderer) clusters(rn run) []cluster {
	scale := rn.st.drawSize() * ptToMM / float64(r.shapeFont(rn.face).UnitsPerEm())
	var out []cluster
	for _, g := range rn.glyphs {
		if n := len(out); n > 0 && out[n-1].start == g.Start {
			out[n-1].w += float64(g.XAdvance) * scale
			continue
		}
		out = append(out, cluster{g.Start, g.End, float64(g.XAdvance) * scale})
	}
	if len(out) > 1 && out[0].start > out[1].start {
		slices.Reverse(out)
	}
	return out
}

// textItem is the item that draws run rn, of the given kind of item
// otherwise: a shaped run's glyphs, and its text as /ActualText. Every
// text item made from a run is made here.
func (r *Renderer) textItem(rn run, it item) item {
	it.kind, it.text, it.face = itemText, rn.text, rn.face
	if rn.glyphs != nil {
		it.glyphs = r.drawnGlyphs(rn, it.size)
		// poppler reverses the /ActualText of a right-to-left Span a
		// second time (مرحبا came out as ابحرم): such a run's goes on
		// its sequence, as an unshaped one's does (rtl.go). Arabic
		// with marks is shaped from its presentation forms: its
		// /ActualText has the letters (nominal).
		it.actual, it.span = nominal(rn.text), !bidi.HasRTL(rn.text)
	}
	return it
}

// drawnGlyphs returns the glyphs of shaped run rn at size points as the
// writer draws them (see fpdfout.Glyph), in visual order (a
// right-to-left run with marks, Hebrew points or Arabic vowel marks, in
// logical order: logicalGlyphs),
// positions in millimetres from the run's origin.
//
// Each glyph first stands for the characters from its own (its Source)
// to the next glyph's of its cluster. A glyph that shares its character
// with another (the two parts of a split vowel) stands instead for a
// character the face maps to it when there is one: Tamil ொ becomes its
// parts ெ and ா, canonically the same text. Where the cluster's glyphs
// are drawn in another order than their characters (a vowel sign drawn
// before its consonant: कि is drawn ि, क), the texts are given to the
// glyphs in text order, the first text to the first glyph drawn (ि
// stands for क, and क for ि), so that a reader that follows the content
// stream and the ToUnicode map (pdfinfo -struct-text) reads the text in
// its order; pdftotext takes each word's /ActualText. A glyph whose text
// is one character that the face maps to it is drawn with that
// character; any other gets a private-use code for its glyph and text.
func (r *Renderer) drawnGlyphs(rn run, size float64) []fpdfout.Glyph {
	sf := r.shapeFont(rn.face)
	sh := r.shapers[rn.face]
	m := r.out.Metrics(rn.face)
	scale := size * ptToMM / float64(sf.UnitsPerEm())
	gs := rn.glyphs
	rtl := bidi.HasRTL(rn.text)
	out := make([]fpdfout.Glyph, len(gs))
	texts := make([]string, len(gs))
	pen := 0.0
	for i, g := range gs {
		out[i] = fpdfout.Glyph{GID: g.GID, X: pen + float64(g.XOffset)*scale, Y: float64(g.YOffset) * scale}
		pen += float64(g.XAdvance) * scale
	}
	// Each cluster: its glyphs are consecutive.
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].Start == gs[i].Start {
			j++
		}
		r.clusterTexts(rn.text, gs[i:j], texts[i:j], sh, m)
		i = j
	}
	if rtl && strings.ContainsFunc(rn.text, rightToLeftMark) {
		return logicalGlyphs(gs, out, texts, sf, m)
	}
	// In each cluster drawn out of text order, the texts in text order.
	for i := 0; i < len(out); {
		j := i + 1
		for j < len(out) && gs[j].Start == gs[i].Start {
			j++
		}
		idx := make([]int, j-i) // the cluster's glyphs in text order
		for k := range idx {
			idx[k] = i + k
		}
		for a := 1; a < len(idx); a++ {
			for b := a; b > 0 && gs[idx[b]].Source < gs[idx[b-1]].Source; b-- {
				idx[b], idx[b-1] = idx[b-1], idx[b]
			}
		}
		ordered := make([]string, len(idx))
		for k, g := range idx {
			ordered[k] = texts[g]
		}
		if rtl {
			// Read right to left: the last text to the first glyph.
			slices.Reverse(ordered)
		}
		copy(texts[i:j], ordered)
		i = j
	}
	for i, g := range gs {
		setText(&out[i], g.GID, texts[i], sf, m)
	}
	return out
}

// setText makes g, of glyph gid, stand for text: drawn as its
// character when text is one character that the face maps to gid, else
// with a private-use code for the glyph and its text.
func setText(g *fpdfout.Glyph, gid uint16, text string, sf *shape.Font, m *ttf.Metrics) {
	if c, n := utf8.DecodeRuneInString(text); n == len(text) && m.Has(c) {
		if id, ok := sf.Glyph(c); ok && id == gid {
			g.Rune, g.Width = c, m.Advance(c)
			return
		}
	}
	g.Text = text
	g.Width = int(math.Round(float64(sf.Advance(gid)) * 1000 / float64(sf.UnitsPerEm())))
}

// logicalGlyphs returns the glyphs out of a right-to-left shaped run
// (gs as shaped, in visual order; texts what each stands for) in
// logical order, each where it is: its clusters from the right, and a
// cluster's glyphs in the order of the characters they come from (an
// Arabic letter, then its vowel marks; a Hebrew letter, then its
// points: HarfBuzz draws them before it). poppler reads the text of a
// marked-content sequence in the order its glyphs are drawn
// (pdfinfo -struct-text), and so reads the run as written. pdftotext
// orders a line's characters from where they are, whatever the order:
// it gives a mark, drawn inside its letter, before that letter, as it
// does for a PDF of hb-view's (TestShapedLikeHarfBuzz).
func logicalGlyphs(gs []shape.Glyph, out []fpdfout.Glyph, texts []string, sf *shape.Font, m *ttf.Metrics) []fpdfout.Glyph {
	idx := make([]int, len(gs))
	for k := range idx {
		idx[k] = k
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if gs[a].Start != gs[b].Start {
			return gs[a].Start - gs[b].Start
		}
		return gs[a].Source - gs[b].Source
	})
	ordered := make([]fpdfout.Glyph, len(gs))
	for k, i := range idx {
		ordered[k] = out[i]
		setText(&ordered[k], gs[i].GID, texts[i], sf, m)
	}
	return ordered
}

// clusterTexts sets the text each glyph of one cluster stands for: from
// its own character to the next glyph's (the first from the cluster's
// start: a reph or a consonant that went into a ligature with its vowel
// sign has no glyph of its own). Glyphs that come from the same
// character (a split vowel) share its text: each part the face maps a
// character of its decomposition to (NFKD: Bengali ো is ে and া, Thai ำ
// is ํ and า) takes that character, the first other part the rest; a
// part with nothing left stands for the character the face maps to it,
// if any.
func (r *Renderer) clusterTexts(text string, gs []shape.Glyph, texts []string, sh *shaper, m *ttf.Metrics) {
	first := gs[0].Source
	for _, g := range gs {
		first = min(first, g.Source)
	}
	done := make([]bool, len(gs))
	for i, g := range gs {
		if done[i] {
			continue
		}
		start, end := g.Source, g.End
		if g.Source == first {
			start = g.Start
		}
		var same []int
		for k, h := range gs {
			if h.Source > g.Source && h.Source < end {
				end = h.Source
			}
			if h.Source == g.Source {
				same = append(same, k)
			}
		}
		t := text[start:end]
		if len(same) == 1 {
			texts[i], done[i] = t, true
			continue
		}
		rest := []rune(norm.NFKD.String(t))
		for _, k := range same {
			done[k] = true
			c := sh.reverse(m, gs[k].GID)
			if at := slices.Index(rest, c); c != 0 && at >= 0 {
				texts[k] = string(c)
				rest = slices.Delete(rest, at, at+1)
			}
		}
		for _, k := range same {
			switch {
			case texts[k] != "":
			case len(rest) > 0:
				texts[k], rest = string(rest), nil
			default:
				if c := sh.reverse(m, gs[k].GID); c != 0 {
					texts[k] = string(c)
				} else {
					texts[k] = t
				}
			}
		}
	}
}
