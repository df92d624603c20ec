package jsondoc

import (
	"bytes"
	"os"
	"testing"
)

func TestSchemaIsTheFile(t *testing.T) {
	want, err := os.ReadFile("document.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := Schema(); !bytes.Equal(got, want) {
		t.Fatal("Schema() differs from document.schema.json")
	}
	Schema()[0] = 'x'
	if Schema()[0] != want[0] {
		t.Fatal("Schema() shares its bytes with the caller")
	}
}
