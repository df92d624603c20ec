package fpdfout

import (
	"bytes"
	"testing"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

// TestEightBitDefinitionsAreGenerated checks that cp1252fonts.json is
// what go generate writes today: fpdf.MakeFont run on the built-in body
// and code faces gives the same bytes, and every one of those faces is
// found in it, so that NewWriter never needs a temporary directory.
func TestEightBitDefinitionsAreGenerated(t *testing.T) {
	var faces []Face
	for _, f := range fonts.Body() {
		m, err := ttf.Parse(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, Face{Data: f.Data, Metrics: m})
	}
	got, err := EightBitDefinitions(faces)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, prebuiltJSON) {
		t.Fatal("cp1252fonts.json is stale: run go generate ./internal/pdf/fpdfout and commit it")
	}
	defs, err := prebuiltDefinitions()
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range faces {
		if _, ok := defs[cutKey(cut1252(f).cut)]; !ok {
			t.Errorf("body face %d (%s) has no prebuilt definition", i, fonts.Body()[i].Name)
		}
	}
}
