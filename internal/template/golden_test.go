package template

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/values"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenCases are templates whose filled documents are pinned as dumps.
var goldenCases = []struct {
	name, path, values string
	profile            Profile
}{
	{name: "features", path: "testdata/features.md", values: "testdata/features.values.yaml"},
	{name: "features-commonmark", path: "testdata/features.md", profile: ProfileCommonMark},
	{name: "seed", path: "testdata/seed-privacy-policy.md", values: "testdata/seed.values.yaml"},
	{name: "site-policy-subprocessors", path: "testdata/corpus/site-policy/github-subprocessors.md"},
	{name: "site-policy-sponsors", path: "testdata/corpus/site-policy/github-sponsors-additional-terms.md"},
	{name: "covenant-de", path: "testdata/corpus/contributor_covenant/code_of_conduct.de.md"},
	{name: "covenant-ar", path: "testdata/corpus/contributor_covenant/code_of_conduct.ar.md"},
	{name: "opengov-privacy", path: "testdata/corpus/opengov-site-policy/privacy-policy.md"},
}

// TestGolden parses and fills each case and compares a dump of the
// document, its placeholders and its report with testdata/golden.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			src, err := os.ReadFile(c.path)
			if err != nil {
				t.Fatal(err)
			}
			var vals map[string]string
			if c.values != "" {
				data, err := os.ReadFile(c.values)
				if err != nil {
					t.Fatal(err)
				}
				if vals, err = values.Parse(c.values, data); err != nil {
					t.Fatal(err)
				}
			}
			tp, err := Parse(filepath.Base(c.path), src, Options{Profile: c.profile})
			if err != nil {
				t.Fatal(err)
			}
			doc, rep, err := tp.Fill(vals, FillOptions{Missing: MissingKeep})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			fmt.Fprintf(&b, "Placeholders %v\nUnused %q\n", tp.Placeholders(), rep.Unused)
			b.WriteString(dump(doc))
			compareGolden(t, filepath.Join("testdata", "golden", c.name+".dump"), b.String())
		})
	}
}

// compareGolden compares got with the golden file, or rewrites it with
// -update. A difference is reported at its first line.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got == string(want) {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s: line %d differs (go test -update rewrites it):\n got: %s\nwant: %s", path, i+1, g, w)
		}
	}
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
