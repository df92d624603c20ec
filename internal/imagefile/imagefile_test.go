package imagefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/srcerr"
)

func TestLocal(t *testing.T) {
	for _, tc := range []struct {
		dest   string
		ok     bool
		path   string
		suffix string
	}{
		{"img/logo.png", true, "img/logo.png", ""},
		{"img/logo.png?v=2#top", true, "img/logo.png", "?v=2#top"},
		{"/abs/logo.png", true, "/abs/logo.png", ""},
		{"https://example.com/logo.png", false, "", ""},
		{"HTTP://example.com/logo.png", false, "", ""},
		{"//cdn.example.com/logo.png", false, "", ""},
		{"data:image/png;base64,AAAA", false, "", ""},
		{"", false, "", ""},
		{"#frag", false, "", ""},
		{"?q", false, "", ""},
	} {
		ref, ok := Local(tc.dest)
		if ok != tc.ok || ref.Path != tc.path || ref.Suffix != tc.suffix {
			t.Errorf("Local(%q) = %+v, %v; want {%q %q}, %v", tc.dest, ref, ok, tc.path, tc.suffix, tc.ok)
		}
	}
}

func TestFile(t *testing.T) {
	for _, tc := range []struct{ dest, dir, want string }{
		{"img/logo.png", "docs", filepath.Join("docs", "img", "logo.png")},
		{"img/my%20logo.png?x", "docs", filepath.Join("docs", "img", "my logo.png")},
		{"img/100%.png", "", filepath.Join("img", "100%.png")},
		{"/abs/logo.png", "docs", filepath.FromSlash("/abs/logo.png")},
	} {
		ref, ok := Local(tc.dest)
		if !ok {
			t.Fatalf("Local(%q) not local", tc.dest)
		}
		if got := ref.File(tc.dir); got != tc.want {
			t.Errorf("File(%q, %q) = %q, want %q", tc.dest, tc.dir, got, tc.want)
		}
	}
}

func TestRebase(t *testing.T) {
	for _, tc := range []struct{ dest, from, to, want string }{
		{"img/logo.png", "docs", "out", "../docs/img/logo.png"},
		{"img/logo.png", "docs", "docs", "img/logo.png"},
		{"./img/logo.png", "docs/", "./docs", "./img/logo.png"},
		{"img/logo.png", ".", "out/html", "../../img/logo.png"},
		{"logo.png", "docs/legal", "docs", "legal/logo.png"},
		{"../shared/logo.png", "docs/legal", "out", "../docs/shared/logo.png"},
		{"img/my%20logo.png?v=2#x", "my docs", "out", "../my%20docs/img/my%20logo.png?v=2#x"},
		{"https://example.com/a.png", "docs", "out", "https://example.com/a.png"},
		{"//cdn.example.com/a.png", "docs", "out", "//cdn.example.com/a.png"},
		{"/site/a.png", "docs", "out", "/site/a.png"},
		{"#only", "docs", "out", "#only"},
	} {
		got, err := Rebase(tc.dest, tc.from, tc.to)
		if err != nil || got != tc.want {
			t.Errorf("Rebase(%q, %q, %q) = %q, %v; want %q", tc.dest, tc.from, tc.to, got, err, tc.want)
		}
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		data string
		want Format
		mime string
	}{
		{"\x89PNG\r\n\x1a\n....", PNG, "image/png"},
		{"\xff\xd8\xff\xe0..JFIF", JPEG, "image/jpeg"},
		{"GIF89a....", GIF, "image/gif"},
		{"GIF87a....", GIF, "image/gif"},
		{"RIFF\x10\x00\x00\x00WEBPVP8 ", WebP, "image/webp"},
		{"RIFF\x10\x00\x00\x00WAVEfmt ", Unknown, ""},
		{`<svg xmlns="http://www.w3.org/2000/svg"/>`, SVG, "image/svg+xml"},
		{"\xef\xbb\xbf\n  <?xml version=\"1.0\"?>\n<!-- licence -->\n<SVG>", SVG, "image/svg+xml"},
		{"<html><body>not an svg</body></html>", Unknown, ""},
		{"plain text mentioning <svg later", Unknown, ""},
		{"BM\x00\x00", Unknown, ""},
		{"", Unknown, ""},
		{"\x89PN", Unknown, ""},
	} {
		got := Sniff([]byte(tc.data))
		if got != tc.want || got.MIME() != tc.mime {
			t.Errorf("Sniff(%q) = %v (%q), want %v (%q)", tc.data, got, got.MIME(), tc.want, tc.mime)
		}
	}
}

func TestError(t *testing.T) {
	cause := errors.New(`image "logo.svg" is an SVG`)
	err := error(&Error{Destination: "logo.svg", At: srcerr.At{Pos: ast.Pos{Line: 12, Col: 3}}, Err: cause})
	if got := err.Error(); !strings.HasPrefix(got, `12:3: image "logo.svg" is an SVG (set Options.MissingImagesAlt`) {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(err, cause) {
		t.Error("Error does not unwrap to its cause")
	}
	var p interface{ Position() ast.Pos }
	if !errors.As(err, &p) || p.Position() != (ast.Pos{Line: 12, Col: 3}) {
		t.Error("Error has no Position")
	}
}

// TestRead checks that Read returns a file of at most the limit and
// refuses a larger one with ErrTooLarge, and a directory.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "logo.png")
	if err := os.WriteFile(file, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := Read(file, 5); err != nil || string(data) != "12345" {
		t.Errorf("Read(limit 5) = %q, %v; want the file", data, err)
	}
	if _, err := Read(file, 4); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Read(limit 4) error = %v, want ErrTooLarge", err)
	}
	if _, err := Read(filepath.Join(dir, "nope.png"), 5); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Read(missing) error = %v, want fs.ErrNotExist", err)
	}
	if _, err := Read(dir, 5); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Read(directory) error = %v, want 'not a regular file'", err)
	}
}
