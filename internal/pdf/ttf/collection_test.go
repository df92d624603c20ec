package ttf_test

import (
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

// makeTTC builds a TrueType collection of whole fonts: the header, then
// each font with its table offsets moved to where it now stands.
func makeTTC(faces ...[]byte) []byte {
	out := []byte("ttcf\x00\x01\x00\x00")
	out = binary.BigEndian.AppendUint32(out, uint32(len(faces)))
	offsets := len(out)
	out = append(out, make([]byte, 4*len(faces))...)
	for i, f := range faces {
		at := len(out)
		binary.BigEndian.PutUint32(out[offsets+4*i:], uint32(at))
		out = append(out, f...)
		n := int(binary.BigEndian.Uint16(f[4:]))
		for r := range n {
			rec := out[at+12+16*r:]
			binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+uint32(at))
		}
	}
	return out
}

// checkFace holds the face against the font it came from: the same
// characters with the same advances, and a file whose checksum is
// right.
func checkFace(t *testing.T, got, want []byte) {
	t.Helper()
	gm, err := ttf.Parse(got)
	if err != nil {
		t.Fatalf("Parse of the face: %v", err)
	}
	wm, err := ttf.Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	gr, wr := gm.Runes(), wm.Runes()
	if len(gr) != len(wr) {
		t.Fatalf("face maps %d characters, the font %d", len(gr), len(wr))
	}
	for _, r := range wr {
		if gm.Advance(r) != wm.Advance(r) {
			t.Fatalf("%U: advance %d, want %d", r, gm.Advance(r), wm.Advance(r))
		}
	}
	var sum uint32
	for i := 0; i+4 <= len(got); i += 4 {
		sum += binary.BigEndian.Uint32(got[i:])
	}
	if sum != 0xB1B0AFBA || len(got)%4 != 0 {
		t.Errorf("file checksum %#x (length %d), want 0xB1B0AFBA", sum, len(got))
	}
}

func TestFaceOfCollection(t *testing.T) {
	serif, mono := fonts.SerifRegular().Data, fonts.Mono().Data
	ttc := makeTTC(serif, mono)
	for i, want := range [][]byte{serif, mono} {
		got, err := ttf.Face(ttc, i)
		if err != nil {
			t.Fatalf("face %d: %v", i, err)
		}
		checkFace(t, got, want)
	}
	if _, err := ttf.Parse(ttc); err == nil || !strings.Contains(err.Error(), "--font FILE.ttc#N") {
		t.Errorf("Parse of a collection: %v", err)
	}
	for _, tc := range []struct {
		data  []byte
		index int
		want  string
	}{
		{ttc, 2, "face 2 is out of range: the collection has 2 faces (#0 to #1)"},
		{ttc, -1, "face -1 is out of range: the collection has 2 faces (#0 to #1)"},
		{serif, 1, "face 1 is out of range: the file is one font, not a collection (#0 only)"},
		{ttc[:20], 0, "face 0: table directory past the end of the file"},
		{ttc[:40], 0, "face 0: truncated table directory"},
		{ttc[:2000], 1, "face 1: table directory past the end of the file"},
		{[]byte("ttcf\x00\x01\x00\x00\xff\xff\xff\xff"), 0, "truncated collection header"},
		{[]byte("wOFF0000000000000000"), 0, "not a TrueType font or collection"},
		{[]byte("OTTO"), 0, "file too short for a font"},
	} {
		_, err := ttf.Face(tc.data, tc.index)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Face(%q…, %d): %v, want %s", tc.data[:4], tc.index, err, tc.want)
		}
	}
	// A table that points past the end of the file.
	bad := makeTTC(serif)
	binary.BigEndian.PutUint32(bad[12+4+12+8:], uint32(len(bad)))
	if _, err := ttf.Face(bad, 0); err == nil || !strings.Contains(err.Error(), "extends past the end of the file") {
		t.Errorf("table past the end: %v", err)
	}
}

// TestFaceCFF: an OpenType font with CFF outlines, alone or as a face of
// a collection, is ErrCFF, which says what to use instead.
func TestFaceCFF(t *testing.T) {
	otf := append([]byte("OTTO\x00\x00"), make([]byte, 20)...)
	if _, err := ttf.Face(otf, 0); !errors.Is(err, ttf.ErrCFF) || !strings.Contains(err.Error(), "TrueType-flavoured") {
		t.Errorf("OTF: %v", err)
	}
	if _, err := ttf.Parse(otf); !errors.Is(err, ttf.ErrCFF) {
		t.Errorf("Parse of an OTF: %v", err)
	}
	ttc := makeTTC(fonts.Mono().Data)
	copy(ttc[16:], "OTTO")
	if _, err := ttf.Face(ttc, 0); !errors.Is(err, ttf.ErrCFF) || !strings.HasPrefix(err.Error(), "face 0 is an OpenType font with CFF") {
		t.Errorf("CFF face of a collection: %v", err)
	}
}

// TestFaceOfInstalledCollection takes each face of a real TrueType
// collection, WenQuanYi Zen Hei (fonts-wqy-zenhei, which scripts/check
// installs): both parse and draw Chinese.
func TestFaceOfInstalledCollection(t *testing.T) {
	data, err := os.ReadFile("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
	if err != nil {
		t.Skipf("fonts-wqy-zenhei not installed (scripts/check installs it): %v", err)
	}
	for i := range 2 {
		face, err := ttf.Face(data, i)
		if err != nil {
			t.Fatalf("face %d: %v", i, err)
		}
		m, err := ttf.Parse(face)
		if err != nil {
			t.Fatalf("face %d: %v", i, err)
		}
		if !m.Has('中') || !m.Has('文') {
			t.Errorf("face %d has no Chinese", i)
		}
	}
	if _, err := ttf.Face(data, 3); err == nil || !strings.Contains(err.Error(), "the collection has") {
		t.Errorf("face 3: %v", err)
	}
}
