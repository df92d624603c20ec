package policyexport_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/internal/app"
	"github.com/policyexport/policyexport/model"
)

func newRenderer(t testing.TB, opts policyexport.Options) *policyexport.Renderer {
	t.Helper()
	r, err := policyexport.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// termsSource is a template with a bit of everything that options change:
// sections for a table of contents, links, a table, raw HTML, a footnote
// and a long paragraph to justify and wrap.
const termsSource = `---
title: Terms of {siteName}
---
# Terms of {siteName}

Last updated {lastUpdated}. Write to [us](mailto:{email}) or see <https://acme.example/help>.[^1]

## Use

You may use the service for lawful purposes only, and you must not interfere with it, try to reach parts of it
that are not meant for you, or use it to send messages that nobody asked for. <b>Bold</b>

| Plan | Price |
|------|------:|
| Free | 0 |
| Pro  | 10 |

## Ending

We may end these terms at any time.

[^1]: A footnote.
`

// imageSource is termsSource's image paragraph: a local image beside
// the template and one that is missing.
const imageSource = "\n![Logo](img/logo.png)\n\n![Gone](img/gone.png)\n"

// TestSameBytesAsTheCommand checks that "policyexport render" is the
// library: the same bytes and warnings for the same template, values,
// and flags or the Options that mean the same. The command builds
// Options from its flags and renders through New; this keeps the flags
// and the fields meaning the same thing.
func TestSameBytesAsTheCommand(t *testing.T) {
	logo, err := os.ReadFile("testdata/input/logo.png")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		flags []string
		env   map[string]string
		opts  policyexport.Options
	}{
		{nil, nil, policyexport.Options{}},
		{[]string{"--toc", "--paper", "letter", "--margin", "30", "--justify", "--footer", "{siteName}: {page}/{pages}", "--width", "60",
			"--links", "inline", "--crlf", "--compact", "--lang", "de-ch", "--fragment", "--date", "2027-01-02"}, nil,
			policyexport.Options{TOC: true, Paper: "letter", Margin: new(30.0), Justify: true, Footer: "{siteName}: {page}/{pages}", Width: 60,
				InlineLinks: true, CRLF: true, Compact: true, Lang: "de-CH", Fragment: true, Date: new(time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC))}},
		{[]string{"--no-footer", "--missing", "keep", "--unsafe-html"}, nil, policyexport.Options{NoFooter: true, KeepMissing: true, UnsafeHTML: true}},
		{[]string{"--margin", "0", "--no-footer"}, nil, policyexport.Options{Margin: new(0.0), NoFooter: true}},
		{[]string{"--pdf-standard", "A-3u,ua-1", "--attach-source", "--missing-images", "alt"}, map[string]string{"SOURCE_DATE_EPOCH": "1800000000"},
			policyexport.Options{PDFStandard: "a-3u,ua-1", AttachSource: true, MissingImagesAlt: true, Date: new(time.Unix(1800000000, 0))}},
		{[]string{"--embed-images", "--missing-images", "alt", "--profile", "commonmark", "--max-size", "100000"}, nil,
			policyexport.Options{EmbedImages: true, MissingImagesAlt: true, CommonMark: true, MaxBytes: 100000}},
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, "src", "terms.md")
		out := filepath.Join(dir, "out")
		if err := os.MkdirAll(filepath.Join(dir, "src", "img"), 0o755); err != nil {
			t.Fatal(err)
		}
		src := termsSource
		if slices.Contains(c.flags, "--missing-images") {
			src += imageSource
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "src", "img", "logo.png"), logo, 0o644); err != nil {
			t.Fatal(err)
		}
		args := append([]string{"policyexport", "render", "--out", out, path,
			"--set", "siteName=" + acme["siteName"], "--set", "email=" + acme["email"], "--set", "lastUpdated=" + acme["lastUpdated"],
			"--set", "unused=x"}, c.flags...)
		var stderr strings.Builder
		env := app.Env{Args: args, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return c.env[k] }}
		if code := app.Main(context.Background(), env); code != 0 {
			t.Fatalf("policyexport render %v exited with %d: %s", c.flags, code, stderr.String())
		}
		opts := c.opts
		opts.HTMLOutDir = out
		r := newRenderer(t, opts)
		tmpl, err := r.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		vals := maps.Clone(acme)
		vals["unused"] = "x"
		res, err := r.RenderResult(tmpl, vals)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range policyexport.Formats() {
			want, err := os.ReadFile(filepath.Join(out, "terms."+f.Ext()))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(res.Outputs[f], want) {
				t.Errorf("%v: %s: the library's bytes differ from the command's", c.flags, f)
			}
		}
		// Every warning is the command's, as data: the unused value and,
		// unless kept, the raw HTML.
		for _, w := range res.Warnings {
			if w.Template != path || (w.Kind == policyexport.UnusedValues) != slices.Contains(w.Names, "unused") {
				t.Errorf("%v: warning %+v", c.flags, w)
			}
			what := w.Message
			if w.Kind == policyexport.DroppedHTML {
				what = fmt.Sprintf("%s:%s: raw HTML dropped", w.Template, w.Pos)
			}
			if !strings.Contains(stderr.String(), "policyexport: warning: "+what) {
				t.Errorf("%v: the command did not print the warning %q: %s", c.flags, what, stderr.String())
			}
		}
		if got, want := len(res.Warnings), strings.Count(stderr.String(), "warning:"); got != want {
			t.Errorf("%v: %d warnings, the command printed %d: %s", c.flags, got, want, stderr.String())
		}
	}
}

// TestDiffSameBytesAsTheCommand checks that "policyexport diff" is the
// library's Diff: the same redlines and notice.
func TestDiffSameBytesAsTheCommand(t *testing.T) {
	dir := t.TempDir()
	oldPath, newPath := filepath.Join(dir, "old.md"), filepath.Join(dir, "terms.md")
	newSource := strings.Replace(termsSource, "We may end these terms at any time.", "We may end these terms with a month's notice.", 1)
	for p, src := range map[string]string{oldPath: termsSource, newPath: newSource} {
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	args := []string{"policyexport", "diff", oldPath, newPath, "--out", out, "-f", "pdf,html,txt,json,notice", "--side-by-side", "--toc",
		"--set", "siteName=" + acme["siteName"], "--set", "email=" + acme["email"], "--set", "lastUpdated=" + acme["lastUpdated"],
		"--new-set", "siteName=Acme Optics"}
	var stderr strings.Builder
	env := app.Env{Args: args, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }}
	if code := app.Main(context.Background(), env); code != 0 {
		t.Fatalf("policyexport diff exited with %d: %s", code, stderr.String())
	}
	r := newRenderer(t, policyexport.Options{TOC: true, HTMLOutDir: out})
	oldT, err := r.ParseFile(oldPath)
	if err != nil {
		t.Fatal(err)
	}
	newT, err := r.ParseFile(newPath)
	if err != nil {
		t.Fatal(err)
	}
	newVals := maps.Clone(acme)
	newVals["siteName"] = "Acme Optics"
	d, err := r.Diff(oldT, newT, acme, newVals, policyexport.DiffOptions{Formats: policyexport.Formats(), SideBySide: true, Notice: true})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Changed() || len(d.Changes) == 0 {
		t.Fatalf("Diff found no change")
	}
	files := map[string][]byte{"terms.notice.txt": d.Notice}
	for f, data := range d.Outputs {
		files["terms.diff."+f.Ext()] = data
	}
	for name, got := range files {
		want, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the library's bytes differ from the command's", name)
		}
	}
	var list struct {
		Changes []struct{ Kind, ID string }
	}
	if err := json.Unmarshal(d.Outputs[policyexport.JSON], &list); err != nil || len(list.Changes) != len(d.Changes) {
		t.Fatalf("the JSON change list has %d changes (%v), want %d", len(list.Changes), err, len(d.Changes))
	}
	for i, c := range d.Changes {
		if string(c.Kind) != list.Changes[i].Kind || c.ID != list.Changes[i].ID {
			t.Errorf("change %d: %s %s in JSON, %s %s in DiffResult", i, list.Changes[i].Kind, list.Changes[i].ID, c.Kind, c.ID)
		}
	}
}

