package fpdfout

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/xml"
	"image"
	"image/png"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

func TestParseStandard(t *testing.T) {
	for _, c := range []struct {
		in, want string
		err      string
	}{
		{"", "", ""},
		{"a-1b", "a-1b", ""},
		{"A-2U", "a-2u", ""},
		{" a-3u , ua-1 ", "a-3u,ua-1", ""},
		{"ua-1,a-3b", "a-3b,ua-1", ""},
		{"ua-1", "ua-1", ""},
		{"a-2b,a-2b", "a-2b", ""},
		{"a-1b,a-3u", "", "two PDF/A levels"},
		{"a-1a", "", `unknown PDF standard "a-1a" (known: a-1b, a-2b, a-2u, a-3b, a-3u, ua-1`},
		{"pdfa", "", "unknown PDF standard"},
	} {
		s, err := ParseStandard(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseStandard(%q) error = %v, want one containing %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || s.String() != c.want {
			t.Errorf("ParseStandard(%q) = %q, %v; want %q", c.in, s, err, c.want)
		}
	}
	for _, c := range []struct {
		in     string
		attach bool
	}{{"", true}, {"ua-1", true}, {"a-1b", false}, {"a-2b", false}, {"a-2u,ua-1", false}, {"a-3b", true}, {"a-3u,ua-1", true}} {
		s, _ := ParseStandard(c.in)
		if s.AllowsAttachments() != c.attach {
			t.Errorf("%q: AllowsAttachments = %v", c.in, !c.attach)
		}
	}
	s, _ := ParseStandard("a-2b")
	if err := s.AttachmentError(); !strings.Contains(err.Error(), "a-3b") || !strings.Contains(err.Error(), "19005-2 §6.8") {
		t.Errorf("AttachmentError = %v, want the rule and a-3b", err)
	}
}

func TestDictEdits(t *testing.T) {
	d := []byte("<</Type /Font /W [1 [2 3] 4] /S (a\\)b(c)) /R 12 0 R /D <</X 1>> /H <00ff>>>")
	es, err := entries(d)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, e := range es {
		keys = append(keys, e.key+"="+string(d[e.start:e.end]))
	}
	want := []string{"/Type=/Font", "/W=[1 [2 3] 4]", "/S=(a\\)b(c))", "/R=12 0 R", "/D=<</X 1>>", "/H=<00ff>"}
	if !slices.Equal(keys, want) {
		t.Errorf("entries = %q, want %q", keys, want)
	}
	if got := getRef(d, "/R"); got != 12 {
		t.Errorf("getRef = %d", got)
	}
	if got := string(with(d, "/R", "7 0 R")); !strings.Contains(got, "/R 7 0 R /D") {
		t.Errorf("with (replace) = %s", got)
	}
	if got := string(with(d, "/New", "1")); !strings.HasSuffix(got, "/H <00ff>\n/New 1\n>>") {
		t.Errorf("with (add) = %s", got)
	}
	if got := string(without(d, "/S")); got != "<</Type /Font /W [1 [2 3] 4] /R 12 0 R /D <</X 1>> /H <00ff>>>" {
		t.Errorf("without = %s", got)
	}
	if got := string(without(d, "/H")); got != "<</Type /Font /W [1 [2 3] 4] /S (a\\)b(c)) /R 12 0 R /D <</X 1>> >>" {
		t.Errorf("without (last) = %s", got)
	}
}

func TestPostScriptName(t *testing.T) {
	for _, c := range []struct {
		f    fonts.Font
		want string
	}{{fonts.SerifRegular(), "DejaVuSerif"}, {fonts.Mono(), "DejaVuSansMono"}, {fonts.Fallbacks()[0], "NotoNaskhArabic-Regular"}} {
		if got := postScriptName(c.f.Data); got != c.want {
			t.Errorf("%s: postScriptName = %q, want %q", c.f.Name, got, c.want)
		}
	}
}

// testDoc draws a document through a Writer with an 8-bit body face
// (DejaVu Serif) and a UTF-8-only fallback (DejaVu Sans), with text in
// both fonts of the body face, and returns the file.
func testDoc(t *testing.T, std Standard, attach bool) []byte {
	t.Helper()
	var faces []Face
	for _, f := range []fonts.Font{fonts.SerifRegular(), fonts.Fallbacks()[1]} {
		m, err := ttf.Parse(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, Face{Data: f.Data, Metrics: m})
	}
	w := NewWriter(faces, 1, Config{})
	texts := []struct {
		face int
		s    string
	}{{0, "Hello, “World” – café"}, {0, "Zażółć gęślą"}, {1, "☐ ◦ ↪ שלום"}}
	use := w.NewUsage()
	for _, x := range texts {
		use.Add(x.face, x.s)
	}
	use.Add(0, "0123456789") // page numbers: cut, only 1 and 2 drawn
	info := Info{Paper: "A4", Left: 20, Top: 20, Right: 20, Date: time.Date(2026, 11, 28, 12, 30, 0, 0, time.UTC),
		Title: "Datenschutz & <Policy>", Author: "Acme", Subject: "What we keep", Keywords: "privacy, gdpr",
		Creator: "policyexport test", Producer: "policyexport", Lang: "de", Standard: std}
	if attach {
		info.Attachments = []Attachment{
			{Name: "tëmplate.md", Description: "template", Content: []byte("# Hi\n"), Relationship: "Source", MIME: "text/markdown"},
			{Name: "values.json", Description: "values", Content: []byte("{}\n"), Relationship: "Data", MIME: "application/json"},
		}
	}
	d, err := w.Start(info, use)
	if err != nil {
		t.Fatal(err)
	}
	d.AddPage()
	for i, x := range texts {
		d.Text(x.face, 10, 20, 30+10*float64(i), x.s)
	}
	d.Bookmark("Eins", 0, 20)
	d.Bookmark("Zwei", 1, 40)
	d.Bookmark("Drei", 0, 60)
	d.LinkURI(20, 20, 30, 10, "https://example.com/", 0, "https://example.com/")
	d.SelectFont(0, 9, "0123456789")
	d.TextInFont(20, 280, "12")
	out, _, err := d.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// object returns the dictionary and (decompressed) stream of object num.
func object(t *testing.T, f *pdfFile, num int) ([]byte, []byte) {
	t.Helper()
	d, s, err := f.body(num)
	if err != nil {
		t.Fatal(err)
	}
	if s != nil && bytes.Contains(get(d, "/Filter"), []byte("FlateDecode")) {
		zr, err := zlib.NewReader(bytes.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		if s, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return d, s
}

// drawnCodes reads every page's content stream and returns, per font
// object, the codes shown with it (Tj strings after Tf), two bytes a code
// for Type0 fonts.
func drawnCodes(t *testing.T, f *pdfFile) map[int]map[int]bool {
	t.Helper()
	out := map[int]map[int]bool{}
	for _, num := range f.order {
		d, _ := object(t, f, num)
		if !bytes.HasPrefix(d, []byte("<</Type /Page\n")) {
			continue
		}
		res, _ := object(t, f, getRef(d, "/Resources"))
		fontDict := get(res, "/Font")
		_, content := object(t, f, getRef(d, "/Contents"))
		font, two := 0, false
		var operands [][]byte
		for i := 0; i < len(content); {
			i = skipSpace(content, i)
			if i >= len(content) {
				break
			}
			e, err := skipValue(content, i)
			if err != nil {
				t.Fatalf("content stream at %d: %v", i, err)
			}
			tok := content[i:e]
			i = e
			switch {
			case string(tok) == "Tf":
				font = getRef(fontDict, string(operands[0]))
				fd, _ := object(t, f, font)
				two = bytes.Contains(fd, []byte("/Subtype /Type0"))
				if out[font] == nil {
					out[font] = map[int]bool{}
				}
			case string(tok) == "Tj":
				s := unescape(operands[0])
				for k := 0; k < len(s); k++ {
					c := int(s[k])
					if two {
						c = c<<8 | int(s[k+1])
						k++
					}
					out[font][c] = true
				}
			}
			if tok[0] == '/' || tok[0] == '(' || tok[0] == '<' || tok[0] == '[' || tok[0] == '-' || tok[0] == '.' || tok[0] >= '0' && tok[0] <= '9' {
				operands = append(operands, tok)
			} else {
				operands = operands[:0]
			}
		}
	}
	return out
}

// unescape returns the bytes of a PDF literal string "(…)".
func unescape(s []byte) []byte {
	s = s[1 : len(s)-1]
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			out = append(out, s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		default:
			if c >= '0' && c <= '7' {
				j := i
				for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
					j++
				}
				v, _ := strconv.ParseUint(string(s[i:j]), 8, 8)
				out = append(out, byte(v))
				i = j - 1
				continue
			}
			out = append(out, c)
		}
	}
	return out
}

var bfchar = regexp.MustCompile(`(?m)^<([0-9A-F]+)> <([0-9A-F]+)>$`)

// toUnicode parses a ToUnicode CMap's bfchar entries into code → text.
func toUnicode(t *testing.T, cmap []byte) map[int]string {
	t.Helper()
	if bytes.Contains(cmap, []byte("bfrange")) {
		t.Errorf("ToUnicode map has ranges:\n%s", cmap)
	}
	out := map[int]string{}
	var entries []byte
	for _, block := range bytes.Split(cmap, []byte("beginbfchar\n"))[1:] {
		entries = append(entries, block[:bytes.Index(block, []byte("endbfchar"))]...)
	}
	for _, m := range bfchar.FindAllSubmatch(entries, -1) {
		code, _ := strconv.ParseUint(string(m[1]), 16, 32)
		var u []uint16
		for k := 0; k+4 <= len(m[2]); k += 4 {
			v, _ := strconv.ParseUint(string(m[2][k:k+4]), 16, 16)
			u = append(u, uint16(v))
		}
		out[int(code)] = string(utf16.Decode(u))
	}
	return out
}

func TestConformance(t *testing.T) {
	for _, name := range []string{"a-1b", "a-2b", "a-2u", "a-3b", "a-1b,ua-1", "a-3u,ua-1", "ua-1"} {
		t.Run(name, func(t *testing.T) {
			std, err := ParseStandard(name)
			if err != nil {
				t.Fatal(err)
			}
			attach := std.AllowsAttachments() && std.A()
			pdf := testDoc(t, std, attach)
			if again := testDoc(t, std, attach); !bytes.Equal(pdf, again) {
				t.Error("two renders differ")
			}
			f, err := splitFile(pdf)
			if err != nil {
				t.Fatal(err)
			}
			if want := "%PDF-" + std.version() + "\n"; !bytes.HasPrefix(pdf, []byte(want)) {
				t.Errorf("header %q, want %q", pdf[:9], want)
			}
			cat, _ := object(t, f, f.root)
			// PDF/A-1 with PDF/UA-1 declares PDF 1.7 in the catalog, for
			// /Tabs (PDF 1.5); nothing else has a /Version.
			if v, want := string(get(cat, "/Version")), map[bool]string{true: "/1.7"}[std.Part == 1 && std.UA]; v != want {
				t.Errorf("catalog /Version %q, want %q", v, want)
			}
			checkXMP(t, f, cat, std)
			if intents := get(cat, "/OutputIntents"); std.A() != (intents != nil) {
				t.Errorf("output intents %s under %s", intents, name)
			} else if std.A() {
				if !bytes.Contains(intents, []byte("/S /GTS_PDFA1")) {
					t.Errorf("output intent %s", intents)
				}
				i := bytes.Index(intents, []byte("/DestOutputProfile "))
				prof, _ := strconv.Atoi(string(bytes.Fields(intents[i:])[1]))
				pd, icc := object(t, f, prof)
				if !bytes.Equal(icc, fonts.SRGBProfile()) || string(get(pd, "/N")) != "3" {
					t.Errorf("output profile %s is not sRGB2014.icc with /N 3", pd)
				}
			}
			if attach {
				checkAttachments(t, f, cat)
			} else if get(cat, "/Names") != nil {
				t.Errorf("catalog has /Names without attachments: %s", get(cat, "/Names"))
			}
			checkOutline(t, f, cat)
			checkFonts(t, f, std)
			info, _ := object(t, f, f.info)
			if got := string(get(info, "/CreationDate")); got != "(D:20261128123000+00'00')" {
				t.Errorf("CreationDate %s", got)
			}
			for _, num := range f.order {
				if d, _ := object(t, f, num); std.A() && bytes.Contains(d, []byte("/Type /Annot")) && !bytes.Contains(d, []byte("/F 4")) {
					t.Errorf("annotation without /F 4: %s", d)
				}
			}
		})
	}
}

func checkXMP(t *testing.T, f *pdfFile, cat []byte, std Standard) {
	t.Helper()
	md, x := object(t, f, getRef(cat, "/Metadata"))
	if get(md, "/Filter") != nil || string(get(md, "/Subtype")) != "/XML" {
		t.Errorf("metadata stream %s: want unfiltered XML", md)
	}
	head := x[:bytes.IndexByte(x, '\n')]
	if string(head) != "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>" {
		t.Errorf("xpacket header %q", head)
	}
	// Every element's text, by its namespace-qualified path's last name.
	got := map[string][]string{}
	dec := xml.NewDecoder(bytes.NewReader(x))
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("XMP is not well-formed: %v\n%s", err, x)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Space+" "+tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" && len(stack) > 0 {
				key := stack[len(stack)-1]
				if strings.HasSuffix(key, " li") && len(stack) > 2 {
					key = stack[len(stack)-3]
				}
				got[key] = append(got[key], s)
			}
		}
	}
	const (
		dc, xmp, pdfNS = "http://purl.org/dc/elements/1.1/ ", "http://ns.adobe.com/xap/1.0/ ", "http://ns.adobe.com/pdf/1.3/ "
		aid, uaid      = "http://www.aiim.org/pdfa/ns/id/ ", "http://www.aiim.org/pdfua/ns/id/ "
	)
	want := map[string][]string{
		dc + "title": {"Datenschutz & <Policy>"}, dc + "creator": {"Acme"}, dc + "description": {"What we keep"},
		dc + "format": {"application/pdf"}, xmp + "CreatorTool": {"policyexport test"},
		xmp + "CreateDate": {"2026-11-28T12:30:00+00:00"}, xmp + "ModifyDate": {"2026-11-28T12:30:00+00:00"},
		xmp + "MetadataDate": {"2026-11-28T12:30:00+00:00"},
		pdfNS + "Producer":   {"policyexport"}, pdfNS + "Keywords": {"privacy, gdpr"},
	}
	if std.A() {
		want[aid+"part"] = []string{strconv.Itoa(std.Part)}
		want[aid+"conformance"] = []string{strings.ToUpper(string(rune(std.Conformance)))}
	}
	if std.UA {
		want[uaid+"part"] = []string{"1"}
		want["http://www.aiim.org/pdfa/ns/schema# prefix"] = []string{"pdfuaid"}
		want["http://www.aiim.org/pdfa/ns/schema# namespaceURI"] = []string{"http://www.aiim.org/pdfua/ns/id/"}
	}
	for k, v := range want {
		if !slices.Equal(got[k], v) {
			t.Errorf("XMP %s = %q, want %q", k, got[k], v)
		}
	}
	for _, k := range []string{aid + "part", uaid + "part"} {
		if _, ok := want[k]; !ok && got[k] != nil {
			t.Errorf("XMP has %s = %q under %s", k, got[k], std)
		}
	}
}

