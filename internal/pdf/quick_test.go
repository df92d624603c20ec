package pdf_test

import (
	"os"
	"testing"

	"github.com/policyexport/policyexport/internal/pdf"
)

func TestQuick(t *testing.T) {
	r, err := pdf.New(pdf.Options{TOC: true})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create("/tmp/rich.pdf")
	defer f.Close()
	if err := r.Render(f, richDocument()); err != nil {
		t.Fatal(err)
	}
}
