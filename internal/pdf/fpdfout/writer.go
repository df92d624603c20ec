package fpdfout

import (
	"fmt"
	"strconv"

	"codeberg.org/go-pdf/fpdf"

	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

// Face is one font as the writer gets it: a TrueType file and its
// metrics. Faces are named by their index in the slice given to
// NewWriter.
type Face struct {
	// Data is the TrueType file. The Writer keeps it and never changes
	// it (fpdf gets copies).
	Data []byte
	// Metrics are Data's parsed tables.
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

// Writer draws documents with fpdf. It holds the faces, their 8-bit
// fonts, a cache of cut fonts and a free list of compressors, and is safe
// for concurrent use.
type Writer struct {
	faces []Face
	names []fontNames // per face: its fpdf family names
	// psNames are, per face, its PostScript name, for the names of the
	// UTF-8 fonts of a standard (pdfa.go).
	psNames []string
	base8   []*base8 // per face: its 8-bit font (cp1252.go); nil for none
	cuts    cutCache
	zlib    zlibPool // page stream compressors (compress.go)
}

// CheckFont checks that fpdf can read a TrueType font (fpdf may panic on
// fonts it cannot read), so that drawing never meets a bad font.
func CheckFont(data []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("fpdf cannot read the font: %v", p)
		}
	}()
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("f", "", data)
	p.SetFont("f", "", 10)
	if err := p.Error(); err != nil {
		return fmt.Errorf("fpdf cannot read the font: %w", err)
	}
	return nil
}

// NewWriter prepares faces for drawing. The first eightBit faces (the
// body and code faces, which have all of cp1252) get 8-bit fonts. Those
// of the built-in faces were made when the code was generated
// (cp1252fonts.json), so NewWriter touches no file; another face's are
// made in a temporary directory that NewWriter removes, and then it
// fails when $TMPDIR, or the system's temporary directory, is not
// writable. Every face must have passed CheckFont (the built-in ones in
// a test).
func NewWriter(faces []Face, eightBit int, cfg Config) (*Writer, error) {
	w := &Writer{faces: faces, names: make([]fontNames, len(faces))}
	for i, f := range faces {
		w.names[i] = fontNames{utf8: family(i), eight: "c" + family(i)}
		w.psNames = append(w.psNames, postScriptName(f.Data))
	}
	w.cuts.max = cfg.MaxCachedFonts
	if w.cuts.max == 0 {
		w.cuts.max = DefaultMaxCachedFonts
	}
	if cfg.UTF8Only {
		return w, nil
	}
	b8, err := makeBase8(faces[:min(eightBit, len(faces))])
	if err != nil {
		return nil, err
	}
	w.base8 = b8
	return w, nil
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