func checkAttachments(t *testing.T, f *pdfFile, cat []byte) {
	t.Helper()
	af := get(cat, "/AF")
	refs := regexp.MustCompile(`(\d+) 0 R`).FindAllSubmatch(af, -1)
	if len(refs) != 2 {
		t.Fatalf("catalog /AF = %s, want two file specifications", af)
	}
	for i, want := range []struct{ f, rel, mime string }{{"(t_mplate.md)", "/Source", "/text#2Fmarkdown"}, {"(values.json)", "/Data", "/application#2Fjson"}} {
		num, _ := strconv.Atoi(string(refs[i][1]))
		spec, _ := object(t, f, num)
		if string(get(spec, "/F")) != want.f || get(spec, "/UF") == nil || string(get(spec, "/AFRelationship")) != want.rel {
			t.Errorf("file specification %s: want /F %s, /UF, /AFRelationship %s", spec, want.f, want.rel)
		}
		ef, data := object(t, f, getRef(get(spec, "/EF"), "/F"))
		params := get(ef, "/Params")
		if string(get(ef, "/Subtype")) != want.mime || string(get(params, "/ModDate")) != "(D:20261128123000+00'00')" ||
			string(get(params, "/Size")) != strconv.Itoa(len(data)) {
			t.Errorf("embedded file %s: want /Subtype %s, /Params with /ModDate and /Size %d", ef, want.mime, len(data))
		}
	}
}

