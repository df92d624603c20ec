package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"testing"

	"github.com/policyexport/policyexport/internal/imagefile"
)

// TestConvertGIFFirstFrame checks that a GIF becomes a PNG of its first
// frame on the full canvas (a frame may cover part of it only), and that
// converting twice gives the same bytes.
func TestConvertGIFFirstFrame(t *testing.T) {
	pal := color.Palette{color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}}
	first := image.NewPaletted(image.Rect(2, 1, 6, 4), pal) // red, inside an 8 × 5 canvas
	second := image.NewPaletted(image.Rect(0, 0, 8, 5), pal)
	for i := range second.Pix {
		second.Pix[i] = 1 // blue
	}
	var buf bytes.Buffer
	g := &gif.GIF{Image: []*image.Paletted{first, second}, Delay: []int{5, 5},
		Config: image.Config{ColorModel: pal, Width: 8, Height: 5}}
	if err := gif.EncodeAll(&buf, g); err != nil {
		t.Fatal(err)
	}
	cfg, a, err := convertToPNG(imagefile.GIF, buf.Bytes(), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, b, _ := convertToPNG(imagefile.GIF, buf.Bytes(), nil)
	if !bytes.Equal(a, b) {
		t.Error("two conversions of the same GIF differ")
	}
	if cfg.Width != 8 || cfg.Height != 5 {
		t.Errorf("config %d × %d, want 8 × 5", cfg.Width, cfg.Height)
	}
	m, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if m.Bounds() != image.Rect(0, 0, 8, 5) {
		t.Errorf("PNG bounds %v, want the 8 × 5 canvas", m.Bounds())
	}
	if r, g, b, a := m.At(3, 2).RGBA(); r>>8 != 255 || g != 0 || b != 0 || a>>8 != 255 {
		t.Errorf("pixel (3,2) = %d %d %d %d, want the first frame's red", r>>8, g>>8, b>>8, a>>8)
	}
	if _, _, _, a := m.At(0, 0).RGBA(); a != 0 {
		t.Errorf("pixel (0,0) outside the first frame has alpha %d, want transparent", a>>8)
	}
}
