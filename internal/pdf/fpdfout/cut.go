package fpdfout

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

// Fonts are cut before fpdf sees them. fpdf parses the whole font file
// of every face a document uses, and subsets it again when it writes the
// PDF; both take time in proportion to the number of glyphs. So each face
// is first cut (fpdf.UTF8CutFont) to the 64-character blocks of the Basic
// Multilingual Plane that the document draws from. Documents in the same
// script need the same blocks, so the cut font is cached in the Writer
// and made once per process for a typical batch. The cut is a pure
// function of the face and the blocks, so the output is the same bytes
// whether the cache hits or not.

// blockBits is the number of low bits of a rune within its block.
const blockBits = 6

// DefaultMaxCachedFonts bounds the cache of each kind of cut font when
// Config.MaxCachedFonts is zero; when it is full, fonts are cut per
// document.
const DefaultMaxCachedFonts = 256

// cutCache holds cut fonts: UTF-8 ones by face and block set, 8-bit
// ones by face and code set. It is the Writer's only mutable state with
// the compressors, and is safe for concurrent use.
type cutCache struct {
	max   int // the most fonts of each kind kept
	mu    sync.Mutex
	cuts  map[string][]byte
	cuts8 map[string]font8
	// cmaps8 are the ToUnicode maps of 8-bit fonts by the codes drawn
	// (the same for every face: cp1252's characters), at most max.
	cmaps8 map[[256 / 8]byte][]byte
}

// cmap8 returns the ToUnicode map of an 8-bit font that draws the codes
// of drawn (nil for none), made once for each set of codes.
func (c *cutCache) cmap8(drawn *[256]bool) []byte {
	var key [256 / 8]byte
	var codes []int
	for code := 32; code < 256; code++ {
		if drawn != nil && drawn[code] {
			key[code/8] |= 1 << (code % 8)
			codes = append(codes, code)
		}
	}
	c.mu.Lock()
	cmap, ok := c.cmaps8[key]
	c.mu.Unlock()
	if ok {
		return cmap
	}
	cmap = toUnicodeCMap(codes, 1, cp1252Text)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cmaps8 == nil {
		c.cmaps8 = map[[256 / 8]byte][]byte{}
	}
	if len(c.cmaps8) < c.max {
		c.cmaps8[key] = cmap
	}
	return cmap
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
	if len(c.cuts) < c.max {
		c.cuts[key] = b
	}
}

func (c *cutCache) get8(key string) (font8, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.cuts8[key]
	return f, ok
}

// size returns the number of cached UTF-8 and 8-bit fonts.
func (c *cutCache) size() (utf8, eight int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cuts), len(c.cuts8)
}

func (c *cutCache) put8(key string, f font8) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cuts8 == nil {
		c.cuts8 = map[string]font8{}
	}
	if len(c.cuts8) < c.max {
		c.cuts8[key] = f
	}
}

// docFonts are the fonts one document gives fpdf for one face.
type docFonts struct {
	utf8  []byte // the face cut to the blocks its UTF-8 runs use; nil for none
	font8 *font8 // the 8-bit font cut to the codes its cp1252 runs use; nil for none
}

// Usage records, per face, the characters a document will draw, so that
// each face's fonts can be cut to them before anything is drawn. Make it
// with Writer.NewUsage, then Add every string that Doc.Text will draw.
type Usage struct {
	w     *Writer
	used  [][]bool     // per face: the blocks its UTF-8 runs use; nil for none
	used8 []*[256]bool // per face: the codes its cp1252 runs use; nil for none
	pua   []*puaCodes  // per face: the private-use codes of shaped glyphs (glyphs.go); nil for none
	err   error        // the first glyph that could not get a code
}

// NewUsage returns an empty Usage for a document written by w.
func (w *Writer) NewUsage() *Usage {
	return &Usage{w: w, used: make([][]bool, len(w.faces)), used8: make([]*[256]bool, len(w.faces))}
}

