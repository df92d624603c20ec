package fpdfout

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"

	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

// Text in code page 1252 (Windows Western, the PDF's WinAnsiEncoding) is
// drawn with 8-bit fonts; everything else with fpdf's UTF-8 fonts.
//
// fpdf's UTF-8 fonts are expensive per document: for each face it parses
// the font, JSON-encodes and hashes a 65 536-entry width table, subsets the
// font when it writes the PDF and compresses the subset and a 128 KB
// CIDToGIDMap with a new zlib writer. An 8-bit TrueType font is a width
// for each of 224 codes, a descriptor and an already compressed font
// file, which the finishing stage writes as they are (fontfile.go). So
// the Writer makes, for each body and code face that a document draws
// with, a font cut to the face's cp1252 repertoire and its definition
// (fpdf.MakeFont); a document gets that font cut again to exactly the
// characters it draws in that face (cached in the Writer, so made once
// for a batch of similar documents).
//
// The choice is made per drawn run: a run whose characters are all in
// cp1252 uses the face's 8-bit font, any other run (a nested-list bullet,
// a task box, a Polish word) the face's UTF-8 font. Both fonts carry the
// same glyphs and the same widths (rounded the same way), so the page
// looks the same either way, and text extraction is complete either way:
// WinAnsiEncoding maps every cp1252 code to its Unicode character.

// base8 is a face prepared for 8-bit use, made once per Writer when a
// document first draws with it (Writer.eight).
type base8 struct {
	cut  []byte                     // the face cut to its cp1252 repertoire
	def  map[string]json.RawMessage // fpdf's font definition for cut
	name string                     // the font's PostScript name
	has  [256]bool                  // codes the face has a glyph for
	// widths and metrics are the parts of the font's objects that every
	// subset of it shares (fontfile.go), made from def: its /Widths
	// array and its descriptor's entries from /Ascent to /MissingWidth.
	widths, metrics []byte
}

// font8 is an 8-bit font cut for a document: fpdf gets def and draws
// with it, the finishing stage writes the font (fontfile.go). It is
// only read, so it is shared between documents and goroutines.
type font8 struct {
	def  []byte // fpdf's definition: a core font named name (see fontfile.go)
	z    []byte // zlib-compressed TrueType file
	size int    // the TrueType file's length before compression
	name string // its BaseFont: the tagged PostScript name
	base *base8 // the face's 8-bit font it is cut from
}

// encode1252 returns s in code page 1252, and false when s has a
// character that cp1252 lacks or that is a control character.
func encode1252(s string) (string, bool) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 {
			ascii = false
			break
		} else if c < 0x20 || c == 0x7F {
			return "", false
		}
	}
	if ascii {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		c, ok := code1252(r)
		if !ok {
			return "", false
		}
		b = append(b, c)
	}
	return string(b), true
}

// code1252 returns the cp1252 code of a printable character.
func code1252(r rune) (byte, bool) {
	if r < 0x20 || r == 0x7F || r >= 0x80 && r < 0xA0 || r == utf8.RuneError {
		return 0, false
	}
	if r < 0x80 {
		return byte(r), true
	}
	return charmap.Windows1252.EncodeRune(r)
}

// encodingMap is the cp1252 encoding in the text format fpdf.MakeFont
// reads ("!93 U+201C uni201C"), generated from x/text's code page table.
func encodingMap() []byte {
	var b bytes.Buffer
	for c := 0x20; c < 0x100; c++ {
		r := charmap.Windows1252.DecodeByte(byte(c))
		if back, ok := code1252(r); !ok || back != byte(c) {
			continue
		}
		fmt.Fprintf(&b, "!%02X U+%04X uni%04X\n", c, r, r)
	}
	return b.Bytes()
}

