package batch

import (
	_ "embed" // manifest.schema.json
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/yamlschema"
)

// Schema is the JSON Schema (draft 2020-12) every YAML or JSON manifest
// is checked against: the published contract ('policyexport schema
// manifest') and the rules Load checks, from the same bytes.
//
//go:embed manifest.schema.json
var Schema []byte

// maxSchemaErrors is how many schema violations a manifest's error lists.
const maxSchemaErrors = 20

// compiledSchema compiles Schema once per process, when a manifest is
// first loaded; the result is read-only and safe for concurrent use.
var compiledSchema = sync.OnceValues(func() (*yamlschema.Schema, error) {
	s, err := yamlschema.Compile(Schema)
	if err != nil {
		return nil, fmt.Errorf("manifest schema: %w", err)
	}
	return s, nil
})

// checkSchema checks a manifest's tree against Schema and turns every
// violation into an Error at its place in the manifest, at most
// maxSchemaErrors of them, in manifest order.
func checkSchema(file string, root *yaml.Node) error {
	s, err := compiledSchema()
	if err != nil {
		return err
	}
	found := s.Check(root, maxSchemaErrors)
	if len(found) == 0 {
		return nil
	}
	list := make(ErrorList, len(found))
	for i, v := range found {
		where := v.Pointer
		if where == "" {
			where = "manifest"
		}
		msg := v.Msg
		if v.Keyword == "additionalProperties" {
			if m := template.Suggest(v.Key, v.Allowed); m != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", m)
			} else {
				msg += " (the keys allowed here are in 'policyexport schema manifest')"
			}
		}
		switch {
		case v.Keyword == "pattern" && strings.HasSuffix(v.Pointer, "/locale"):
			msg += localeFix(v.Value)
		case v.Keyword == "type" && strings.HasSuffix(v.Pointer, "/formats"):
			msg += formatsFix(v.Value)
		}
		list[i] = &Error{File: file, Pos: v.Pos, Msg: where + ": " + msg}
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].Pos, list[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return list
}

// localeFix is the fix for a locale that is not a language tag, when
// one is near: a POSIX locale's "de_DE" (as --lang and a front matter's
// lang take it) is the tag "de-DE", "" when none is near.
func localeFix(s string) string {
	if t := strings.ReplaceAll(s, "_", "-"); t != s && validLocale(t) {
		return fmt.Sprintf(" (write %q: a language tag joins its parts with -)", t)
	}
	return ""
}

// formatsFix is the fix for formats written as one string ("formats:
// pdf, html", as the CSV column and -f take them): the list it means,
// "" when the value names something else.
func formatsFix(s string) string {
	fs := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	if len(fs) == 0 || slices.ContainsFunc(fs, func(f string) bool { return !knownFormat(f) }) {
		return ""
	}
	return fmt.Sprintf(" (write a list: [%s])", strings.Join(fs, ", "))
}
