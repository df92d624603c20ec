package fpdfout

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// TestFonts8AreFpdfs checks that the finishing stage writes each 8-bit
// font as fpdf writes a TrueType font from its definition: the same
// font dictionary, widths, descriptor and file, but for the numbers of
// the objects.
func TestFonts8AreFpdfs(t *testing.T) {
	w := builtinWriter()
	text := "Hello (World) \u00e9t\u00e9 \u2013 \u201cquoted\u201d"
	use := w.NewUsage()
	use.Add(0, text)
	info := Info{Paper: "A4", Title: "T", Producer: "p", Date: time.Unix(0, 0)}
	d, err := w.Start(info, use)
	if err != nil {
		t.Fatal(err)
	}
	d.AddPage()
	d.Text(0, 10, 20, 30, text)
	ours, _, err := d.Finish()
	if err != nil {
		t.Fatal(err)
	}
	fnt := d.fonts[0].font8
	if fnt == nil || !d.added8[0] {
		t.Fatal("the text was not drawn with an 8-bit font")
	}

	// fpdf's own TrueType font of the same definition and file.
	def := map[string]any{}
	for k, v := range fnt.base.def {
		def[k] = v
	}
	def["Name"], def["File"], def["OriginalSize"] = fnt.name, "c.z", fnt.size
	js, err := json.Marshal(def)
	if err != nil {
		t.Fatal(err)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.AddFontFromBytes("c", "", js, fnt.z)
	p.AddPage()
	p.SetFont("c", "", 10)
	enc, _ := encode1252(text)
	p.Text(20, 30, enc)
	var theirs bytes.Buffer
	if err := p.Output(&theirs); err != nil {
		t.Fatal(err)
	}

	got, want := fontObjects(t, ours), fontObjects(t, theirs.Bytes())
	for i, what := range []string{"font dictionary", "widths", "descriptor", "file"} {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("%s:\n got: %q\nwant: %q", what, got[i], want[i])
		}
	}
}

// fontObjects returns the TrueType font of a PDF with one: its dictionary,
// widths, descriptor and file object, each with its object references
// replaced by "R".
func fontObjects(t *testing.T, pdf []byte) [4][]byte {
	t.Helper()
	f, err := splitFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`\d+ 0 R`)
	object := func(num int) []byte {
		v, stream, err := f.body(num)
		if err != nil {
			t.Fatal(err)
		}
		return append(refs.ReplaceAll(bytes.Clone(v), []byte("R")), stream...)
	}
	for _, num := range f.order {
		v, _, err := f.body(num)
		if err != nil || !bytes.Contains(v, []byte("/Subtype /TrueType")) {
			continue
		}
		desc, _, err := f.body(getRef(v, "/FontDescriptor"))
		if err != nil {
			t.Fatal(err)
		}
		return [4][]byte{object(num), object(getRef(v, "/Widths")), object(getRef(v, "/FontDescriptor")), object(getRef(desc, "/FontFile2"))}
	}
	t.Fatal("no TrueType font")
	return [4][]byte{}
}

// TestCMap8Cached checks that the ToUnicode map of an 8-bit font is the
// map of the codes drawn, made once per set of codes.
func TestCMap8Cached(t *testing.T) {
	c := cutCache{max: 2}
	var ab, abc [256]bool
	ab['a'], ab['b'] = true, true
	abc = ab
	abc['c'] = true
	first := c.cmap8(&ab)
	if want := toUnicodeCMap([]int{'a', 'b'}, 1, cp1252Text); !bytes.Equal(first, want) {
		t.Fatalf("cmap8 of a, b:\n%s\nwant\n%s", first, want)
	}
	if again := c.cmap8(&ab); &again[0] != &first[0] {
		t.Error("the map of the same codes was made again")
	}
	if other := c.cmap8(&abc); !bytes.Equal(other, toUnicodeCMap([]int{'a', 'b', 'c'}, 1, cp1252Text)) {
		t.Errorf("cmap8 of a, b, c:\n%s", other)
	}
	if none := c.cmap8(nil); !bytes.Equal(none, toUnicodeCMap(nil, 1, cp1252Text)) {
		t.Errorf("cmap8 of no codes:\n%s", none)
	}
	if len(c.cmaps8) != 2 {
		t.Errorf("%d maps kept, want at most 2", len(c.cmaps8))
	}
}
