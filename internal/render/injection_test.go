package render_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/safeurl"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// hostileValues are the values of the injection matrix. refused marks the
// values Fill must refuse with an error naming the value (NUL, invalid
// UTF-8, and the characters of values.Hidden).
var hostileValues = []struct {
	name, v string
	refused bool
}{
	{name: "markup", v: "*_~`[]()<>#|!"},
	{name: "script", v: "<script>alert(1)</script>"},
	{name: "javascript", v: "javascript:alert(1)"},
	{name: "data", v: "data:text/html,<script>alert(1)</script>"},
	{name: "link-breaker", v: "](javascript:x)"},
	{name: "image-breaker", v: "![x](javascript:x) <img src=x onerror=alert(1)>"},
	{name: "pipes", v: "a | b | c"},
	{name: "backslashes", v: `\ \\ \* \[x\]`},
	{name: "blank-lines", v: "line\n\n# x\n\n- y"},
	{name: "placeholder", v: "{otherName}"},
	{name: "entities", v: "&amp; &#60;b&#62; &lt;"},
	{name: "nul", v: "a\x00b", refused: true},
	{name: "invalid-utf8", v: "a\xffb", refused: true},
	{name: "long-word", v: strings.Repeat("w", 100000)},
	{name: "rlo", v: "abc\u202Edef", refused: true},
	{name: "zero-width-space", v: "a\u200Bb", refused: true},
	{name: "bom", v: "a\uFEFFb", refused: true},
	{name: "zwj", v: "a\u200Db"},
	{name: "tag-characters", v: "a\U000E0069\U000E0067\U000E006Eb", refused: true},
	{name: "hangul-filler", v: "\u3164", refused: true},
	{name: "variation-selector-run", v: "a\uFE00\uFE01\uFE02", refused: true},
	{name: "emoji", v: "smile 😀"},
}

// contexts are the places a placeholder can be in; benign renders of
// each give the structure a hostile value must not change.
var contexts = []struct {
	name, src string
	text      bool // the value must appear as one text node
	dest      bool // the value is (part of) a link destination
	meta      bool // the value is the front matter title
}{
	{name: "text", src: "Before {v} after.\n", text: true},
	{name: "heading", src: "# Title {v}\n\nBody.\n", text: true},
	{name: "emphasis", src: "Some *{v}* and **{v}**.\n", text: true},
	{name: "link-text", src: "See [{v}](https://example.com/).\n", text: true},
	{name: "table-cell", src: "| HEAD |\n|---|\n| {v} |\n", text: true},
	{name: "link-destination", src: "See [here]({v}) and [there](https://example.com/{v}).\n", dest: true},
	{name: "image-destination", src: "![alt]({v})\n", dest: true},
	{name: "front-matter", src: "---\ntitle: \"{v}\"\n---\n\nBody.\n", meta: true},
}

// TestInjectionMatrix fills every hostile value into every context and
// renders every format: the value is literal text or refused, no new
// element, attribute, link or cell appears, and only safe links are live.
func TestInjectionMatrix(t *testing.T) {
	// Without page footers, whose copy of the title would interrupt a
	// value that runs over a page in the extracted text.
	r, err := render.New(render.Options{PDF: pdf.Options{NoFooter: true}}, render.All())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, c := range contexts {
		tp, err := template.Parse(c.name+".md", []byte(c.src), template.Options{})
		if err != nil {
			t.Fatal(err)
		}
		benign := renderAll(t, r, tp, "VALUE")
		for _, hv := range hostileValues {
			t.Run(c.name+"/"+hv.name, func(t *testing.T) {
				doc, _, err := tp.Fill(map[string]string{"v": hv.v}, template.FillOptions{})
				if hv.refused {
					if err == nil || !strings.Contains(err.Error(), `value "v"`) {
						t.Fatalf("Fill: %v, want a refusal naming the value", err)
					}
					return
				}
				if err != nil {
					t.Fatalf("Fill: %v", err)
				}
				for _, f := range render.All() {
					var buf bytes.Buffer
					err := r.Write(&buf, doc, f)
					var ge *pdf.GlyphError
					if f == render.PDF && errors.As(err, &ge) && hv.name == "emoji" {
						continue // no built-in font draws emoji: a clear refusal
					}
					if f == render.PDF && c.name == "image-destination" && err != nil && strings.Contains(err.Error(), "Options.MissingImagesAlt") {
						continue // a missing image is a clear refusal
					}
					if err != nil {
						t.Fatalf("%s: %v", f, err)
					}
					out := buf.Bytes()
					switch f {
					case render.HTML:
						checkHTML(t, out, benign[f], hv.v, c.text, c.dest, c.meta)
					case render.JSON:
						checkJSONValue(t, out, hv.v, c.text, c.dest, c.meta)
					case render.TXT:
						if c.text && !containsLoose(string(out), hv.v) {
							t.Errorf("txt: value not found in\n%s", clip(out))
						}
					case render.PDF:
						path := filepath.Join(dir, "m.pdf")
						if err := os.WriteFile(path, out, 0o644); err != nil {
							t.Fatal(err)
						}
						// The zero width joiner has no glyph to extract; a
						// table repeats its header row on every page.
						text := strings.ReplaceAll(validate.PDFText(t, path), "\f", "")
						text = strings.ReplaceAll(text, "\nHEAD\n", "\n")
						if c.text && !containsLoose(text, strings.ReplaceAll(hv.v, "\u200d", "")) {
							t.Errorf("pdf: value not found in extracted text")
						}
						// pdfinfo shows the title's first line only.
						first, _, _ := strings.Cut(hv.v, "\n")
						if c.meta && !containsLoose(validate.PDFInfo(t, path)["Title"], first) {
							t.Errorf("pdf: title %q does not hold the value", validate.PDFInfo(t, path)["Title"])
						}
					}
				}
			})
		}
	}
}

