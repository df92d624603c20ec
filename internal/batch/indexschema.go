package batch

import (
	"bytes"
	_ "embed" // index.schema.json
)

//go:embed index.schema.json
var indexSchema []byte

// IndexSchema returns index.schema.json, the JSON Schema (draft 2020-12)
// of the index files Run and MergeIndexes write ("policyexport schema
// index" prints it). The caller may keep or change the copy.
func IndexSchema() []byte { return bytes.Clone(indexSchema) }

// ManifestSchema returns a copy of Schema, the manifest's JSON Schema.
func ManifestSchema() []byte { return bytes.Clone(Schema) }
