package fpdfout

import (
	"bytes"
	"crypto/sha256"
	"strconv"
	"testing"
)

// TestStrict: the strict pass makes every file, with or without a
// standard and attachments, what ISO 32000-1 asks: outline items with
// children count them, annotations (written by tagStructure) are objects
// of their own with /F 4, every destination (outline items, links) names the page object it meant, and
// a file with attachments says %PDF-1.7.
func TestStrict(t *testing.T) {
	for _, c := range []struct {
		std    string
		attach bool
		header string
	}{{"", false, "%PDF-1.3\n"}, {"", true, "%PDF-1.7\n"}, {"a-2b", false, "%PDF-1.7\n"}, {"a-3u", true, "%PDF-1.7\n"}, {"a-1b", false, "%PDF-1.4\n"}} {
		name := c.std
		if c.attach {
			name += "+attach"
		}
		t.Run(name, func(t *testing.T) {
			std, err := ParseStandard(c.std)
			if err != nil {
				t.Fatal(err)
			}
			w := NewWriter(nil, 0, Config{UTF8Only: true})
			info := Info{Paper: "A4", Title: "T", Producer: "p", Standard: std}
			if c.attach {
				info.Attachments = []Attachment{{Name: "a.md", Content: []byte("# A\n")}, {Name: "b.json", Content: []byte("{}")}}
			}
			d, err := w.Start(info, w.NewUsage())
			if err != nil {
				t.Fatal(err)
			}
			d.AddPage()
			d.Bookmark("One", 0, 20)
			d.Bookmark("One.One", 1, 40)
			to2 := d.NewLink(2, 30)
			d.Link(20, 20, 30, 10, to2, 0, "Page 2")
			d.LinkURI(20, 40, 30, 10, "https://example.com/", 0, "Example")
			d.AddPage()
			d.Bookmark("Two", 0, 30)
			out, sum, err := d.Finish()
			if err != nil {
				t.Fatal(err)
			}
			if sum != sha256.Sum256(out) {
				t.Errorf("Finish's SHA-256 %x is not the file's %x", sum, sha256.Sum256(out))
			}
			if !bytes.HasPrefix(out, []byte(c.header)) {
				t.Errorf("header %q, want %q", out[:9], c.header)
			}
			f, err := splitFile(out)
			if err != nil {
				t.Fatal(err)
			}
			cat, _ := object(t, f, f.root)
			pages, _ := object(t, f, getRef(cat, "/Pages"))
			kids := bytes.Fields(bytes.Trim(get(pages, "/Kids"), "[]"))
			if len(kids) != 6 {
				t.Fatalf("page tree kids %s, want two pages", get(pages, "/Kids"))
			}
			page := func(n int) string { return string(kids[3*n-3]) } // object number of page n
			// Outline: One (one child, on page 1), One.One, Two (page 2);
			// fpdf writes /Count 0 on leaves, which is allowed.
			root, _ := object(t, f, getRef(cat, "/Outlines"))
			one, _ := object(t, f, getRef(root, "/First"))
			two, _ := object(t, f, getRef(root, "/Last"))
			sub, _ := object(t, f, getRef(one, "/First"))
			for _, o := range []struct {
				item  []byte
				count string
				page  int
			}{{root, "3", 0}, {one, "1", 1}, {sub, "0", 1}, {two, "0", 2}} {
				if got := string(get(o.item, "/Count")); got != o.count {
					t.Errorf("outline item %s: /Count %q, want %q", o.item, got, o.count)
				}
				if o.page == 0 {
					continue
				}
				if got := string(bytes.Fields(bytes.Trim(get(o.item, "/Dest"), "[]"))[0]); got != page(o.page) {
					t.Errorf("outline item %s: destination object %s, want page %d (object %s)", o.item, got, o.page, page(o.page))
				}
			}
			p1, _ := object(t, f, parseRef(bytes.Join(kids[:3], []byte(" "))))
			annots := bytes.Fields(bytes.Trim(get(p1, "/Annots"), "[]"))
			if len(annots) != 6 {
				t.Fatalf("page 1 /Annots %s, want two indirect references", get(p1, "/Annots"))
			}
			for i := 0; i < len(annots); i += 3 {
				num, err := strconv.Atoi(string(annots[i]))
				if err != nil || string(annots[i+2]) != "R" {
					t.Fatalf("page 1 /Annots %s: not references", get(p1, "/Annots"))
				}
				a, _ := object(t, f, num)
				if !bytes.Contains(a, []byte("/Type /Annot")) {
					t.Errorf("annotation object %s", a)
				}
				if string(get(a, "/F")) != "4" {
					t.Errorf("annotation %s: want /F 4", a)
				}
				if dest := get(a, "/Dest"); dest != nil {
					if got := string(bytes.Fields(bytes.Trim(dest, "[]"))[0]); got != page(2) {
						t.Errorf("link %s: destination object %s, want page 2 (object %s)", a, got, page(2))
					}
				}
			}
		})
	}
}
