package pdf

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOnlyFpdfoutImportsFpdf checks the seam of the package documentation:
// no file of this package (layout, pagination, emitting) imports fpdf;
// only the writer stage, fpdfout, does.
func TestOnlyFpdfoutImportsFpdf(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); strings.HasPrefix(p, "codeberg.org/go-pdf/fpdf") {
				t.Errorf("%s imports %s: only internal/pdf/fpdfout may talk to fpdf", name, p)
			}
		}
	}
}
