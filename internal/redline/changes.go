package redline

import (
	"bufio"
	"bytes"
	_ "embed" // for the schema
	"encoding/json"
	"fmt"
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
//
// The changes are encoded one at a time, each into the list's place as
// encoding/json would put it (the same bytes as one Encode of the whole
// list): encoding the whole list at once held the list of wire changes,
// its compact encoding and its indented copy together, 75 MB of change
// list costing some 500 MB at once for two templates of 420,000 short
// paragraphs, most of them changed.
func WriteJSON(w io.Writer, old, new Side, res *Result, compact bool) error {
	l := list{SchemaVersion: SchemaVersion, Old: sideOf(old), New: sideOf(new), Meta: []wireMeta{}, Changes: []wireChange{}}
	for _, m := range res.Meta {
		l.Meta = append(l.Meta, wireMeta(m))
	}
	l.Summary = summaryOf(res.Changes)
	// The list without its changes ends with its empty "changes" array
	// and the closing brace: the changes go between the brackets.
	var head bytes.Buffer
	if err := encodeJSON(&head, l, "", compact); err != nil {
		return err
	}
	empty, end := "[]\n}\n", "\n  ]\n}\n"
	if compact {
		empty, end = "[]}\n", "]}\n"
	}
	h, ok := bytes.CutSuffix(head.Bytes(), []byte(empty))
	if !ok {
		return fmt.Errorf("the change list does not end with its changes: %q", tail(head.Bytes()))
	}
	if len(res.Changes) == 0 {
		_, err := w.Write(head.Bytes())
		return err
	}
	bw := bufio.NewWriter(w)
	bw.Write(h)
	bw.WriteByte('[')
	var buf bytes.Buffer
	enc := newJSONEncoder(&buf, "    ", compact)
	for i, c := range res.Changes {
		if i > 0 {
			bw.WriteByte(',')
		}
		if !compact {
			bw.WriteString("\n    ")
		}
		buf.Reset()
		if err := enc.Encode(wireChangeOf(c)); err != nil {
			return err
		}
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	bw.WriteString(end)
	return bw.Flush()
}

// summaryOf counts changes by kind.
func summaryOf(changes []Change) summary {
	s := summary{Changes: len(changes)}
	for _, c := range changes {
		switch c.Kind {
		case Insert:
			s.Insert++
		case Delete:
			s.Delete++
		case Replace:
			s.Replace++
		case Format:
			s.Format++
		case Move:
			s.Move++
		}
	}
	return s
}

// encodeJSON encodes v as the change list's encoder does, indented (its
// lines after the first starting with prefix) unless compact.
func encodeJSON(w io.Writer, v any, prefix string, compact bool) error {
	return newJSONEncoder(w, prefix, compact).Encode(v)
}

// newJSONEncoder returns the encoder encodeJSON encodes with.
func newJSONEncoder(w io.Writer, prefix string, compact bool) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if !compact {
		enc.SetIndent(prefix, "  ")
	}
	return enc
}

// tail is the end of b, for an error message.
func tail(b []byte) []byte { return b[max(0, len(b)-40):] }

// wireChangeOf is c as the change list has it.
func wireChangeOf(c Change) wireChange {
	wc := wireChange{ID: c.ID, Kind: c.Kind, Section: c.Section, Old: c.Old, New: c.New,
		Position: places{Old: placeOf(c.OldPos), New: placeOf(c.NewPos)}, Word: counts{Old: c.OldWord, New: c.NewWord},
		MovedTo: c.MovedTo, MovedFrom: c.MovedFrom}
	for _, d := range c.Destinations {
		wc.Destinations = append(wc.Destinations, wireDestination(d))
	}
	if wc.Section == nil {
		wc.Section = []string{}
	}
	return wc
}

func sideOf(s Side) side {
	return side{Name: s.Name, Title: s.Doc.Meta.Title, Lang: s.Doc.Meta.Lang, Date: s.Doc.Meta.Date,
		Values: s.Doc.Values, Words: wordCount(s.Doc)}
}

func placeOf(p ast.Pos) *place {
	if !p.IsValid() {
		return nil
	}
	return &place{Line: p.Line, Col: p.Col}
}
