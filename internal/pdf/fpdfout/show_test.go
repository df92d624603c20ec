package fpdfout

import (
	"bytes"
	"testing"
	"time"
)

// TestShowIsFpdfText checks that text drawn in an 8-bit font through
// Doc.show is written exactly as fpdf's Text writes it: the same
// document drawn both ways gives fpdf's same output, with characters
// that need escaping, positions that round either way or are negative,
// and text colours that are and are not the fill colour (grey, RGB, out
// of range).
func TestShowIsFpdfText(t *testing.T) {
	w := builtinWriter()
	texts := []string{"plain", `back\slash (paren) \(both\)`, "caf\u00e9 \u201cquoted\u201d \u2013 \u20ac", ""}
	colours := []RGB{{}, {25, 25, 25}, {0, 102, 204}, {-3, 0, 300}, {-3, 0, 0}, {255, 255, 255}}
	fills := []RGB{{}, {0, 102, 204}, {25, 25, 25}}
	positions := [][2]float64{{20, 30}, {0.005, 296.995}, {-1.2345, 0.1249}, {210.004999, 12.345}, {1e-9, -0.001}}
	draw := func(viaFpdf bool) []byte {
		use := w.NewUsage()
		for _, s := range texts {
			use.Add(0, s)
			use.Add(1, s)
		}
		d, err := w.Start(Info{Paper: "A4", Title: "T", Producer: "p", Date: time.Unix(0, 0)}, use)
		if err != nil {
			t.Fatal(err)
		}
		d.AddPage()
		for i, fill := range fills {
			d.Fill(1, 1, 1, 1, fill)
			for j, c := range colours {
				d.SetTextColor(c)
				for k, p := range positions {
					s := texts[(i+j+k)%len(texts)]
					f := (j + k) % 2
					if !viaFpdf {
						d.Text(f, 10.5, p[0], p[1], s)
						continue
					}
					enc, eight := w.text8(f, s)
					if !eight {
						t.Fatalf("%q is not drawn with an 8-bit font", s)
					}
					d.SelectFont(f, 10.5, s)
					d.pdf.Text(p[0], p[1], enc)
				}
			}
		}
		if !d.eight {
			t.Fatal("the last text was not drawn with an 8-bit font")
		}
		var buf bytes.Buffer
		if err := d.pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	got, want := draw(false), draw(true)
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("show and fpdf's Text differ at byte %d:\nshow: %q\nfpdf: %q", i, got[max(i-80, 0):min(i+80, len(got))], want[max(i-80, 0):min(i+80, len(want))])
	}
	if !bytes.Contains(got, []byte(`(back\\slash \(paren\) \\\(both\\\)) Tj`)) || !bytes.Contains(got, []byte(`q 0.000 0.400 0.800 rg BT`)) {
		t.Fatal("the document lacks the escaped string or the wrapped colour it was meant to test")
	}
}
