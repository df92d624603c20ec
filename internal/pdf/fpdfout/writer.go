package fpdfout

import (
	"bytes"
	"fmt"
	"strconv"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

// Face is one font as the writer gets it: a TrueType file and, when the
// caller has them, its metrics. Faces are named by their index in the
// slice given to NewWriter.
type Face struct {
	// Data is the TrueType file. It is read-only and may be shared (the
	// built-in fonts are the binary's own bytes): the Writer never
	// changes it, and fpdf, which writes into the fonts it reads, gets
	// copies.
	Data []byte
	// Metrics are Data's parsed tables. Nil means the Writer parses Data
	// when it is first asked for them (Metrics): only for a font that a
	// test has parsed, such as the built-in ones, since a font that does
	// not parse then is a panic.
	Metrics *ttf.Metrics
}

// Config tunes a Writer. The zero value is what production uses.
type Config struct {
	// UTF8Only draws every run through the faces' UTF-8 fonts, never
	// through 8-bit ones: the reference the 8-bit fonts must look like.
	UTF8Only bool
	// MaxCachedFonts is the most cut fonts of each kind (UTF-8, 8-bit)
	// kept between documents: zero means DefaultMaxCachedFonts, negative
	// keeps none. Output does not depend on it.
	MaxCachedFonts int
}

// Writer draws documents with fpdf. It holds the faces, a cache of cut
// fonts and a free list of compressors, and is safe for concurrent use.
// What it prepares of a face (its metrics, its 8-bit font) is prepared
// when a document first needs it, once, and never changes after: a
// document that draws only from the regular and bold faces costs nothing
// for the others, and the bytes written do not depend on which document
// came first.
type Writer struct {
	faces []*face
	// prebuilt decodes cp1252fonts.json, the first time an 8-bit font is
	// prepared.
	prebuilt func() (map[string]prebuiltFont, error)
	cuts     cutCache
	pageZlib zlibPool // page stream compressors (compress.go)
	fontZlib zlibPool // compressors of the 8-bit fonts cut for documents (cp1252.go)
}

// face is one face of a Writer and what is prepared of it, each part
// under its own sync.Once.
type face struct {
	data     []byte
	names    fontNames // its fpdf family names
	eightBit bool      // it gets an 8-bit font (NewWriter's eightBit)

	loaded sync.Once
	m      *ttf.Metrics
	psName string // its PostScript name, for the names of the UTF-8 fonts of a standard (pdfa.go)

	prepared8 sync.Once
	base8     *base8 // its 8-bit font (cp1252.go); nil for none
	err8      error  // why base8 could not be prepared
}

// load parses the face's metrics and PostScript name, once. It is small
// enough to be inlined: the layout asks for a face's metrics for every
// character it measures.
func (f *face) load() { f.loaded.Do(f.parse) }

// parse is load's work.
func (f *face) parse() {
	if f.m == nil {
		m, err := ttf.Parse(f.data)
		if err != nil {
			panic(fmt.Sprintf("fpdfout: a face given without metrics does not parse: %v", err))
		}
		f.m = m
	}
	f.psName = postScriptName(f.data)
}

// CheckFont checks that fpdf can read a TrueType font (fpdf may panic on
// fonts it cannot read), so that drawing never meets a bad font. fpdf
// reads a copy: data is not changed.
func CheckFont(data []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("fpdf cannot read the font: %v", p)
		}
	}()
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("f", "", bytes.Clone(data))
	p.SetFont("f", "", 10)
	if err := p.Error(); err != nil {
		return fmt.Errorf("fpdf cannot read the font: %w", err)
	}
	return nil
}

// NewWriter returns a Writer for faces; it reads nothing of them yet.
// The first eightBit faces (the body and code faces, which have all of
// cp1252) get 8-bit fonts. Those of the built-in faces were made when
// the code was generated (cp1252fonts.json), so the Writer touches no
// file; another face's is made, when a document first draws with it, in
// a temporary directory that is removed, and that document fails when
// $TMPDIR, or the system's temporary directory, is not writable. Every
// face must have passed CheckFont (the built-in ones in a test).
func NewWriter(faces []Face, eightBit int, cfg Config) *Writer {
	w := &Writer{
		faces:    make([]*face, len(faces)),
		prebuilt: sync.OnceValues(prebuiltFonts),
		pageZlib: zlibPool{level: pageCompression},
		fontZlib: zlibPool{level: fontCompression},
	}
	for i, f := range faces {
		w.faces[i] = &face{
			data:     f.Data,
			m:        f.Metrics,
			names:    fontNames{utf8: family(i), eight: "c" + family(i)},
			eightBit: i < eightBit && !cfg.UTF8Only,
		}
	}
	w.cuts.max = cfg.MaxCachedFonts
	if w.cuts.max == 0 {
		w.cuts.max = DefaultMaxCachedFonts
	}
	return w
}

// Faces returns the number of faces.
func (w *Writer) Faces() int { return len(w.faces) }

// Metrics returns face f's metrics, parsing them the first time.
func (w *Writer) Metrics(f int) *ttf.Metrics {
	fc := w.faces[f]
	fc.load()
	return fc.m
}

// psName returns face f's PostScript name, "" when it has none.
func (w *Writer) psName(f int) string {
	fc := w.faces[f]
	fc.load()
	return fc.psName
}

// eight returns face f's 8-bit font, preparing it the first time (see
// prepare8); nil when the face has none.
func (w *Writer) eight(f int) (*base8, error) {
	fc := w.faces[f]
	if !fc.eightBit {
		return nil, nil
	}
	fc.prepared8.Do(func() { fc.base8, fc.err8 = w.prepare8(fc) })
	return fc.base8, fc.err8
}

// CachedFonts returns the number of cut UTF-8 and 8-bit fonts the Writer
// keeps for the next documents.
func (w *Writer) CachedFonts() (utf8, eight int) { return w.cuts.size() }

// family is the fpdf family name of face f's UTF-8 font ("f0"); its
// 8-bit font is "c" and that name. It also names the face in the keys of
// the cache of cut fonts.
func family(f int) string { return "f" + strconv.Itoa(f) }

// fontNames are the fpdf family names of a face's two fonts, made once.
type fontNames struct {
	utf8, eight string
}
