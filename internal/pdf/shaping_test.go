package pdf_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"
	"golang.org/x/text/unicode/norm"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/shape"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
	"github.com/policyexport/policyexport/internal/testutil/pdfrules"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// shapedLines are lines of the shaped scripts with the Debian font that
// draws them (a --font), or "" for the built-in face (fonts.Scripts).
var shapedLines = []struct {
	name, text, font, builtin string
}{
	{"hindi-lohit", "क्षत्रिय श्री किताब विद्यालय।", "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf", ""},
	{"bengali-lohit", "বাংলা ভাষায় লেখা।", "/usr/share/fonts/truetype/lohit-bengali/Lohit-Bengali.ttf", ""},
	{"tamil-lohit", "தமிழ் மொழி கொள்கை", "/usr/share/fonts/truetype/lohit-tamil/Lohit-Tamil.ttf", ""},
	{"hindi-noto", "क्षत्रिय श्री किताब विद्यालय।", "", "NotoSansDevanagari-Regular.ttf"},
	{"bengali-noto", "বাংলা ভাষায় লেখা।", "", "NotoSansBengali-Regular.ttf"},
	{"tamil-noto", "தமிழ் மொழி கொள்கை", "", "NotoSansTamil-Regular.ttf"},
	{"telugu-noto", "తెలుగు భాష", "", "NotoSansTelugu-Regular.ttf"},
	{"gujarati-noto", "ગુજરાતી ભાષા", "", "NotoSansGujarati-Regular.ttf"},
	{"thai-noto", "ภาษาไทย น้ำ", "", "NotoSansThai-Regular.ttf"},
	{"kannada-noto", "ಕನ್ನಡ ಭಾಷೆ ಕ್ಷೇತ್ರ", "/usr/share/fonts/truetype/noto/NotoSansKannada-Regular.ttf", ""},
	{"malayalam-noto", "മലയാളം ഭാഷ ക്ഷേത്രം", "/usr/share/fonts/truetype/noto/NotoSansMalayalam-Regular.ttf", ""},
	{"gurmukhi-noto", "ਪੰਜਾਬੀ ਭਾਸ਼ਾ ਕਿਤਾਬ", "/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf", ""},
	{"oriya-noto", "ଓଡ଼ିଆ ଭାଷା କ୍ଷେତ୍ର", "/usr/share/fonts/truetype/noto/NotoSansOriya-Regular.ttf", ""},
	{"sinhala-noto", "සිංහල භාෂාව ශ්\u200dරී", "/usr/share/fonts/truetype/noto/NotoSansSinhala-Regular.ttf", ""},
	{"khmer-noto", "ភាសាខ្មែរ ស្ត្រី", "/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf", ""},
	{"myanmar-noto", "မြန်မာဘာသာ ကြည့်", "/usr/share/fonts/truetype/noto/NotoSansMyanmar-Regular.ttf", ""},
	{"hebrew-points-dejavu", "שָׁלוֹם עוֹלָם", "", "DejaVuSans.ttf"},
	// Arabic with vowel marks: drawn from presentation forms, which
	// shape as the letters do (hb-shape gets the letters), shadda and
	// fatha stacked (مَّ), tanwin over the alef (ًا), and lam and alef
	// with marks ligated by the font, not a lam-alef presentation form
	// (سَلَامٌ, لِأَنَّ: bidi.Shape), and the superscript alef of
	// الرَّحْمَٰنِ, which was refused as a letter without a presentation
	// form.
	{"arabic-marks-naskh", "مُحَمَّد رَبِّ كَتَبَ شكراً اللَّهِ سَلَامٌ لِأَنَّ الرَّحْمَٰنِ", "", "NotoNaskhArabic-Regular.ttf"},
}

// traced is one glyph as mutool trace lists it.
type traced struct {
	x, y, adv float64 // adv: the glyph's width in the font program, in em
	uni       string
	gid       int // its glyph id in the embedded subset
}