// prepare8 prepares a face for 8-bit use: it needs the face cut to its
// cp1252 repertoire and fpdf's definition of that cut. Cutting a face
// has fpdf parse all of it (about 10 million instructions a face), and
// fpdf.MakeFont, which makes the definition, reads and writes files; so
// both are made for the built-in faces when the code is generated (go
// generate: cp1252fonts.json and cp1252fonts/, see EightBitFonts),
// looked up by faceKey, and the binary needs no temporary directory.
// Only a face not found there (none in production, where the 8-bit faces
// are the built-in ones) is cut here and goes through MakeFont in a
// temporary directory that is removed: the same bytes, made slower. A
// face MakeFont refuses (for example one whose licence forbids
// embedding) gets nil and is always drawn through its UTF-8 font.
func (w *Writer) prepare8(fc *face) (*base8, error) {
	fc.load()
	prebuilt, err := w.prebuilt()
	if err != nil {
		return nil, err
	}
	if p, ok := prebuilt[faceKey(fc.data)]; ok {
		b := &base8{}
		repertoire1252(fc.m, &b.has)
		if b.cut, err = prebuiltFiles.ReadFile(prebuiltDir + "/" + p.Cut); err != nil {
			return nil, fmt.Errorf("8-bit fonts: %w", err)
		}
		if err := b.setDef(p.Def); err != nil {
			return nil, err
		}
		return b, nil
	}
	b := cut1252(Face{Data: fc.data, Metrics: fc.m})
	if len(b.cut) == 0 {
		return nil, nil
	}
	defs, err := makeDefinitions([][]byte{b.cut})
	if err != nil {
		return nil, err
	}
	if defs[0] == nil {
		return nil, nil
	}
	if err := b.setDef(defs[0]); err != nil {
		return nil, err
	}
	return b, nil
}

// repertoire1252 sets has to the cp1252 codes whose characters face m
// has, and returns those characters.
func repertoire1252(m *ttf.Metrics, has *[256]bool) []rune {
	var runes []rune
	for c := 0x20; c < 0x100; c++ {
		r := charmap.Windows1252.DecodeByte(byte(c))
		if back, ok := code1252(r); ok && back == byte(c) && m.Has(r) {
			has[c] = true
			runes = append(runes, r)
		}
	}
	return runes
}

// cut1252 returns face f cut to its cp1252 repertoire, without a
// definition yet; its cut is empty when fpdf cannot cut the face.
func cut1252(f Face) *base8 {
	b := &base8{}
	runes := repertoire1252(f.Metrics, &b.has)
	// UTF8CutFont writes into its input (see Doc.setFont), hence the copy.
	b.cut = fpdf.UTF8CutFont(bytes.Clone(f.Data), string(runes))
	return b
}

// setDef sets b's font definition, fpdf's JSON, the name it gives, and
// the widths and metrics made from it.
func (b *base8) setDef(js json.RawMessage) error {
	var def struct {
		Name string
		Desc struct {
			Ascent, Descent, CapHeight, Flags int
			FontBBox                          struct{ Xmin, Ymin, Xmax, Ymax int }
			ItalicAngle, StemV, MissingWidth  int
		}
		Cw []int
	}
	if err := json.Unmarshal(js, &b.def); err != nil {
		return fmt.Errorf("8-bit fonts: fpdf font definition: %w", err)
	}
	if err := json.Unmarshal(js, &def); err != nil {
		return fmt.Errorf("8-bit fonts: fpdf font definition: %w", err)
	}
	if def.Name == "" {
		return fmt.Errorf("8-bit fonts: fpdf font definition has no name")
	}
	if len(def.Cw) != 256 {
		return fmt.Errorf("8-bit fonts: fpdf font definition of %s has %d widths, not 256", def.Name, len(def.Cw))
	}
	b.name = def.Name
	b.widths = append(b.widths[:0], '[')
	for _, w := range def.Cw[32:] {
		b.widths = append(strconv.AppendInt(b.widths, int64(w), 10), ' ')
	}
	b.widths = append(b.widths, ']')
	d := def.Desc
	b.metrics = fmt.Appendf(b.metrics[:0], "/Ascent %d /Descent %d /CapHeight %d /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /StemV %d /MissingWidth %d",
		d.Ascent, d.Descent, d.CapHeight, d.Flags, d.FontBBox.Xmin, d.FontBBox.Ymin, d.FontBBox.Xmax, d.FontBBox.Ymax, d.ItalicAngle, d.StemV, d.MissingWidth)
	return nil
}