func checkOutline(t *testing.T, f *pdfFile, cat []byte) {
	t.Helper()
	root, _ := object(t, f, getRef(cat, "/Outlines"))
	if string(get(root, "/Count")) != "3" {
		t.Errorf("outline root %s: want /Count 3", root)
	}
	first, _ := object(t, f, getRef(root, "/First"))
	if string(get(first, "/Count")) != "1" {
		t.Errorf("outline item with one child %s: want /Count 1", first)
	}
}

var subsetName = regexp.MustCompile(`^/[A-Z]{6}\+[A-Za-z0-9-]+$`)

func checkFonts(t *testing.T, f *pdfFile, std Standard) {
	t.Helper()
	drawn := drawnCodes(t, f)
	if len(drawn) != 3 {
		t.Fatalf("%d fonts drawn with, want 3 (8-bit serif, UTF-8 serif, UTF-8 sans)", len(drawn))
	}
	for num, codes := range drawn {
		d, _ := object(t, f, num)
		base := get(d, "/BaseFont")
		if !subsetName.Match(base) {
			t.Errorf("font %s: BaseFont is not a tagged subset name", base)
		}
		type0 := bytes.Contains(d, []byte("/Subtype /Type0"))
		checkGlyphs(t, f, d, codes)
		tu := getRef(d, "/ToUnicode")
		if !type0 && !std.Unicode() {
			if tu != 0 {
				t.Errorf("8-bit font %s has a ToUnicode map under %s", base, std)
			}
			continue
		}
		if tu == 0 {
			t.Errorf("font %s has no ToUnicode map", base)
			continue
		}
		_, cmap := object(t, f, tu)
		m := toUnicode(t, cmap)
		var want, have []int
		for c := range codes {
			want = append(want, c)
		}
		for c, s := range m {
			have = append(have, c)
			for _, r := range s {
				if badUnicode(r) {
					t.Errorf("font %s: code %04X maps to %U", base, c, r)
				}
			}
			if want := string(rune(c)); type0 && s != want {
				t.Errorf("font %s: code %04X maps to %q, want %q", base, c, s, want)
			} else if want := cp1252Text(c); !type0 && s != want {
				t.Errorf("font %s: code %02X maps to %q, want %q", base, c, s, want)
			}
		}
		slices.Sort(want)
		slices.Sort(have)
		if !slices.Equal(want, have) {
			t.Errorf("font %s: ToUnicode maps codes %x, the pages draw %x", base, have, want)
		}
		if !type0 {
			if std.Unicode() && m['3'] != "" {
				t.Errorf("8-bit font %s maps code '3', which was cut but never drawn", base)
			}
			continue
		}
		cid, _ := object(t, f, parseRef(bytes.Trim(get(d, "/DescendantFonts"), "[] ")))
		desc, _ := object(t, f, getRef(cid, "/FontDescriptor"))
		if !bytes.Equal(get(cid, "/BaseFont"), base) || !bytes.Equal(get(desc, "/FontName"), base) {
			t.Errorf("font %s: CIDFont %s and descriptor %s differ", base, get(cid, "/BaseFont"), get(desc, "/FontName"))
		}
		cs := getRef(desc, "/CIDSet")
		if (std.Part == 1) != (cs != 0) {
			t.Errorf("font %s: CIDSet %d under %s", base, cs, std)
			continue
		}
		if cs == 0 {
			continue
		}
		_, set := object(t, f, cs)
		var inSet []int
		for i, b := range set {
			for k := range 8 {
				if b&(0x80>>k) != 0 {
					inSet = append(inSet, 8*i+k)
				}
			}
		}
		if wantSet := append([]int{0}, want...); !slices.Equal(inSet, wantSet) {
			t.Errorf("font %s: CIDSet %v, want .notdef and the drawn codes %v", base, inSet, wantSet)
		}
	}
}