var traceGlyph = regexp.MustCompile(`<g unicode="([^"]*)" glyph="([0-9]+)" x="([-0-9.]+)" y="([-0-9.]+)" adv="([-0-9.]+)"`)

// outline returns glyph gid of face as its outline's segments, the
// composite glyphs resolved: the same glyph has the same outline in the
// font and in a subset of it, whatever its id there.
func outline(face *font.Face, gid int) []font.Segment {
	o, _ := face.GlyphDataOutline(font.GID(gid))
	return o.Segments
}

// embeddedFaces returns the font programs embedded in the PDF file,
// parsed (mutool extract writes them into the current directory, so it
// runs in a directory of its own).
func embeddedFaces(t *testing.T, mutool, file string) []*font.Face {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(mutool, "extract", file)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mutool extract: %v\n%s", err, out)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "font-*.ttf"))
	var faces []*font.Face
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if f, err := font.ParseTTF(bytes.NewReader(data)); err == nil {
			faces = append(faces, f)
		}
	}
	if len(faces) == 0 {
		t.Fatal("mutool extract found no TrueType font in the PDF")
	}
	return faces
}

// TestShapedLikeHarfBuzz renders each of shapedLines and compares the
// glyphs the PDF draws (mutool trace) with hb-shape's on the same words
// and font: as many glyphs, in the same order, at the same positions
// (advances and offsets, to 0.02 pt), each the glyph hb-shape chose (its
// outline in the embedded subset is that glyph's outline in the font)
// and of its width. pdftotext must give
// the line back exactly, and pdfinfo -struct-text its words.
func TestShapedLikeHarfBuzz(t *testing.T) {
	mutool := validate.Tool(t, "mutool", "mupdf-tools")
	hbShape := validate.Tool(t, "hb-shape", "libharfbuzz-bin")
	validate.Tool(t, "pdftotext", "poppler-utils")
	for _, tc := range shapedLines {
		t.Run(tc.name, func(t *testing.T) {
			var opts pdf.Options
			fontFile := tc.font
			var fontData []byte
			if tc.font != "" {
				opts.Fonts = fallbackFont(t, tc.font)
				fontData = opts.Fonts[0]
			} else {
				for _, f := range append(fonts.Fallbacks(), fonts.Scripts()...) {
					if f.Name == tc.builtin {
						fontData = f.Data
					}
				}
				fontFile = writeTemp(t, fontData)
			}
			opts.NoFooter = true
			doc := asttest.Doc(asttest.P(&ast.Text{Text: tc.text}))
			data := render(t, opts, doc)
			file := writeTemp(t, data)
			// A right-to-left line here has marks (Hebrew points,
			// Arabic vowel marks): its glyphs are drawn in logical
			// order (logicalGlyphs).
			rtl := strings.ContainsFunc(tc.text, func(c rune) bool { return c >= 0x0590 && c <= 0x06FF })
			got := strings.Trim(strings.TrimSpace(string(runTool(t, "pdftotext", "-enc", "UTF-8", file, "-"))), "\u202b\u202c")
			if want := tc.text; rtl {
				// poppler wraps a right-to-left line in U+202B …
				// U+202C, orders its characters from where they are,
				// and puts a mark, drawn inside its letter, before it
				// (in a PDF of hb-view's too), and may move the marks
				// of a wide letter, drawn far left of its right edge
				// (ב of كَتَبَ, ש of שָׁלוֹם in DejaVu Sans, whose
				// points start at the letter's left edge), to a line
				// of their own: every letter and mark, and nothing
				// else, after NFKC.
				if g, w := sortedRunes(norm.NFKC.String(got)), sortedRunes(want); g != w {
					t.Errorf("pdftotext: %q, want the characters of %q", got, want)
				}
			} else if got != want {
				t.Errorf("pdftotext: %q, want %q", got, want)
			}
			// pdfinfo -struct-text reads the ToUnicode maps in content
			// order. The parts of a split vowel (Tamil ொ,
			// Thai sara am) come out as their parts: the same text after
			// NFKC.
			var words []string
			for _, l := range strings.Split(string(runTool(t, "pdfinfo", "-struct-text", file)), "\n") {
				if l = strings.TrimSpace(l); strings.HasPrefix(l, `"`) {
					words = append(words, strings.Trim(l, `"`))
				}
			}
			// It lists runs (one a marked-content sequence: the danda
			// of a Bengali line is in another face), so spaces are not
			// compared.
			// Pointed Hebrew and Arabic with marks, whose glyphs are
			// drawn in logical order, come out as written.
			if got, want := norm.NFKC.String(strings.Join(words, "")), norm.NFKC.String(strings.ReplaceAll(tc.text, " ", "")); got != want {
				t.Errorf("pdfinfo -struct-text: %q, want %q", got, want)
			}
			var drawn []traced
			for _, m := range traceGlyph.FindAllStringSubmatch(string(runTool(t, mutool, "trace", file)), -1) {
				gid, _ := strconv.Atoi(m[2])
				x, _ := strconv.ParseFloat(m[3], 64)
				y, _ := strconv.ParseFloat(m[4], 64)
				adv, _ := strconv.ParseFloat(m[5], 64)
				drawn = append(drawn, traced{x, y, adv, m[1], gid})
			}
			sf, err := shape.Parse(fontData)
			if err != nil {
				t.Fatal(err)
			}
			orig, err := font.ParseTTF(bytes.NewReader(fontData))
			if err != nil {
				t.Fatal(err)
			}
			embedded := embeddedFaces(t, mutool, file)
			const size = 10.5 // the body's size in points
			scale := size / float64(sf.UnitsPerEm())
			i := 0
			words = strings.Fields(tc.text)
			// A right-to-left line's runs are drawn in logical order,
			// the first word (the rightmost) first, so that readers
			// that follow the content stream read the words in order
			// (emit.go); each word's glyphs are drawn left to right,
			// but a word with right-to-left marks in logical order too
			// (its clusters from the right, a letter before its
			// marks): there each of hb-shape's glyphs is looked for
			// among the word's.
			for _, word := range words {
				var hb []struct {
					G  int `json:"g"`
					Ax int `json:"ax"`
					Dx int `json:"dx"`
					Dy int `json:"dy"`
				}
				out := runTool(t, hbShape, "--output-format=json", "--no-glyph-names", "--language=und", "--font-file="+fontFile, "--text="+word)
				if err := json.Unmarshal(out, &hb); err != nil {
					t.Fatalf("hb-shape: %v: %s", err, out)
				}
				if i+len(hb) > len(drawn) {
					t.Fatalf("word %q: the PDF draws %d glyphs in all, hb-shape %d for the words up to this one", word, len(drawn), i+len(hb))
				}
				x0, y0 := drawn[i].x-float64(hb[0].Dx)*scale, drawn[i].y-float64(hb[0].Dy)*scale
				if rtl {
					// The word's origin: the glyphs drawn are hb-shape's
					// in another order, so their mean position is.
					x0, y0 = 0, 0
					pen := 0.0
					for k, g := range hb {
						x0 += (drawn[i+k].x - (pen+float64(g.Dx))*scale) / float64(len(hb))
						y0 += (drawn[i+k].y - float64(g.Dy)*scale) / float64(len(hb))
						pen += float64(g.Ax)
					}
				}
				used := make([]bool, len(hb))
				pen := 0.0
				for k, g := range hb {
					wantX, wantY := x0+(pen+float64(g.Dx))*scale, y0+float64(g.Dy)*scale
					d := drawn[i+k]
					for m := range hb {
						c := drawn[i+m]
						if rtl && !used[m] && math.Abs(c.x-wantX) <= 0.02 && math.Abs(c.y-wantY) <= 0.02 &&
							slices.ContainsFunc(embedded, func(f *font.Face) bool { return reflect.DeepEqual(outline(f, c.gid), outline(orig, g.G)) }) {
							d, used[m] = c, true
							break
						}
					}
					if math.Abs(d.x-wantX) > 0.02 || math.Abs(d.y-wantY) > 0.02 {
						t.Errorf("word %q glyph %d (hb gid %d): at (%.3f, %.3f), hb-shape puts it at (%.3f, %.3f)", word, k, g.G, d.x, d.y, wantX, wantY)
					}
					// The glyph drawn is the one hb-shape chose: its
					// outline in the embedded subset (where mutool trace
					// names it by its id there) is that glyph's outline
					// in the font, and so is its width.
					want := outline(orig, g.G)
					if !slices.ContainsFunc(embedded, func(f *font.Face) bool { return reflect.DeepEqual(outline(f, d.gid), want) }) {
						t.Errorf("word %q glyph %d (%q): subset glyph %d is not hb-shape's glyph %d (their outlines differ)", word, k, d.uni, d.gid, g.G)
					}
					if want := math.Round(float64(sf.Advance(uint16(g.G)))*1000/float64(sf.UnitsPerEm())) / 1000; math.Abs(d.adv-want) > 0.0015 {
						t.Errorf("word %q glyph %d (%q): width %.3f em, hb-shape's gid %d is %.3f em", word, k, d.uni, d.adv, g.G, want)
					}
					pen += float64(g.Ax)
				}
				i += len(hb)
			}
			if i != len(drawn) {
				t.Errorf("the PDF draws %d glyphs, hb-shape %d", len(drawn), i)
			}
		})
	}
}

