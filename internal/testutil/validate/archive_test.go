package validate_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// seed is the committed rendering of the default template with the seed
// values, as today's writer makes it.
const seed = "../../pdf/testdata/seed.pdf"

// TestPDFCPUStrictSeed pins what "pdfcpu validate -m strict" says of
// today's seed: fpdf writes /Count 0 on outline items that have children,
// where ISO 32000-1, 12.3.3 wants a non-zero count. When the writer is
// fixed this test fails: make it require no findings.
func TestPDFCPUStrictSeed(t *testing.T) {
	findings := validate.PDFCPUStrict(t, seed)
	t.Logf("pdfcpu strict: %q", findings)
	if len(findings) != 1 || !strings.Contains(findings[0], "Count must be nonzero") {
		t.Errorf("pdfcpu strict findings = %q, want the outline Count finding", findings)
	}
}

// TestPreflightSeedIsNotPDFA1b: today's seed is not PDF/A-1b, and
// Preflight says why: no XMP metadata (7.1), DeviceGray without an output
// intent (2.4.3), outline items without Count (1.4.9), an EmbeddedFiles
// name tree (1.4.7). When --pdf-standard a-1b lands, a test of its output
// requires Valid.
func TestPreflightSeedIsNotPDFA1b(t *testing.T) {
	v := validate.PreflightA1b(t, seed)
	if v.Valid {
		t.Fatal("Preflight says today's seed is a valid PDF/A-1b file")
	}
	var codes []string
	for _, e := range v.Errors {
		code, _, _ := strings.Cut(e, " ")
		if !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	t.Logf("Preflight error codes: %v (%d errors)", codes, len(v.Errors))
	for _, want := range []string{"1.4.7", "1.4.9", "2.4.3", "7.1"} {
		if !slices.Contains(codes, want) {
			t.Errorf("Preflight did not report %s; errors: %q", want, v.Errors[:min(len(v.Errors), 10)])
		}
	}
}
