package redline

import (
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
)

// MetaChange is a change of the document's metadata (front matter, or a
// manifest's locale): text the reader may not see, but every output
// carries.
type MetaChange struct {
	// Field is the metadata key: "title", "lang", "description",
	// "author", "subject", "keywords" or "date".
	Field    string
	Old, New string
}

// compareMeta lists the metadata fields that differ, in a fixed order.
func compareMeta(old, new ast.Meta) []MetaChange {
	var out []MetaChange
	for _, f := range []struct {
		name     string
		old, new string
	}{
		{"title", old.Title, new.Title},
		{"lang", old.Lang, new.Lang},
		{"description", old.Description, new.Description},
		{"author", old.Author, new.Author},
		{"subject", old.Subject, new.Subject},
		{"keywords", strings.Join(old.Keywords, ", "), strings.Join(new.Keywords, ", ")},
		{"date", old.Date, new.Date},
	} {
		if f.old != f.new {
			out = append(out, MetaChange{Field: f.name, Old: f.old, New: f.new})
		}
	}
	return out
}
