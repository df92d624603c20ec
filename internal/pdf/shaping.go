package pdf

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/shape"
)

// Shaping (internal/shape, HarfBuzz's rules) is for the runs that need
// it: text of a script of shapedScripts that is drawn shaped (script.go)
// and characters beyond the Basic Multilingual Plane. Every other run
// (Latin, Greek, Cyrillic, CJK, Hebrew letters, Arabic in presentation
// forms) is measured and drawn one glyph per character as before: the
// fast path, whose output is unchanged.
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
	sf, err := r.faces[f].shaper.get()
	if err != nil {
		panic(fmt.Sprintf("face %d: shaping a face that failed to parse: %v", f, err))
	}
	return sf
}

// needsShaper reports whether c is drawn shaped.
func needsShaper(c rune) bool {
	return c > 0xFFFF || c >= 0x0900 && isShaped(c)
}

// runNeedsShaper reports whether a run of text is drawn shaped.
func runNeedsShaper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE0 { // the first byte of U+0800 and above
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

// shapeRun shapes rn and sets its width from the shaped advances.
func (r *Renderer) shapeRun(rn *run) {
	sf := r.shapeFont(rn.face)
	rn.glyphs = sf.Shape(rn.text, shape.LeftToRight, "")
	total := 0
	for _, g := range rn.glyphs {
		total += int(g.XAdvance)
	}
	rn.w = float64(total) * rn.st.drawSize() * ptToMM / float64(sf.UnitsPerEm())
}

// cluster is one cluster of a shaped run: its bytes and its width.
type cluster struct {
	start, end int
	w          float64 // mm
}

// clusters returns the clusters of shaped run rn in logical order (a
// left-to-right run's glyphs are in logical order of clusters).
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
	return out
}

// drawnGlyphs returns the glyphs of shaped run rn as the writer draws
// them (see fpdfout.Glyph): positions in millimetres from the run's
// origin, each glyph's character if a character of its cluster is
// mapped to it, else the text it stands for: its cluster's characters
// that no other glyph of the cluster is drawn with (the whole cluster
// when none is left).
func (r *Renderer) drawnGlyphs(rn run) []fpdfout.Glyph {
	sf := r.shapeFont(rn.face)
	m := r.faces[rn.face].m
	upem := float64(sf.UnitsPerEm())
	scale := rn.st.drawSize() * ptToMM / upem
	out := make([]fpdfout.Glyph, len(rn.glyphs))
	pen := 0.0
	for i, g := range rn.glyphs {
		out[i] = fpdfout.Glyph{GID: g.GID, X: pen + float64(g.XOffset)*scale, Y: float64(g.YOffset) * scale}
		for _, c := range rn.text[g.Start:g.End] {
			if gid, ok := sf.Glyph(c); ok && gid == g.GID && m.Has(c) {
				out[i].Rune = c
				out[i].Width = m.Advance(c)
				break
			}
		}
		if out[i].Rune == 0 {
			out[i].Width = int(math.Round(float64(sf.Advance(g.GID)) * 1000 / upem))
		}
		pen += float64(g.XAdvance) * scale
	}
	for i, g := range rn.glyphs {
		if out[i].Rune != 0 {
			continue
		}
		text := rn.text[g.Start:g.End]
		rest := text
		for j, h := range rn.glyphs {
			if j != i && h.Start == g.Start && out[j].Rune != 0 {
				if k := strings.IndexRune(rest, out[j].Rune); k >= 0 {
					rest = rest[:k] + rest[k+utf8.RuneLen(out[j].Rune):]
				}
			}
		}
		if rest == "" {
			rest = text
		}
		out[i].Text = rest
	}
	return out
}
