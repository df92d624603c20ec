package policyexport

import (
	"fmt"
	"strings"

	"github.com/policyexport/policyexport/internal/batch"
	"github.com/policyexport/policyexport/internal/jsondoc"
	"github.com/policyexport/policyexport/internal/redline"
)

// schemaInfo is one JSON Schema the binary checks against.
type schemaInfo struct {
	name  string
	about string
	bytes func() []byte
}

// schemaTable lists the schemas by the name Schema takes, in the order
// SchemaNames lists them.
func schemaTable() []schemaInfo {
	return []schemaInfo{
		{"manifest", "a batch manifest (YAML or JSON)", batch.ManifestSchema},
		{"document", "the JSON output format", jsondoc.Schema},
		{"index", "a batch's index.json", batch.IndexSchema},
		{"diff", "a diff's JSON change list (Diff, diff -f json)", redline.Schema},
	}
}

// SchemaNames returns the names Schema knows: manifest, document, index,
// diff.
func SchemaNames() []string {
	names := make([]string, 0, len(schemaTable()))
	for _, s := range schemaTable() {
		names = append(names, s.name)
	}
	return names
}

// SchemaAbout returns what the schema called name describes ("a batch
// manifest (YAML or JSON)"), or "" for an unknown name.
func SchemaAbout(name string) string {
	for _, s := range schemaTable() {
		if s.name == name {
			return s.about
		}
	}
	return ""
}

// Schema returns the JSON Schema (draft 2020-12) called name, exactly as
// the binary checks against it: "manifest" for batch manifests,
// "document" for the JSON output, "index" for a batch's index.json,
// "diff" for the change list of a comparison (DiffResult's JSON). An
// unknown name is an error that lists the known ones.
func Schema(name string) ([]byte, error) {
	for _, s := range schemaTable() {
		if s.name == name {
			return s.bytes(), nil
		}
	}
	return nil, fmt.Errorf("no schema %q (known: %s)", name, strings.Join(SchemaNames(), ", "))
}
