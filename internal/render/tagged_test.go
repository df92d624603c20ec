package render_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// renderPDFAndText renders one input to PDF (written into dir) and plain
// text; ok is false when the document is refused for a character no font
// has (TestPDFArchiveChecks holds that error to its message).
func renderPDFAndText(t *testing.T, in input, dir string) (file, plain string, ok bool) {
	t.Helper()
	doc := fill(t, in)
	var fonts [][]byte
	for _, f := range in.pdfFonts {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Skipf("fallback font %s not installed (apt-get install fonts-droid-fallback)", f)
		}
		fonts = append(fonts, data)
	}
	opts := goldenOptions(fonts, filepath.Join(root, filepath.Dir(in.path)))
	opts.PDF.MissingImagesAlt = in.missing == template.MissingKeep
	r, err := render.New(opts, []render.Format{render.PDF, render.TXT})
	if err != nil {
		t.Fatal(err)
	}
	var pdfBuf, txtBuf bytes.Buffer
	err = r.Write(&pdfBuf, doc, render.PDF)
	var ge *pdf.GlyphError
	var se *pdf.ShapingError
	if errors.As(err, &ge) || errors.As(err, &se) {
		return "", "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Write(&txtBuf, doc, render.TXT); err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(dir, strings.ReplaceAll(in.name, "/", "_")+".pdf")
	if err := os.WriteFile(file, pdfBuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file, txtBuf.String(), true
}

// TestTaggedPDF holds every PDF of the seed, the feature document, the
// cookie notice and the corpus to the tagged-PDF checks: pdfinfo says
// Tagged: yes, the structure tree's text holds every word of the plain-text
// output in order, and the structure is sound (checkStructure).
func TestTaggedPDF(t *testing.T) {
	ins := append(inputs(t), sharedCorpus(t)...)
	dir := t.TempDir()
	for _, in := range ins {
		t.Run(in.name, func(t *testing.T) {
			file, plain, ok := renderPDFAndText(t, in, dir)
			if !ok {
				t.Skip("refused: a character no font has, or a script the PDF does not shape yet")
			}
			info := validate.PDFInfo(t, file)
			if info["Tagged"] != "yes" || info["PDF version"] != "1.7" {
				t.Errorf("pdfinfo Tagged = %q, PDF version = %q; want yes, 1.7", info["Tagged"], info["PDF version"])
			}
			checkRecallInOrder(t, plain, structText(validate.PDFStructText(t, file)))
			checkStructure(t, validate.PDFObjects(t, file))
		})
	}
}

// TestTaggedStructureKinds checks the element kinds of the cookie notice
// (a table, nested lists, links, a quote, two heading levels).
func TestTaggedStructureKinds(t *testing.T) {
	file, _, ok := renderPDFAndText(t, input{name: "cookie-table", path: "testdata/input/cookie-table.md"}, t.TempDir())
	if !ok {
		t.Fatal("cookie-table refused")
	}
	s := readStructure(t, validate.PDFObjects(t, file))
	count := map[string]int{}
	for _, e := range s.elems {
		count[e.role]++
	}
	for _, role := range []string{"Document", "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "THead", "TBody", "TR", "TH", "TD", "Link", "BlockQuote", "Code", "Reference"} {
		if count[role] == 0 {
			t.Errorf("no %s element; the tree has %v", role, count)
		}
	}
	// 5 columns, a header row and 7 body rows.
	if count["TH"] != 5 || count["TD"] != 35 || count["TR"] != 8 {
		t.Errorf("table: %d TH, %d TD, %d TR; want 5, 35, 8", count["TH"], count["TD"], count["TR"])
	}
	for _, e := range s.elems {
		if e.role == "TH" && !strings.Contains(string(e.dict["/A"]), `"/Scope": "/Column"`) {
			t.Errorf("TH without /Scope /Column: %s", e.dict["/A"])
		}
	}
}

// structText is the text of pdfinfo -struct-text's output: its quoted
// lines.
func structText(out string) string {
	var b strings.Builder
	for _, m := range regexp.MustCompile(`(?m)^\s*"(.*)"$`).FindAllStringSubmatch(out, -1) {
		b.WriteString(m[1])
		b.WriteByte('\n')
	}
	return b.String()
}

// checkRecallInOrder requires every word of the plain text (less its
// apparatus, see stripApparatus) to appear in the structure text, in the
// same order: each word is looked for after the one before it, where it
// may stand cut into pieces (a long word in a narrow table column, CJK
// text drawn an ideograph at a time). A word found only earlier is a repetition the plain text
// makes (a wide table's header before each row) and is not counted.
func checkRecallInOrder(t *testing.T, plain, tagged string) {
	t.Helper()
	got := words(tagged)
	at := func(from int, w string) int {
		for i := from; i < len(got); i++ {
			joined := ""
			for j := i; j < len(got); j++ {
				joined += got[j]
				if joined == w {
					return j + 1
				}
				if !strings.HasPrefix(w, joined) {
					break
				}
			}
		}
		return -1
	}
	pos, total := 0, 0
	var lost []string
	for _, w := range words(stripApparatus(plain)) {
		total++
		if next := at(pos, w); next >= 0 {
			pos = next
			continue
		}
		if at(0, w) < 0 {
			lost = append(lost, w)
		}
	}
	if len(lost) > 0 {
		t.Errorf("structure text recall below 100%%: %d of %d words of the plain text are not in the tagged text, e.g. %q",
			len(lost), total, lost[:min(len(lost), 10)])
	}
}

// pdfStructure is a tagged PDF's structure as its objects say.
type pdfStructure struct {
	objs    map[string]json.RawMessage
	elems   map[string]*structElem // by reference ("12 0 R")
	catalog map[string]json.RawMessage
}

// structElem is one StructElem: its type and dictionary.
type structElem struct {
	role string
	dict map[string]json.RawMessage
}

// dictOf returns the dictionary of object ref ("12 0 R"), a stream's
// dictionary for a stream.
func dictOf(objs map[string]json.RawMessage, ref string) map[string]json.RawMessage {
	var o struct {
		Value  map[string]json.RawMessage `json:"value"`
		Stream struct {
			Dict map[string]json.RawMessage `json:"dict"`
		} `json:"stream"`
	}
	if json.Unmarshal(objs["obj:"+ref], &o) != nil {
		return nil
	}
	if o.Value != nil {
		return o.Value
	}
	return o.Stream.Dict
}

// str decodes a JSON string (a name, a reference or a qpdf string).
func str(m json.RawMessage) string {
	var s string
	json.Unmarshal(m, &s)
	return s
}

func readStructure(t *testing.T, objs map[string]json.RawMessage) *pdfStructure {
	t.Helper()
	var trailer struct {
		Value map[string]json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(objs["trailer"], &trailer); err != nil {
		t.Fatalf("trailer: %v", err)
	}
	s := &pdfStructure{objs: objs, elems: map[string]*structElem{}}
	s.catalog = dictOf(objs, str(trailer.Value["/Root"]))
	root := dictOf(objs, str(s.catalog["/StructTreeRoot"]))
	if str(root["/Type"]) != "/StructTreeRoot" {
		t.Fatalf("catalog /StructTreeRoot is %v", s.catalog["/StructTreeRoot"])
	}
	for key := range objs {
		ref, ok := strings.CutPrefix(key, "obj:")
		if !ok {
			continue
		}
		if d := dictOf(objs, ref); str(d["/Type"]) == "/StructElem" {
			s.elems[ref] = &structElem{role: strings.TrimPrefix(str(d["/S"]), "/"), dict: d}
		}
	}
	return s
}

// checkStructure checks the invariants of a tagged PDF: the catalog's
// /MarkInfo, /Lang and /ViewerPreferences; every page has /StructParents
// and /Tabs /S; every text-showing and painting operator is inside exactly
// one marked-content sequence; every MCID of a page is used once and the
// ParentTree maps it to the element whose /K holds it; every link
// annotation is an indirect object with /F 4, /Contents and a
// /StructParent that maps to a Link element holding an OBJR to it; no
// element is a bare H, the first heading is H1 and levels never skip.
func checkStructure(t *testing.T, objs map[string]json.RawMessage) {
	t.Helper()
	s := readStructure(t, objs)
	if !strings.Contains(string(s.catalog["/MarkInfo"]), `"/Marked": true`) {
		t.Errorf("catalog /MarkInfo = %s", s.catalog["/MarkInfo"])
	}
	if str(s.catalog["/Lang"]) == "" {
		t.Error("catalog has no /Lang")
	}
	if !strings.Contains(string(s.catalog["/ViewerPreferences"]), `"/DisplayDocTitle": true`) {
		t.Errorf("catalog /ViewerPreferences = %s", s.catalog["/ViewerPreferences"])
	}
	root := dictOf(objs, str(s.catalog["/StructTreeRoot"]))
	parents := map[int][]string{} // ParentTree key → element references
	var nums []json.RawMessage
	json.Unmarshal(dictOf(objs, str(root["/ParentTree"]))["/Nums"], &nums)
	for i := 0; i+1 < len(nums); i += 2 {
		var key int
		json.Unmarshal(nums[i], &key)
		var arr []string
		if json.Unmarshal(nums[i+1], &arr) != nil {
			arr = []string{str(nums[i+1])}
		}
		parents[key] = arr
	}
	// Each element's marked content and annotations, as (page, MCID) and
	// annotation references.
	type mcr struct {
		page string
		mcid int
	}
	owner := map[mcr]string{}
	objr := map[string]string{}
	for ref, e := range s.elems {
		var kids []json.RawMessage
		json.Unmarshal(e.dict["/K"], &kids)
		for _, k := range kids {
			var n int
			if json.Unmarshal(k, &n) == nil {
				owner[mcr{str(e.dict["/Pg"]), n}] = ref
				continue
			}
			var d map[string]json.RawMessage
			if json.Unmarshal(k, &d) != nil {
				continue
			}
			switch str(d["/Type"]) {
			case "/MCR":
				json.Unmarshal(d["/MCID"], &n)
				owner[mcr{str(d["/Pg"]), n}] = ref
			case "/OBJR":
				objr[str(d["/Obj"])] = ref
			}
		}
		if e.role == "H" {
			t.Errorf("bare H element %s", ref)
		}
	}
	var pagesDict = dictOf(objs, str(s.catalog["/Pages"]))
	var kids []string
	json.Unmarshal(pagesDict["/Kids"], &kids)
	for pi, page := range kids {
		pd := dictOf(objs, page)
		if str(pd["/Tabs"]) != "/S" {
			t.Errorf("page %d: /Tabs = %s", pi+1, pd["/Tabs"])
		}
		var sp int
		if err := json.Unmarshal(pd["/StructParents"], &sp); err != nil {
			t.Errorf("page %d has no /StructParents", pi+1)
			continue
		}
		mcids := contentMCIDs(t, objs, str(pd["/Contents"]), pi+1)
		if len(mcids) != len(parents[sp]) {
			t.Errorf("page %d: %d MCIDs in the content, %d in the ParentTree", pi+1, len(mcids), len(parents[sp]))
		}
		for i, m := range mcids {
			if m != i {
				t.Errorf("page %d: MCID %d where %d is next", pi+1, m, i)
				break
			}
			if i < len(parents[sp]) && owner[mcr{page, m}] != parents[sp][i] {
				t.Errorf("page %d MCID %d: ParentTree names %s, the element holding it is %q", pi+1, m, parents[sp][i], owner[mcr{page, m}])
			}
		}
		var annots []string
		if err := json.Unmarshal(pd["/Annots"], &annots); pd["/Annots"] != nil && err != nil {
			t.Errorf("page %d: /Annots are not all indirect: %s", pi+1, pd["/Annots"])
		}
		for _, a := range annots {
			ad := dictOf(objs, a)
			if str(ad["/Subtype"]) != "/Link" {
				continue
			}
			if string(ad["/F"]) != "4" {
				t.Errorf("link %s: /F = %s, want 4 (print)", a, ad["/F"])
			}
			if c := str(ad["/Contents"]); c == "" || c == "u:" {
				t.Errorf("link %s has no /Contents", a)
			}
			var p int
			if err := json.Unmarshal(ad["/StructParent"], &p); err != nil {
				t.Errorf("link %s has no /StructParent", a)
				continue
			}
			if len(parents[p]) != 1 || objr[a] != parents[p][0] || s.elems[parents[p][0]].role != "Link" {
				t.Errorf("link %s: ParentTree %d names %v; the Link element with its OBJR is %q", a, p, parents[p], objr[a])
			}
		}
	}
	// Headings: H1 first, never a skipped level.
	var levels []int
	for _, ref := range sortedRefs(s) {
		if r := s.elems[ref].role; len(r) == 2 && r[0] == 'H' && r[1] >= '1' && r[1] <= '6' {
			levels = append(levels, int(r[1]-'0'))
		}
	}
	for i, lv := range levels {
		if (i == 0 && lv != 1) || (i > 0 && lv > levels[i-1]+1) {
			t.Errorf("heading levels %v skip a level at %d", levels, i)
			break
		}
	}
}

// sortedRefs are the structure elements in reading order: a walk of the
// tree from the root.
func sortedRefs(s *pdfStructure) []string {
	var out []string
	var walk func(ref string)
	walk = func(ref string) {
		e, ok := s.elems[ref]
		if !ok {
			return
		}
		out = append(out, ref)
		var kids []json.RawMessage
		json.Unmarshal(e.dict["/K"], &kids)
		for _, k := range kids {
			if r := str(k); strings.HasSuffix(r, " 0 R") {
				walk(r)
			}
		}
	}
	var ks []string
	json.Unmarshal(dictOf(s.objs, str(s.catalog["/StructTreeRoot"]))["/K"], &ks)
	for _, k := range ks {
		walk(k)
	}
	return out
}

// contentMCIDs returns the MCIDs of a page's content stream in order, and
// fails t for a text-showing or painting operator that is not inside
// exactly one marked-content sequence (besides the /Span that gives a
// shaped run its /ActualText).
func contentMCIDs(t *testing.T, objs map[string]json.RawMessage, ref string, page int) []int {
	t.Helper()
	var o struct {
		Stream struct {
			Data string `json:"data"`
		} `json:"stream"`
	}
	if err := json.Unmarshal(objs["obj:"+ref], &o); err != nil {
		t.Fatalf("page %d content %s: %v", page, ref, err)
	}
	data, err := base64.StdEncoding.DecodeString(o.Stream.Data)
	if err != nil {
		t.Fatalf("page %d content: %v", page, err)
	}
	var mcids []int
	// The open sequences: true for a /Span that only gives the
	// shaped text it holds its /ActualText, directly inside a sequence
	// with an MCID (internal/pdf/shaping.go).
	var open []bool
	depth := func() int { // sequences other than such spans
		n := 0
		for _, span := range open {
			if !span {
				n++
			}
		}
		return n
	}
	var operands []string
	for _, tok := range contentTokens(data) {
		switch tok {
		case "BDC", "BMC":
			span := false
			if tok == "BDC" && len(operands) > 0 {
				props := operands[len(operands)-1]
				if m := regexp.MustCompile(`/MCID (\d+)`).FindStringSubmatch(props); m != nil {
					n, _ := strconv.Atoi(m[1])
					mcids = append(mcids, n)
				} else if len(operands) == 2 && operands[0] == "/Span" && strings.Contains(props, "/ActualText") {
					span = true
					if len(open) != 1 || open[0] {
						t.Errorf("page %d: a /Span with /ActualText at marked-content depth %d", page, len(open))
					}
				}
			}
			open = append(open, span)
		case "EMC":
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case "Tj", "TJ", "'", `"`, "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh":
			if d := depth(); d != 1 {
				t.Errorf("page %d: %s at marked-content depth %d", page, tok, d)
			}
		}
		if isOperator(tok) {
			operands = operands[:0]
		} else {
			operands = append(operands, tok)
		}
	}
	if len(open) != 0 {
		t.Errorf("page %d: %d marked-content sequences left open", page, len(open))
	}
	return mcids
}

func isOperator(tok string) bool {
	c := tok[0]
	return c != '/' && c != '(' && c != '<' && c != '[' && c != ']' && c != '-' && c != '.' && (c < '0' || c > '9')
}

// contentTokens splits a content stream into operands and operators; a
// string, a dictionary and an array are one token each.
func contentTokens(b []byte) []string {
	var out []string
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
		case c == '(':
			j, depth := i+1, 1
			for ; j < len(b) && depth > 0; j++ {
				switch b[j] {
				case '\\':
					j++
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			out = append(out, string(b[i:j]))
			i = j
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			// A dictionary (a property list), which may hold hex strings.
			j, depth := i, 0
			for j < len(b) {
				switch {
				case bytes.HasPrefix(b[j:], []byte("<<")):
					depth++
					j += 2
				case bytes.HasPrefix(b[j:], []byte(">>")):
					depth--
					j += 2
				case b[j] == '<':
					j += bytes.IndexByte(b[j:], '>') + 1
				default:
					j++
				}
				if depth == 0 {
					break
				}
			}
			out = append(out, string(b[i:j]))
			i = j
		case c == '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				j = len(b) - i - 1
			}
			out = append(out, string(b[i:i+j+1]))
			i += j + 1
		case c == '[':
			// An array (TJ's operand) may hold strings with brackets.
			j := i + 1
			for j < len(b) && b[j] != ']' {
				if b[j] == '(' {
					depth := 1
					for j++; j < len(b) && depth > 0; j++ {
						switch b[j] {
						case '\\':
							j++
						case '(':
							depth++
						case ')':
							depth--
						}
					}
					continue
				}
				j++
			}
			out = append(out, string(b[i:min(j+1, len(b))]))
			i = j + 1
		default:
			j := i
			for j < len(b) && !strings.ContainsRune(" \n\r\t()<>[]/", rune(b[j])) {
				j++
			}
			if c == '/' {
				j = i + 1
				for j < len(b) && !strings.ContainsRune(" \n\r\t()<>[]/", rune(b[j])) {
					j++
				}
			}
			if j == i {
				j++
			}
			out = append(out, string(b[i:j]))
			i = j
		}
	}
	return out
}
