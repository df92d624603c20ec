package html

import (
	"encoding/base64"
	"errors"
	"fmt"

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
			limit := int64(r.opts.MaxEmbedBytes)
			if limit <= 0 {
				limit = DefaultMaxEmbedBytes
			}
			src, n, err := dataURL(dest, ref.File(r.opts.ImageDir), limit-r.embedded)
			if errors.Is(err, imagefile.ErrTooLarge) {
				return "", &EmbedLimitError{Destination: dest, At: srcerr.At{Pos: img.At}, Limit: limit}
			}
			if err == nil {
				r.embedded += n
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

// dataURL reads the image file, of at most limit bytes, and returns it as
// a base64 data: URL of the media type its content shows, and the file's
// size. A larger file is an error wrapping imagefile.ErrTooLarge.
func dataURL(dest, file string, limit int64) (string, int64, error) {
	data, err := imagefile.Read(file, max(limit, 0))
	if err != nil {
		return "", 0, fmt.Errorf("image %q: %w", dest, err)
	}
	format := imagefile.Sniff(data)
	if format == imagefile.Unknown {
		return "", 0, fmt.Errorf("image %q is not a %s or SVG file, so it cannot be embedded", dest, imagefile.Supported)
	}
	return "data:" + format.MIME() + ";base64," + base64.StdEncoding.EncodeToString(data), int64(len(data)), nil
}

// EmbedLimitError reports an image that would take the image bytes
// embedded in one page past Options.MaxEmbedBytes. Its Pos is where the
// image is in the template.
type EmbedLimitError struct {
	srcerr.At
	// Destination is the image's path as written.
	Destination string
	// Limit is the limit in bytes.
	Limit int64
}

// Error names the image, the limit and the flag that raises it.
func (e *EmbedLimitError) Error() string {
	return fmt.Sprintf("%simage %q: the images embedded in one page would add up to more than %d bytes (every occurrence counted; raise the limit with Options.MaxBytes, or leave out Options.EmbedImages)", e.Prefix(), e.Destination, e.Limit)
}