// sortedRunes returns the characters of s but spaces and the
// directional marks poppler puts around a right-to-left line, sorted.
func sortedRunes(s string) string {
	rs := []rune(strings.Join(strings.Fields(strings.Map(func(c rune) rune {
		if c >= 0x202a && c <= 0x202e {
			return -1
		}
		return c
	}, s)), ""))
	slices.Sort(rs)
	return string(rs)
}

// TestShapedArchival: a document of shaped lines and a character beyond
// the BMP passes our PDF/A-2u, PDF/A-3u and PDF/UA-1 rules and PDFBox
// Preflight (a-1b) with private-use codes in its fonts (each has a
// ToUnicode entry: its text), and pdftotext still gives the text.
func TestShapedArchival(t *testing.T) {
	var paras []ast.Block
	var want []string
	for _, tc := range shapedLines {
		if tc.font == "" {
			paras = append(paras, asttest.P(&ast.Text{Text: tc.text}))
			want = append(want, tc.text)
		}
	}
	doc := asttest.Doc(paras...)
	doc.Meta.Title = "Shaped"
	for _, c := range []struct {
		std       string
		profile   pdfrules.Profile
		preflight bool
	}{{"a-2u", pdfrules.PDFA2U, false}, {"a-3u,ua-1", pdfrules.PDFUA1, false}, {"a-3u", pdfrules.PDFA3U, false}, {"a-1b", 0, true}} {
		data := render(t, pdf.Options{Standard: mustStandard(t, c.std)}, doc)
		if !c.preflight {
			if vs := pdfrules.Check(data, c.profile); len(vs) > 0 {
				t.Errorf("%s: %v", c.std, vs)
			}
			continue
		}
		file := writeTemp(t, data)
		if p := validate.PreflightA1b(t, file); !p.Valid {
			t.Errorf("%s: Preflight: %v", c.std, p.Errors)
		}
		got := strings.ReplaceAll(string(runTool(t, "pdftotext", "-enc", "UTF-8", file, "-")), " ", "")
		for _, w := range want {
			if strings.ContainsFunc(w, func(c rune) bool { return c >= 0x0590 && c <= 0x06FF }) {
				// Pointed Hebrew and Arabic with marks: its
				// characters, in poppler's order (see
				// TestShapedLikeHarfBuzz).
				if n := norm.NFKC.String(got); strings.ContainsFunc(w, func(c rune) bool { return c != ' ' && !strings.ContainsRune(n, c) }) {
					t.Errorf("%s: pdftotext lacks characters of %q:\n%s", c.std, w, got)
				}
				continue
			}
			if !strings.Contains(got, strings.ReplaceAll(w, " ", "")) {
				t.Errorf("%s: pdftotext lacks %q:\n%s", c.std, w, got)
			}
		}
	}
}

