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

// seedPath is the embedded privacy policy, the seed template.
const seedPath = "../defaulttemplate/privacy-policy.md"

// corpusDir is the repository's test corpus of real legal documents.
const corpusDir = "../../testdata/corpus"

// goldenCases are templates whose filled documents are pinned as dumps in
// testdata/golden/<name>.dump; a corpus document's name is its path in
// the corpus, as in the repository's testdata/golden.
var goldenCases = []goldenCase{
	{name: "features", path: "testdata/features.md", values: "testdata/features.values.yaml"},
	{name: "features.commonmark", path: "testdata/features.md", profile: ProfileCommonMark},
	{name: "seed", path: seedPath, values: "testdata/seed.values.yaml"},
	corpusCase("site-policy/github-subprocessors"),
	corpusCase("site-policy/github-sponsors-additional-terms"),
	corpusCase("contributor_covenant/code_of_conduct.de"),
	corpusCase("contributor_covenant/code_of_conduct.ar"),
	corpusCase("opengov-site-policy/privacy-policy"),
}

// goldenCase is a template, its values file (if any) and its profile,
// pinned under name.
type goldenCase struct {
	name, path, values string
	profile            Profile
}

// corpusCase is the golden case of the corpus document at rel (without
// ".md"), filled with no values.
func corpusCase(rel string) goldenCase {
	return goldenCase{name: "corpus/" + rel, path: corpusDir + "/" + rel + ".md"}
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
