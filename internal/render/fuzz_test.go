package render_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
)

// FuzzRender runs arbitrary template bytes and one arbitrary value through
// the whole pipeline: template.Parse, Fill with missing values kept, and
// every backend, PDF included. A parse or fill error is fine (it is a
// refusal) and so is a PDF error (a glyph no font has, or a limit); a
// panic is not, nor is an HTML, text or JSON error for a document that
// parsed and filled, nor an unsafe HTML page (see htmlProblems).
//
// Seeds: the golden inputs and the first 8 KiB of every template of the
// shared corpus. Run longer with
//
//	go test -run '^$' -fuzz '^FuzzRender$' -fuzztime 10m ./internal/render
func FuzzRender(f *testing.F) {
	seeds := []string{"# {title}\n\nBefore {v} after.\n", "---\ntitle: \"{v}\"\nvalues:\n  v: x\n---\n[{v}]({v})\n"}
	for _, p := range []string{"testdata/input/features.md"} {
		if data, err := os.ReadFile(filepath.Join(root, p)); err == nil {
			seeds = append(seeds, string(data))
		}
	}
	base := filepath.Join(root, "..", "shared", "corpus")
	if dir := os.Getenv("POLICYEXPORT_SHARED"); dir != "" {
		base = filepath.Join(dir, "corpus")
	}
	filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				seeds = append(seeds, string(data[:min(len(data), 8<<10)]))
			}
		}
		return nil
	})
	for _, s := range seeds {
		f.Add([]byte(s), "Acme <b>*AI*</b> [x](javascript:y)")
	}
	r, err := render.New(render.Options{}, render.All())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte, v string) {
		tp, err := template.Parse("f.md", src, template.Options{MaxBytes: 64 << 10})
		if err != nil {
			return
		}
		vals := map[string]string{"v": v, "title": v}
		doc, _, err := tp.Fill(vals, template.FillOptions{Missing: template.MissingKeep})
		if err != nil {
			return
		}
		for _, format := range render.All() {
			var buf bytes.Buffer
			err := r.Write(&buf, doc, format)
			switch {
			case err != nil && format == render.PDF:
				if !strings.Contains(err.Error(), "render pdf") {
					t.Errorf("PDF error without context: %v", err)
				}
			case err != nil:
				t.Fatalf("%s: %v", format, err)
			case format == render.HTML:
				if probs := htmlProblems(buf.Bytes(), true); len(probs) > 0 {
					t.Fatalf("unsafe HTML: %v", probs)
				}
			}
		}
	})
}
