// Package jsondoctest reads policyexport's JSON documents back, for tests:
// it validates them against document.schema.json, the definition of the
// format, and decodes them into the model through jsondoc's own struct
// types. It is test support only: no product code imports it.
package jsondoctest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/jsondoc"
)

// SchemaID is the "$id" of document.schema.json.
const SchemaID = "https://github.com/policyexport/policyexport/schema/document-1.schema.json"

// SchemaPath returns the path of internal/jsondoc/document.schema.json,
// found from this package's source, so that the tests of any package can
// read it.
func SchemaPath() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", errors.New("jsondoctest: cannot locate document.schema.json: no caller information")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "jsondoc", "document.schema.json"), nil
}

// compiledSchema compiles document.schema.json once; the result is never
// changed after that, so it is safe to share.
var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	path, err := SchemaPath()
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("jsondoctest: %w", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("jsondoctest: parsing %s: %w", path, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		return nil, fmt.Errorf("jsondoctest: loading %s: %w", path, err)
	}
	s, err := c.Compile(SchemaID)
	if err != nil {
		return nil, fmt.Errorf("jsondoctest: compiling %s: %w", path, err)
	}
	return s, nil
})

// ValidateSchema reports whether data is one JSON document that is valid
// against document.schema.json. The error lists what is wrong and where.
//
// The schema cannot say everything Decode checks (that a table's rows are
// as long as its alignments, that a number is an integer as written), so
// a document may pass ValidateSchema and still be refused by Decode; the
// reverse never happens.
func ValidateSchema(data []byte) error {
	s, err := compiledSchema()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("jsondoctest: validate: not JSON: %w", err)
	}
	if err := s.Validate(inst); err != nil {
		return fmt.Errorf("jsondoctest: validate: %w", err)
	}
	return nil
}

// Decode reads one JSON document as jsondoc.Render writes it and returns
// its model: positions are zero, and empty lists and maps are nil.
//
// It is strict. It refuses a schemaVersion other than
// jsondoc.SchemaVersion (checked before anything else), then anything
// that is not valid against the schema, then what the schema cannot
// express: an unknown field (also in another letter case), a number not
// written as an integer, a table row whose length differs from its
// alignments, and data after the document.
func Decode(r io.Reader) (*ast.Document, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("jsondoctest: decode: reading: %w", err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("jsondoctest: decode: not a JSON object but %s", te.Value)
		}
		return nil, fmt.Errorf("jsondoctest: decode: %w", err)
	}
	version, ok := top["schemaVersion"]
	if !ok {
		return nil, errors.New("jsondoctest: decode: the document has no schemaVersion")
	}
	if v := string(version); v != strconv.Itoa(jsondoc.SchemaVersion) {
		return nil, fmt.Errorf("jsondoctest: decode: schemaVersion %s is not supported; this reader knows version %d", v, jsondoc.SchemaVersion)
	}
	if err := ValidateSchema(data); err != nil {
		return nil, err
	}
	var d jsondoc.Document[json.RawMessage]
	if err := strict(data, &d); err != nil {
		return nil, fmt.Errorf("jsondoctest: decode: %w", err)
	}
	doc := &ast.Document{Meta: ast.Meta(d.Meta)}
	if len(doc.Meta.Keywords) == 0 {
		doc.Meta.Keywords = nil
	}
	if len(d.Values) > 0 {
		doc.Values = d.Values
	}
	if doc.Blocks, err = blocks(d.Blocks, "/blocks"); err != nil {
		return nil, fmt.Errorf("jsondoctest: decode: %w", err)
	}
	return doc, nil
}

// strict decodes exactly one JSON value from data into v, refusing
// unknown fields.
func strict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("data after the value at byte offset %d", dec.InputOffset())
	}
	return nil
}

// node decodes the node raw at place (a JSON Pointer) into the struct w,
// the struct of its "type".
func node(raw json.RawMessage, place string, w any) error {
	if err := strict(raw, w); err != nil {
		return fmt.Errorf("%s: %w", place, err)
	}
	return nil
}

// nodeType returns the "type" of the node raw.
func nodeType(raw json.RawMessage, place string) (string, error) {
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return "", fmt.Errorf("%s: %w", place, err)
	}
	return head.Type, nil
}