// TestCopyOut: pdftotext gives back Hindi in a code block and in the
// footer (both drawn shaped), and lines of other scripts as written: emoji beyond the Basic Multilingual Plane drawn with Symbola
// (private-use codes, like shaped glyphs), Japanese, Hebrew and Arabic.
// poppler wraps a right-to-left line in U+202B … U+202C, which is
// removed before comparing, and Arabic is drawn in presentation forms
// (internal/bidi joins it, not the shaper): its letters come out in
// logical order, the same text after NFKC.
func TestCopyOut(t *testing.T) {
	validate.Tool(t, "pdftotext", "poppler-utils")
	symbola := fallbackFont(t, "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf")
	cjk := fallbackFont(t, cjkFont)
	for _, tc := range []struct {
		name, text string
		fonts      [][]byte
		nfkc, code bool
	}{
		{"hindi-code", "x = 'किताब क्षमा'", nil, false, true},
		{"hindi-footer", "किताब", nil, false, false},
		{"emoji", "Shield 🛡 and smile 😀 here, 𝐀𝐁.", symbola, false, false},
		{"japanese", "日本語の文章です。", cjk, false, false},
		{"hebrew", "שלום עולם", nil, false, false},
		{"arabic", "مرحبا بالعالم", nil, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := asttest.Doc(asttest.P(&ast.Text{Text: tc.text}))
			if tc.code {
				doc = asttest.Doc(&ast.CodeBlock{Text: tc.text + "\n"})
			}
			footer := strings.HasSuffix(tc.name, "-footer")
			if footer {
				// The text is the title: drawn in the footer only.
				doc = asttest.Doc(asttest.P(&ast.Text{Text: "x"}))
				doc.Meta.Title = tc.text
			}
			data := render(t, pdf.Options{Fonts: tc.fonts, NoFooter: !footer}, doc)
			got := strings.Trim(strings.TrimSpace(string(runTool(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, data), "-"))), "\u202b\u202c")
			if tc.nfkc {
				got = norm.NFKC.String(got)
			}
			if footer {
				got = strings.Fields(got)[1] // x, then the footer's title
			}
			if got != tc.text {
				t.Errorf("pdftotext: %q, want %q", got, tc.text)
			}
		})
	}
}

