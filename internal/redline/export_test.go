package redline

import (
	"io"

	"github.com/policyexport/policyexport/internal/ast"
)

// CompareWork compares old and new as Compare does and returns the work
// of its alignments (comparer.work).
func CompareWork(old, new *ast.Document) (int, error) {
	c := &comparer{}
	_, err := compare(old, new, c)
	return c.work, err
}

// WriteJSONWhole writes the change list as WriteJSON does, but as one
// encoding of the whole list, as WriteJSON did before it encoded the
// changes one at a time: the tests check that both write the same bytes.
func WriteJSONWhole(w io.Writer, old, new Side, res *Result, compact bool) error {
	l := list{SchemaVersion: SchemaVersion, Old: sideOf(old), New: sideOf(new), Meta: []wireMeta{}, Changes: []wireChange{}}
	for _, m := range res.Meta {
		l.Meta = append(l.Meta, wireMeta(m))
	}
	l.Summary = summaryOf(res.Changes)
	for _, c := range res.Changes {
		l.Changes = append(l.Changes, wireChangeOf(c))
	}
	return encodeJSON(w, l, "", compact)
}

// TextWords returns the words of s as Words counts them.
func TextWords(s string) []string { return textWords(s, nil) }
