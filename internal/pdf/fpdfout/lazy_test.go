package fpdfout

import (
	"bytes"
	"sync"
	"testing"

	"github.com/policyexport/policyexport/fonts"
)

// builtinWriter is a Writer over the built-in faces, as internal/pdf
// makes it: body and code faces with 8-bit fonts, then the fallbacks,
// none parsed yet.
func builtinWriter() *Writer {
	body := fonts.Body()
	var faces []Face
	for _, f := range append(body, fonts.Fallbacks()...) {
		faces = append(faces, Face{Data: f.Data})
	}
	return NewWriter(faces, len(body), Config{})
}

// run is a string drawn with a face.
type run struct {
	face int
	s    string
}

// drawDoc writes a one-page PDF/A-3u document of runs with w (PDF/A
// names the UTF-8 fonts after their faces' PostScript names).
func drawDoc(w *Writer, runs []run) ([]byte, error) {
	use := w.NewUsage()
	for _, r := range runs {
		use.Add(r.face, r.s)
	}
	d, err := w.Start(Info{Paper: "A4", Title: "T", Producer: "p", Standard: Standard{Part: 3, Conformance: 'u'}}, use)
	if err != nil {
		return nil, err
	}
	d.AddPage()
	for i, r := range runs {
		d.Text(r.face, 10, 20, 30+10*float64(i), r.s)
	}
	out, _, err := d.Finish()
	return out, err
}

// mustDraw is drawDoc failing t on an error.
func mustDraw(t *testing.T, w *Writer, runs []run) []byte {
	t.Helper()
	out, err := drawDoc(w, runs)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// prepared reports which faces of w have their metrics parsed, and which
// their 8-bit font prepared.
func prepared(w *Writer) (metrics, eight []bool) {
	for _, f := range w.faces {
		metrics = append(metrics, f.m != nil)
		eight = append(eight, f.base8 != nil || f.err8 != nil)
	}
	return metrics, eight
}

// TestFacesPreparedOnFirstUse checks that a Writer prepares a face only
// when a document draws from it: a Latin document in the regular face
// parses and prepares that face alone, whatever other faces (the
// fallbacks, more of them later) the Writer has.
func TestFacesPreparedOnFirstUse(t *testing.T) {
	w := builtinWriter()
	if m, e := prepared(w); !allFalse(m) || !allFalse(e) {
		t.Fatalf("NewWriter prepared faces: metrics %v, 8-bit %v", m, e)
	}
	mustDraw(t, w, []run{{0, "Hello, “World” – café"}})
	m, e := prepared(w)
	for i := range w.faces {
		if m[i] != (i == 0) || e[i] != (i == 0) {
			t.Errorf("face %d after a document in face 0: metrics parsed %v, 8-bit font prepared %v", i, m[i], e[i])
		}
	}
	// The first fallback draws Arabic: its metrics are parsed, and it has
	// no 8-bit font to prepare.
	mustDraw(t, w, []run{{firstFallbackFace, "ﻣﺮﺣﺒﺎ"}})
	m, e = prepared(w)
	if !m[firstFallbackFace] || e[firstFallbackFace] {
		t.Errorf("the Arabic fallback after drawing from it: metrics parsed %v, 8-bit font prepared %v", m[firstFallbackFace], e[firstFallbackFace])
	}
}

// firstFallbackFace is the first fallback's index in builtinWriter.
var firstFallbackFace = len(fonts.Body())

func allFalse(bs []bool) bool {
	for _, b := range bs {
		if b {
			return false
		}
	}
	return true
}

// TestFacesPreparedLateSameBytes checks that what a face's preparation
// gives does not depend on when it happens: a document written by a
// Writer whose faces earlier documents prepared (in another order, or
// concurrently) has the bytes it has from a fresh Writer.
func TestFacesPreparedLateSameBytes(t *testing.T) {
	docs := [][]run{
		{{0, "Hello, “World” – café"}, {1, "Bold ½"}},
		{{2, "Zażółć gęślą"}, {4, "code ↪"}, {firstFallbackFace + 1, "☐ ◦ שלום"}},
		{{3, "Bold italic"}, {firstFallbackFace, "ﻣﺮﺣﺒﺎ"}, {0, "é"}},
	}
	var want [][]byte
	for _, d := range docs {
		want = append(want, mustDraw(t, builtinWriter(), d))
	}
	shared := builtinWriter()
	for i := len(docs) - 1; i >= 0; i-- {
		if got := mustDraw(t, shared, docs[i]); !bytes.Equal(got, want[i]) {
			t.Errorf("document %d from a Writer that drew the later ones first differs from a fresh Writer's", i)
		}
	}
	concurrent := builtinWriter()
	var wg sync.WaitGroup
	got := make([][]byte, 2*len(docs))
	errs := make([]error, len(got))
	for i := range got {
		wg.Go(func() { got[i], errs[i] = drawDoc(concurrent, docs[i%len(docs)]) })
	}
	wg.Wait()
	for i, g := range got {
		if errs[i] != nil {
			t.Error(errs[i])
		} else if !bytes.Equal(g, want[i%len(docs)]) {
			t.Errorf("document %d drawn while others prepared the same faces differs from a fresh Writer's", i%len(docs))
		}
	}
}
