package jsondoc

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaText is document.schema.json. A string, so that nothing can
// change it.
//
//go:embed document.schema.json
var schemaText string

// schemaID is the "$id" of document.schema.json.
const schemaID = "urn:policyexport:document:1"

// Schema returns the JSON Schema (draft 2020-12) of the format, as a new
// copy of document.schema.json that the caller may keep or change.
func Schema() []byte { return []byte(schemaText) }

// compiledSchema compiles the embedded schema once. The result is never
// changed after that, so it is safe to share.
var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(schemaText)))
	if err != nil {
		return nil, fmt.Errorf("parsing document.schema.json: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaID, doc); err != nil {
		return nil, fmt.Errorf("loading document.schema.json: %w", err)
	}
	s, err := c.Compile(schemaID)
	if err != nil {
		return nil, fmt.Errorf("compiling document.schema.json: %w", err)
	}
	return s, nil
})

// ValidateSchema reports whether data is one JSON document that is valid
// against the embedded schema. The error lists what is wrong and where.
//
// The schema cannot say everything Decode checks (that a table's rows are
// as long as its alignments, that object keys are unique), so a document
// may pass ValidateSchema and still be refused by Decode; the reverse
// never happens.
func ValidateSchema(data []byte) error {
	s, err := compiledSchema()
	if err != nil {
		return fmt.Errorf("jsondoc: schema: %w", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("jsondoc: validate: not JSON: %w", err)
	}
	if err := s.Validate(inst); err != nil {
		return fmt.Errorf("jsondoc: validate: %w", err)
	}
	return nil
}
