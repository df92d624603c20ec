package pdf

import (
	"bytes"
	"encoding/hex"
	"sync"

	"codeberg.org/go-pdf/fpdf"
)

// Fonts are cut before fpdf sees them. fpdf parses the whole font file
// of every face a document uses, and subsets it again when it writes the
// PDF; both take time in proportion to the number of glyphs. So each face
// is first cut (fpdf.UTF8CutFont) to the 64-character blocks of the Basic
// Multilingual Plane that the document draws from. Documents in the same
// script need the same blocks, so the cut font is cached in the Renderer
// and made once per process for a typical batch. The cut is a pure
// function of the face and the blocks, so the output is the same bytes
// whether the cache hits or not.

// blockBits is the number of low bits of a rune within its block.
const blockBits = 6

// maxCuts bounds the cache; when it is full, fonts are cut per document.
const maxCuts = 256

// cutCache holds cut fonts by face and block set. It is the Renderer's
// only mutable state and is safe for concurrent use.
type cutCache struct {
	mu   sync.Mutex
	cuts map[string][]byte
}

func (c *cutCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.cuts[key]
	return b, ok
}

func (c *cutCache) put(key string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cuts == nil {
		c.cuts = map[string][]byte{}
	}
	if len(c.cuts) < maxCuts {
		c.cuts[key] = b
	}
}

// fontsFor returns, per face, the font bytes to give fpdf for a document:
// the face cut to the blocks the document draws from, or nil for faces it
// does not use. fpdf writes into font bytes (see setFont), so the caller
// copies them before use.
func (r *Renderer) fontsFor(pages []page, footers [][]item) [][]byte {
	used := make([][]bool, len(r.faces))
	mark := func(f int, s string) {
		if used[f] == nil {
			used[f] = make([]bool, 0x10000>>blockBits)
		}
		for _, c := range s {
			if c <= 0xFFFF {
				used[f][c>>blockBits] = true
			}
		}
	}
	visit := func(it item) {
		switch it.kind {
		case itemText:
			mark(it.face, it.text)
		case itemPageNum:
			mark(it.face, "0123456789")
		case itemDots:
			mark(it.face, ".")
		case itemBookmark:
			mark(faceRegular, " ")
		}
	}
	mark(faceRegular, " ") // the font selected on every page
	for _, pg := range pages {
		for _, pu := range pg.units {
			for _, it := range pu.u.items {
				visit(it)
			}
		}
	}
	for _, items := range footers {
		for _, it := range items {
			visit(it)
		}
	}
	out := make([][]byte, len(r.faces))
	for f, blocks := range used {
		if blocks == nil {
			continue
		}
		bits := make([]byte, len(blocks)/8)
		for i, b := range blocks {
			if b {
				bits[i/8] |= 1 << (i % 8)
			}
		}
		key := r.faces[f].family + ":" + hex.EncodeToString(bits)
		if cut, ok := r.cuts.get(key); ok {
			out[f] = cut
			continue
		}
		var cutset []rune
		for _, c := range r.faces[f].m.Runes() {
			if c <= 0xFFFF && blocks[c>>blockBits] {
				cutset = append(cutset, c)
			}
		}
		cut := fpdf.UTF8CutFont(bytes.Clone(r.faces[f].data), string(cutset))
		r.cuts.put(key, cut)
		out[f] = cut
	}
	return out
}
