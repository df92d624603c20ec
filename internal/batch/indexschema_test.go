package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// validateIndex checks an index file against index.schema.json.
func validateIndex(t *testing.T, name string, data []byte) {
	t.Helper()
	s := compileOracle(t, IndexSchema())
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("%s does not follow index.schema.json: %v\n%s", name, err, data)
	}
}

// TestIndexFilesFollowTheSchema writes a whole index, two shard indexes
// (a failed document (--strict), locales and metadata) and their merge, and
// checks each against index.schema.json.
func TestIndexFilesFollowTheSchema(t *testing.T) {
	manifest := `defaults:
  formats: [txt, json]
  values: {siteName: S, email: e@x.example, lastUpdated: "2026-11-28"}
documents:
  - name: a
    locale: de-CH
    metadata: {brand: A}
  - name: b
  - name: c
    values: {unusedValue: x}
`
	out := t.TempDir()
	res, err := Run(context.Background(), mustPlan(t, manifest, PlanOptions{}), Options{Out: out, Jobs: 1, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failures) != 1 {
		t.Fatalf("failures %v, want c", res.Failures)
	}
	data, err := os.ReadFile(filepath.Join(out, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"failed"`, `"locale"`, `"metadata"`} {
		if !bytes.Contains(data, []byte(key)) {
			t.Errorf("index.json has no %s key to check", key)
		}
	}
	validateIndex(t, "index.json", data)

	var shards []*Index
	for k := 1; k <= 2; k++ {
		shard := Shard{Index: k, Total: 2}
		dir := t.TempDir()
		if _, err := Run(context.Background(), mustPlan(t, manifest, PlanOptions{Shard: shard}), Options{Out: dir, Jobs: 1}); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, shard.IndexName()))
		if err != nil {
			t.Fatal(err)
		}
		validateIndex(t, shard.IndexName(), data)
		x, err := DecodeIndex(shard.IndexName(), data)
		if err != nil {
			t.Fatal(err)
		}
		shards = append(shards, x)
	}
	merged, err := MergeIndexes([]string{"1", "2"}, shards)
	if err != nil {
		t.Fatal(err)
	}
	data, err = merged.Encode()
	if err != nil {
		t.Fatal(err)
	}
	validateIndex(t, "merged index", data)
}