// renderAll renders tp filled with v in every format but PDF.
func renderAll(t *testing.T, r *render.Renderer, tp *template.Template, v string) map[render.Format][]byte {
	t.Helper()
	doc, _, err := tp.Fill(map[string]string{"v": v}, template.FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	outs := map[render.Format][]byte{}
	for _, f := range []render.Format{render.HTML, render.TXT, render.JSON} {
		var buf bytes.Buffer
		if err := r.Write(&buf, doc, f); err != nil {
			t.Fatal(err)
		}
		outs[f] = buf.Bytes()
	}
	return outs
}

// htmlShape lists the elements of an HTML page with their attribute names,
// in document order, and the URL attribute values.
func htmlShape(t *testing.T, page []byte) (shape []string, urls []string, text, title string) {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var tb, tt strings.Builder
	var walk func(n *html.Node, inTitle bool)
	walk = func(n *html.Node, inTitle bool) {
		switch n.Type {
		case html.ElementNode:
			s := n.Data
			for _, a := range n.Attr {
				s += " " + a.Key
				if isURLAttr(a.Key) {
					urls = append(urls, a.Val)
				}
			}
			shape = append(shape, s)
			inTitle = inTitle || n.Data == "title"
		case html.TextNode:
			if inTitle {
				tt.WriteString(n.Data)
			} else {
				tb.WriteString(n.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inTitle)
		}
	}
	walk(root, false)
	return shape, urls, tb.String(), tt.String()
}

func isURLAttr(key string) bool {
	switch strings.ToLower(key) {
	case "href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background", "cite", "data":
		return true
	}
	return false
}

func checkHTML(t *testing.T, page, benign []byte, v string, text, dest, meta bool) {
	t.Helper()
	shape, urls, body, title := htmlShape(t, page)
	want, _, _, _ := htmlShape(t, benign)
	for _, u := range urls {
		if !safeurl.Allowed(u) {
			t.Errorf("html: live unsafe URL %q", u)
		}
	}
	if dest {
		// An unsafe destination may turn a link into text: the shape
		// may lose an a element, never gain one.
		if len(shape) > len(want) {
			t.Errorf("html: elements %v, benign %v", shape, want)
		}
		return
	}
	if strings.Join(shape, "\n") != strings.Join(want, "\n") {
		t.Errorf("html: elements\n%v\nwant (benign value)\n%v", shape, want)
	}
	if text && !strings.Contains(body, v) {
		t.Errorf("html: text does not hold the value:\n%s", clip([]byte(body)))
	}
	if meta && !containsLoose(title, v) { // the title's white space is collapsed
		t.Errorf("html: title %q does not hold the value", title)
	}
}

func checkJSONValue(t *testing.T, data []byte, v string, text, dest, meta bool) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("json: %v", err)
	}
	var exact, within bool
	var walk func(x any)
	walk = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		case string:
			exact = exact || x == v
			within = within || strings.Contains(x, v)
		}
	}
	walk(doc)
	switch {
	case text && !exact:
		t.Errorf("json: no text node is exactly the value")
	case meta && !within:
		t.Errorf("json: no metadata holds the value")
	case dest && !within:
		t.Errorf("json: no destination holds the value")
	}
}

// containsLoose reports whether got holds want once whitespace, '-' and
// '|' (which line wrapping, hyphenation and table borders add) and case
// (plain text capitalises top headings) are
// removed from both.
func containsLoose(got, want string) bool {
	strip := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch r {
			case ' ', '\t', '\n', '\r', '-', '|', '\u00a0', '\u00ad':
				return -1
			}
			return r
		}, s)
	}
	return strings.Contains(strings.ToLower(strip(got)), strings.ToLower(strip(want)))
}

func clip(b []byte) string {
	if len(b) > 400 {
		return string(b[:400]) + "…"
	}
	return string(b)
}