// blocks decodes the blocks at place; none is nil.
func blocks(raws []json.RawMessage, place string) ([]ast.Block, error) {
	var out []ast.Block
	for i, raw := range raws {
		b, err := block(raw, place+"/"+strconv.Itoa(i))
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// inlines decodes the inlines at place; none is nil.
func inlines(raws []json.RawMessage, place string) ([]ast.Inline, error) {
	var out []ast.Inline
	for i, raw := range raws {
		in, err := inline(raw, place+"/"+strconv.Itoa(i))
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// block decodes the block at place.
func block(raw json.RawMessage, place string) (ast.Block, error) {
	typ, err := nodeType(raw, place)
	if err != nil {
		return nil, err
	}
	switch typ {
	case "heading":
		var w jsondoc.Heading[json.RawMessage]
		if err := node(raw, place, &w); err != nil {
			return nil, err
		}
		ins, err := inlines(w.Inlines, place+"/inlines")
		return &ast.Heading{Level: w.Level, ID: w.ID, TitleBlock: w.TitleBlock, Inlines: ins}, err
	case "paragraph":
		var w jsondoc.Paragraph[json.RawMessage]
		if err := node(raw, place, &w); err != nil {
			return nil, err
		}
		ins, err := inlines(w.Inlines, place+"/inlines")
		return &ast.Paragraph{Inlines: ins}, err
	case "list":
		var w jsondoc.List[json.RawMessage]
		if err := node(raw, place, &w); err != nil {
			return nil, err
		}
		n := &ast.List{Ordered: w.Ordered, Tight: w.Tight}
		if w.Start != nil {
			n.Start = *w.Start
		}
		if w.Marker != "" {
			n.Marker = w.Marker[0]
		}
		for i, it := range w.Items {
			item := &ast.ListItem{}
			switch it.Task {
			case "open":
				item.Task = ast.TaskOpen
			case "done":
				item.Task = ast.TaskDone
			}
			if item.Blocks, err = blocks(it.Blocks, place+"/items/"+strconv.Itoa(i)+"/blocks"); err != nil {
				return nil, err
			}
			n.Items = append(n.Items, item)
		}
		return n, nil
	case "blockQuote":
		var w jsondoc.BlockQuote[json.RawMessage]
		if err := node(raw, place, &w); err != nil {
			return nil, err
		}
		bs, err := blocks(w.Blocks, place+"/blocks")
		return &ast.BlockQuote{Blocks: bs}, err
	case "codeBlock":
		var w jsondoc.CodeBlock
		err := node(raw, place, &w)
		kind := map[string]ast.ChangeKind{"": 0, "insert": ast.Inserted, "delete": ast.Deleted}
		change, ok := kind[w.Change]
		if err == nil && !ok {
			err = fmt.Errorf("%s: unknown change kind %q", place, w.Change)
		}
		return &ast.CodeBlock{Language: w.Language, Text: w.Text, Change: change, ChangeID: w.ID}, err
	case "thematicBreak":
		var w jsondoc.ThematicBreak
		return &ast.ThematicBreak{}, node(raw, place, &w)
	case "table":
		var w jsondoc.Table[json.RawMessage]
		if err := node(raw, place, &w); err != nil {
			return nil, err
		}
		return table(w, place)
	case "htmlBlock":
		var w jsondoc.HTMLBlock
		err := node(raw, place, &w)
		return &ast.HTMLBlock{Text: w.Text}, err
	case "footnoteDefinition":
		var w jsondoc.FootnoteDefinition[json.RawMessage]
		if err := node(raw, place, &w); err != nil {
			return nil, err
		}
		bs, err := blocks(w.Blocks, place+"/blocks")
		return &ast.FootnoteDefinition{Index: w.Index, Label: w.Label, Blocks: bs}, err
	}
	return nil, fmt.Errorf("%s: %q is not a block", place, typ)
}

// alignments are the ast alignments by JSON name.
var alignments = map[string]ast.Alignment{"none": ast.AlignNone, "left": ast.AlignLeft, "center": ast.AlignCenter, "right": ast.AlignRight}

// table decodes the table w at place.
func table(w jsondoc.Table[json.RawMessage], place string) (*ast.Table, error) {
	n := &ast.Table{}
	for _, a := range w.Align {
		n.Align = append(n.Align, alignments[a])
	}
	var err error
	if n.Header, err = row(w.Header, len(n.Align), place+"/header"); err != nil {
		return nil, err
	}
	for i, r := range w.Rows {
		cells, err := row(r, len(n.Align), place+"/rows/"+strconv.Itoa(i))
		if err != nil {
			return nil, err
		}
		n.Rows = append(n.Rows, cells)
	}
	return n, nil
}

// row decodes a table row at place, which must have the given length.
func row(cells []jsondoc.Cell[json.RawMessage], columns int, place string) ([]*ast.TableCell, error) {
	if len(cells) != columns {
		return nil, fmt.Errorf("%s: %d cells in a table of %d columns", place, len(cells), columns)
	}
	var out []*ast.TableCell
	for i, c := range cells {
		ins, err := inlines(c.Inlines, place+"/"+strconv.Itoa(i)+"/inlines")
		if err != nil {
			return nil, err
		}
		out = append(out, &ast.TableCell{Inlines: ins})
	}
	return out, nil
}

// inline decodes the inline at place.
func inline(raw json.RawMessage, place string) (ast.Inline, error) {
	typ, err := nodeType(raw, place)
	if err != nil {
		return nil, err
	}
	// container decodes an inline that holds inlines.
	container := func(w any, children *[]json.RawMessage) ([]ast.Inline, error) {
		if err := node(raw, place, w); err != nil {
			return nil, err
		}
		return inlines(*children, place+"/inlines")
	}
	switch typ {
	case "text":
		var w jsondoc.Text
		err := node(raw, place, &w)
		return &ast.Text{Text: w.Text, Isolate: w.Isolate}, err
	case "emphasis":
		var w jsondoc.Emphasis[json.RawMessage]
		ins, err := container(&w, &w.Inlines)
		return &ast.Emphasis{Inlines: ins}, err
	case "strong":
		var w jsondoc.Strong[json.RawMessage]
		ins, err := container(&w, &w.Inlines)
		return &ast.Strong{Inlines: ins}, err
	case "strikethrough":
		var w jsondoc.Strikethrough[json.RawMessage]
		ins, err := container(&w, &w.Inlines)
		return &ast.Strikethrough{Inlines: ins}, err
	case "change":
		var w jsondoc.Change[json.RawMessage]
		ins, err := container(&w, &w.Inlines)
		kind := map[string]ast.ChangeKind{"insert": ast.Inserted, "delete": ast.Deleted, "format": ast.Reformatted}[w.Kind]
		if err == nil && kind == 0 {
			err = fmt.Errorf("%s: unknown change kind %q", place, w.Kind)
		}
		return &ast.Change{Kind: kind, ID: w.ID, Inlines: ins}, err
	case "code":
		var w jsondoc.Code
		err := node(raw, place, &w)
		return &ast.Code{Text: w.Text}, err
	case "link":
		var w jsondoc.Link[json.RawMessage]
		ins, err := container(&w, &w.Inlines)
		return &ast.Link{Destination: w.Destination, Title: w.Title, Inlines: ins}, err
	case "image":
		var w jsondoc.Image
		err := node(raw, place, &w)
		return &ast.Image{Destination: w.Destination, Title: w.Title, Alt: w.Alt}, err
	case "softBreak":
		var w jsondoc.SoftBreak
		return &ast.SoftBreak{}, node(raw, place, &w)
	case "hardBreak":
		var w jsondoc.HardBreak
		return &ast.HardBreak{}, node(raw, place, &w)
	case "rawHtml":
		var w jsondoc.RawHTML
		err := node(raw, place, &w)
		return &ast.RawHTML{Text: w.Text}, err
	case "footnoteRef":
		var w jsondoc.FootnoteRef
		err := node(raw, place, &w)
		return &ast.FootnoteRef{Index: w.Index, Label: w.Label}, err
	}
	return nil, fmt.Errorf("%s: %q is not an inline", place, typ)
}