// BenchmarkConform times the standards pass alone on a small document
// (compare BenchmarkRenderSeed and BenchmarkRenderSeedPDFA in
// internal/pdf for a whole render).
func BenchmarkConform(b *testing.B) {
	t := &testing.T{}
	plain := testDoc(t, Standard{}, false)
	std, _ := ParseStandard("a-3u,ua-1")
	w := NewWriter(nil, 0, Config{UTF8Only: true})
	c := &conformance{std: std, info: Info{Title: "T", Producer: "p"}, drawn: [][]int{{0x20, 0x41}, {0x20, 0x41}}}
	b.ReportAllocs()
	for b.Loop() {
		f, err := splitFile(plain)
		if err != nil {
			b.Fatal(err)
		}
		if err := w.conformFile(f, c); err != nil {
			b.Fatal(err)
		}
		if _, err := f.bytes(); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzDict: the dictionary scanner never panics, and a dictionary it
// reads stays readable after an entry is set or removed.
func FuzzDict(f *testing.F) {
	for _, s := range []string{"<</Type /Font /W [1 [2 3] 4] /S (a\\)b(c)) /R 12 0 R /D <</X 1>> /H <00ff>>>", "<<>>", "<</A (>>", "<</A 1 0>>", "<</A [<</B 1>>]>>", "<</A -.5 /B true /C null>>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, d []byte) {
		es, err := entries(d)
		if err != nil {
			return
		}
		for _, e := range es {
			if e.start > e.end || e.end > len(d) || e.kstart >= e.start {
				t.Fatalf("entry %+v out of range in %q", e, d)
			}
		}
		set := with(d, "/New", "1 0 R")
		if _, err := entries(set); err != nil || getRef(set, "/New") != 1 {
			t.Fatalf("with(%q) = %q: %v", d, set, err)
		}
		for _, e := range es {
			if out := without(d, e.key); !bytes.Equal(out, d) {
				if _, err := entries(out); err != nil {
					t.Fatalf("without(%q, %s) = %q: %v", d, e.key, out, err)
				}
			}
		}
	})
}

// TestPageGroupRemovedForPDFA1: fpdf gives every page a transparency
// group once an image with an alpha channel raises its PDF version; the
// pass removes it under PDF/A-1 (internal/pdf refuses such images there
// anyway) and keeps it under PDF/A-2.
func TestPageGroupRemovedForPDFA1(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	for i := range m.Pix {
		m.Pix[i] = 0x80
	}
	var img bytes.Buffer
	if err := png.Encode(&img, m); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		std   string
		group bool
	}{{"a-1b", false}, {"a-2b", true}} {
		std, _ := ParseStandard(c.std)
		w := NewWriter(nil, 0, Config{UTF8Only: true})
		d, err := w.Start(Info{Paper: "A4", Standard: std}, w.NewUsage())
		if err != nil {
			t.Fatal(err)
		}
		d.RegisterImage("i", "PNG", img.Bytes())
		d.AddPage()
		d.Image("i", "PNG", 10, 10, 20, 20)
		out, _, err := d.Finish()
		if err != nil {
			t.Fatal(err)
		}
		f, err := splitFile(out)
		if err != nil {
			t.Fatal(err)
		}
		pages := 0
		for _, num := range f.order {
			if pd, _ := object(t, f, num); bytes.HasPrefix(pd, []byte("<</Type /Page\n")) {
				pages++
				if (get(pd, "/Group") != nil) != c.group {
					t.Errorf("%s: page %s: want a /Group %v", c.std, pd, c.group)
				}
			}
		}
		if pages != 1 {
			t.Errorf("%s: %d pages", c.std, pages)
		}
	}
}

