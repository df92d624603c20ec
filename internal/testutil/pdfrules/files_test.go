package pdfrules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/testutil/pdfrules"
)

// FilesEnv names PDF files, separated by spaces, for TestFiles.
const FilesEnv = "PDFRULES_FILES"

// TestFiles reports, for each file named in $PDFRULES_FILES and each
// profile, the rules the checker finds violated: a report, not a check
// (it fails only on a file it cannot read). bench/peers-pdfa.sh runs it on
// other tools' PDFs:
//
//	PDFRULES_FILES="a.pdf b.pdf" go test -run TestFiles -v ./internal/testutil/pdfrules/
//
// Each line reads "pdfrules: FILE PROFILE: N violation(s) [ids]", then one
// line per violation.
func TestFiles(t *testing.T) {
	files := strings.Fields(os.Getenv(FilesEnv))
	if len(files) == 0 {
		t.Skip(FilesEnv + " is not set")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pdfrules.Profiles() {
			vs := pdfrules.Check(data, p)
			t.Logf("pdfrules: %s %s: %d violation(s) %v", file, p, len(vs), pdfrules.RuleIDs(vs))
			for _, v := range vs {
				t.Logf("pdfrules:   %s", v)
			}
		}
	}
}
