package ttf_test

import (
	"testing"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

func TestSerifCoverage(t *testing.T) {
	m, err := ttf.Parse(fonts.SerifRegular().Data)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "AzÀžĀſΑωАяё€“”–—§" {
		if !m.Has(r) {
			t.Errorf("DejaVu Serif lacks %U", r)
		}
	}
	for _, r := range []rune{0x4E2D, 0x1F6E1, -1, 0x10FFFF} {
		if m.Has(r) {
			t.Errorf("DejaVu Serif claims %U", r)
		}
	}
	// DejaVu Serif is 2048 units per em; 'M' is wider than 'i'.
	if m.Advance('M') <= m.Advance('i') || m.Advance('i') == 0 {
		t.Errorf("Advance(M)=%d Advance(i)=%d", m.Advance('M'), m.Advance('i'))
	}
	if m.Ascent <= 0 || m.Descent >= 0 {
		t.Errorf("ascent %d descent %d", m.Ascent, m.Descent)
	}
}

func TestMonoIsMonospaced(t *testing.T) {
	m, err := ttf.Parse(fonts.Mono().Data)
	if err != nil {
		t.Fatal(err)
	}
	w := m.Advance('i')
	for _, r := range "MW.-{}ÿ" {
		if m.Advance(r) != w {
			t.Errorf("Advance(%q)=%d want %d", r, m.Advance(r), w)
		}
	}
}

func TestFallbackCoversArabicPresentationFormsAndHebrew(t *testing.T) {
	m, err := ttf.Parse(fonts.Fallbacks()[1].Data)
	if err != nil {
		t.Fatal(err)
	}
	// Forms the shaping step produces for common letters, and Hebrew.
	for _, r := range []rune{0xFE8D, 0xFE8E, 0xFE91, 0xFE92, 0xFEDF, 0xFEE0, 0xFEFB, 0xFB8A, 0xFBFC, 0x05D0, 0x05EA, 0x0627, 0x0644} {
		if !m.Has(r) {
			t.Errorf("DejaVu Sans lacks %U", r)
		}
	}
}

func TestParseRejectsGarbage(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("hello world!"), []byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00"), fonts.SerifRegular().Data[:100]} {
		if _, err := ttf.Parse(data); err == nil {
			t.Errorf("Parse(%q...) succeeded", data[:min(len(data), 8)])
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(fonts.Mono().Data[:4096])
	f.Add([]byte("\x00\x01\x00\x00\x00\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ttf.Parse(data)
		if err == nil {
			_ = m.Has('a')
			_ = m.Advance('a')
		}
	})
}

func TestNaskhCoversAllPresentationForms(t *testing.T) {
	m, err := ttf.Parse(fonts.Fallbacks()[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := rune(0xFB50); r <= 0xFDFF; r++ {
		if m.Has(r) {
			n++
		}
	}
	for r := rune(0xFE70); r <= 0xFEFC; r++ {
		if m.Has(r) {
			n++
		}
	}
	if n < 600+140 {
		t.Errorf("Noto Naskh Arabic maps %d presentation forms, want >= 740", n)
	}
}

// TestStyle: a face's bold and italic come from its OS/2 and head
// tables, as a font menu sees them.
func TestStyle(t *testing.T) {
	for _, c := range []struct {
		f            fonts.Font
		bold, italic bool
	}{
		{fonts.SerifRegular(), false, false},
		{fonts.SerifBold(), true, false},
		{fonts.SerifItalic(), false, true},
		{fonts.SerifBoldItalic(), true, true},
		{fonts.Mono(), false, false},
	} {
		m, err := ttf.Parse(c.f.Data)
		if err != nil {
			t.Fatal(err)
		}
		if m.Bold != c.bold || m.Italic != c.italic {
			t.Errorf("%s: bold %v italic %v, want %v %v", c.f.Name, m.Bold, m.Italic, c.bold, c.italic)
		}
	}
	for _, f := range fonts.Scripts() {
		m, err := ttf.Parse(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		if m.Bold != f.Bold || m.Italic {
			t.Errorf("%s: bold %v italic %v, want %v false", f.Name, m.Bold, m.Italic, f.Bold)
		}
	}
}