// checkGlyphs checks that every code drawn with font dictionary d has a
// glyph in the embedded font program and a width in the dictionary equal
// to the program's within 1 unit, and that an 8-bit font's program has a
// (3,1) cmap (PDF/A: ISO 19005-1 §6.3.6 and §6.3.7).
func checkGlyphs(t *testing.T, f *pdfFile, d []byte, codes map[int]bool) {
	t.Helper()
	base := get(d, "/BaseFont")
	type0 := bytes.Contains(d, []byte("/Subtype /Type0"))
	font := d
	if type0 {
		font, _ = object(t, f, parseRef(bytes.Trim(get(d, "/DescendantFonts"), "[] ")))
	}
	desc, _ := object(t, f, getRef(font, "/FontDescriptor"))
	_, program := object(t, f, getRef(desc, "/FontFile2"))
	m, err := ttf.Parse(program)
	if err != nil {
		t.Fatalf("font %s: embedded program: %v", base, err)
	}
	widths := map[int]int{}
	if type0 {
		// /W [c [w …] c1 c2 w …]
		w := get(font, "/W")
		vals := regexp.MustCompile(`\[|\]|\d+`).FindAllString(string(w[1:len(w)-1]), -1)
		for i := 0; i < len(vals); {
			c, _ := strconv.Atoi(vals[i])
			if vals[i+1] == "[" {
				i += 2
				for ; vals[i] != "]"; i++ {
					widths[c], _ = strconv.Atoi(vals[i])
					c++
				}
				i++
				continue
			}
			c2, _ := strconv.Atoi(vals[i+1])
			wd, _ := strconv.Atoi(vals[i+2])
			for k := c; k <= c2; k++ {
				widths[k] = wd
			}
			i += 3
		}
	} else {
		first, _ := strconv.Atoi(string(get(font, "/FirstChar")))
		ws, _ := object(t, f, getRef(font, "/Widths"))
		for i, v := range strings.Fields(strings.Trim(string(ws), "[] ")) {
			widths[first+i], _ = strconv.Atoi(v)
		}
		if !hasCmap31(program) {
			t.Errorf("8-bit font %s: program has no (3,1) cmap", base)
		}
	}
	for c := range codes {
		r := rune(c)
		if !type0 {
			r = []rune(cp1252Text(c))[0]
		}
		if !m.Has(r) {
			t.Errorf("font %s: code %04X (%c) has no glyph in the embedded program", base, c, r)
			continue
		}
		if w, ok := widths[c]; !ok || w-m.Advance(r) > 1 || m.Advance(r)-w > 1 {
			t.Errorf("font %s: code %04X: width %d in the dictionary, %d in the program", base, c, w, m.Advance(r))
		}
	}
}

// hasCmap31 reports whether a TrueType program has a cmap subtable for
// platform 3, encoding 1.
func hasCmap31(data []byte) bool {
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		if string(rec[:4]) != "cmap" {
			continue
		}
		t := data[binary.BigEndian.Uint32(rec[8:]):]
		for j := range int(binary.BigEndian.Uint16(t[2:])) {
			if binary.BigEndian.Uint16(t[4+8*j:]) == 3 && binary.BigEndian.Uint16(t[6+8*j:]) == 1 {
				return true
			}
		}
	}
	return false
}
