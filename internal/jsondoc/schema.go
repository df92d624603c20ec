package jsondoc

import (
	"bytes"
	_ "embed" // document.schema.json
)

//go:embed document.schema.json
var schema []byte

// Schema returns document.schema.json, the JSON Schema (draft 2020-12) of
// what Render writes, as the binary carries it ("policyexport schema
// document" prints it). The caller may keep or change the copy.
func Schema() []byte { return bytes.Clone(schema) }
