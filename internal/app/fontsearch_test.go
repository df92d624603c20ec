package app

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFindFont: a font that has the character is found under the
// directories given, the regular face of its family before the bold,
// as the --font value to give; a character no font there has gives "".
func TestFindFont(t *testing.T) {
	fonts, err := filepath.Abs("../../fonts")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := findFont([]string{fonts}, 'ก'), filepath.Join(fonts, "NotoSansThai-Regular.ttf"); got != want {
		t.Errorf("Thai: %q, want %q", got, want)
	}
	if got := findFont([]string{fonts, filepath.Join(t.TempDir(), "none")}, '隐'); got != "" {
		t.Errorf("Han: %q, want none", got)
	}
	// A path with a space ("/Library/Fonts/Arial Unicode.ttf") is
	// named as a shell takes it.
	dir := filepath.Join(t.TempDir(), "My Fonts")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(fonts, "NotoSansThai-Regular.ttf"), filepath.Join(dir, "Thai.ttf")); err != nil {
		t.Skip(err)
	}
	h := newFontHints(Env{FontDirs: []string{dir}})
	if got, want := h.hint('ก'), "a font on this system has U+0E01: --font '"+filepath.Join(dir, "Thai.ttf")+"'"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestGlyphErrorNamesAFont: "character U+9690 (隐) is in no font; add a
// font that has it with --font FILE.ttf" named no font the user could
// pass. It is now followed by one found in the font directories, else
// by the package that gives one; in render and in batch (each reason
// once).
func TestGlyphErrorNamesAFont(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	doc := write("cjk.md", "# 隐私政策\n")
	m := write("m.yaml", "documents:\n  - {name: a, template: cjk.md, formats: [pdf]}\n  - {name: b, template: cjk.md, formats: [pdf]}\n")
	run := func(fontDirs []string, args ...string) string {
		var stderr bytes.Buffer
		code := Main(context.Background(), Env{Args: append([]string{"policyexport"}, args...), Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, FontDirs: fontDirs})
		if code != ExitInput {
			t.Errorf("%q: exit %d", args, code)
		}
		return stderr.String()
	}
	empty := []string{filepath.Join(dir, "no-fonts")}
	pkg := "no font in the usual font directories has U+9690: install a TrueType CJK font, such as WenQuanYi Zen Hei (Debian, Ubuntu: apt install fonts-wqy-zenhei; "
	if got := run(empty, "render", "-f", "pdf", "-o", filepath.Join(dir, "x.pdf"), doc); !strings.Contains(got, "is in no font; add a font that has it with --font FILE.ttf\n"+pkg) {
		t.Errorf("render, no font:\n%s", got)
	}
	if got := run(empty, "batch", "-q", "--out", filepath.Join(dir, "out"), m); strings.Count(got, pkg) != 1 || !strings.Contains(got, "FAILED a") {
		t.Errorf("batch, no font:\n%s", got)
	}
	// With a CJK TrueType font installed, it is named.
	const wqy = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
	if _, err := os.Stat(wqy); err != nil {
		t.Skipf("no %s to find: %v", wqy, err)
	}
	fonts := filepath.Join(dir, "fonts")
	if err := os.MkdirAll(fonts, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(wqy, filepath.Join(fonts, "wqy-zenhei.ttc")); err != nil {
		t.Skip(err)
	}
	want := "a font on this system has U+9690: --font " + filepath.Join(fonts, "wqy-zenhei.ttc") + "\n"
	if got := run([]string{fonts}, "render", "-f", "pdf", "-o", filepath.Join(dir, "x.pdf"), doc); !strings.HasSuffix(got, want) {
		t.Errorf("render, a font:\n%s", got)
	}
}