// faceKey names a face in cp1252fonts.json: its size in bytes and the
// CRC-32 of its bytes ("380660-1a2b3c4d"). That tells the built-in faces
// from each other and from a changed file, which is all it has to do:
// the faces that get 8-bit fonts are always built-in ones, never a
// user's, and a face not found is prepared at run time into the same
// bytes. A CRC-32 of a face takes a few hundred thousand instructions;
// a SHA-256 takes millions where the CPU lacks SHA instructions.
func faceKey(data []byte) string {
	return strconv.Itoa(len(data)) + "-" + fmt.Sprintf("%08x", crc32.ChecksumIEEE(data))
}

// The 8-bit fonts of the built-in faces, made when the code is
// generated: cp1252fonts.json holds, per face (by faceKey), the name of
// its cp1252 cut in cp1252fonts/ and fpdf's definition of that cut.
// gencp1252 gets the faces from package fonts and writes what
// EightBitFonts returns; TestEightBitFontsAreGenerated checks that
// regenerating gives the same bytes.
//
//go:generate go run ./gencp1252 -o .
//go:embed cp1252fonts.json cp1252fonts
var prebuiltFiles embed.FS

// The names of the generated file and directory in prebuiltFiles.
const (
	prebuiltJSON = "cp1252fonts.json"
	prebuiltDir  = "cp1252fonts"
)

// prebuiltFont is a face's entry in cp1252fonts.json.
type prebuiltFont struct {
	// Cut is the file in cp1252fonts/ that holds the face cut to its
	// cp1252 repertoire.
	Cut string `json:"cut"`
	// Def is fpdf's font definition of the cut (fpdf.MakeFont's JSON).
	Def json.RawMessage `json:"def"`
}

// prebuiltFonts decodes cp1252fonts.json: the 8-bit fonts of the
// built-in faces by faceKey.
func prebuiltFonts() (map[string]prebuiltFont, error) {
	js, err := prebuiltFiles.ReadFile(prebuiltJSON)
	if err != nil {
		return nil, fmt.Errorf("8-bit fonts: %w", err)
	}
	var fonts map[string]prebuiltFont
	if err := json.Unmarshal(js, &fonts); err != nil {
		return nil, fmt.Errorf("8-bit fonts: %s: %w", prebuiltJSON, err)
	}
	return fonts, nil
}

// GeneratedFonts is what go generate writes for the 8-bit fonts of the
// built-in faces (EightBitFonts).
type GeneratedFonts struct {
	// JSON is cp1252fonts.json: an object from faceKey to the face's
	// entry (its cut's file name and fpdf's definition), keys sorted,
	// one a line.
	JSON []byte
	// Cuts are the files of cp1252fonts/ by name: each face cut to its
	// cp1252 repertoire, named after its PostScript name.
	Cuts map[string][]byte
}

// EightBitFonts cuts each face, which must have its Metrics, to its
// cp1252 repertoire, makes the cut's 8-bit font definition with
// fpdf.MakeFont (in a temporary directory that it removes) and returns
// the files that prepare8 looks them up in. A face MakeFont refuses is
// left out; two faces with the same PostScript name are an error.
func EightBitFonts(faces []Face) (GeneratedFonts, error) {
	var keys []string
	cuts := make([][]byte, 0, len(faces))
	for _, f := range faces {
		if b := cut1252(f); len(b.cut) > 0 {
			keys = append(keys, faceKey(f.Data))
			cuts = append(cuts, b.cut)
		}
	}
	defs, err := makeDefinitions(cuts)
	if err != nil {
		return GeneratedFonts{}, err
	}
	out := GeneratedFonts{Cuts: map[string][]byte{}}
	entries := map[string]prebuiltFont{}
	for i, c := range cuts {
		if defs[i] == nil {
			continue
		}
		b := &base8{}
		if err := b.setDef(defs[i]); err != nil {
			return GeneratedFonts{}, err
		}
		name := b.name + ".ttf"
		if _, dup := out.Cuts[name]; dup {
			return GeneratedFonts{}, fmt.Errorf("8-bit fonts: two faces are named %s", b.name)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, defs[i]); err != nil {
			return GeneratedFonts{}, fmt.Errorf("8-bit fonts: %w", err)
		}
		out.Cuts[name] = c
		entries[keys[i]] = prebuiltFont{Cut: name, Def: compact.Bytes()}
	}
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, k := range slices.Sorted(maps.Keys(entries)) {
		line, err := json.Marshal(entries[k])
		if err != nil {
			return GeneratedFonts{}, fmt.Errorf("8-bit fonts: %w", err)
		}
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "%q: %s", k, line)
	}
	b.WriteString("\n}\n")
	out.JSON = b.Bytes()
	return out, nil
}

