// Package imagefile is the one definition, shared by the PDF and HTML
// backends, of where a document's image is on disk and what kind of image
// a file holds.
//
// A relative image destination in a template is relative to the template's
// directory. Local parses a destination, Ref.File finds its file, Rebase
// rewrites it for an output written to another directory, Read reads it
// with a size limit, and Sniff tells the format from the file's first
// bytes (never from its name). Error is the position-carrying error both
// backends return for an image they cannot use.
//
// It never decodes pixels, never fetches a URL and imports no backend.
package imagefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/policyexport/policyexport/internal/safeurl"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// Ref is a local image destination split into its path and the rest.
type Ref struct {
	// Path is the URL path as written, percent-encoding kept.
	Path string
	// Suffix is the query and fragment ("?v=2#top"), or "".
	Suffix string
}

// Local parses an image destination. ok is false when dest does not name a
// local file: it has a scheme (https:, data:, ...), starts with "//" (a
// host), or has no path (empty, or only a query or fragment).
func Local(dest string) (ref Ref, ok bool) {
	if _, has := safeurl.Scheme(dest); has || strings.HasPrefix(dest, "//") {
		return Ref{}, false
	}
	p, suffix := dest, ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p, suffix = p[:i], p[i:]
	}
	if p == "" {
		return Ref{}, false
	}
	return Ref{Path: p, Suffix: suffix}, true
}

// File returns the file r names: its path percent-decoded (kept as written
// when it does not decode), joined to dir unless it is absolute. An empty
// dir means the working directory.
func (r Ref) File(dir string) string {
	p := r.Path
	if d, err := url.PathUnescape(p); err == nil {
		p = d
	}
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) || dir == "" {
		return p
	}
	return filepath.Join(dir, p)
}

// Rebase rewrites dest, an image destination relative to the directory
// from (the template's), so that it works from the directory to (the
// output file's). Remote and absolute destinations, and every destination
// when from and to are the same directory, come back unchanged, byte for
// byte. Relative directories are taken from the working directory.
func Rebase(dest, from, to string) (string, error) {
	ref, ok := Local(dest)
	if !ok || strings.HasPrefix(ref.Path, "/") || filepath.IsAbs(filepath.FromSlash(ref.Path)) {
		return dest, nil
	}
	absFrom, err := filepath.Abs(from)
	if err != nil {
		return "", fmt.Errorf("image directory: %w", err)
	}
	absTo, err := filepath.Abs(to)
	if err != nil {
		return "", fmt.Errorf("output directory: %w", err)
	}
	rel, err := filepath.Rel(absTo, absFrom)
	if err != nil {
		return "", fmt.Errorf("image %q: %w", dest, err)
	}
	if rel == "." {
		return dest, nil
	}
	prefix := (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath()
	return path.Clean(prefix+"/"+ref.Path) + ref.Suffix, nil
}

// MaxFileBytes is the largest image file a backend reads: 64 MiB, far
// above a 6000 × 4000 JPEG photograph (about 15 MiB). It keeps an image
// path such as /dev/zero, or a huge file, from taking all memory.
const MaxFileBytes = 64 << 20

// ErrTooLarge is the error Read returns, wrapped, for a file larger than
// its limit.
var ErrTooLarge = errors.New("image file too large")

// Read returns the content of the image file at file, which must be a
// regular file (a FIFO or device would block or never end) of at most
// limit bytes; a larger one is an error wrapping ErrTooLarge.
func Read(file string, limit int64) ([]byte, error) {
	st, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", file)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%w: %d bytes, more than the limit of %d", ErrTooLarge, st.Size(), limit)
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may have grown since Stat.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: more than the limit of %d bytes", ErrTooLarge, limit)
	}
	return data, nil
}

// Format is an image file format, recognised by its content.
type Format int

// The formats Sniff recognises.
const (
	Unknown Format = iota
	PNG
	JPEG
	GIF
	WebP
	SVG
)

// Supported names the formats that every backend draws, for error
// messages.
const Supported = "PNG, JPEG, GIF or WebP"

// String returns the format's usual name: "PNG", "JPEG", "GIF", "WebP",
// "SVG", or "unknown".
func (f Format) String() string {
	switch f {
	case PNG:
		return "PNG"
	case JPEG:
		return "JPEG"
	case GIF:
		return "GIF"
	case WebP:
		return "WebP"
	case SVG:
		return "SVG"
	}
	return "unknown"
}

// MIME returns the format's media type ("image/png", ...), or "" for
// Unknown.
func (f Format) MIME() string {
	switch f {
	case PNG:
		return "image/png"
	case JPEG:
		return "image/jpeg"
	case GIF:
		return "image/gif"
	case WebP:
		return "image/webp"
	case SVG:
		return "image/svg+xml"
	}
	return ""
}

// svgSniffLen is how far into a text file Sniff looks for "<svg": far
// enough for an XML declaration, a doctype and a licence comment.
const svgSniffLen = 4096

// Sniff returns the format of an image file from its first bytes (its
// magic number), whatever the file is called. SVG is recognised as text
// that starts with "<" (after a byte-order mark and white space) and has
// an "<svg" element near the start.
func Sniff(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return JPEG
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP
	}
	head := data[:min(len(data), svgSniffLen)]
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(head, []byte("<")) && bytes.Contains(bytes.ToLower(head), []byte("<svg")) {
		return SVG
	}
	return Unknown
}

// Error reports an image that a backend cannot use, at the image's place
// in the template (its Pos).
type Error struct {
	srcerr.At
	// Destination is the image's path as written.
	Destination string
	// Err says why.
	Err error
}

// Error formats the error as "12:1: image "logo.svg": ... (set
// Options.MissingImagesAlt to write the alt text instead)".
func (e *Error) Error() string {
	return fmt.Sprintf("%s%v (set Options.MissingImagesAlt to write the alt text instead)", e.Prefix(), e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }
