// Package shape turns text into positioned glyphs with a real shaping
// engine: github.com/go-text/typesetting's harfbuzz package, a Go port of
// HarfBuzz. It owns the parsed font a shaper needs (Font) and one
// operation, Font.Shape: a run of text in one font, script, direction
// and language becomes glyph ids with the byte range of the text each
// stands for, advances and offsets, in font units, as hb-shape prints
// them.
//
// It never lays out, breaks lines, chooses fonts or draws: internal/pdf
// decides which runs need shaping and which face draws them, and
// internal/pdf/fpdfout draws the glyphs. It holds no global state; a
// Font is safe for concurrent use (the engine's per-call state, which
// is not, comes from a pool of the Font's own).
package shape

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
)

// Font is a parsed font, ready to shape with.
type Font struct {
	ft   *font.Font
	upem int
	// engines are harfbuzz fonts and buffers, which cache glyphs and
	// shaping plans and are not safe for concurrent use: each Shape
	// takes one and puts it back.
	engines sync.Pool
}

// engine is the shaper's state for one goroutine at a time.
type engine struct {
	face *font.Face
	hb   *harfbuzz.Font
	buf  *harfbuzz.Buffer
}

// engine takes an engine from the pool, or makes one; put it back with
// f.engines.Put.
func (f *Font) engine() *engine {
	if e, ok := f.engines.Get().(*engine); ok {
		return e
	}
	face := font.NewFace(f.ft)
	return &engine{face: face, hb: harfbuzz.NewFont(face), buf: harfbuzz.NewBuffer()}
}

// Parse parses a TrueType or OpenType font file (one face; a collection
// is cut to one face before, see internal/pdf/ttf.Face).
func Parse(data []byte) (*Font, error) {
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("shape: %w", err)
	}
	f := &Font{ft: face.Font, upem: int(face.Upem())}
	if f.upem == 0 {
		return nil, fmt.Errorf("shape: unitsPerEm is zero")
	}
	return f, nil
}

// UnitsPerEm is the font's design units per em: the unit of every
// advance and offset Shape returns.
func (f *Font) UnitsPerEm() int { return f.upem }

// Glyph returns the glyph the font's cmap gives c (no substitution), and
// false when it has none.
func (f *Font) Glyph(c rune) (uint16, bool) {
	g, ok := f.ft.Cmap.Lookup(c)
	return uint16(g), ok && g != 0
}

// Advance returns the horizontal advance of glyph gid in font units, from
// the hmtx table (what a PDF's /W array is made from).
func (f *Font) Advance(gid uint16) int {
	e := f.engine()
	defer f.engines.Put(e)
	return int(e.face.HorizontalAdvance(font.GID(gid)))
}

// Glyph is one shaped glyph.
type Glyph struct {
	// GID is the glyph's id in the font.
	GID uint16
	// Start and End are the byte range of the input text the glyph's
	// cluster stands for: every glyph of a cluster has the same range.
	Start, End int
	// Source is the byte offset of the first character the glyph itself
	// comes from, within its cluster's range (HarfBuzz's character
	// cluster level): in कि, the glyph of ि (drawn first) has ि's offset
	// and that of क क's.
	Source int
	// XAdvance is how far the pen moves after the glyph; XOffset and
	// YOffset move the glyph from the pen (y up). All in font units.
	XAdvance, XOffset, YOffset int32
}

// Direction is a run's direction.
type Direction uint8

// The directions of a run.
const (
	LeftToRight Direction = iota
	RightToLeft
)

// Shape shapes text, all of it in one script (ScriptOf), in direction dir
// and language lang (a BCP 47 tag, or "" for none: never the process's
// locale). Glyphs come in visual order, left to right; clusters are
// whole graphemes (HarfBuzz's default cluster level), so a cluster's
// byte range never cuts a character and the ranges of consecutive
// clusters of a left-to-right run follow each other.
func (f *Font) Shape(text string, dir Direction, lang string) []Glyph {
	e := f.engine()
	defer f.engines.Put(e)
	runes := []rune(text)
	starts := make([]int, len(runes)+1) // byte offset of each rune, and the end
	i := 0
	for b := range text {
		starts[i] = b
		i++
	}
	starts[len(runes)] = len(text)
	buf := e.buf
	buf.Clear()
	buf.ClusterLevel = harfbuzz.MonotoneGraphemes
	buf.AddRunes(runes, 0, -1)
	buf.Props.Script, buf.Props.Direction, buf.Props.Language = props(text, dir, lang)
	buf.Shape(e.hb, nil)
	out := make([]Glyph, len(buf.Info))
	// A cluster ends where the next one (in logical order) starts.
	ends := make(map[int]int, len(buf.Info))
	clusters := make([]int, 0, len(buf.Info))
	for _, in := range buf.Info {
		clusters = append(clusters, in.Cluster)
	}
	sorted := sortedUnique(clusters)
	for k, c := range sorted {
		end := len(runes)
		if k+1 < len(sorted) {
			end = sorted[k+1]
		}
		ends[c] = end
	}
	for k, in := range buf.Info {
		p := buf.Pos[k]
		out[k] = Glyph{
			GID:   uint16(in.Glyph),
			Start: starts[in.Cluster], End: starts[ends[in.Cluster]],
			Source:   starts[in.Cluster],
			XAdvance: p.XAdvance, XOffset: p.XOffset, YOffset: p.YOffset,
		}
	}
	if len(sorted) == len(runes) {
		return out // every character a cluster: Source is Start
	}
	// Again at the character level, which keeps each glyph's own
	// character (the glyphs and positions are the same).
	buf.Clear()
	buf.ClusterLevel = harfbuzz.Characters
	buf.AddRunes(runes, 0, -1)
	buf.Props.Script, buf.Props.Direction, buf.Props.Language = props(text, dir, lang)
	buf.Shape(e.hb, nil)
	if len(buf.Info) != len(out) {
		return out
	}
	for k, in := range buf.Info {
		if src := starts[in.Cluster]; in.Glyph == font.GID(out[k].GID) && src >= out[k].Start && src < out[k].End {
			out[k].Source = src
		}
	}
	return out
}

// props returns the segment properties of a run: its script, direction
// and language (never the process's locale).
func props(text string, dir Direction, lang string) (language.Script, harfbuzz.Direction, language.Language) {
	d := harfbuzz.LeftToRight
	if dir == RightToLeft {
		d = harfbuzz.RightToLeft
	}
	if lang == "" {
		lang = "und"
	}
	return ScriptOf(text), d, language.NewLanguage(lang)
}

// sortedUnique returns the distinct values of xs in increasing order.
func sortedUnique(xs []int) []int {
	out := make([]int, 0, len(xs))
	seen := make(map[int]bool, len(xs))
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	// Insertion sort: a run's clusters are nearly sorted already.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// ScriptOf returns the script of text for shaping: that of its first
// character of a strong script (not Common, not Inherited), or Common
// when it has none.
func ScriptOf(text string) language.Script {
	for _, c := range text {
		if s := language.LookupScript(c); s.Strong() && s != language.Unknown {
			return s
		}
	}
	return language.Common
}
