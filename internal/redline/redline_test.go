package redline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/redline"
	"github.com/policyexport/policyexport/internal/template"
)

// fill parses and fills the template at path with vals.
func fill(t testing.TB, path string, vals map[string]string) *ast.Document {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fillSource(t, path, src, vals)
}

func fillSource(t testing.TB, name string, src []byte, vals map[string]string) *ast.Document {
	t.Helper()
	tmpl, err := template.Parse(name, src, template.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := tmpl.Fill(vals, template.FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

var (
	oldValues = map[string]string{"siteName": "Acme Imaging", "email": "privacy@acme.example", "lastUpdated": "2026-06-01"}
	newValues = map[string]string{"siteName": "Acme Imaging", "email": "privacy@acme.example", "lastUpdated": "2026-11-28"}
)

func seedPair(t testing.TB) (old, new *ast.Document) {
	return fill(t, filepath.Join("..", "..", "testdata", "input", "redline", "old.md"), oldValues), fill(t, filepath.Join("..", "..", "testdata", "input", "redline", "new.md"), newValues)
}

// TestSeedPair checks the changes between the two versions of the seed
// in testdata: each edit is one change of its kind in its section.
func TestSeedPair(t *testing.T) {
	old, new := seedPair(t)
	res, err := redline.Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		kind     redline.Kind
		old, new string
		section  string
	}
	wants := []want{
		{redline.Replace, "2026-06-01", "2026-11-28", "Preamble"}, // a value change
		{redline.Insert, "", "Location Data: Approximate location derived from your IP address", "1. Information We Collect › 1.1 Information You Provide"},
		{redline.Replace, "temporarily", "briefly", "1. Information We Collect › 1.3 User-Generated Content"},
		{redline.Insert, "", ", Security", "4. Data Storage, Security and Retention"}, // the comma inserted, "Storage" kept
		{redline.Replace, "Security", "Retention", "4. Data Storage, Security and Retention"},
		{redline.Replace, "12", "6", "4. Data Storage, Security and Retention › 4.2 Retention Period"},
		{redline.Format, "browser settings", "browser settings", "5. Cookies and Tracking Technologies"}, // "*browser settings*.": the full stop is not emphasized
		{redline.Insert, "", "We review every integration partner once a year against our data protection requirements.", "7. Third-Party Services and Links"},
		{redline.Delete, "We encourage you to review this policy regularly.", "", "9. Changes to This Privacy Policy"},
	}
	var got []want
	for _, c := range res.Changes {
		got = append(got, want{c.Kind, c.Old, c.New, redline.SectionName(c.Section)})
	}
	if !slices.Equal(got, wants) {
		t.Errorf("changes:\n got %q\nwant %q", got, wants)
	}
	// The one-word replacement is placed at its word, in both templates.
	if c := res.Changes[2]; c.OldPos != (ast.Pos{Line: 31, Col: 127}) || c.NewPos != (ast.Pos{Line: 32, Col: 127}) {
		t.Errorf("the replacement of \"temporarily\" is at %v and %v, want 31:127 and 32:127", c.OldPos, c.NewPos)
	}
}

// TestNoChange checks that a document compared with itself has no
// changes and that its redline reads as the document.
func TestNoChange(t *testing.T) {
	_, new := seedPair(t)
	res, err := redline.Compare(new, new)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 0 {
		t.Errorf("%d changes, want none: %+v", len(res.Changes), res.Changes)
	}
	if !slices.Equal(redline.Words(res.Redline), redline.Words(new)) {
		t.Error("the redline of no change reads differently from the document")
	}
}

// TestMove checks that a paragraph moved elsewhere is a move, listed
// where it went from and where it went to.
func TestMove(t *testing.T) {
	a := "# T\n\nFirst paragraph of several words.\n\nSecond.\n\nThird.\n"
	b := "# T\n\nSecond.\n\nThird.\n\nFirst paragraph of several words.\n"
	res, err := redline.Compare(fillSource(t, "a.md", []byte(a), nil), fillSource(t, "b.md", []byte(b), nil))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []redline.Kind
	for _, c := range res.Changes {
		kinds = append(kinds, c.Kind)
	}
	if !slices.Equal(kinds, []redline.Kind{redline.Move, redline.Move}) {
		t.Errorf("kinds %v, want [move move]", kinds)
	}
	// One moved paragraph is one move in the summary ("2 moves" before),
	// and each end of it one in the section it is in.
	if got := redline.Counts(res.Changes); got != "1 move" {
		t.Errorf("Counts = %q, want 1 move", got)
	}
	for _, c := range res.Changes {
		if got := redline.Counts([]redline.Change{c}); got != "1 move" {
			t.Errorf("Counts of one end = %q, want 1 move", got)
		}
	}
}

// TestTableRowPairs checks that a changed row is compared with the new
// row like it, not with the one at its place: a row added above a
// changed row is an insertion, and the changed row's cell a replacement.
// Rows paired in order showed "Cloudflare" replaced by "Acme" in every
// cell, then Cloudflare inserted.
func TestTableRowPairs(t *testing.T) {
	a := "# T\n\n| Name | Purpose | Location |\n|---|---|---|\n| AWS | Cloud hosting | United States |\n| Cloudflare | Content delivery | United States |\n| Zendesk | Support | Ireland |\n"
	b := "# T\n\n| Name | Purpose | Location |\n|---|---|---|\n| AWS | Cloud hosting | United States |\n| Acme Analytics | Product analytics | Germany |\n| Cloudflare | Content delivery and DDoS protection | United States |\n| Zendesk | Support | Ireland |\n"
	res, err := redline.Compare(fillSource(t, "a.md", []byte(a), nil), fillSource(t, "b.md", []byte(b), nil))
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		kind     redline.Kind
		old, new string
	}
	var got []want
	for _, c := range res.Changes {
		got = append(got, want{c.Kind, c.Old, c.New})
	}
	wants := []want{
		{redline.Insert, "", "Acme Analytics Product analytics Germany"},
		{redline.Insert, "", "and DDoS protection"},
	}
	if !slices.Equal(got, wants) {
		t.Errorf("changes:\n got %q\nwant %q", got, wants)
	}
	// A row like none of the new ones is deleted, not compared cell by
	// cell with an unrelated row.
	c := "# T\n\n| Name | Purpose | Location |\n|---|---|---|\n| AWS | Cloud hosting | United States |\n| Zendesk | Support | Ireland |\n"
	d := "# T\n\n| Name | Purpose | Location |\n|---|---|---|\n| Acme Analytics | Product analytics | Germany |\n| Zendesk | Support | Ireland |\n"
	res, err = redline.Compare(fillSource(t, "c.md", []byte(c), nil), fillSource(t, "d.md", []byte(d), nil))
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, c := range res.Changes {
		got = append(got, want{c.Kind, c.Old, c.New})
	}
	wants = []want{
		{redline.Delete, "AWS Cloud hosting United States", ""},
		{redline.Insert, "", "Acme Analytics Product analytics Germany"},
	}
	if !slices.Equal(got, wants) {
		t.Errorf("unlike rows:\n got %q\nwant %q", got, wants)
	}
}

// TestMovePairs checks that each end of a move names the other, paired
// where the blocks were found, not by their text afterwards: two moved
// paragraphs pair with their own other ends, and a paragraph written
// twice whose second copy is deleted is a deletion, no end of a move.
func TestMovePairs(t *testing.T) {
	a := "# T\n\nAlpha paragraph of several words.\n\nBeta paragraph of several words.\n\nMiddle.\n\nTwice the same four words.\n\nTwice the same four words.\n"
	b := "# T\n\nMiddle.\n\nBeta paragraph of several words.\n\nAlpha paragraph of several words.\n\nEnd.\n\nTwice the same four words.\n"
	res, err := redline.Compare(fillSource(t, "a.md", []byte(a), nil), fillSource(t, "b.md", []byte(b), nil))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]redline.Change{}
	moves := 0
	for _, c := range res.Changes {
		byID[c.ID] = c
	}
	for _, c := range res.Changes {
		if c.Kind != redline.Move {
			if c.MovedTo != "" || c.MovedFrom != "" {
				t.Errorf("%s (%s) names a move's end", c.ID, c.Kind)
			}
			continue
		}
		moves++
		switch {
		case c.MovedTo != "":
			to := byID[c.MovedTo]
			if to.MovedFrom != c.ID || to.New != c.Old || c.New != "" {
				t.Errorf("%s (%q) moved to %s (%q, from %q)", c.ID, c.Old, to.ID, to.New, to.MovedFrom)
			}
		case c.MovedFrom != "":
			if from := byID[c.MovedFrom]; from.MovedTo != c.ID {
				t.Errorf("%s moved from %s, which moved to %q", c.ID, from.ID, from.MovedTo)
			}
		default:
			t.Errorf("%s is a move with no other end: %+v", c.ID, c)
		}
	}
	if got := redline.Counts(res.Changes); moves != 4 || got != "1 insertion, 1 deletion and 2 moves" {
		t.Errorf("%d ends of moves, counts %q; want 4, 1 insertion, 1 deletion and 2 moves", moves, got)
	}
	// A paragraph deleted at two places and written at a third is one
	// move and one deletion: it was two moves, one with no other end.
	a = "# T\n\nSame four words here.\n\nAlpha.\n\nSame four words here.\n\nBeta.\n"
	b = "# T\n\nAlpha.\n\nBeta.\n\nGamma.\n\nSame four words here.\n"
	res, err = redline.Compare(fillSource(t, "a.md", []byte(a), nil), fillSource(t, "b.md", []byte(b), nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := redline.Counts(res.Changes); got != "1 insertion, 1 deletion and 1 move" {
		t.Errorf("counts %q, want 1 insertion, 1 deletion and 1 move", got)
	}
}

// TestSchema checks the change list of the seed pair against its schema,
// and that the schema refuses a change of an unknown kind.
func TestSchema(t *testing.T) {
	old, new := seedPair(t)
	res, err := redline.Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := redline.WriteJSON(&buf, redline.Side{Name: "old.md", Doc: old}, redline.Side{Name: "new.md", Doc: new}, res, false); err != nil {
		t.Fatal(err)
	}
	sch := compileSchema(t)
	if err := validateJSON(sch, buf.Bytes()); err != nil {
		t.Errorf("the change list does not validate: %v\n%s", err, buf.Bytes())
	}
	bad := bytes.Replace(buf.Bytes(), []byte(`"kind": "replace"`), []byte(`"kind": "rewrite"`), 1)
	if err := validateJSON(sch, bad); err == nil {
		t.Error("the schema accepts a change of kind \"rewrite\"")
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(redline.Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const id = "https://github.com/policyexport/policyexport/schema/diff-1.schema.json"
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateJSON(s *jsonschema.Schema, data []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// BenchmarkCompareSeed compares the seed with an edited seed.
func BenchmarkCompareSeed(b *testing.B) {
	old, new := seedPair(b)
	for b.Loop() {
		if _, err := redline.Compare(old, new); err != nil {
			b.Fatal(err)
		}
	}
}

// fillOrSkip parses and fills src, skipping the test when it is not a
// template.
func fillOrSkip(t *testing.T, src string) *ast.Document {
	tmpl, err := template.Parse("x.md", []byte(src), template.Options{})
	if err != nil {
		t.Skip()
	}
	doc, _, err := tmpl.Fill(nil, template.FillOptions{Missing: template.MissingKeep})
	if err != nil {
		t.Skip()
	}
	return doc
}

// TestMetaChange checks that a change of the front matter alone is a
// change of the metadata, not of the text.
func TestMetaChange(t *testing.T) {
	a := "---\ntitle: Terms\nlang: en\n---\n# Terms\n\nBe nice.\n"
	b := "---\ntitle: Terms\nlang: de\n---\n# Terms\n\nBe nice.\n"
	res, err := redline.Compare(fillSource(t, "a.md", []byte(a), nil), fillSource(t, "b.md", []byte(b), nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 0 || !res.Changed() || len(res.Meta) != 1 || res.Meta[0] != (redline.MetaChange{Field: "lang", Old: "en", New: "de"}) {
		t.Errorf("changes %+v, meta %+v; want only lang en → de", res.Changes, res.Meta)
	}
}

// TestDeletedSections checks that a deleted heading's section is its own
// ancestors in the old version, and the blocks under it in its section:
// the new version's path at that place ("Alpha › Beta", "Scope › Details
// › Refunds") named sections that never existed. It also checks that the
// redline has no heading whose new text is empty, which the PDF gave an
// outline entry without a title.
func TestDeletedSections(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		want     []string
	}{
		{"# T\n\n## Alpha\n\nA text.\n\n## Beta\n\nB text.\n\n## Gamma\n\nG text.\n", "# T\n\n## Alpha\n\nA text.\n\n## Gamma\n\nG text.\n", []string{"Beta", "Beta"}},
		{"# Terms\n\n## Scope\n\nS.\n\n### Details\n\nD.\n\n## Refunds\n\nR.\n", "# Terms\n\n## Scope\n\nS.\n\n### Details\n\nD.\n", []string{"Refunds", "Refunds"}},
	} {
		res, err := redline.Compare(fillSource(t, "a.md", []byte(tc.old), nil), fillSource(t, "b.md", []byte(tc.new), nil))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range res.Changes {
			got = append(got, redline.SectionName(c.Section))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("sections %q, want %q", got, tc.want)
		}
		ast.WalkHeadings(res.Redline.Blocks, func(h *ast.Heading) bool {
			if ast.PlainText(h.Inlines) == "" {
				t.Errorf("the redline has a heading with no text of the new version: %+v", h)
			}
			return true
		})
	}
}

// TestEndPositions checks the positions of words added or removed at the
// end of a block: where the word starts in the version that has it, and
// just after the last word in the other. They were one column early (the
// space before the word) and the block's start.
func TestEndPositions(t *testing.T) {
	short, long := "Alpha beta gamma\n", "Alpha beta gamma delta\n"
	for _, tc := range []struct {
		old, new       string
		kind           redline.Kind
		oldPos, newPos ast.Pos
	}{
		{short, long, redline.Insert, ast.Pos{Line: 1, Col: 17}, ast.Pos{Line: 1, Col: 18}},
		{long, short, redline.Delete, ast.Pos{Line: 1, Col: 18}, ast.Pos{Line: 1, Col: 17}},
	} {
		res, err := redline.Compare(fillSource(t, "a.md", []byte(tc.old), nil), fillSource(t, "b.md", []byte(tc.new), nil))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Changes) != 1 {
			t.Fatalf("%d changes, want 1: %+v", len(res.Changes), res.Changes)
		}
		c := res.Changes[0]
		if c.Kind != tc.kind || c.OldPos != tc.oldPos || c.NewPos != tc.newPos {
			t.Errorf("%s at %v and %v, want %s at %v and %v", c.Kind, c.OldPos, c.NewPos, tc.kind, tc.oldPos, tc.newPos)
		}
	}
}

// TestDestinationChanged checks that a link whose words stayed and whose
// destination changed is a replacement that carries both destinations,
// in the change list (valid against the schema) and in the redline, the
// old destination deleted and the new one inserted after the words: it
// was a formatting change whose old and new text were the same, and the
// old destination was nowhere.
func TestDestinationChanged(t *testing.T) {
	a := "# T\n\nOpt out [here](https://a.example/optout) or *write*.\n"
	b := "# T\n\nOpt out [here](https://b.example/optout) or **write**.\n"
	old, new := fillSource(t, "a.md", []byte(a), nil), fillSource(t, "b.md", []byte(b), nil)
	res, err := redline.Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 2 {
		t.Fatalf("%d changes, want 2: %+v", len(res.Changes), res.Changes)
	}
	want := []redline.DestinationChange{{Old: "https://a.example/optout", New: "https://b.example/optout"}}
	if c := res.Changes[0]; c.Kind != redline.Replace || c.Old != "here" || c.New != "here" || !slices.Equal(c.Destinations, want) {
		t.Errorf("the link's change is %+v, want a replace of here by here with destinations %v", c, want)
	}
	if c := res.Changes[1]; c.Kind != redline.Format || c.Destinations != nil {
		t.Errorf("the emphasis's change is %+v, want a format change without destinations", c)
	}
	var marks []string
	ast.WalkBlocks(res.Redline.Blocks, func(n ast.Node) bool {
		if c, ok := n.(*ast.Change); ok && c.Kind != ast.Reformatted {
			marks = append(marks, c.Kind.String()+":"+ast.PlainText(c.Inlines))
		}
		return true
	})
	if w := []string{"delete:https://a.example/optout", "insert:https://b.example/optout"}; !slices.Equal(marks, w) {
		t.Errorf("the redline marks %q, want %q", marks, w)
	}
	var buf bytes.Buffer
	if err := redline.WriteJSON(&buf, redline.Side{Name: "a.md", Doc: old}, redline.Side{Name: "b.md", Doc: new}, res, true); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"destinations":[{"old":"https://a.example/optout","new":"https://b.example/optout"}]`)) {
		t.Errorf("the change list has no destinations:\n%s", buf.Bytes())
	}
	if err := validateJSON(compileSchema(t), buf.Bytes()); err != nil {
		t.Errorf("the change list does not validate: %v\n%s", err, buf.Bytes())
	}
}

// TestWriteJSONStreams checks that WriteJSON, which encodes the changes
// one at a time, writes the bytes one encoding of the whole list writes,
// indented and compact, with changes (moves, destinations, sections, text
// with <, > and & that encoding/json would escape by default) and with
// none.
func TestWriteJSONStreams(t *testing.T) {
	old, new := seedPair(t)
	tricky := fillSource(t, "b.md", []byte("# T\n\n## A <b> & c\n\nSee [here](https://b.example/x?a=1&b=2) now.\n\nA paragraph that moves somewhere else entirely.\n\nx < y & z > w\n"), nil)
	trickyOld := fillSource(t, "a.md", []byte("# T\n\nA paragraph that moves somewhere else entirely.\n\n## A <b> & c\n\nSee [here](https://a.example/x) now.\n"), nil)
	for _, pair := range []struct {
		name     string
		old, new *ast.Document
	}{{"seed", old, new}, {"tricky", trickyOld, tricky}, {"unchanged", new, new}} {
		res, err := redline.Compare(pair.old, pair.new)
		if err != nil {
			t.Fatal(err)
		}
		for _, compact := range []bool{false, true} {
			var got, want bytes.Buffer
			o, n := redline.Side{Name: "old.md", Doc: pair.old}, redline.Side{Name: "new.md", Doc: pair.new}
			if err := redline.WriteJSON(&got, o, n, res, compact); err != nil {
				t.Fatal(err)
			}
			if err := redline.WriteJSONWhole(&want, o, n, res, compact); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s, compact %v: WriteJSON wrote\n%s\nwant\n%s", pair.name, compact, got.Bytes(), want.Bytes())
			}
			if pair.name == "unchanged" && len(res.Changes) != 0 {
				t.Errorf("unchanged: %d changes", len(res.Changes))
			}
		}
	}
}

// TestSummaryFullStop: the summary's sentence of counts ends with the
// full stop of the document's language (l10n.FullStop).
func TestSummaryFullStop(t *testing.T) {
	old := fillSource(t, "old.md", []byte("# T\n\nWe keep logs.\n"), nil)
	new := fillSource(t, "new.md", []byte("# T\n\nWe keep all logs.\n"), nil)
	res, err := redline.Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{"en": "1 insertion.", "de": "1 Einfügung.", "ja": "挿入 1 件。", "zh": "插入 1 处。", "zh-TW": "插入 1 處。", "hi": "जोड़े गए: 1।"} {
		blocks := redline.Summary(res, nil, l10n.Match(lang))
		p, ok := blocks[1].(*ast.Paragraph)
		if !ok || len(p.Inlines) != 1 {
			t.Fatalf("%s: summary block 1 is %#v", lang, blocks[1])
		}
		if got := p.Inlines[0].(*ast.Text).Text; got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

// TestSummaryRefNoBreak checks that the summary joins "change" and the
// first change's number with a no-break space, in every language, so
// that no line of the PDF or the HTML breaks between them.
func TestSummaryRefNoBreak(t *testing.T) {
	res := compareSources(t, "# T\n\nOne two three.\n\nFour five.\n", "# T\n\nOne 2 three.\n\nFour 5.\n")
	for _, code := range []string{"en", "de", "ja"} {
		lang := l10n.Match(code)
		blocks := redline.Summary(res, redline.Anchors(res.Redline), lang)
		l := blocks[len(blocks)-1].(*ast.List)
		p := l.Items[0].Blocks[0].(*ast.Paragraph)
		var text string
		for _, in := range p.Inlines {
			if tx, ok := in.(*ast.Text); ok {
				text += tx.Text
			}
		}
		if want := lang.Label(l10n.ChangeRefs) + "\u00a0"; !strings.Contains(text, want) {
			t.Errorf("%s: the summary's entry %q lacks %q", code, text, want)
		}
	}
}

// TestFootnoteSection checks that a change inside a footnote is filed
// under the section whose text references the footnote first, in the
// summary and the notice: footnotes come at the end of the document, and
// their changes were filed under its last section ("3. Changes"), which
// references none of them. A deleted footnote's section is that of its
// reference in the old version; a footnote referenced only from another
// footnote is in that one's section.
func TestFootnoteSection(t *testing.T) {
	old := "# T\n\n## 1. Scope\n\nWe keep logs.[^logs] Logs are private.[^logs]\n\n## 2. Contact\n\nWrite to us.[^mail]\n\n" +
		"## 3. Changes\n\nWe may change this.[^logs]\n\n[^logs]: For three weeks.[^why]\n[^mail]: At privacy@acme.example.\n[^why]: For security.\n"
	new := "# T\n\n## 1. Scope\n\nWe keep logs.[^logs] Logs are private.[^logs]\n\n## 2. Contact\n\nWrite to us.\n\n" +
		"## 3. Changes\n\nWe may change this.[^logs] We tell you first.[^tell]\n\n[^logs]: For four weeks.[^why]\n[^why]: For your security.\n[^tell]: By e-mail.\n"
	res := compareSources(t, old, new)
	type want struct {
		kind     redline.Kind
		old, new string
		section  string
	}
	var got []want
	for _, c := range res.Changes {
		got = append(got, want{c.Kind, c.Old, c.New, redline.SectionName(c.Section)})
	}
	wants := []want{
		{redline.Delete, "[^2]", "", "2. Contact"},
		{redline.Insert, "", "We tell you first.[^2]", "3. Changes"},
		{redline.Replace, "three", "four", "1. Scope"},                 // referenced in 1. Scope first, then in 3.
		{redline.Delete, "At privacy@acme.example.", "", "2. Contact"}, // its reference in the old version
		{redline.Insert, "", "By e-mail.", "3. Changes"},
		{redline.Insert, "", "your", "1. Scope"}, // referenced from the note on logs
	}
	if !slices.Equal(got, wants) {
		t.Errorf("changes:\n got %q\nwant %q", got, wants)
	}
	notice := redline.Notice(res, res.Redline, "", l10n.Lang{})
	var sections []string
	for _, it := range notice.Blocks[len(notice.Blocks)-1].(*ast.List).Items {
		sections = append(sections, ast.PlainText(it.Blocks[0].(*ast.Paragraph).Inlines))
	}
	// In the documents' order, as the summary lists them: 1. Scope's
	// changes are all in footnotes, which come last, and it was listed
	// last, after the sections that follow it.
	if want := []string{"1. Scope", "2. Contact", "3. Changes"}; !slices.Equal(sections, want) {
		t.Errorf("the notice's sections are %q, want %q", sections, want)
	}
}

// TestNoticeTitleFullStop checks that a title ending in a full stop
// ("Acme, Inc.") ends the notice's first sentence without a second one:
// "We have updated our Terms of Acme, Inc.." was written in English,
// whose sentence puts the title last, unquoted.
func TestNoticeTitleFullStop(t *testing.T) {
	const head = "---\ntitle: Terms of Acme, Inc.\n---\n# Terms\n\n"
	res := compareSources(t, head+"We keep logs.\n", head+"We keep no logs.\n")
	for _, c := range []struct {
		lang, effective, want string
	}{
		{"en", "", "We have updated our Terms of Acme, Inc."},
		{"en", "1 May 2026", "We have updated our Terms of Acme, Inc. The new version takes effect on 1 May 2026."},
		{"de", "", "Wir haben „Terms of Acme, Inc.“ aktualisiert."},
	} {
		notice := redline.Notice(res, res.Redline, c.effective, l10n.Match(c.lang))
		if got := ast.PlainText(notice.Blocks[0].(*ast.Paragraph).Inlines); got != c.want {
			t.Errorf("%s: the notice begins %q, want %q", c.lang, got, c.want)
		}
	}
}

// TestNoticeQuotesFollowLanguage: the notice quotes the title with the
// marks the document's own text has (l10n.Lang.Quote), its region's
// too: a Hebrew notice wrote „…” for ”…”, a Swiss German one „…“ for
// «…», a French one « … » with plain spaces; Chinese keeps its title
// marks, English quotes nothing.
func TestNoticeQuotesFollowLanguage(t *testing.T) {
	const head = "---\ntitle: Cookie Policy\n---\n# Cookies\n\n"
	res := compareSources(t, head+"We keep logs.\n", head+"We keep no logs.\n")
	for lang, want := range map[string]string{
		"he":    "עדכנו את ”Cookie Policy”.",
		"de-CH": "Wir haben «Cookie Policy» aktualisiert.",
		"fr":    "Nous avons mis à jour «\u202fCookie Policy\u202f».",
		"fr-CH": "Nous avons mis à jour «Cookie Policy».",
		"es":    "Hemos actualizado “Cookie Policy”.",
		"sv":    "Vi har uppdaterat ”Cookie Policy”.",
		"pl":    "Zaktualizowaliśmy dokument „Cookie Policy”.",
		"zh":    "我们已更新《Cookie Policy》。",
		"en":    "We have updated our Cookie Policy.",
	} {
		notice := redline.Notice(res, res.Redline, "", l10n.Match(lang))
		if got := ast.PlainText(notice.Blocks[0].(*ast.Paragraph).Inlines); got != want {
			t.Errorf("%s: the notice begins %q, want %q", lang, got, want)
		}
	}
	same := compareSources(t, head+"We keep logs.\n", head+"We keep logs.\n")
	if got := ast.PlainText(redline.Notice(same, same.Redline, "", l10n.Match("he")).Blocks[0].(*ast.Paragraph).Inlines); got != "”Cookie Policy” לא השתנה." {
		t.Errorf("he, unchanged: %q", got)
	}
}

// TestViewSpaces checks that each side of a side-by-side view reads as
// its version: the whitespace the redline shows unmarked around a word
// inserted or deleted alone ("a footnote {+now+}.") belongs to one
// version, and the old side read "This has a footnote ." with a space
// the old version never had. A space both versions have stays, as
// French puts before "!".
func TestViewSpaces(t *testing.T) {
	for _, tc := range []struct{ old, new string }{
		{"This has a footnote.", "This has a footnote now."},
		{"This has a footnote now.", "This has a footnote."},
		{"Wayne.", "Wayne Enterprises."},
		{"Bruce Wayne Enterprises.", "Bruce Enterprises."},
		{"Il a dit oui !", "Il a dit !"},
		{"Il a dit !", "Il a dit oui !"},
		{"Vraiment ?", "Vraiment pas ?"},
		{"a b", "a x b"},
		{"a *b*.", "a *b* c."},
	} {
		old := fillSource(t, "old.md", []byte("# T\n\n"+tc.old+"\n"), nil)
		new := fillSource(t, "new.md", []byte("# T\n\n"+tc.new+"\n"), nil)
		res, err := redline.Compare(old, new)
		if err != nil {
			t.Fatal(err)
		}
		for _, side := range []struct {
			kind ast.ChangeKind
			doc  *ast.Document
		}{{ast.Deleted, old}, {ast.Inserted, new}} {
			view, err := redline.View(res, side.kind)
			if err != nil {
				t.Fatal(err)
			}
			got, want := allText(view.Blocks[1].(*ast.Paragraph).Inlines), allText(side.doc.Blocks[1].(*ast.Paragraph).Inlines)
			if got != want {
				t.Errorf("%q → %q: the view of kind %v reads %q, want %q", tc.old, tc.new, side.kind, got, want)
			}
		}
		// The redline itself still shows that whitespace, unmarked.
		if got := ast.PlainText(res.Redline.Blocks[1].(*ast.Paragraph).Inlines); !strings.Contains(got, " ") {
			t.Errorf("%q → %q: the redline reads %q", tc.old, tc.new, got)
		}
	}
}

// allText is the text of ins, deleted text too (ast.PlainText leaves it
// out).
func allText(ins []ast.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		if t, ok := in.(*ast.Text); ok {
			b.WriteString(t.Text)
		}
		b.WriteString(allText(ast.InlineChildren(in)))
	}
	return b.String()
}
