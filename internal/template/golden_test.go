package template

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/testutil/golden"
	"github.com/policyexport/policyexport/internal/values"
)

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
			golden.Check(t, filepath.Join("testdata", "golden", c.name+".dump"), []byte(b.String()))
		})
	}
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
