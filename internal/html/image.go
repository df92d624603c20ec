package html

import (
	"encoding/base64"
	"fmt"
	"os"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/imagefile"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// imageSrc returns what an image's src attribute holds: with EmbedImages,
// a local image's bytes as a data: URL of the media type its content
// shows; otherwise (and for remote images) its destination, rebased from
// ImageDir to OutDir when both are set.
func (r *renderer) imageSrc(img *ast.Image) (string, error) {
	dest := img.Destination
	if r.opts.EmbedImages {
		if ref, ok := imagefile.Local(dest); ok {
			src, err := dataURL(dest, ref.File(r.opts.ImageDir))
			if err == nil {
				return src, nil
			}
			if !r.opts.MissingImagesAlt {
				return "", &imagefile.Error{Destination: dest, At: srcerr.At{Pos: img.At}, Err: err}
			}
		}
	}
	if r.opts.ImageDir == "" || r.opts.OutDir == "" {
		return dest, nil
	}
	src, err := imagefile.Rebase(dest, r.opts.ImageDir, r.opts.OutDir)
	if err != nil {
		return "", &imagefile.Error{Destination: dest, At: srcerr.At{Pos: img.At}, Err: err}
	}
	return src, nil
}

// dataURL reads the image file and returns it as a base64 data: URL of
// the media type its content shows.
func dataURL(dest, file string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("image %q: %w", dest, err)
	}
	format := imagefile.Sniff(data)
	if format == imagefile.Unknown {
		return "", fmt.Errorf("image %q is not a %s or SVG file, so it cannot be embedded", dest, imagefile.Supported)
	}
	return "data:" + format.MIME() + ";base64," + base64.StdEncoding.EncodeToString(data), nil
}