// Add records that face f draws s: through the face's 8-bit font when
// all of s is in cp1252 and in the face (see cp1252.go), else through its
// UTF-8 font.
func (u *Usage) Add(f int, s string) {
	if enc, ok := u.w.text8(f, s); ok {
		if u.used8[f] == nil {
			u.used8[f] = new([256]bool)
		}
		for i := 0; i < len(enc); i++ {
			u.used8[f][enc[i]] = true
		}
		return
	}
	if u.used[f] == nil {
		u.used[f] = make([]bool, 0x10000>>blockBits)
	}
	for _, c := range s {
		if c <= 0xFFFF {
			u.used[f][c>>blockBits] = true
		}
	}
}

// fontsFor returns, per face, the fonts a document needs: for runs drawn
// through the face's 8-bit font (see cp1252.go), that font cut to the
// codes they use; for other runs, the face cut to the Unicode blocks they
// use. fpdf writes into UTF-8 font bytes (see Doc.setFont), so the caller
// copies those before use.
func (w *Writer) fontsFor(u *Usage) ([]docFonts, error) {
	if u.err != nil {
		return nil, u.err
	}
	out := make([]docFonts, len(w.faces))
	for f, blocks := range u.used {
		if blocks == nil {
			continue
		}
		// A face whose 8-bit font could not be prepared draws through
		// its UTF-8 font (text8): the document fails instead.
		if _, err := w.eight(f); err != nil {
			return nil, err
		}
		bits := make([]byte, len(blocks)/8)
		for i, b := range blocks {
			if b {
				bits[i/8] |= 1 << (i % 8)
			}
		}
		var pua *puaCodes
		if u.pua != nil {
			pua = u.pua[f]
		}
		key := family(f) + ":" + hex.EncodeToString(bits) + pua.key()
		if cut, ok := w.cuts.get(key); ok {
			out[f].utf8 = cut
			continue
		}
		var cutset []rune
		for _, c := range w.Metrics(f).Runes() {
			if c <= 0xFFFF && blocks[c>>blockBits] {
				cutset = append(cutset, c)
			}
		}
		data := w.faces[f].data
		if pua != nil {
			var err error
			if data, err = withPUA(data, blocks, pua); err != nil {
				return nil, fmt.Errorf("font %s: %w", w.psName(f), err)
			}
			cutset = append(cutset, pua.codes()...)
		} else {
			data = bytes.Clone(data)
		}
		cut := fpdf.UTF8CutFont(data, string(cutset))
		w.cuts.put(key, cut)
		out[f].utf8 = cut
	}
	for f, codes := range u.used8 {
		if codes == nil {
			continue
		}
		var bits [256 / 8]byte
		for c, u := range codes {
			if u {
				bits[c/8] |= 1 << (c % 8)
			}
		}
		key := family(f) + ":" + hex.EncodeToString(bits[:])
		fnt, ok := w.cuts.get8(key)
		if !ok {
			b, err := w.eight(f)
			if err != nil {
				return nil, err
			}
			if fnt, err = b.subset(codes, &w.fontZlib); err != nil {
				return nil, err
			}
			w.cuts.put8(key, fnt)
		}
		out[f].font8 = &fnt
	}
	return out, nil
}

// text8 returns s in cp1252 and true when face f draws it through its
// 8-bit font: the face has one, and every character of s is in cp1252
// and in the face.
func (w *Writer) text8(f int, s string) (string, bool) {
	b, _ := w.eight(f) // an error fails the document in fontsFor
	if b == nil {
		return "", false
	}
	enc, ok := encode1252(s)
	if !ok {
		return "", false
	}
	for i := 0; i < len(enc); i++ {
		if !b.has[enc[i]] {
			return "", false
		}
	}
	return enc, true
}

// withPUA returns a copy of font data whose cmap maps the characters of
// blocks as data's does, and each private-use code of pua to its glyph
// (see glyphs.go).
func withPUA(data []byte, blocks []bool, pua *puaCodes) ([]byte, error) {
	ms, err := ttf.Mappings(data, func(c rune) bool { return blocks[c>>blockBits] })
	if err != nil {
		return nil, err
	}
	for code, gid := range pua.gid {
		ms = append(ms, ttf.Mapping{Code: code, GID: gid})
	}
	slices.SortFunc(ms, func(a, b ttf.Mapping) int { return int(a.Code - b.Code) })
	// A private-use code the face maps itself is never given (AddGlyphs),
	// so no code is here twice.
	return ttf.WithCmap(data, ms)
}