// TestScriptFontsLoad: fpdf reads every built-in face of the shaped
// scripts (New does not check them, so that it does not pay for faces a
// document never draws).
func TestScriptFontsLoad(t *testing.T) {
	for _, f := range fonts.Scripts() {
		if err := fpdfout.CheckFont(f.Data); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
}

// TestShapedBold: bold text in a shaped script is drawn with the bold
// built-in face of its script, regular text with the regular one, and a
// Latin heading keeps DejaVu Serif Bold (pdffonts names each embedded
// font under a standard).
func TestShapedBold(t *testing.T) {
	validate.Tool(t, "pdffonts", "poppler-utils")
	doc := asttest.Doc(asttest.H(1, &ast.Text{Text: "Policy नीति"}), asttest.P(&ast.Text{Text: "हिंदी "}, &ast.Strong{Inlines: []ast.Inline{&ast.Text{Text: "पाठ"}}}))
	data := render(t, pdf.Options{Standard: mustStandard(t, "a-2u")}, doc)
	out := string(runTool(t, "pdffonts", writeTemp(t, data)))
	for _, want := range []string{"+NotoSansDevanagari-Bold ", "+NotoSansDevanagari-Regular ", "+DejaVuSerif-Bold "} {
		if !strings.Contains(out, want) {
			t.Errorf("pdffonts lists no %q:\n%s", strings.TrimSpace(want), out)
		}
	}
}