// makeDefinitions runs fpdf.MakeFont on each cut font, in a temporary
// directory that it removes, and returns each font's definition; nil for
// a font MakeFont refuses.
func makeDefinitions(cuts [][]byte) (_ []json.RawMessage, err error) {
	dir, err := os.MkdirTemp("", "policyexport-pdf-fonts-")
	if err != nil {
		return nil, fmt.Errorf("8-bit fonts need a writable temporary directory (set TMPDIR): %w", err)
	}
	defer os.RemoveAll(dir)
	mapFile := filepath.Join(dir, "cp1252.map")
	if err := os.WriteFile(mapFile, encodingMap(), 0o600); err != nil {
		return nil, fmt.Errorf("8-bit fonts: %w", err)
	}
	out := make([]json.RawMessage, len(cuts))
	for i, cut := range cuts {
		name := "f" + strconv.Itoa(i)
		ttfFile := filepath.Join(dir, name+".ttf")
		if err := os.WriteFile(ttfFile, cut, 0o600); err != nil {
			return nil, fmt.Errorf("8-bit fonts: %w", err)
		}
		if err := fpdf.MakeFont(ttfFile, mapFile, dir, nil, true); err != nil {
			continue
		}
		js, err := os.ReadFile(filepath.Join(dir, name+".json"))
		if err != nil {
			return nil, fmt.Errorf("8-bit fonts: %w", err)
		}
		out[i] = js
	}
	return out, nil
}

// subset returns the 8-bit font cut to the codes in used, and
// its definition, compressed with a writer from zp. The font is a
// subset, so its name gets a tag made from its bytes
// ("ABCDEF+DejaVuSerif"), as PDF asks.
func (b *base8) subset(used *[256]bool, zp *zlibPool) (font8, error) {
	var runes []rune
	for c, u := range used {
		if u && b.has[c] {
			runes = append(runes, charmap.Windows1252.DecodeByte(byte(c)))
		}
	}
	// PDF's WinAnsiEncoding names code A0 "space" and AD "hyphen", so a
	// reader may draw those codes with the glyphs of U+0020 and U+002D
	// (poppler does): keep them in the font too. The widths written for
	// the codes stay those of U+00A0 and U+00AD.
	for _, alias := range [...]struct {
		code byte
		r    rune
	}{{0xA0, ' '}, {0xAD, '-'}} {
		if used[alias.code] && b.has[alias.r] {
			runes = append(runes, alias.r)
		}
	}
	// UTF8CutFont writes into its input (see Doc.setFont), hence the copy.
	cut := fpdf.UTF8CutFont(bytes.Clone(b.cut), string(runes))
	if len(cut) == 0 {
		return font8{}, fmt.Errorf("cutting the 8-bit font %s failed", b.name)
	}
	var z bytes.Buffer
	zw := zp.get(&z)
	if _, err := zw.Write(cut); err != nil {
		return font8{}, fmt.Errorf("compress font: %w", err)
	}
	if err := zw.Close(); err != nil {
		return font8{}, fmt.Errorf("compress font: %w", err)
	}
	zp.put(zw)
	sum := sha256.Sum256(cut)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	name := string(tag) + "+" + b.name
	// fpdf is told the font is a core font, which it neither embeds nor
	// reads 256 widths of from JSON for each document: the finishing
	// stage writes the font (fontfile.go).
	js, err := json.Marshal(struct{ Tp, Name string }{"Core", name})
	if err != nil {
		return font8{}, fmt.Errorf("font definition: %w", err)
	}
	return font8{def: js, z: z.Bytes(), size: len(cut), name: name, base: b}, nil
}

// utf16Text is s as a PDF text string in UTF-16BE with a byte order
// mark: what fpdf writes for outline titles when a UTF-8 font is current.
func utf16Text(s string) string {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2, 2+2*len(u))
	b[0], b[1] = 0xFE, 0xFF
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return string(b)
}
