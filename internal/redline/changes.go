package redline

import (
	_ "embed" // for the schema
	"encoding/json"
	"io"
	"slices"

	"github.com/policyexport/policyexport/internal/ast"
)

// SchemaVersion is the version of the change list's JSON format.
const SchemaVersion = 1

//go:embed changes.schema.json
var schema []byte

// Schema returns the JSON Schema of the change list that WriteJSON writes.
func Schema() []byte { return slices.Clone(schema) }

// Side names one of the two versions compared, for the change list.
type Side struct {
	// Name is the template's file name ("<stdin>", "main:terms.md").
	Name string
	Doc  *ast.Document
}

// The wire types of the change list, in the order of their keys.
type (
	list struct {
		SchemaVersion int          `json:"schemaVersion"`
		Old           side         `json:"old"`
		New           side         `json:"new"`
		Summary       summary      `json:"summary"`
		Meta          []wireMeta   `json:"meta"`
		Changes       []wireChange `json:"changes"`
	}
	wireMeta struct {
		Field string `json:"field"`
		Old   string `json:"old"`
		New   string `json:"new"`
	}
	side struct {
		Name   string            `json:"name"`
		Title  string            `json:"title"`
		Lang   string            `json:"lang,omitempty"`
		Date   string            `json:"date,omitempty"`
		Values map[string]string `json:"values,omitempty"`
		Words  int               `json:"words"`
	}
	summary struct {
		Changes int `json:"changes"`
		Insert  int `json:"insert"`
		Delete  int `json:"delete"`
		Replace int `json:"replace"`
		Format  int `json:"format"`
		Move    int `json:"move"`
	}
	wireChange struct {
		ID       string   `json:"id"`
		Kind     Kind     `json:"kind"`
		Section  []string `json:"section"`
		Old      string   `json:"old"`
		New      string   `json:"new"`
		Position places   `json:"position"`
		Word     counts   `json:"word"`
		// Destinations is left out when none changed, so that the
		// change lists of version 1 written before it read the same.
		Destinations []wireDestination `json:"destinations,omitempty"`
		// MovedTo and MovedFrom, a move's other end, are left out for
		// every other kind.
		MovedTo   string `json:"movedTo,omitempty"`
		MovedFrom string `json:"movedFrom,omitempty"`
	}
	wireDestination struct {
		Old string `json:"old"`
		New string `json:"new"`
	}
	places struct {
		Old *place `json:"old,omitempty"`
		New *place `json:"new,omitempty"`
	}
	place struct {
		Line int `json:"line"`
		Col  int `json:"col"`
	}
	counts struct {
		Old int `json:"old"`
		New int `json:"new"`
	}
)

// WriteJSON writes the change list of a comparison of old and new: the
// metadata of each side, the counts, the metadata fields that changed,
// and every change with its section, its text on each side, where it is
// in each template, how many words of each version come before it and
// the link and image destinations it changes.
// The schema is Schema.
func WriteJSON(w io.Writer, old, new Side, res *Result, compact bool) error {
	l := list{SchemaVersion: SchemaVersion, Old: sideOf(old), New: sideOf(new), Meta: []wireMeta{}, Changes: []wireChange{}}
	for _, m := range res.Meta {
		l.Meta = append(l.Meta, wireMeta(m))
	}
	changes := res.Changes
	l.Summary.Changes = len(changes)
	for _, c := range changes {
		switch c.Kind {
		case Insert:
			l.Summary.Insert++
		case Delete:
			l.Summary.Delete++
		case Replace:
			l.Summary.Replace++
		case Format:
			l.Summary.Format++
		case Move:
			l.Summary.Move++
		}
		wc := wireChange{ID: c.ID, Kind: c.Kind, Section: c.Section, Old: c.Old, New: c.New,
			Position: places{Old: placeOf(c.OldPos), New: placeOf(c.NewPos)}, Word: counts{Old: c.OldWord, New: c.NewWord},
			MovedTo: c.MovedTo, MovedFrom: c.MovedFrom}
		for _, d := range c.Destinations {
			wc.Destinations = append(wc.Destinations, wireDestination(d))
		}
		if wc.Section == nil {
			wc.Section = []string{}
		}
		l.Changes = append(l.Changes, wc)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if !compact {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(l)
}

func sideOf(s Side) side {
	return side{Name: s.Name, Title: s.Doc.Meta.Title, Lang: s.Doc.Meta.Lang, Date: s.Doc.Meta.Date,
		Values: s.Doc.Values, Words: len(Words(s.Doc))}
}

func placeOf(p ast.Pos) *place {
	if !p.IsValid() {
		return nil
	}
	return &place{Line: p.Line, Col: p.Col}
}