// TestFooterFieldError checks that a footer field that names no value
// is a *FooterFieldError with a did-you-mean, and that a value the
// footer names is used (no warning).
func TestFooterFieldError(t *testing.T) {
	r := newRenderer(t, policyexport.Options{Footer: "{siteNme} {page}"})
	tmpl, err := r.Parse("t.md", []byte("# T\n\nHello.\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Render(tmpl, map[string]string{"siteName": "Acme"}, policyexport.PDF)
	var fe *policyexport.FooterFieldError
	if !errors.As(err, &fe) || fe.Field != "siteNme" || fe.Suggestion != "siteName" {
		t.Fatalf("err = %v, want a *FooterFieldError for siteNme suggesting siteName", err)
	}
	r = newRenderer(t, policyexport.Options{Footer: "{siteName} {page}", Formats: []policyexport.Format{policyexport.PDF}})
	res, err := r.RenderResult(tmpl, map[string]string{"siteName": "Acme"})
	if err != nil || len(res.Warnings) != 0 || len(res.Outputs) != 1 {
		t.Fatalf("RenderResult = %+v, %v; want the PDF and no warning", res, err)
	}
	if _, err := r.Render(tmpl, nil, policyexport.HTML); err == nil {
		t.Errorf("rendered HTML with a Renderer prepared for PDF only")
	}
}

// TestBackendWarning: what the PDF backend warns of (a bold Arabic
// heading drawn regular) is in Result.Warnings with its kind, place and
// the template's name, in document order, only when the PDF is
// rendered, and also when rendering the PDF then fails. Arabic vowel
// marks (شكراً, لِلْجَمِيعِ) are shaped and warned of no more: an
// UnplacedMarks said they were drawn beside their letters.
func TestBackendWarning(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	tmpl, err := r.Parse("ar.md", []byte("# سياسة\n\nشكراً لكم\n\n**نص** لِلْجَمِيعِ\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.RenderResult(tmpl, nil, policyexport.PDF, policyexport.HTML)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind    policyexport.WarningKind
		line    int
		message string
	}{
		{policyexport.RegularEmphasis, 1, "ar.md:1:3: the PDF draws this bold text in a regular face"},
		{policyexport.RegularEmphasis, 5, "ar.md:5:3: the PDF draws this bold text in a regular face"},
	}
	if len(res.Warnings) != len(want) {
		t.Fatalf("warnings %+v, want a RegularEmphasis at ar.md:1:3 and ar.md:5:3", res.Warnings)
	}
	for i, w := range res.Warnings {
		if w.Kind != want[i].kind || w.Template != "ar.md" || w.Pos.Line != want[i].line || !strings.HasPrefix(w.Message, want[i].message) {
			t.Errorf("warning %d: %+v, want %+v", i, w, want[i])
		}
	}
	if res, err := r.RenderResult(tmpl, nil, policyexport.HTML, policyexport.Text); err != nil || len(res.Warnings) != 0 {
		t.Errorf("without the PDF: %+v, %v", res.Warnings, err)
	}
	refused, err := r.Parse("ar.md", []byte("# سياسة\n\nشكراً لكم\n\n**نص** لِلْجَمِيعِ\n\nབཀྲ་ཤིས\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err = r.RenderResult(refused, nil, policyexport.PDF)
	if err == nil || res == nil || len(res.Warnings) != len(want) || res.Outputs != nil {
		t.Errorf("with Tibetan: %+v, %v; want the warnings, an error and no outputs", res, err)
	}
}

// TestHeadingLevelWarning checks that a heading the PDF tags at another
// level than written is a HeadingLevel warning when the PDF is rendered,
// none for the other formats, and an error with PDFStandard ua-1.
func TestHeadingLevelWarning(t *testing.T) {
	src := []byte("# Terms\n\nText.\n\n### Scope\n\nText.\n")
	for _, c := range []struct {
		std     string
		formats []policyexport.Format
		warn    bool
		err     string
	}{
		{"", []policyexport.Format{policyexport.PDF}, true, ""},
		{"a-2b", []policyexport.Format{policyexport.PDF, policyexport.Text}, true, ""},
		{"", []policyexport.Format{policyexport.HTML, policyexport.Text, policyexport.JSON}, false, ""},
		{"a-3u,ua-1", []policyexport.Format{policyexport.PDF}, false,
			`terms.md:5:1: Options.PDFStandard a-3u,ua-1: heading level 3 after H1 skips a level (PDF/UA-1, ISO 14289-1 §7.4.2: heading levels never skip one); write "## …"`},
		{"ua-1", []policyexport.Format{policyexport.HTML}, false, ""},
	} {
		r := newRenderer(t, policyexport.Options{PDFStandard: c.std})
		tmpl, err := r.Parse("terms.md", src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.RenderResult(tmpl, nil, c.formats...)
		switch {
		case c.err != "" && (err == nil || err.Error() != c.err):
			t.Errorf("%q %v: err %v, want %s", c.std, c.formats, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("%q %v: %v", c.std, c.formats, err)
		}
		var want []policyexport.Warning
		if c.warn {
			want = []policyexport.Warning{{Kind: policyexport.HeadingLevel, Template: "terms.md", Pos: model.Pos{Line: 5, Col: 1},
				Message: `terms.md:5:1: heading level 3 after H1 is tagged H2 in the PDF (PDF/UA wants no skipped level); write "## …"`}}
		}
		if res == nil || !reflect.DeepEqual(res.Warnings, want) {
			t.Errorf("%q %v: result %+v, want the warnings %+v", c.std, c.formats, res, want)
		}
	}
}

// TestConcurrentRenders renders with one Renderer from many goroutines
// and checks that every result has the same bytes as a lone render.
func TestConcurrentRenders(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	want, err := r.Render(r.Default(), acme)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			got, err := r.Render(r.Default(), acme)
			if err != nil {
				errs <- err
				return
			}
			for f, b := range want {
				if !bytes.Equal(got[f], b) {
					errs <- errors.New(string(f) + " differs when rendered concurrently")
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestGlyphError(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	tmpl, err := r.Parse("shield.md", []byte("# Shield\n\nProtected by {mark}.\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Render(tmpl, map[string]string{"mark": "\U0001F6E1"}, policyexport.PDF, policyexport.HTML)
	var g *policyexport.GlyphError
	if !errors.As(err, &g) {
		t.Fatalf("err = %v, want a *GlyphError", err)
	}
	if g.Rune != '\U0001F6E1' || g.Pos.Line != 3 || g.Pos.Col != 14 || g.Template != "shield.md" {
		t.Errorf("GlyphError = %+v, want U+1F6E1 at 3:14 of shield.md", g)
	}
	if !strings.HasPrefix(err.Error(), "shield.md:3:14: character U+1F6E1") {
		t.Errorf("message %q", err)
	}
}

// TestGlyphErrorPlace: a character of the template's own text is
// reported at its own line and byte column, not at the start of the text
// that holds it, past typographic quotes, escapes and references.
func TestGlyphErrorPlace(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	tmpl, err := r.Parse("p.md", []byte("first line\n\n\"abc\" \\* &amp; def \U0001D400 ghi\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Render(tmpl, nil, policyexport.PDF)
	var g *policyexport.GlyphError
	if !errors.As(err, &g) {
		t.Fatalf("err = %v, want a *GlyphError", err)
	}
	if g.Pos.Line != 3 || g.Pos.Col != 20 || !strings.HasPrefix(err.Error(), "p.md:3:20: character U+1D400") {
		t.Errorf("GlyphError at %s: %v; want 3:20", g.Pos, err)
	}
}

// TestGlyphErrorNUL: a NUL byte, which Markdown replaces with U+FFFD, is
// refused in the PDF naming the NUL byte at its place; no font is
// suggested, since none would make lost text right.
func TestGlyphErrorNUL(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	tmpl, err := r.Parse("n.md", []byte("a\x00b\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Render(tmpl, nil, policyexport.PDF)
	var g *policyexport.GlyphError
	if !errors.As(err, &g) || g.Rune != '\uFFFD' || g.Pos.Line != 1 || g.Pos.Col != 2 {
		t.Fatalf("err = %v, want a *GlyphError for U+FFFD at 1:2", err)
	}
	if want := "n.md:1:2: a NUL byte (replaced by U+FFFD, as Markdown requires) cannot go into the PDF: remove it"; !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "font") {
		t.Errorf("message %q, want %q… and no font", err, want)
	}
}

// TestShapingError: Tibetan (not shaped yet) is refused in the PDF as a
// *ShapingError naming the script, the character and where it is; the
// HTML and plain text of it render.
func TestShapingError(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	tmpl, err := r.Parse("bo.md", []byte("# Policy\n\nབཀྲ་ཤིས {name}.\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Render(tmpl, map[string]string{"name": "x"}, policyexport.PDF)
	var s *policyexport.ShapingError
	if !errors.As(err, &s) {
		t.Fatalf("err = %v, want a *ShapingError", err)
	}
	if s.Rune != 'བ' || s.Script != "Tibetan" || s.Pos.Line != 3 || s.Pos.Col != 1 || s.Template != "bo.md" {
		t.Errorf("ShapingError = %+v, want བ (Tibetan) at 3:1 of bo.md", s)
	}
	if !strings.HasPrefix(err.Error(), `bo.md:3:1: Tibetan needs shaping, which policyexport does not do yet: "བ" (U+0F56)`) {
		t.Errorf("message %q", err)
	}
	if _, err := r.Render(tmpl, map[string]string{"name": "x"}, policyexport.HTML, policyexport.Text); err != nil {
		t.Errorf("HTML and plain text: %v", err)
	}
}

func TestMissingAndUnusedValues(t *testing.T) {
	r := newRenderer(t, policyexport.Options{Strict: true})
	tmpl, err := r.Parse("t.md", []byte("Hello {name}, {name} and {other}.\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Fill(tmpl, nil)
	var m *policyexport.MissingValuesError
	if !errors.As(err, &m) {
		t.Fatalf("err = %v, want a *MissingValuesError", err)
	}
	if got := strings.Join(m.Names(), ","); got != "name,other" || len(m.Missing) != 3 {
		t.Errorf("Names %q, %d occurrences; want name,other and 3", got, len(m.Missing))
	}
	if !strings.HasPrefix(err.Error(), "t.md:1:7: missing value for {name}") {
		t.Errorf("message %q", err)
	}
	_, err = r.Fill(tmpl, map[string]string{"name": "a", "other": "b", "nmae": "c"})
	var u *policyexport.UnusedValuesError
	if !errors.As(err, &u) || strings.Join(u.Names, ",") != "nmae" {
		t.Fatalf("err = %v, want an *UnusedValuesError for nmae", err)
	}
	keep := newRenderer(t, policyexport.Options{KeepMissing: true})
	out, err := keep.Render(tmpl, map[string]string{"name": "a"}, policyexport.Text)
	if err != nil || !strings.Contains(string(out[policyexport.Text]), "{other}") {
		t.Fatalf("KeepMissing: %q, %v", out[policyexport.Text], err)
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderToWritesNothingOnFailure(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	tmpl, err := r.Parse("t.md", []byte("# T\n\n\U0001F6E1\n"))
	if err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	err = r.RenderTo(tmpl, nil, map[policyexport.Format]io.Writer{policyexport.HTML: &html, policyexport.PDF: io.Discard})
	if err == nil || html.Len() > 0 {
		t.Fatalf("RenderTo = %v, wrote %d bytes of HTML; want an error and nothing", err, html.Len())
	}
	err = r.RenderTo(r.Default(), acme, map[policyexport.Format]io.Writer{policyexport.Text: failingWriter{}})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("RenderTo to a failing writer = %v", err)
	}
	var txt bytes.Buffer
	if err := r.RenderTo(r.Default(), acme, map[policyexport.Format]io.Writer{policyexport.Text: &txt}); err != nil || txt.Len() == 0 {
		t.Fatalf("RenderTo = %v, %d bytes", err, txt.Len())
	}
}

func TestOptionsRefused(t *testing.T) {
	for _, o := range []policyexport.Options{
		{Lang: "not a tag"}, {Width: 5}, {Margin: new(81.0)}, {Date: new(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))}, {Paper: "a3"}, {CSS: "</style>"}, {MaxPages: -1},
	} {
		if _, err := policyexport.New(o); err == nil {
			t.Errorf("New(%+v) succeeded", o)
		}
	}
}

// TestOptionsFontRefused: a font that is not one is named by its place
// in Options.Fonts, counted from 0 as Go counts, under the package's
// name; it was "prepare PDF: pdf: extra font 1: …".
func TestOptionsFontRefused(t *testing.T) {
	_, err := policyexport.New(policyexport.Options{Fonts: [][]byte{[]byte("x")}})
	if err == nil || !strings.HasPrefix(err.Error(), "policyexport: ") || !strings.Contains(err.Error(), "Options.Fonts[0]: ") {
		t.Errorf("New with a font of one byte: %v", err)
	}
}

// TestOptionsPaperCase: Paper takes any case, as --paper does, and gives
// the same PDF.
func TestOptionsPaperCase(t *testing.T) {
	var pdfs [][]byte
	for _, paper := range []string{"letter", "Letter", "LETTER"} {
		r, err := policyexport.New(policyexport.Options{Paper: paper, Formats: []policyexport.Format{policyexport.PDF}})
		if err != nil {
			t.Fatalf("New with Paper %q: %v", paper, err)
		}
		out, err := r.Render(r.Default(), acme)
		if err != nil {
			t.Fatalf("Render with Paper %q: %v", paper, err)
		}
		pdfs = append(pdfs, out[policyexport.PDF])
	}
	if !bytes.Equal(pdfs[0], pdfs[1]) || !bytes.Equal(pdfs[0], pdfs[2]) {
		t.Error("Paper letter, Letter and LETTER give different PDFs")
	}
}

// TestOptionsDateRange: a Date a PDF cannot hold (after the year 9999)
// is refused by New naming Options.Date, not a --date flag the library
// does not have.
func TestOptionsDateRange(t *testing.T) {
	_, err := policyexport.New(policyexport.Options{Date: new(time.Unix(253402300800, 0))})
	if err == nil || !strings.HasPrefix(err.Error(), "policyexport: Options.Date: ") || strings.Contains(err.Error(), "--date") {
		t.Errorf("New with a Date in the year 10000: %v, want an error naming Options.Date", err)
	}
	if _, err := policyexport.New(policyexport.Options{Date: new(time.Unix(253402300799, 0))}); err != nil {
		t.Errorf("New with the last second of 9999: %v", err)
	}
}

func TestParseFileImagesAndLimit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t.md")
	if err := os.WriteFile(path, []byte("# T\n\n![logo](missing.png)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t, policyexport.Options{MaxBytes: 10})
	if _, err := r.ParseFile(path); err == nil || !strings.Contains(err.Error(), "MaxBytes") {
		t.Fatalf("ParseFile over MaxBytes = %v", err)
	}
	r = newRenderer(t, policyexport.Options{})
	tmpl, err := r.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Render(tmpl, nil, policyexport.PDF)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "missing.png")) {
		t.Fatalf("a missing image next to the template: %v", err)
	}
}

func TestBatch(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "sites.yaml")
	if err := os.WriteFile(manifest, []byte(`defaults:
  formats: [txt, json]
  values: {email: e@x.example, lastUpdated: "2026-11-28"}
documents:
  - name: a
    values: {siteName: A}
  - name: b
`), 0o644); err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t, policyexport.Options{})
	out := filepath.Join(dir, "out")
	res, err := r.Batch(context.Background(), manifest, policyexport.BatchOptions{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 2 || res.Files != 2 || len(res.Failures) != 1 || res.Failures[0].Document != "b" {
		t.Fatalf("result %+v: want 2 documents, 2 files, b failed", res)
	}
	if !strings.Contains(res.Failures[0].Err.Error(), "missing value for {siteName}") {
		t.Errorf("b failed with %v, want a missing siteName", res.Failures[0].Err)
	}
	res, err = r.Batch(context.Background(), manifest, policyexport.BatchOptions{Out: out, Check: true})
	if err != nil || len(res.Drift) != 0 {
		t.Fatalf("check: %v, drift %v", err, res.Drift)
	}
	// A run that stops early writes no index, as documented: after a
	// failure with FailFast (no error), and when ctx ends (an error that
	// wraps its cause, with the result so far).
	failFirst := filepath.Join(dir, "fail-first.yaml")
	if err := os.WriteFile(failFirst, []byte("documents:\n  - name: b\n  - name: a\n    values: {siteName: A, email: e@x.example, lastUpdated: \"2026-11-28\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, run := range []struct {
		ctx  context.Context
		opts policyexport.BatchOptions
		err  error
	}{
		{context.Background(), policyexport.BatchOptions{Out: filepath.Join(dir, "failfast"), FailFast: true, Jobs: 1}, nil},
		{ctx, policyexport.BatchOptions{Out: filepath.Join(dir, "cancelled")}, context.Canceled},
	} {
		res, err := r.Batch(run.ctx, failFirst, run.opts)
		if res == nil || !errors.Is(err, run.err) || (run.err == nil) != (err == nil) {
			t.Fatalf("%+v: %+v, %v; want a result and %v", run.opts, res, err, run.err)
		}
		if _, err := os.Stat(res.IndexPath); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%+v: %s: %v, want no index", run.opts, res.IndexPath, err)
		}
	}
	// A ctx that has ended before Batch begins makes nothing, not even
	// the output directory.
	if _, err := os.Stat(filepath.Join(dir, "cancelled")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Batch with an ended ctx made its Out: %v", err)
	}
	// A format that is not one (names are exact here) is an error before
	// anything is written: planned as documents without files, the run
	// pruned every file of the previous index.
	plain := filepath.Join(dir, "plain.yaml") // no formats of its own
	if err := os.WriteFile(plain, []byte("documents:\n  - name: a\n    values: {siteName: A, email: e@x.example, lastUpdated: \"2026-11-28\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(dir, "plain")
	if _, err := r.Batch(context.Background(), plain, policyexport.BatchOptions{Out: out, Formats: []policyexport.Format{policyexport.Text}}); err != nil {
		t.Fatal(err)
	}
	for _, formats := range [][]policyexport.Format{{"PDF"}, {"docx"}, {}} {
		res, err := r.Batch(context.Background(), plain, policyexport.BatchOptions{Out: out, Formats: formats})
		if err == nil || res != nil {
			t.Errorf("Formats %q: %+v, %v; want an error", formats, res, err)
		}
		if _, err := os.Stat(filepath.Join(out, "a", "privacy-policy.txt")); err != nil {
			t.Fatalf("Formats %q: the previous output is gone: %v", formats, err)
		}
	}
	// Options.AttachSource is refused, as documented, before anything
	// is written.
	res, err = newRenderer(t, policyexport.Options{AttachSource: true}).Batch(context.Background(), manifest, policyexport.BatchOptions{Out: filepath.Join(dir, "attach")})
	if err == nil || res != nil || !strings.Contains(err.Error(), "Options.AttachSource") {
		t.Errorf("Batch with AttachSource: %+v, %v; want an error naming it", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "attach")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Batch with AttachSource made its output directory: %v", err)
	}
	// A Footer field that names no value is a *FooterFieldError, as
	// Render gives it, before anything is written.
	r = newRenderer(t, policyexport.Options{Footer: "{sitename} {page}"})
	res, err = r.Batch(context.Background(), manifest, policyexport.BatchOptions{Out: filepath.Join(dir, "out2")})
	var footer *policyexport.FooterFieldError
	if !errors.As(err, &footer) || footer.Field != "sitename" || footer.Suggestion != "siteName" || res != nil {
		t.Fatalf("Footer {sitename}: %v, %v; want a *FooterFieldError suggesting {siteName}", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out2")); err == nil {
		t.Errorf("Footer {sitename}: the output directory was made")
	}
}

func TestSchema(t *testing.T) {
	for _, name := range policyexport.SchemaNames() {
		s, err := policyexport.Schema(name)
		if err != nil || !bytes.Contains(s, []byte("json-schema.org/draft/2020-12")) {
			t.Errorf("Schema(%q) = %.40q, %v", name, s, err)
		}
		if policyexport.SchemaAbout(name) == "" {
			t.Errorf("SchemaAbout(%q) is empty", name)
		}
	}
	if _, err := policyexport.Schema("nope"); err == nil || !strings.Contains(err.Error(), "manifest, document, index, diff") {
		t.Errorf("Schema(nope) = %v", err)
	}
}

// TestProgramOutsideTheModule builds a program in a module of its own
// that imports the root package (through a replace directive), as a user
// of the library would.
func TestProgramOutsideTheModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/tenantpolicy\n\ngo 1.26\n\nrequire github.com/policyexport/policyexport v0.0.0\n\nreplace github.com/policyexport/policyexport => " + root + "\n",
		"main.go": `package main

import (
	"fmt"
	"os"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/model"
)

func main() {
	r, err := policyexport.New(policyexport.Options{})
	if err != nil {
		panic(err)
	}
	doc, err := r.Fill(r.Default(), map[string]string{"siteName": "T", "email": "e@t.example", "lastUpdated": "2026-01-01"})
	if err != nil {
		panic(err)
	}
	n := 0
	model.WalkBlocks(doc.Blocks, func(model.Node) bool { n++; return true })
	fmt.Fprintln(os.Stdout, doc.Meta.Title, n > 0)
}
`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) string {
		cmd := exec.Command(goBin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	// The replaced module's requirements come from its go.sum.
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	run("build", "-o", filepath.Join(dir, "tenantpolicy"), ".")
	cmd := exec.Command(filepath.Join(dir, "tenantpolicy"))
	out, err := cmd.Output()
	if err != nil || strings.TrimSpace(string(out)) != "Privacy Policy true" {
		t.Fatalf("the program printed %q, %v", out, err)
	}
}

func TestDates(t *testing.T) {
	src := []byte("---\ndate: 2026-03-04\n---\n# T\n")
	for _, c := range []struct {
		opts policyexport.Options
		want string
	}{
		{policyexport.Options{}, "D:20260304000000"},
		{policyexport.Options{Date: new(time.Date(2027, 5, 6, 7, 8, 9, 0, time.UTC))}, "D:20270506070809"},
		// The zero time.Time is 0001-01-01, a date (fpdf would write
		// the clock's time for it).
		{policyexport.Options{Date: new(time.Time{})}, "/CreationDate (D:00010101000000)"},
		{policyexport.Options{Date: new(time.Time{}), PDFStandard: "a-2b"}, "/CreationDate (D:00010101000000+00'00')"},
	} {
		r := newRenderer(t, c.opts)
		tmpl, err := r.Parse("t.md", src)
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.Render(tmpl, nil, policyexport.PDF)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(out[policyexport.PDF], []byte(c.want)) {
			t.Errorf("Date %v: the PDF has no %s", c.opts.Date, c.want)
		}
	}
	r := newRenderer(t, policyexport.Options{Date: new(time.Date(2027, 5, 6, 0, 0, 0, 0, time.UTC))})
	tmpl, err := r.Parse("t.md", []byte("---\ndate: soon\n---\n# T\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Render(tmpl, nil, policyexport.PDF); err == nil || !strings.HasPrefix(err.Error(), "t.md:2:7: front matter date") {
		t.Errorf("a front matter date that is no date, with Options.Date: %v", err)
	}
}

// TestDefaultParsesWithAnyLimits checks that the embedded template,
// which Default parses when first called, parses whatever limits and
// dialect the Renderer has: the limits are for the caller's templates.
func TestDefaultParsesWithAnyLimits(t *testing.T) {
	for _, cm := range []bool{false, true} {
		r := newRenderer(t, policyexport.Options{MaxBytes: 1, MaxDepth: 1, MaxCost: 1, CommonMark: cm, Formats: []policyexport.Format{policyexport.Text}})
		out, err := r.Render(r.Default(), acme, policyexport.Text)
		if err != nil || len(out[policyexport.Text]) == 0 {
			t.Errorf("CommonMark %v: %q, %v", cm, out[policyexport.Text], err)
		}
	}
}

// TestVersionWhereREADMESays checks README's word on where the version
// is written: of the four formats, only the PDF (its Creator) and the
// standalone HTML page (its generator meta) name the producer, and
// README says so rather than "every output".
func TestVersionWhereREADMESays(t *testing.T) {
	const producer = "policyexport 9.8.7-readme"
	r := newRenderer(t, policyexport.Options{Producer: producer})
	out, err := r.Render(r.Default(), acme, policyexport.Formats()...)
	if err != nil {
		t.Fatal(err)
	}
	utf16 := []byte{0xFE, 0xFF} // the PDF's Info strings are UTF-16BE
	for _, c := range producer {
		utf16 = append(utf16, 0, byte(c))
	}
	var carry []policyexport.Format
	for _, f := range policyexport.Formats() {
		if bytes.Contains(out[f], []byte(producer)) || bytes.Contains(out[f], utf16) {
			carry = append(carry, f)
		}
	}
	if want := []policyexport.Format{policyexport.PDF, policyexport.HTML}; !slices.Equal(carry, want) {
		t.Errorf("the producer is in %v, want %v: change README's Install section and Commands table to say where", carry, want)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"the PDF (its Creator", "standalone HTML page (`<meta name=\"generator\">`)", "the plain text, the JSON and an HTML\n`--fragment` carry no version"} {
		if !bytes.Contains(readme, []byte(want)) {
			t.Errorf("README.md does not say %q", want)
		}
	}
	if bytes.Contains(readme, []byte("version written into every output")) {
		t.Error("README.md says the version is written into every output")
	}
}

// TestDroppedHTMLWarning checks that raw HTML is a warning whenever a
// requested format drops it, naming those formats, with a hint that fits
// the options: the PDF and the plain text always drop it, the HTML unless
// UnsafeHTML or CommonMark keeps it, JSON never.
func TestDroppedHTMLWarning(t *testing.T) {
	src := []byte("# Terms\n\nWe keep <b>it</b>.\n")
	const (
		pdf, html, txt, json = policyexport.PDF, policyexport.HTML, policyexport.Text, policyexport.JSON
	)
	for _, c := range []struct {
		opts    policyexport.Options
		formats []policyexport.Format
		want    string // the first warning's message; "" for none
	}{
		{policyexport.Options{}, []policyexport.Format{html, txt}, "terms.md:3:9: raw HTML dropped from HTML and plain text (Options.UnsafeHTML keeps it in HTML)"},
		{policyexport.Options{}, []policyexport.Format{txt, pdf, html, json}, "terms.md:3:9: raw HTML dropped from PDF, HTML and plain text (Options.UnsafeHTML keeps it in HTML)"},
		{policyexport.Options{UnsafeHTML: true}, []policyexport.Format{html, txt}, "terms.md:3:9: raw HTML dropped from plain text (only HTML can keep it)"},
		{policyexport.Options{UnsafeHTML: true}, []policyexport.Format{pdf}, "terms.md:3:9: raw HTML dropped from PDF (only HTML can keep it)"},
		{policyexport.Options{CommonMark: true}, []policyexport.Format{txt}, "terms.md:3:9: raw HTML dropped from plain text (only HTML can keep it)"},
		{policyexport.Options{}, []policyexport.Format{txt}, "terms.md:3:9: raw HTML dropped from plain text (Options.UnsafeHTML keeps it in HTML)"},
		{policyexport.Options{UnsafeHTML: true}, []policyexport.Format{html, json}, ""},
		{policyexport.Options{CommonMark: true}, []policyexport.Format{html}, ""},
		{policyexport.Options{}, []policyexport.Format{json}, ""},
	} {
		r := newRenderer(t, c.opts)
		tmpl, err := r.Parse("terms.md", src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.RenderResult(tmpl, nil, c.formats...)
		if err != nil {
			t.Fatalf("%+v %v: %v", c.opts, c.formats, err)
		}
		var got string
		if len(res.Warnings) > 0 {
			got = res.Warnings[0].Message
			if w := res.Warnings[0]; w.Kind != policyexport.DroppedHTML || len(w.Formats) == 0 || slices.Contains(w.Formats, json) {
				t.Errorf("%+v %v: warning %+v", c.opts, c.formats, w)
			}
		}
		if got != c.want {
			t.Errorf("UnsafeHTML %v CommonMark %v %v: warning %q, want %q", c.opts.UnsafeHTML, c.opts.CommonMark, c.formats, got, c.want)
		}
	}
}

// TestBatchFailuresTyped checks that a batch document's failure is the
// error Render gives for the same template and values, typed, so that a
// program reacts to it without parsing the message.
func TestBatchFailuresTyped(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "shield.md"), []byte("# Shield\n\nProtected by {mark} for {site}.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(dir, "m.yaml")
	if err := os.WriteFile(manifest, []byte(`defaults:
  template: shield.md
  formats: [pdf]
documents:
  - name: glyph
    values: {mark: "\U0001F6E1", site: S}
  - name: missing
    values: {mark: x}
  - name: unused
    values: {mark: x, site: S, extra: y}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, strict := range []bool{false, true} {
		r := newRenderer(t, policyexport.Options{Strict: strict})
		res, err := r.Batch(context.Background(), manifest, policyexport.BatchOptions{Out: filepath.Join(dir, fmt.Sprint("out", strict))})
		if err != nil {
			t.Fatal(err)
		}
		want := 2
		if strict {
			want = 3
		}
		if len(res.Failures) != want {
			t.Fatalf("strict %v: failures %+v, want %d", strict, res.Failures, want)
		}
		for _, f := range res.Failures {
			var g *policyexport.GlyphError
			var m *policyexport.MissingValuesError
			var u *policyexport.UnusedValuesError
			switch f.Document {
			case "glyph":
				if !errors.As(f.Err, &g) || g.Rune != '\U0001F6E1' || g.Pos != (model.Pos{Line: 3, Col: 14}) || g.Template != filepath.Join(dir, "shield.md") {
					t.Errorf("glyph: %T %v (%+v), want a *GlyphError at 3:14", f.Err, f.Err, g)
				}
			case "missing":
				if !errors.As(f.Err, &m) || !slices.Equal(m.Names(), []string{"site"}) || m.Template != filepath.Join(dir, "shield.md") {
					t.Errorf("missing: %T %v, want a *MissingValuesError for {site}", f.Err, f.Err)
				}
			case "unused":
				if !errors.As(f.Err, &u) || !slices.Equal(u.Names, []string{"extra"}) {
					t.Errorf("unused: %T %v, want an *UnusedValuesError for extra", f.Err, f.Err)
				}
			}
		}
	}
}

// TestFormatsRestrict checks that Options.Formats restricts what every
// rendering method renders: another format is an error naming it, for
// Render, RenderTo and Diff; and that RenderTo without a writer is an
// error, not every format.
func TestFormatsRestrict(t *testing.T) {
	r := newRenderer(t, policyexport.Options{Formats: []policyexport.Format{policyexport.HTML}})
	tmpl := r.Default()
	if _, err := r.Render(tmpl, acme, policyexport.HTML); err != nil {
		t.Fatalf("Render html: %v", err)
	}
	for _, f := range []policyexport.Format{policyexport.Text, policyexport.JSON, policyexport.PDF} {
		if _, err := r.Render(tmpl, acme, f); err == nil || !strings.Contains(err.Error(), "format "+string(f)+" is not among Options.Formats (html)") {
			t.Errorf("Render %s: %v, want an error naming it", f, err)
		}
		var b bytes.Buffer
		if err := r.RenderTo(tmpl, acme, map[policyexport.Format]io.Writer{f: &b}); err == nil || b.Len() > 0 {
			t.Errorf("RenderTo %s: %v, %d bytes; want an error and nothing", f, err, b.Len())
		}
		if _, err := r.Diff(tmpl, tmpl, acme, acme, policyexport.DiffOptions{Formats: []policyexport.Format{f}}); err == nil || !strings.Contains(err.Error(), "not among Options.Formats") {
			t.Errorf("Diff %s: %v, want an error", f, err)
		}
	}
	if _, err := r.Diff(tmpl, tmpl, acme, acme, policyexport.DiffOptions{Formats: []policyexport.Format{policyexport.HTML}}); err != nil {
		t.Errorf("Diff html: %v", err)
	}
	// An empty list prepares no format, as documented: a Renderer for
	// Fill and the list of changes.
	none := newRenderer(t, policyexport.Options{Formats: []policyexport.Format{}})
	if out, err := none.Render(tmpl, acme); err != nil || len(out) != 0 {
		t.Errorf("Render with Options.Formats empty: %d outputs, %v; want none", len(out), err)
	}
	if _, err := none.Render(tmpl, acme, policyexport.Text); err == nil {
		t.Errorf("Render txt with Options.Formats empty: no error")
	}
	if _, err := none.Fill(tmpl, acme); err != nil {
		t.Errorf("Fill with Options.Formats empty: %v", err)
	}
	all := newRenderer(t, policyexport.Options{})
	var b bytes.Buffer
	if err := all.RenderTo(all.Default(), acme, map[policyexport.Format]io.Writer{"PDF": &b, policyexport.HTML: &b}); err == nil || !strings.Contains(err.Error(), `RenderTo: unknown format "PDF"`) || b.Len() > 0 {
		t.Errorf("RenderTo PDF (not pdf): %v, %d bytes; want an error naming it and nothing", err, b.Len())
	}
	for _, outs := range []map[policyexport.Format]io.Writer{nil, {}, {policyexport.PDF: nil, policyexport.Text: nil}} {
		if err := all.RenderTo(all.Default(), acme, outs); err == nil || !strings.Contains(err.Error(), "no writer given") {
			t.Errorf("RenderTo(%v) = %v, want \"no writer given\"", outs, err)
		}
	}
}

// TestSourceError checks that every error at a place in an input is a
// *SourceError that a program reads the file, line and column from, with
// the message unchanged: before, such errors were of internal types, and
// only the message said where.
func TestSourceError(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	dir := t.TempDir()
	parse := func(name, src string) *policyexport.Template {
		t.Helper()
		tmpl, err := r.Parse(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return tmpl
	}
	render := func(tmpl *policyexport.Template, vals map[string]string) error {
		_, err := r.Render(tmpl, vals, policyexport.Text, policyexport.PDF)
		return err
	}
	dated := parse("dated.md", "# T\n\nUpdated {d|date}.\n")
	image := parse("image.md", "# T\n\n![logo]("+filepath.Join(dir, "gone.png")+")\n")
	frontDate := parse("front.md", "---\ntitle: T\ndate: 2026-13-45\n---\n# T\n")
	manifest := filepath.Join(dir, "m.yaml")
	if err := os.WriteFile(filepath.Join(dir, "dated.md"), []byte("# T\n\nUpdated {d|date}.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(manifest, []byte("documents:\n  - name: a\n    template: dated.md\n    formats: [txt]\n    values: {d: soon}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badManifest := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badManifest, []byte("documents:\n  - name: [a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		what string
		err  func() error
		file string
		pos  model.Pos
		msg  string // the start of Msg
	}{
		{"front matter that is not YAML", func() error {
			_, err := r.Parse("fm.md", []byte("---\ntitle: [unclosed\n---\n# Hi\n"))
			return err
		}, "fm.md", model.Pos{Line: 2, Col: 8}, "did not find expected"},
		{"lists nested too deep", func() error {
			_, err := r.Parse("deep.md", []byte(strings.Repeat(">", 40)+" deep\n"))
			return err
		}, "deep.md", model.Pos{Line: 1, Col: 33}, "lists and block quotes nested"},
		{"a value that is not a date", func() error {
			return render(dated, map[string]string{"d": "soon"})
		}, "dated.md", model.Pos{Line: 3, Col: 9}, "{d|date}: the value of d"},
		{"a front matter date that is not a date", func() error {
			return render(frontDate, nil)
		}, "front.md", model.Pos{Line: 3, Col: 7}, "front matter date:"},
		{"a missing image", func() error {
			return render(image, nil)
		}, "image.md", model.Pos{Line: 3, Col: 1}, "image "},
		{"a values file that is not YAML", func() error {
			_, err := policyexport.ParseValues("v.yaml", []byte("a: 1\nb: [x\n"))
			return err
		}, "v.yaml", model.Pos{Line: 2, Col: 4}, "did not find expected"},
		{"a manifest that is not YAML", func() error {
			_, err := r.Batch(context.Background(), badManifest, policyexport.BatchOptions{Out: filepath.Join(dir, "out")})
			return err
		}, badManifest, model.Pos{Line: 2, Col: 11}, "did not find expected"},
		{"a batch document's value that is not a date", func() error {
			res, err := r.Batch(context.Background(), manifest, policyexport.BatchOptions{Out: filepath.Join(dir, "out")})
			if err != nil || len(res.Failures) != 1 {
				return fmt.Errorf("batch: %v, %+v; want one failure", err, res)
			}
			return res.Failures[0].Err
		}, filepath.Join(dir, "dated.md"), model.Pos{Line: 3, Col: 9}, "{d|date}: the value of d"},
		{"a missing value", func() error {
			return render(dated, nil)
		}, "dated.md", model.Pos{Line: 3, Col: 9}, "missing value for {d}"},
		{"a value that is a date (no error)", func() error {
			return render(dated, map[string]string{"d": "2026-01-02"})
		}, "", model.Pos{}, ""},
	} {
		err := tc.err()
		var se *policyexport.SourceError
		if tc.file == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.what, err)
			}
			continue
		}
		if !errors.As(err, &se) {
			t.Errorf("%s: %T %v, want a *SourceError", tc.what, err, err)
			continue
		}
		if se.File != tc.file || se.Pos != tc.pos || !strings.HasPrefix(se.Msg, tc.msg) {
			t.Errorf("%s: File %q, Pos %v, Msg %q; want %q, %v, %q…", tc.what, se.File, se.Pos, se.Msg, tc.file, tc.pos, tc.msg)
		}
		if want := fmt.Sprintf("%s:%s: %s", se.File, se.Pos, se.Msg); !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: message %q, want it to start %q", tc.what, err, want)
		}
	}
	// A file too large to read is a *SourceError about the whole file,
	// naming what raises the limit only when something does: a manifest
	// said "(Options.MaxBytes)", which does not raise its limit.
	small := newRenderer(t, policyexport.Options{MaxBytes: 10})
	big := filepath.Join(dir, "big.md")
	if err := os.WriteFile(big, []byte("# A template of more than ten bytes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bigManifest := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(bigManifest, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(bigManifest, 64<<20+1); err != nil { // sparse: no disk
		t.Fatal(err)
	}
	_, err := small.ParseFile(big)
	_, perr := small.Parse("big.md", []byte("# A template of more than ten bytes\n"))
	_, berr := r.Batch(context.Background(), bigManifest, policyexport.BatchOptions{Out: filepath.Join(dir, "out")})
	for _, c := range []struct {
		err       error
		file, msg string
	}{
		{err, big, "larger than the limit of 10 bytes (Options.MaxBytes)"},
		{perr, "big.md", "template is 36 bytes, more than the limit of 10 bytes (Options.MaxBytes)"},
		{berr, bigManifest, "larger than the limit of 67108864 bytes"},
	} {
		var se *policyexport.SourceError
		if !errors.As(c.err, &se) || se.File != c.file || se.Pos.IsValid() || se.Msg != c.msg {
			t.Errorf("%v (%+v): want a *SourceError for %s: %s", c.err, se, c.file, c.msg)
		}
	}
	// The typed errors wrap a *SourceError for their place too.
	glyph := parse("glyph.md", "# T\n\nA \U0001F6E1 shield.\n")
	err = render(glyph, nil)
	var g *policyexport.GlyphError
	var se *policyexport.SourceError
	if !errors.As(err, &g) || !errors.As(err, &se) || se.File != "glyph.md" || se.Pos != g.Pos {
		t.Errorf("a character no font has: %T %v (%+v), want a *GlyphError wrapping a *SourceError at its place", err, err, se)
	}
}

// TestDiffOldImageError checks that an image only the old version has,
// missing, is an error about the old template: beside the new template
// in the same directory it was reported as the new one's, at the old
// one's line ("new.md:3:1: image \"gone.png\"").
func TestDiffOldImageError(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	dir := t.TempDir()
	for name, src := range map[string]string{"old.md": "# T\n\n![gone](gone.png)\n", "new.md": "# T\n\nNo image.\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, parse := range []func(name string) (*policyexport.Template, error){
		func(name string) (*policyexport.Template, error) { return r.ParseFile(filepath.Join(dir, name)) },
		func(name string) (*policyexport.Template, error) {
			src, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				return nil, err
			}
			return r.ParseIn(name, src, dir)
		},
	} {
		old, err := parse("old.md")
		if err != nil {
			t.Fatal(err)
		}
		new, err := parse("new.md")
		if err != nil {
			t.Fatal(err)
		}
		_, err = r.Diff(old, new, nil, nil, policyexport.DiffOptions{Formats: []policyexport.Format{policyexport.PDF}})
		var se *policyexport.SourceError
		if !errors.As(err, &se) || se.File != old.Name() || se.Pos != (model.Pos{Line: 3, Col: 1}) || !strings.Contains(se.Msg, `"gone.png"`) {
			t.Errorf("Diff with a missing old image: %v, want an error at %s:3:1 naming gone.png", err, old.Name())
		}
	}
}

// TestAliasDocs checks that the doc comment of each type that this
// package gives another (internal) package's name for names every
// exported field and method of it: go doc shows such an alias as
// "type MetaChange = redline.MetaChange" and nothing of the type, so a
// user learns its fields from the comment only, and MetaChange's and
// DestinationChange's named none.
func TestAliasDocs(t *testing.T) {
	types := map[string]reflect.Type{
		"Format":            reflect.TypeFor[policyexport.Format](),
		"Change":            reflect.TypeFor[policyexport.Change](),
		"ChangeKind":        reflect.TypeFor[policyexport.ChangeKind](),
		"MetaChange":        reflect.TypeFor[policyexport.MetaChange](),
		"DestinationChange": reflect.TypeFor[policyexport.DestinationChange](),
	}
	fset := token.NewFileSet()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, "github.com/policyexport/policyexport")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, dt := range p.Types {
		spec := dt.Decl.Specs[0].(*ast.TypeSpec)
		if !spec.Assign.IsValid() {
			continue
		}
		seen++
		typ, ok := types[dt.Name]
		if !ok {
			t.Errorf("alias %s: add it to this test", dt.Name)
			continue
		}
		var names []string
		if typ.Kind() == reflect.Struct {
			for f := range typ.Fields() {
				if f.IsExported() {
					names = append(names, f.Name)
				}
			}
		}
		for m := range typ.Methods() {
			names = append(names, m.Name)
		}
		for _, n := range names {
			if !regexp.MustCompile(`\b` + n + `\b`).MatchString(dt.Doc) {
				t.Errorf("the doc of %s does not name its %s", dt.Name, n)
			}
		}
	}
	if seen != len(types) {
		t.Errorf("%d aliases, want %d: remove the gone ones from this test", seen, len(types))
	}
}

// TestUnknownFormat checks that every error for a format name that is
// not a Format is ErrUnknownFormat to errors.Is, with the message naming
// the name: before, only the message told it from another error.
func TestUnknownFormat(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	tmpl := r.Default()
	docx := []policyexport.Format{"docx"}
	manifest := filepath.Join(t.TempDir(), "m.yaml")
	if err := os.WriteFile(manifest, []byte("documents:\n  - name: a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for what, err := range map[string]error{
		"ParseFormats": func() error { _, err := policyexport.ParseFormats("pdf,docx"); return err }(),
		"New":          func() error { _, err := policyexport.New(policyexport.Options{Formats: docx}); return err }(),
		"New PDF": func() error {
			_, err := policyexport.New(policyexport.Options{Formats: []policyexport.Format{"PDF"}})
			return err
		}(),
		"New empty name": func() error {
			_, err := policyexport.New(policyexport.Options{Formats: []policyexport.Format{""}})
			return err
		}(),
		"Render":       func() error { _, err := r.Render(tmpl, acme, "docx"); return err }(),
		"RenderResult": func() error { _, err := r.RenderResult(tmpl, acme, "PDF"); return err }(),
		"RenderTo":     r.RenderTo(tmpl, acme, map[policyexport.Format]io.Writer{"docx": io.Discard}),
		"Diff": func() error {
			_, err := r.Diff(tmpl, tmpl, acme, acme, policyexport.DiffOptions{Formats: docx})
			return err
		}(),
		"Batch": func() error {
			_, err := r.Batch(context.Background(), manifest, policyexport.BatchOptions{Out: t.TempDir(), Formats: docx})
			return err
		}(),
	} {
		if !errors.Is(err, policyexport.ErrUnknownFormat) || !strings.Contains(err.Error(), "unknown format") {
			t.Errorf("%s: %v, want an error that is ErrUnknownFormat", what, err)
		}
	}
	if _, err := r.Render(tmpl, acme, policyexport.Text); errors.Is(err, policyexport.ErrUnknownFormat) {
		t.Errorf("Render txt: %v", err)
	}
}

// TestNoEnvironmentNoPrinting checks what the package doc promises: the
// package reads no environment variable (SOURCE_DATE_EPOCH is the
// command's, which sets Options.Date from it) and prints nothing, not
// even the warnings, which RenderResult returns.
func TestNoEnvironmentNoPrinting(t *testing.T) {
	src := []byte("# T {x}\n\n<b>raw</b>\n\n### Skipped a level\n")
	vals := map[string]string{"x": "1", "unused": "u"}
	render := func() (map[policyexport.Format][]byte, []policyexport.Warning) {
		r := newRenderer(t, policyexport.Options{})
		tmpl, err := r.Parse("t.md", src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.RenderResult(tmpl, vals)
		if err != nil {
			t.Fatal(err)
		}
		return res.Outputs, res.Warnings
	}
	want, _ := render()
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	stdout, stderr := os.Stdout, os.Stderr
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout, os.Stderr = pw, pw
	got, warnings := render()
	os.Stdout, os.Stderr = stdout, stderr
	pw.Close()
	printed, err := io.ReadAll(pr)
	if err != nil {
		t.Fatal(err)
	}
	if len(printed) > 0 {
		t.Errorf("rendering printed %q", printed)
	}
	if len(warnings) < 3 {
		t.Errorf("warnings %v, want unused values, dropped HTML and a heading level", warnings)
	}
	for _, f := range policyexport.Formats() {
		if !bytes.Equal(got[f], want[f]) {
			t.Errorf("%s: other bytes with SOURCE_DATE_EPOCH set", f)
		}
	}
}

// TestBatchDate checks what Batch's doc says of dates: a document's
// date is Options.Date, else its own, as with Render, so that Batch and
// Render write the same PDF.
func TestBatchDate(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.md"), []byte("---\ndate: 2026-03-04\n---\n# T {x}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(dir, "m.yaml")
	if err := os.WriteFile(manifest, []byte("defaults:\n  template: t.md\n  formats: [pdf]\ndocuments:\n  - name: a\n    values: {x: \"1\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct {
		date *time.Time
		want string
	}{
		{nil, "D:20260304000000"},
		{new(time.Time{}), "D:00010101000000"},
		{new(time.Date(2027, 1, 2, 3, 4, 5, 0, time.FixedZone("", -7200))), "D:20270102050405"},
	} {
		r := newRenderer(t, policyexport.Options{Date: c.date})
		out := filepath.Join(dir, fmt.Sprint("out", i))
		if _, err := r.Batch(context.Background(), manifest, policyexport.BatchOptions{Out: out}); err != nil {
			t.Fatal(err)
		}
		batched, err := os.ReadFile(filepath.Join(out, "a", "t.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		tmpl, err := r.ParseFile(filepath.Join(dir, "t.md"))
		if err != nil {
			t.Fatal(err)
		}
		rendered, err := r.Render(tmpl, map[string]string{"x": "1"}, policyexport.PDF)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(batched, []byte(c.want)) || !bytes.Equal(batched, rendered[policyexport.PDF]) {
			t.Errorf("Date %v: Batch's PDF has no %s, or differs from Render's", c.date, c.want)
		}
	}
}

// TestBrokenLinkWarning: a link to an id the filled document lacks is a
// BrokenLink in Result.Warnings, at the link, when the formats have the
// HTML or the PDF; with only plain text and JSON it is none, and
// Options.Strict leaves it a warning.
func TestBrokenLinkWarning(t *testing.T) {
	src := []byte("# Terms & Conditions\n\nSee [terms](#terms--conditions) and [x](#terms-conditions).\n")
	for _, strict := range []bool{false, true} {
		r := newRenderer(t, policyexport.Options{Strict: strict})
		tmpl, err := r.Parse("a.md", src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.RenderResult(tmpl, nil, policyexport.HTML)
		if err != nil {
			t.Fatal(err)
		}
		want := `a.md:3:5: link to #terms--conditions: no heading or note has that id; the heading "Terms & Conditions" has #terms-conditions (write […](#terms-conditions))`
		if len(res.Warnings) != 1 || res.Warnings[0].Kind != policyexport.BrokenLink || res.Warnings[0].Pos != (model.Pos{Line: 3, Col: 5}) || res.Warnings[0].Message != want {
			t.Errorf("strict %v: warnings %+v, want one BrokenLink: %s", strict, res.Warnings, want)
		}
		if res, err := r.RenderResult(tmpl, nil, policyexport.Text, policyexport.JSON); err != nil || len(res.Warnings) != 0 {
			t.Errorf("plain text and JSON: %v, %+v; want no warning", err, res)
		}
	}
}

// TestPlaceholderSyntaxWarning: text written as another template
// language writes a placeholder, in the front matter's title and in the
// body, is a PlaceholderSyntax warning at its place, in every format.
func TestPlaceholderSyntaxWarning(t *testing.T) {
	src := []byte("---\ntitle: \"Policy of {{org}}\"\n---\n## A\n\nMail { email }.\n")
	r := newRenderer(t, policyexport.Options{})
	tmpl, err := r.Parse("a.md", src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.RenderResult(tmpl, map[string]string{"org": "Acme"}, policyexport.Text)
	if err != nil {
		t.Fatal(err)
	}
	want := []policyexport.Warning{
		{Kind: policyexport.PlaceholderSyntax, Template: "a.md", Pos: model.Pos{Line: 2, Col: 19},
			Message: `a.md:2:19: {{org}} is the placeholder {org} in a second pair of braces, which stay in the text around its value; a placeholder takes one pair: write {org} (or \{{org}\} if the braces are meant)`},
		{Kind: policyexport.PlaceholderSyntax, Template: "a.md", Pos: model.Pos{Line: 6, Col: 6},
			Message: `a.md:6:6: { email } is not a placeholder, because of the spaces inside its braces, and stays as written; write {email} (or \{ email } if the text is meant)`},
	}
	if !reflect.DeepEqual(res.Warnings, want) {
		t.Errorf("warnings\n%+v\nwant\n%+v", res.Warnings, want)
	}
}

// TestRelativeLinkWarning: links with a relative address are one
// RelativeLink warning, at the first, when the formats have the PDF or
// the plain text, which are read on no page of the site; none for the
// HTML alone.
func TestRelativeLinkWarning(t *testing.T) {
	src := []byte("# A\n\nSee [privacy](/privacy) and [terms](terms.html).\n")
	r := newRenderer(t, policyexport.Options{})
	tmpl, err := r.Parse("a.md", src)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		formats []policyexport.Format
		want    []policyexport.Warning
	}{
		{[]policyexport.Format{policyexport.Text}, []policyexport.Warning{{Kind: policyexport.RelativeLink, Template: "a.md", Pos: model.Pos{Line: 3, Col: 5},
			Message: `a.md:3:5: link to "/privacy" has a relative address, as 1 more link has; a PDF or plain text is no page of the site it is relative to, so it opens nothing there: give the address of the page the links are relative to with Options.BaseURL (https://acme.example/legal/, or {siteUrl}/legal/ for each site), or write the full address, or the site's as a value ({siteUrl}/privacy)`}}},
		{[]policyexport.Format{policyexport.HTML, policyexport.JSON}, nil},
	} {
		res, err := r.RenderResult(tmpl, nil, c.formats...)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(res.Warnings, c.want) {
			t.Errorf("%v: warnings\n%+v\nwant\n%+v", c.formats, res.Warnings, c.want)
		}
	}
}

// TestBaseURL: Options.BaseURL resolves relative links in the plain text
// and the PDF, not in the HTML, and there is no RelativeLink warning; a
// base that is no absolute http(s) address is refused by New.
func TestBaseURL(t *testing.T) {
	src := []byte("# A\n\nSee [privacy](/privacy) and [terms](terms.html).\n")
	r := newRenderer(t, policyexport.Options{BaseURL: "https://acme.example/legal/"})
	tmpl, err := r.Parse("a.md", src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.RenderResult(tmpl, nil, policyexport.Text, policyexport.HTML, policyexport.PDF)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %+v, want none", res.Warnings)
	}
	text := string(res.Outputs[policyexport.Text])
	for _, want := range []string{"[1] https://acme.example/privacy\n", "[2] https://acme.example/legal/terms.html\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if page := string(res.Outputs[policyexport.HTML]); !strings.Contains(page, `href="/privacy"`) {
		t.Errorf("HTML link resolved, want it as written")
	}
	if !bytes.Contains(res.Outputs[policyexport.PDF], []byte("/URI (https://acme.example/legal/terms.html)")) {
		t.Errorf("PDF has no link to https://acme.example/legal/terms.html")
	}
	_, err = policyexport.New(policyexport.Options{BaseURL: "acme.example"})
	if err == nil || !strings.Contains(err.Error(), `Options.BaseURL "acme.example": not an absolute http or https address`) {
		t.Errorf("New with BaseURL acme.example: %v", err)
	}
}

// TestNilTemplate: a nil *Template is an error, not a panic, from every
// method that takes one.
func TestNilTemplate(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	var buf bytes.Buffer
	for name, call := range map[string]func() error{
		"Render":       func() error { _, err := r.Render(nil, nil); return err },
		"RenderResult": func() error { _, err := r.RenderResult(nil, nil); return err },
		"RenderTo":     func() error { return r.RenderTo(nil, nil, map[policyexport.Format]io.Writer{policyexport.Text: &buf}) },
		"Fill":         func() error { _, err := r.Fill(nil, nil); return err },
		"Diff":         func() error { _, err := r.Diff(nil, r.Default(), nil, nil, policyexport.DiffOptions{}); return err },
	} {
		if err := call(); err == nil || !strings.Contains(err.Error(), "nil *Template") {
			t.Errorf("%s(nil): %v, want the error of a nil *Template", name, err)
		}
	}
}

// TestZeroRendererAndTemplate: a Renderer that New did not make (var r
// Renderer, &Renderer{}, a nil *Renderer) and a zero Template
// (&Template{}) are an error from every method that returns one, and
// the others return nothing, where each call panicked with a nil
// pointer dereference, which in an HTTP handler is a dropped connection
// and in a worker pool a crashed process.
func TestZeroRendererAndTemplate(t *testing.T) {
	good := newRenderer(t, policyexport.Options{})
	var buf bytes.Buffer
	outs := map[policyexport.Format]io.Writer{policyexport.Text: &buf}
	for rname, r := range map[string]*policyexport.Renderer{"zero": {}, "nil": nil} {
		for name, call := range map[string]func() error{
			"Parse":        func() error { _, err := r.Parse("a.md", []byte("# A\n")); return err },
			"ParseIn":      func() error { _, err := r.ParseIn("a.md", []byte("# A\n"), "."); return err },
			"ParseFile":    func() error { _, err := r.ParseFile("a.md"); return err },
			"Render":       func() error { _, err := r.Render(good.Default(), acme); return err },
			"RenderResult": func() error { _, err := r.RenderResult(good.Default(), acme); return err },
			"RenderTo":     func() error { return r.RenderTo(good.Default(), acme, outs) },
			"Fill":         func() error { _, err := r.Fill(good.Default(), acme); return err },
			"Diff": func() error {
				_, err := r.Diff(good.Default(), good.Default(), acme, acme, policyexport.DiffOptions{})
				return err
			},
			"Batch": func() error {
				_, err := r.Batch(context.Background(), "m.yaml", policyexport.BatchOptions{Out: t.TempDir()})
				return err
			},
		} {
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("%s Renderer: %s panicked: %v", rname, name, p)
					}
				}()
				if err := call(); err == nil || !strings.Contains(err.Error(), "not made by New") {
					t.Errorf("%s Renderer: %s: %v, want the error of a Renderer not made by New", rname, name, err)
				}
			}()
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s Renderer: Default panicked: %v", rname, p)
				}
			}()
			if d := r.Default(); d != nil {
				t.Errorf("%s Renderer: Default() = %v, want nil", rname, d)
			}
		}()
	}
	zero := &policyexport.Template{}
	for name, call := range map[string]func() error{
		"Render":   func() error { _, err := good.Render(zero, acme); return err },
		"RenderTo": func() error { return good.RenderTo(zero, acme, outs) },
		"Fill":     func() error { _, err := good.Fill(zero, acme); return err },
		"Diff": func() error {
			_, err := good.Diff(good.Default(), zero, acme, acme, policyexport.DiffOptions{})
			return err
		},
	} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("zero Template: %s panicked: %v", name, p)
				}
			}()
			if err := call(); err == nil || !strings.Contains(err.Error(), "nil *Template") {
				t.Errorf("zero Template: %s: %v, want the error of a nil *Template", name, err)
			}
		}()
	}
	for _, tmpl := range []*policyexport.Template{zero, nil} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("Template %#v: accessor panicked: %v", tmpl, p)
				}
			}()
			if tmpl.Name() != "" || tmpl.Source() != nil || tmpl.Placeholders() != nil || tmpl.Defaults() != nil || tmpl.Missing(acme) != nil {
				t.Errorf("Template %#v: accessors return something", tmpl)
			}
		}()
	}
}

// TestBatchDriftKinds: Check reports each file that differs, by kind, as
// the DriftKind constants name them, sorted by path.
func TestBatchDriftKinds(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "m.yaml")
	if err := os.WriteFile(manifest, []byte(`output: "{name}.{ext}"
defaults:
  formats: [txt, json]
  values: {siteName: A, email: e@x.example, lastUpdated: "2026-11-28"}
documents:
  - name: a
`), 0o644); err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t, policyexport.Options{})
	out := filepath.Join(dir, "out")
	if _, err := r.Batch(context.Background(), manifest, policyexport.BatchOptions{Out: out}); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"a.txt": "changed\n", "extra.txt": "x\n"} {
		if err := os.WriteFile(filepath.Join(out, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(out, "a.json")); err != nil {
		t.Fatal(err)
	}
	res, err := r.Batch(context.Background(), manifest, policyexport.BatchOptions{Out: out, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []policyexport.Drift{
		{Kind: policyexport.DriftMissing, Path: "a.json"},
		{Kind: policyexport.DriftStale, Path: "a.txt"},
		{Kind: policyexport.DriftUnexpected, Path: "extra.txt"},
	}
	if !reflect.DeepEqual(res.Drift, want) {
		t.Errorf("Drift = %+v, want %+v", res.Drift, want)
	}
}

// TestNoLocalImages: with Options.NoLocalImages an image whose
// destination is a file path, the template's or a value's, is a
// *SourceError at the image in Render, Fill and Diff, where a template
// from a database read any image file of the host into the PDF (and
// told by its error whether a path exists); an https image renders.
func TestNoLocalImages(t *testing.T) {
	dir := t.TempDir()
	logo, err := os.ReadFile("testdata/input/logo.png")
	if err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "secret.png")
	if err := os.WriteFile(abs, logo, 0o644); err != nil {
		t.Fatal(err)
	}
	open := newRenderer(t, policyexport.Options{})
	r := newRenderer(t, policyexport.Options{NoLocalImages: true})
	for _, c := range []struct {
		src  string
		vals map[string]string
		want string
	}{
		{"# A\n\n![secret](" + abs + ")\n", nil, `db:3:1: image "` + abs + `" is a local file, which Options.NoLocalImages refuses; leave it out, or give its https address, which the HTML shows (the PDF draws local images only)`},
		{"# A\n\nText ![logo]({logo}) and ![b](../b.png)\n", map[string]string{"logo": abs}, `db:3:6: image "` + abs + `" is a local file, which Options.NoLocalImages refuses (1 more image is one)`},
	} {
		tmpl, err := r.Parse("db", []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if c.vals == nil {
			// The same template reads the file without the option.
			if _, err := open.Render(tmpl, nil, policyexport.PDF); err != nil {
				t.Fatalf("without NoLocalImages: %v", err)
			}
		}
		_, rerr := r.Render(tmpl, c.vals, policyexport.PDF)
		_, ferr := r.Fill(tmpl, c.vals)
		_, derr := r.Diff(tmpl, tmpl, c.vals, c.vals, policyexport.DiffOptions{})
		for name, err := range map[string]error{"Render": rerr, "Fill": ferr, "Diff": derr} {
			var se *policyexport.SourceError
			if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("%s(%q): %v, want a *SourceError %q", name, c.src, err, c.want)
			}
		}
	}
	tmpl, err := r.Parse("db", []byte("# A\n\n![logo](https://acme.example/logo.png)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Render(tmpl, nil, policyexport.HTML); err != nil {
		t.Errorf("an https image: %v", err)
	}
}

// TestOptionsCopiedByNew: a Renderer renders with the Options it was
// made with, whatever the caller does afterwards with the Date and
// Margin its Options pointed to, the bytes of its Fonts or its Formats;
// the PDF of a Renderer whose Date variable the caller set to the next
// run's date was dated with it (and raced with the rendering).
func TestOptionsCopiedByNew(t *testing.T) {
	date := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	margin := 10.0
	formats := []policyexport.Format{policyexport.PDF}
	font, err := os.ReadFile("fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t, policyexport.Options{Date: &date, Margin: &margin, Formats: formats, Fonts: [][]byte{font}})
	before, err := r.Render(r.Default(), acme)
	if err != nil {
		t.Fatal(err)
	}
	date = time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC)
	margin = 60
	formats[0] = policyexport.Text
	clear(font)
	after, err := r.Render(r.Default(), acme)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 1 || !bytes.Equal(before[policyexport.PDF], after[policyexport.PDF]) {
		t.Errorf("the Renderer's output changed with the caller's variables (D:2030 in the PDF: %v)", bytes.Contains(after[policyexport.PDF], []byte("D:2030")))
	}
}

// TestValueError: a value refused for its content is a *ValueError that
// names it, with the message as before, where it was an untyped error a
// program could tell from another only by parsing "value \"v\"" out of
// its message, to show the problem at the form field of that value.
func TestValueError(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	tmpl, err := r.Parse("shop.md", []byte("# {siteName}\n\n{v}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ value, reason string }{
		{"a\u202eb", "contains U+202E (bidirectional embedding or override) at byte 1: refused, because a reader would see the text in another order than the data or not see it at all"},
		{"a\x00b", "contains a NUL byte"},
		{"a\xffb", "is not valid UTF-8"},
	} {
		vals := map[string]string{"siteName": "Acme", "v": c.value}
		_, rerr := r.Render(tmpl, vals, policyexport.HTML)
		_, ferr := r.Fill(tmpl, vals)
		_, derr := r.Diff(tmpl, tmpl, vals, vals, policyexport.DiffOptions{})
		for name, err := range map[string]error{"Render": rerr, "Fill": ferr, "Diff": derr} {
			var ve *policyexport.ValueError
			if !errors.As(err, &ve) {
				t.Errorf("%s with %q: %v, want a *ValueError", name, c.value, err)
				continue
			}
			if ve.Template != "shop.md" || ve.Name != "v" || ve.Reason != c.reason {
				t.Errorf("%s with %q: %+v, want shop.md, v, %q", name, c.value, ve, c.reason)
			}
			if want := `template shop.md: value "v" ` + c.reason; err.Error() != want {
				t.Errorf("%s with %q: message %q, want %q", name, c.value, err, want)
			}
		}
	}
}

// TestBatchWarnings: Batch returns the warnings "policyexport batch"
// prints, as data (BatchResult.Warnings), where a program that ran a
// manifest through the library got none of them: the unused values of
// each document, each template's notices, dropped raw HTML and skipped
// heading levels once, then each document's link warnings.
func TestBatchWarnings(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"m.yaml": `defaults:
  template: t.md
  formats: [txt, pdf]
  values: {siteName: Acme}
documents:
  - name: a
  - name: b
    values: {city: Berlin}
`,
		"t.md": "# Terms of {{siteName}}\n\n<div>raw</div>\n\n### Deep\n\nSee [prices](/prices).\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := newRenderer(t, policyexport.Options{})
	res, err := r.Batch(context.Background(), filepath.Join(dir, "m.yaml"), policyexport.BatchOptions{Out: filepath.Join(dir, "out")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failures) > 0 {
		t.Fatalf("failures: %+v", res.Failures)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, fmt.Sprintf("%s %s %s %s", w.Document, w.Kind, w.Pos, w.Names))
		if w.Template == "" || !strings.Contains(w.Message, "t.md") {
			t.Errorf("warning %+v: no template or message", w)
		}
	}
	want := []string{
		"b unused-values - [city]",
		" placeholder-syntax 1:12 []",
		" dropped-html 3:1 []",
		" heading-level 5:1 []",
		"a relative-link 7:5 []",
		"b relative-link 7:5 []",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestFontCollectionNamesFontFace: a .ttc given as Options.Fonts is an
// error that names FontFace, the function that takes a face out of it,
// where it named the command's flag ("choose one of its faces with Face
// (--font FILE.ttc#N)"), which a program has no use for.
func TestFontCollectionNamesFontFace(t *testing.T) {
	ttc := []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x02\x00\x00\x00\x14\x00\x00\x00\x20")
	_, err := policyexport.New(policyexport.Options{Fonts: [][]byte{ttc}})
	want := "policyexport: Options.Fonts[0] is a font collection (.ttc) of 2 faces: take one face out with FontFace(data, N), N from 0"
	if err == nil || err.Error() != want {
		t.Errorf("New with a .ttc: %v, want %q", err, want)
	}
}

// goneWriter is an io.Writer whose every write fails with its error, as
// a response writer's does once the client has gone.
type goneWriter struct{ err error }

func (w goneWriter) Write([]byte) (int, error) { return 0, w.err }

// TestRenderToWriteError: an error from a writer names the package, the
// format and the template, and wraps the writer's error, where it was
// "write html: broken pipe", which a service's log could not tell from
// any other write of the request.
func TestRenderToWriteError(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	gone := errors.New("broken pipe")
	err := r.RenderTo(r.Default(), acme, map[policyexport.Format]io.Writer{policyexport.HTML: goneWriter{gone}})
	want := "policyexport: RenderTo: writing the html of privacy-policy.md: broken pipe"
	if !errors.Is(err, gone) || err.Error() != want {
		t.Errorf("RenderTo to a failing writer: %v, want %q wrapping the writer's error", err, want)
	}
}

// TestErrorsMadeByCaller: each error type of the package, made by a
// program from its fields (a test double of a renderer, an error mapped
// from a job queue), has a message, where Error panicked with a nil
// pointer dereference (and an *UnusedValuesError's was "").
func TestErrorsMadeByCaller(t *testing.T) {
	pos := model.Pos{Line: 3, Col: 5}
	for _, c := range []struct {
		err  error
		want string
	}{
		{&policyexport.SourceError{File: "shop 42", Pos: pos, Msg: "bad"}, "shop 42:3:5: bad"},
		{&policyexport.SourceError{File: "shop 42", Msg: "too big"}, "shop 42: too big"},
		{&policyexport.MissingValuesError{Template: "t.md", Missing: []policyexport.Placeholder{{Name: "email", Pos: pos}, {Name: "city", Pos: model.Pos{Line: 4, Col: 1}}}},
			"t.md:3:5: missing value for {email}\nt.md:4:1: missing value for {city}"},
		{&policyexport.UnusedValuesError{Template: "t.md", Names: []string{"city"}}, "t.md: 1 value not used by any placeholder: {city}"},
		{&policyexport.ValueError{Template: "t.md", Name: "v", Reason: "contains a NUL byte"}, `template t.md: value "v" contains a NUL byte`},
		{&policyexport.GlyphError{Template: "t.md", Rune: 0x1F6E1, Pos: pos}, "t.md:3:5: character U+1F6E1 (🛡) is in no font"},
		{&policyexport.ShapingError{Template: "t.md", Rune: 'བ', Script: "Tibetan", Pos: pos}, `t.md:3:5: Tibetan needs shaping, which policyexport does not do yet: "བ" (U+0F56)`},
	} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%T.Error() panicked: %v", c.err, p)
				}
			}()
			if got := c.err.Error(); got != c.want {
				t.Errorf("%T.Error() = %q, want %q", c.err, got, c.want)
			}
		}()
	}
}

// TestTableCellsWarning: a table row with a cell left out is a
// TableCells warning, a named kind like the others, and a front
// matter lang that is a country's code is a FrontMatter one.
func TestTableCellsWarning(t *testing.T) {
	src := []byte("---\nlang: se\n---\n# A\n\n| Name | Provider | Purpose | Lifetime |\n|---|---|---|---|\n| _ga | Google | 2 years |\n")
	r := newRenderer(t, policyexport.Options{})
	tmpl, err := r.Parse("a.md", src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.RenderResult(tmpl, nil, policyexport.Text)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []policyexport.WarningKind
	for _, w := range res.Warnings {
		kinds = append(kinds, w.Kind)
	}
	if want := []policyexport.WarningKind{policyexport.FrontMatter, policyexport.TableCells}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("warnings %+v, want kinds %v", res.Warnings, want)
	}
}

// TestUnnamedTemplate: a template parsed with an empty name (bytes from
// a database, say) gave messages that began with ":" (":3:1: missing
// value for {x}"); it is UnnamedTemplate in them.
func TestUnnamedTemplate(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	if _, err := r.Parse("", []byte("---\ntitle: [\n---\n# T\n")); err == nil || !strings.HasPrefix(err.Error(), "template:2:") {
		t.Errorf("front matter error: %v", err)
	}
	tmpl, err := r.Parse("", []byte("# T\n\n{x}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if tmpl.Name() != policyexport.UnnamedTemplate {
		t.Errorf("Name() = %q", tmpl.Name())
	}
	if _, err := r.Render(tmpl, nil, policyexport.Text); err == nil || !strings.HasPrefix(err.Error(), "template:3:1: missing value for {x}") {
		t.Errorf("missing value: %v", err)
	}
}

// TestMessagesNameOptions: the library's errors named the command's
// flags, which a program cannot use ("(use --missing-images=alt …)",
// "raise it with --max-pages", "--font FILE.ttf", "--base-url",
// "--pdf-standard ua-1"), and a service logged them to its own users.
// They now name the library's Options fields; the command rewrites
// them into its flags (internal/options.CommandWording).
func TestMessagesNameOptions(t *testing.T) {
	for _, c := range []struct {
		name string
		opts policyexport.Options
		src  string
		vals map[string]string
		want string
	}{
		{"missing image", policyexport.Options{}, "# T\n\n![x](https://x/y.png)\n", nil,
			"(set Options.MissingImagesAlt to write the alt text instead)"},
		{"pages", policyexport.Options{MaxPages: 1}, "# T\n\n" + strings.Repeat("para\n\n", 300), nil,
			"raise it with Options.MaxPages)"},
		{"size", policyexport.Options{MaxBytes: 4000}, "# T\n\n{a} {a}\n", map[string]string{"a": strings.Repeat("x", 3000)},
			"Options.MaxBytes raises it"},
		{"glyph", policyexport.Options{}, "# T\n\n隐\n", nil,
			"add a font that has it to Options.Fonts"},
		{"base", policyexport.Options{BaseURL: "{siteUrl}/legal/"}, "# T\n\n[a](/a)\n", nil,
			`Options.BaseURL "{siteUrl}/legal/": {siteUrl} names no value`},
		{"ua-1", policyexport.Options{PDFStandard: "ua-1"}, "# T\n\n![](logo.png)\n", nil,
			"Options.PDFStandard ua-1: "},
	} {
		r := newRenderer(t, c.opts)
		tmpl, err := r.Parse("t.md", []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		_, err = r.Render(tmpl, c.vals, policyexport.PDF)
		switch {
		case err == nil:
			t.Errorf("%s: no error", c.name)
		case !strings.Contains(err.Error(), c.want):
			t.Errorf("%s: %v\nwant it to say %s", c.name, err, c.want)
		default:
			for _, flag := range []string{"--missing-images", "--max-pages", "--max-size", "--font", "--base-url", "--pdf-standard"} {
				if strings.Contains(err.Error(), flag) {
					t.Errorf("%s: %v\nnames the flag %s", c.name, err, flag)
				}
			}
		}
	}
}

// TestOptionError: New's option errors were untyped strings (`Options.Paper
// "a5": want a4 or letter`), so a program had to parse the message to
// learn which option was wrong. Each is now an *OptionError naming the
// field, its value and the reason, with the message as before.
func TestOptionError(t *testing.T) {
	m, d := 81.0, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		opts          policyexport.Options
		option, value string
		msg           string
	}{
		{policyexport.Options{Paper: "a5"}, "Paper", "a5", `policyexport: Options.Paper "a5": want a4 or letter`},
		{policyexport.Options{MaxBytes: -1}, "MaxBytes", "-1", "policyexport: Options.MaxBytes -1: want 0 (the default) or more"},
		{policyexport.Options{MaxDepth: -1}, "MaxDepth", "-1", ""},
		{policyexport.Options{MaxCost: -1}, "MaxCost", "-1", ""},
		{policyexport.Options{MaxPages: -2}, "MaxPages", "-2", ""},
		{policyexport.Options{Lang: "not a tag"}, "Lang", "not a tag", `policyexport: Options.Lang "not a tag": not a BCP 47 language tag`},
		{policyexport.Options{CSS: "</style>"}, "CSS", "", ""},
		{policyexport.Options{Width: 5}, "Width", "5", "policyexport: Options.Width 5: want at least 20 columns"},
		{policyexport.Options{Margin: &m}, "Margin", "81", "policyexport: Options.Margin 81: want 0 to 80 mm"},
		{policyexport.Options{Date: &d}, "Date", "10000-01-01T00:00:00Z", ""},
		{policyexport.Options{PDFStandard: "a-9"}, "PDFStandard", "a-9", ""},
		{policyexport.Options{PDFStandard: "a-1b", AttachSource: true}, "AttachSource", "true", ""},
		{policyexport.Options{PDFLinks: "side"}, "PDFLinks", "side", `policyexport: Options.PDFLinks "side": want footnote, inline or none`},
		{policyexport.Options{BaseURL: "acme.example"}, "BaseURL", "acme.example", ""},
		{policyexport.Options{Formats: []policyexport.Format{"docx"}}, "Formats", "docx", ""},
		{policyexport.Options{Fonts: [][]byte{[]byte("not a font")}}, "Fonts", "", ""},
		{policyexport.Options{Fonts: [][]byte{[]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x02")}}, "Fonts", "",
			"policyexport: Options.Fonts[0] is a font collection (.ttc) of 2 faces: take one face out with FontFace(data, N), N from 0"},
	} {
		_, err := policyexport.New(c.opts)
		var oe *policyexport.OptionError
		switch {
		case !errors.As(err, &oe):
			t.Errorf("%s: %v (%T), want an *OptionError", c.option, err, err)
		case oe.Option != c.option || oe.Value != c.value || oe.Reason == "" || !strings.Contains(err.Error(), "Options."+c.option):
			t.Errorf("%s: %+v", c.option, *oe)
		case c.msg != "" && err.Error() != c.msg:
			t.Errorf("%s: %q, want %q", c.option, err, c.msg)
		}
	}
}
