package linebreak

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// lineBreakAPI are uniseg's functions and constants that tell where a
// line may break.
var lineBreakAPI = map[string]bool{
	"Step": true, "StepString": true, "FirstLineSegment": true, "FirstLineSegmentInString": true,
	"HasTrailingLineBreak": true, "HasTrailingLineBreakInString": true,
	"LineDontBreak": true, "LineCanBreak": true, "LineMustBreak": true, "MaskLine": true, "ShiftLine": true,
}

// TestOneRule checks that this package is the one definition of where a
// line breaks: no other product code of the module asks uniseg for line
// breaks or imports a line segmenter (go-text/typesetting's segmenter),
// and both backends that wrap text, the plain text and the PDF, break
// with this package's Scanner.
func TestOneRule(t *testing.T) {
	root := filepath.Join("..", "..")
	users := map[string]bool{} // directories that use Scanner
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		if dir == "." || strings.HasSuffix(dir, "internal/linebreak") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		names := map[string]string{} // local name → import path
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(p, "github.com/go-text/typesetting/segmenter") {
				t.Errorf("%s imports %s: line breaking is internal/linebreak's", path, p)
			}
			name := p[strings.LastIndexByte(p, '/')+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			names[name] = p
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			switch names[x.Name] {
			case "github.com/rivo/uniseg":
				if lineBreakAPI[sel.Sel.Name] {
					t.Errorf("%s: uniseg.%s: line breaks are internal/linebreak's (use its Scanner)", fset.Position(sel.Pos()), sel.Sel.Name)
				}
			case "github.com/policyexport/policyexport/internal/linebreak":
				if sel.Sel.Name == "Scanner" {
					users[dir] = true
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../../internal/txt", "../../internal/pdf"} {
		if !users[filepath.ToSlash(filepath.Clean(dir))] {
			t.Errorf("%s does not break lines with linebreak.Scanner", dir)
		}
	}
}
