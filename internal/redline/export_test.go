package redline

import "github.com/policyexport/policyexport/internal/ast"

// CompareWork compares old and new as Compare does and returns the work
// of its alignments (comparer.work).
func CompareWork(old, new *ast.Document) (int, error) {
	c := &comparer{}
	_, err := compare(old, new, c)
	return c.work, err
}
