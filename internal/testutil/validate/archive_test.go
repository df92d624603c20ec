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

// TestPDFCPUStrictSeed: "pdfcpu validate -m strict" finds nothing in the
// committed seed. fpdf writes /Count 0 on outline items that have
// children, where ISO 32000-1, 12.3.3 wants a non-zero count; the
// finishing stage (fpdfout's strict pass) sets the counts of every file.
// internal/render's TestPDFCPUStrict holds every variant to the same.
func TestPDFCPUStrictSeed(t *testing.T) {
	if findings := validate.PDFCPUStrict(t, seed); len(findings) > 0 {
		t.Errorf("pdfcpu strict findings = %q, want none", findings)
	}
}

// TestPreflightSeedIsNotPDFA1b: today's seed is not PDF/A-1b, and
// Preflight says why: no XMP metadata (7.1), DeviceGray without an output
// intent (2.4.3), an EmbeddedFiles name tree (1.4.7). (Outline items
// without Count, 1.4.9, are fixed in every file.) When --pdf-standard
// a-1b lands, a test of its output requires Valid.
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
	for _, want := range []string{"1.4.7", "2.4.3", "7.1"} {
		if !slices.Contains(codes, want) {
			t.Errorf("Preflight did not report %s; errors: %q", want, v.Errors[:min(len(v.Errors), 10)])
		}
	}
}
