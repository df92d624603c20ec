package pdf

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // JPEG support for image.DecodeConfig
	_ "image/png"  // PNG support for image.DecodeConfig
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/safeurl"
)

// imageData is an image file read once per render.
type imageData struct {
	name string // name registered with fpdf
	typ  string // "PNG" or "JPG"
	data []byte
	w, h int // pixels
}

// loadImage reads a local PNG or JPEG file.
func (l *layout) loadImage(dest string) (*imageData, error) {
	if img, ok := l.images[dest]; ok {
		return img, nil
	}
	if _, ok := safeurl.Scheme(dest); ok {
		return nil, fmt.Errorf("image %q is not a local file", dest)
	}
	path := dest
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	if !filepath.IsAbs(path) && l.r.opts.ImageDir != "" {
		path = filepath.Join(l.r.opts.ImageDir, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("image %q: %w", dest, err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("image %q: %w", dest, err)
	}
	typ := map[string]string{"png": "PNG", "jpeg": "JPG"}[format]
	if typ == "" || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("image %q: %s images are not supported (use PNG or JPEG)", dest, format)
	}
	img := &imageData{name: "img" + strconv.Itoa(len(l.images)+1), typ: typ, data: data, w: cfg.Width, h: cfg.Height}
	l.images[dest] = img
	return img, nil
}

// image lays out an image as a block of its own, at 96 dpi, scaled down to
// fit the text width and most of a page. A missing image is an error, or
// its alt text in italics with Options.MissingImagesAlt.
func (l *layout) image(n *ast.Image) error {
	img, err := l.loadImage(n.Destination)
	if err != nil {
		if !l.r.opts.MissingImagesAlt {
			return &ImageError{Destination: n.Destination, Pos: n.Pos, Err: err}
		}
		st := style{size: l.baseSize, italic: true, color: colorMuted}
		return l.textLines([]span{{text: n.Alt, st: st, pos: n.Pos}}, alignLeft, true)
	}
	w := float64(img.w) * 25.4 / 96
	h := float64(img.h) * 25.4 / 96
	maxH := (l.r.pageH - l.r.margin.Top - l.r.margin.Bottom) * 0.85
	if w > l.width() {
		h *= l.width() / w
		w = l.width()
	}
	if h > maxH {
		w *= maxH / h
		h = maxH
	}
	l.space(2)
	l.add(&unit{h: h, items: []item{{kind: itemImage, x: l.left, y: 0, w: w, h: h, text: n.Destination}}}, 0)
	l.space(2)
	return nil
}
