// Package fonts owns the TrueType fonts that policyexport embeds in its
// binary: the DejaVu Serif family for body text, DejaVu Sans Mono for code
// and two built-in fallbacks: Noto Naskh Arabic (Arabic and all its
// presentation forms) and DejaVu Sans (Hebrew, symbols), and the Noto
// Sans faces of the scripts the PDF shapes (Scripts). See README.md for
// where each file came from; the licences are LICENSE-DejaVu.txt and
// LICENSE-Noto.txt. Beside them it holds the sRGB ICC profile that
// PDF/A output intents embed (sRGB2014.icc, licence
// LICENSE-sRGB2014.txt).
//
// It hands out the font bytes as read-only views of the binary's own
// data, never copies: a program that uses two faces pays for no others.
// It never parses, cuts or caches fonts (internal/pdf does that once per
// Renderer, for the faces a document draws from) and it never reads
// fonts from the file system.
package fonts

import (
	"bytes"
	_ "embed"
)

var (
	//go:embed DejaVuSerif.ttf
	serifRegular []byte
	//go:embed DejaVuSerif-Bold.ttf
	serifBold []byte
	//go:embed DejaVuSerif-Italic.ttf
	serifItalic []byte
	//go:embed DejaVuSerif-BoldItalic.ttf
	serifBoldItalic []byte
	//go:embed DejaVuSansMono.ttf
	mono []byte
	//go:embed DejaVuSans.ttf
	sans []byte
	//go:embed NotoNaskhArabic-Regular.ttf
	naskh []byte
	//go:embed NotoSansDevanagari-Regular.ttf
	devanagari []byte
	//go:embed NotoSansDevanagari-Bold.ttf
	devanagariBold []byte
	//go:embed NotoSansBengali-Regular.ttf
	bengali []byte
	//go:embed NotoSansBengali-Bold.ttf
	bengaliBold []byte
	//go:embed NotoSansGujarati-Regular.ttf
	gujarati []byte
	//go:embed NotoSansGujarati-Bold.ttf
	gujaratiBold []byte
	//go:embed NotoSansTamil-Regular.ttf
	tamil []byte
	//go:embed NotoSansTamil-Bold.ttf
	tamilBold []byte
	//go:embed NotoSansTelugu-Regular.ttf
	telugu []byte
	//go:embed NotoSansTelugu-Bold.ttf
	teluguBold []byte
	//go:embed NotoSansThai-Regular.ttf
	thai []byte
	//go:embed NotoSansThai-Bold.ttf
	thaiBold []byte
	//go:embed sRGB2014.icc
	srgb []byte
)

// Font is one embedded TrueType file.
type Font struct {
	// Name is the file name, for example "DejaVuSerif-Bold.ttf".
	Name string
	// Data is the file's bytes, shared by every caller: it must not be
	// modified (copy it first, for example for fpdf, which writes into
	// the fonts it reads).
	Data []byte
	// Bold says that the face is of a bold weight: the PDF draws bold
	// text with it before a regular face that has the same characters.
	Bold bool
}

// font returns an embedded file as a Font, without copying it.
func font(name string, data []byte) Font {
	return Font{Name: name, Data: data[:len(data):len(data)]}
}

// SerifRegular returns DejaVu Serif, the upright body face.
func SerifRegular() Font { return font("DejaVuSerif.ttf", serifRegular) }

// SerifBold returns DejaVu Serif Bold.
func SerifBold() Font { return font("DejaVuSerif-Bold.ttf", serifBold) }

// SerifItalic returns DejaVu Serif Italic.
func SerifItalic() Font { return font("DejaVuSerif-Italic.ttf", serifItalic) }

// SerifBoldItalic returns DejaVu Serif Bold Italic.
func SerifBoldItalic() Font { return font("DejaVuSerif-BoldItalic.ttf", serifBoldItalic) }

// Mono returns DejaVu Sans Mono, the face for code.
func Mono() Font { return font("DejaVuSansMono.ttf", mono) }

// Body returns the faces text is set in, in the order internal/pdf
// numbers them: DejaVu Serif regular, bold, italic and bold italic, then
// DejaVu Sans Mono for code. These are the faces that get 8-bit fonts.
func Body() []Font {
	return []Font{SerifRegular(), SerifBold(), SerifItalic(), SerifBoldItalic(), Mono()}
}

// Fallbacks returns the built-in fallback fonts, in the order they are
// tried after the body and code faces: Noto Naskh Arabic, which maps all
// Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) that the
// shaping step produces, Persian ones included; then DejaVu Sans for
// Hebrew, arrows and many symbols.
func Fallbacks() []Font {
	return []Font{
		font("NotoNaskhArabic-Regular.ttf", naskh),
		font("DejaVuSans.ttf", sans),
	}
}

// Scripts returns the built-in faces of the scripts the PDF shapes
// (internal/pdf/shaping.go), tried after the fallbacks and after the
// fonts a user gives with --font, so that a user's Devanagari font
// wins over the built-in one: Noto Sans Devanagari, Bengali, Gujarati,
// Tamil, Telugu and Thai, regular, then bold (Font.Bold), which bold
// text in these scripts takes.
func Scripts() []Font {
	regular := []Font{
		font("NotoSansDevanagari-Regular.ttf", devanagari),
		font("NotoSansBengali-Regular.ttf", bengali),
		font("NotoSansGujarati-Regular.ttf", gujarati),
		font("NotoSansTamil-Regular.ttf", tamil),
		font("NotoSansTelugu-Regular.ttf", telugu),
		font("NotoSansThai-Regular.ttf", thai),
	}
	bold := []Font{
		font("NotoSansDevanagari-Bold.ttf", devanagariBold),
		font("NotoSansBengali-Bold.ttf", bengaliBold),
		font("NotoSansGujarati-Bold.ttf", gujaratiBold),
		font("NotoSansTamil-Bold.ttf", tamilBold),
		font("NotoSansTelugu-Bold.ttf", teluguBold),
		font("NotoSansThai-Bold.ttf", thaiBold),
	}
	for i := range bold {
		bold[i].Bold = true
	}
	return append(regular, bold...)
}

// SRGBProfile returns a copy of the International Color Consortium's
// sRGB2014.icc (sRGB IEC61966-2.1, an ICC version 2 profile, so PDF 1.4
// and PDF/A-1 can embed it): the profile of PDF/A output intents. See
// README.md for where it came from and LICENSE-sRGB2014.txt for its
// licence.
func SRGBProfile() []byte { return bytes.Clone(srgb) }
