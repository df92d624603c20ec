package fpdfout

import (
	"bytes"
	"io/fs"
	"slices"
	"testing"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

// TestEightBitFontsAreGenerated checks that cp1252fonts.json and
// cp1252fonts/ are what go generate writes today: cutting the built-in
// body and code faces and running fpdf.MakeFont on the cuts gives the
// same bytes, no other file is there, and every one of those faces is
// found by its faceKey, so that a Writer never cuts a built-in face nor
// needs a temporary directory.
func TestEightBitFontsAreGenerated(t *testing.T) {
	const stale = "run go generate ./internal/pdf/fpdfout and commit the result"
	var faces []Face
	for _, f := range fonts.Body() {
		m, err := ttf.Parse(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, Face{Data: f.Data, Metrics: m})
	}
	gen, err := EightBitFonts(faces)
	if err != nil {
		t.Fatal(err)
	}
	js, err := prebuiltFiles.ReadFile(prebuiltJSON)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gen.JSON, js) {
		t.Errorf("%s is stale: %s", prebuiltJSON, stale)
	}
	entries, err := fs.ReadDir(prebuiltFiles, prebuiltDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		data, err := prebuiltFiles.ReadFile(prebuiltDir + "/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if want, ok := gen.Cuts[e.Name()]; !ok {
			t.Errorf("%s/%s is not generated any more: %s", prebuiltDir, e.Name(), stale)
		} else if !bytes.Equal(data, want) {
			t.Errorf("%s/%s is stale: %s", prebuiltDir, e.Name(), stale)
		}
	}
	for name := range gen.Cuts {
		if !slices.Contains(names, name) {
			t.Errorf("%s/%s is missing: %s", prebuiltDir, name, stale)
		}
	}
	prebuilt, err := prebuiltFonts()
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range faces {
		if _, ok := prebuilt[faceKey(f.Data)]; !ok {
			t.Errorf("body face %d (%s) has no prebuilt 8-bit font", i, fonts.Body()[i].Name)
		}
	}
}

// TestEightBitFontsMadeAtRunTime checks the path a face that is not
// built in takes (a changed built-in face whose generated files are
// stale): cut and defined at run time, it gets the bytes the generated
// files give.
func TestEightBitFontsMadeAtRunTime(t *testing.T) {
	data := fonts.SerifBold().Data
	w := NewWriter([]Face{{Data: data}}, 1, Config{})
	w.prebuilt = func() (map[string]prebuiltFont, error) { return nil, nil } // nothing prebuilt
	runtime, err := w.eight(0)
	if err != nil || runtime == nil {
		t.Fatalf("8-bit font made at run time: %v, %v", runtime, err)
	}
	generated, err := NewWriter([]Face{{Data: data}}, 1, Config{}).eight(0)
	if err != nil || generated == nil {
		t.Fatalf("generated 8-bit font: %v, %v", generated, err)
	}
	if !bytes.Equal(runtime.cut, generated.cut) || runtime.has != generated.has {
		t.Error("the cut made at run time differs from the generated one")
	}
	// What a document gets: the font cut again to the codes it draws,
	// and its definition (MakeFont's file name, which subset replaces,
	// is the only difference allowed before).
	used := [256]bool{'H': true, 'i': true, 0xE9: true, 0xA0: true}
	zp := &zlibPool{level: fontCompression}
	a, err := runtime.subset(&used, zp)
	if err != nil {
		t.Fatal(err)
	}
	b, err := generated.subset(&used, zp)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.def, b.def) || !bytes.Equal(a.z, b.z) || a.name != b.name {
		t.Errorf("a document's 8-bit font differs: made at run time %s %s, generated %s %s", a.name, a.def, b.name, b.def)
	}
}
