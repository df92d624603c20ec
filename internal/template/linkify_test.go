package template

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// linkifyInputs are texts around the places linkify looks at: each
// trigger character and line start, before URLs, www. names, e-mail
// addresses and near misses, then random texts of the characters that
// matter, and the repository's Markdown documents.
func linkifyInputs(t *testing.T) []string {
	t.Helper()
	befores := []string{"", " ", "*", "_", "~", "(", "\t", "a", "é", "<", "[", "**", "x "}
	bodies := []string{"user@example.com", "a.b+c@d-e.example", "x@y", "@", "@a.b", "a@", "http://example.com/a?b=c", "https://x.y", "ftp://a.b",
		"http:/x", "HTTP://a.b", "www.example.com/x", "www.", "wwwx.y", "mailto:a@b.c", "a b@c.d", "a\tb@c.d", "a\nb@c.d", "\uFDD0\uFDD1@x.example",
		"(a@b.c)", "a@b.c.", "a@b.c-", "a@b.c_", "*a@b.c*", "_www.a.b_", "~a@b.c~", "[a@b.c](x)", "`a@b.c`", strings.Repeat("a", 70) + "@b.c"}
	afters := []string{"", ".", ")", " more", "\nnext", "_", "-", "?", "&amp;"}
	var out []string
	for _, b := range befores {
		for _, body := range bodies {
			for _, a := range afters {
				out = append(out, b+body+a, "text "+b+body+a)
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"@", ".", " ", "a", "b", "w", "www.", "http://", "https:", "ftp:", "(", ")", "*", "_", "~", "\n", "\t", "-", "é", "\uFDD0", "[", "]", "`"}
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		out = append(out, b.String())
	}
	for _, glob := range []string{"../../testdata/corpus/*/*.md", "../../testdata/input/*.md", "../defaulttemplate/*.md"} {
		files, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(data))
		}
	}
	return out
}

// linkifyConverters are goldmark with the templates' extensions and
// linkify gated, and the same with goldmark's own linkify parser.
func linkifyConverters() (gated, plain goldmark.Markdown) {
	exts := []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote}
	gated = goldmark.New(goldmark.WithExtensions(append(exts, newLinkify(linkifyOptions()...))...))
	plain = goldmark.New(goldmark.WithExtensions(append(exts, extension.NewLinkify(linkifyOptions()...))...))
	return gated, plain
}

// sameConversion converts in with got and with want, fails t when the
// HTML differs, and returns want's.
func sameConversion(t *testing.T, got, want goldmark.Markdown, in string) string {
	t.Helper()
	var w, g bytes.Buffer
	if err := want.Convert([]byte(in), &w); err != nil {
		t.Fatal(err)
	}
	if err := got.Convert([]byte(in), &g); err != nil {
		t.Fatal(err)
	}
	if g.String() != w.String() {
		t.Errorf("input %q:\n got %q\nwant %q", in, g.String(), w.String())
	}
	return w.String()
}

// TestLinkifyGateSameOutput checks that the gated linkify gives goldmark's
// own linkify's output on every linkifyInputs text.
func TestLinkifyGateSameOutput(t *testing.T) {
	gated, plain := linkifyConverters()
	inputs := linkifyInputs(t)
	linked := 0
	for _, in := range inputs {
		if strings.Contains(sameConversion(t, gated, plain, in), "<a href") {
			linked++
		}
	}
	// Links and texts without one must both be well represented.
	if linked < 1000 || len(inputs)-linked < 1000 {
		t.Errorf("%d of %d inputs hold a link, want at least 1000 with and 1000 without", linked, len(inputs))
	}
}

// FuzzLinkifyGate checks the gated linkify against goldmark's own on
// arbitrary Markdown.
func FuzzLinkifyGate(f *testing.F) {
	for _, s := range []string{"a user@example.com b", "(www.example.com)", "*http://x.y*", "a\tb@c.d", "\uFDD0@x.example"} {
		f.Add(s)
	}
	gated, plain := linkifyConverters()
	f.Fuzz(func(t *testing.T, in string) {
		sameConversion(t, gated, plain, in)
	})
}
