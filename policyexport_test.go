package policyexport_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/internal/app"
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

// TestSameBytesAsTheCommand checks that the library and "policyexport
// render" write the same bytes for the same template and values, with
// default options and with flags and the Options that mean the same
// (the two map their settings to the backends each; this keeps them
// together).
func TestSameBytesAsTheCommand(t *testing.T) {
	for _, c := range []struct {
		flags []string
		opts  policyexport.Options
	}{
		{nil, policyexport.Options{}},
		{[]string{"--toc", "--paper", "letter", "--margin", "30", "--justify", "--footer", "{page}/{pages}", "--width", "60",
			"--links", "inline", "--crlf", "--compact", "--lang", "de-ch", "--fragment", "--date", "2027-01-02"},
			policyexport.Options{TOC: true, Paper: "letter", Margin: 30, Justify: true, Footer: "{page}/{pages}", Width: 60,
				InlineLinks: true, CRLF: true, Compact: true, Lang: "de-CH", Fragment: true, Date: time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)}},
		{[]string{"--no-footer", "--missing", "keep", "--unsafe-html"}, policyexport.Options{NoFooter: true, KeepMissing: true, UnsafeHTML: true}},
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, "terms.md")
		if err := os.WriteFile(path, []byte(termsSource), 0o644); err != nil {
			t.Fatal(err)
		}
		args := append([]string{"policyexport", "render", "--out", dir, path,
			"--set", "siteName=" + acme["siteName"], "--set", "email=" + acme["email"], "--set", "lastUpdated=" + acme["lastUpdated"]}, c.flags...)
		var stderr strings.Builder
		env := app.Env{Args: args, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }}
		if code := app.Main(context.Background(), env); code != 0 {
			t.Fatalf("policyexport render %v exited with %d: %s", c.flags, code, stderr.String())
		}
		r := newRenderer(t, c.opts)
		tmpl, err := r.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.Render(tmpl, acme)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range policyexport.Formats() {
			want, err := os.ReadFile(filepath.Join(dir, "terms."+f.Ext()))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out[f], want) {
				t.Errorf("%v: %s: the library's bytes differ from the command's", c.flags, f)
			}
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

// TestShapingError: Devanagari is refused in the PDF, with a Devanagari
// font or without, as a *ShapingError naming the script, the character
// and where it is; the HTML and plain text of it render.
func TestShapingError(t *testing.T) {
	r := newRenderer(t, policyexport.Options{})
	tmpl, err := r.Parse("hi.md", []byte("# Policy\n\nनमस्ते {name}.\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Render(tmpl, map[string]string{"name": "x"}, policyexport.PDF)
	var s *policyexport.ShapingError
	if !errors.As(err, &s) {
		t.Fatalf("err = %v, want a *ShapingError", err)
	}
	if s.Rune != 'न' || s.Script != "Devanagari" || s.Pos.Line != 3 || s.Pos.Col != 1 || s.Template != "hi.md" {
		t.Errorf("ShapingError = %+v, want न (Devanagari) at 3:1 of hi.md", s)
	}
	if !strings.HasPrefix(err.Error(), `hi.md:3:1: Devanagari needs shaping, which policyexport does not do yet: "न" (U+0928)`) {
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
		{Lang: "not a tag"}, {Width: 5}, {Margin: 81}, {Paper: "a3"}, {CSS: "</style>"}, {MaxPages: -1},
	} {
		if _, err := policyexport.New(o); err == nil {
			t.Errorf("New(%+v) succeeded", o)
		}
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
	if _, err := policyexport.Schema("nope"); err == nil || !strings.Contains(err.Error(), "manifest, document, index") {
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
		{policyexport.Options{Date: time.Date(2027, 5, 6, 7, 8, 9, 0, time.UTC)}, "D:20270506070809"},
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
	r := newRenderer(t, policyexport.Options{Date: time.Date(2027, 5, 6, 0, 0, 0, 0, time.UTC)})
	tmpl, err := r.Parse("t.md", []byte("---\ndate: soon\n---\n# T\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Render(tmpl, nil, policyexport.PDF); err == nil || !strings.HasPrefix(err.Error(), "t.md:2:7: front matter date") {
		t.Errorf("a front matter date that is no date, with Options.Date: %v", err)
	}
}
