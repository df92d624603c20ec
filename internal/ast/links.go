package ast

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// InternalLink is a link to a place in its own document: its
// destination is "#" and an id.
type InternalLink struct {
	Link *Link
	// ID is the destination without its "#"; never empty.
	ID string
}

// InternalLinks returns the links of doc, anywhere in it, whose
// destination is "#id", in document order. A bare "#" (the top of an
// HTML page) is none. Links inside raw HTML are not links of the model.
func InternalLinks(doc *Document) []InternalLink {
	var out []InternalLink
	WalkBlocks(doc.Blocks, func(n Node) bool {
		if l, ok := n.(*Link); ok {
			if id, ok := strings.CutPrefix(strings.TrimSpace(l.Destination), "#"); ok && id != "" {
				out = append(out, InternalLink{Link: l, ID: id})
			}
		}
		return true
	})
	return out
}

// Anchors returns the ids in doc that an internal link goes to in the
// HTML and in the PDF, each of which writes exactly these: every
// heading's ID; footnote N's definition and each of its references,
// when it has a definition (FootnoteIDs: "fn-N", "fnref-N" and
// "fnref-N-2" for the second); and a redline's change ids.
func Anchors(doc *Document) map[string]bool {
	ids := map[string]bool{}
	fn := NewFootnoteIDs(doc.Blocks)
	for _, id := range fn.ReferenceIDs(doc.Blocks) {
		ids[id] = true
	}
	WalkBlocks(doc.Blocks, func(n Node) bool {
		switch n := n.(type) {
		case *Heading:
			if n.ID != "" {
				ids[n.ID] = true
			}
		case *CodeBlock:
			if n.ChangeID != "" {
				ids[n.ChangeID] = true
			}
		case *Change:
			if n.ID != "" {
				ids[n.ID] = true
			}
		case *FootnoteDefinition:
			ids[fn.Definition(n.Index)] = true
		}
		return true
	})
	return ids
}

// RawHTMLAnchor is an id that raw HTML gives an element (id="x", or an
// <a name="x">), which only an output that keeps the raw HTML has.
type RawHTMLAnchor struct {
	ID string
	// At is where the raw HTML is.
	At Pos
}

// rawHTMLID finds an id or name attribute in raw HTML, its value
// quoted either way or bare.
var rawHTMLID = regexp.MustCompile(`(?i)(?:^|[\s"'])(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+))`)

// RawHTMLAnchors returns the ids that the raw HTML of doc gives (its
// id and name attributes), in document order.
func RawHTMLAnchors(doc *Document) []RawHTMLAnchor {
	var out []RawHTMLAnchor
	add := func(text string, at Pos) {
		for _, m := range rawHTMLID.FindAllStringSubmatch(text, -1) {
			if id := m[1] + m[2] + m[3]; id != "" {
				out = append(out, RawHTMLAnchor{ID: id, At: at})
			}
		}
	}
	WalkBlocks(doc.Blocks, func(n Node) bool {
		switch n := n.(type) {
		case *HTMLBlock:
			add(n.Text, n.At)
		case *RawHTML:
			add(n.Text, n.At)
		}
		return true
	})
	return out
}

// GitHubAnchors returns the headings of doc by the anchor GitHub (and
// pandoc's gfm_auto_identifiers) gives each: GitHubSlug of its text,
// with "-1", "-2" and so on after a slug taken before, as github-slugger
// counts. An author who previews a template on GitHub links to these.
func GitHubAnchors(doc *Document) map[string]*Heading {
	out := map[string]*Heading{}
	seen := map[string]int{}
	WalkHeadings(doc.Blocks, func(h *Heading) bool {
		base := GitHubSlug(PlainText(h.Inlines))
		s := base
		for {
			if _, taken := seen[s]; !taken {
				break
			}
			seen[base]++
			s = base + "-" + strconv.Itoa(seen[base])
		}
		seen[s] = 0
		out[s] = h
		return true
	})
	return out
}

// GitHubSlug is the anchor GitHub gives a heading of text s, as
// github-slugger makes it: lower case, every character dropped that is
// not a letter, a mark, a number, connector punctuation ("_"), a space
// or "-", and each space turned into "-", runs not joined: "Terms &
// Conditions" gives "terms--conditions" (where the heading's own id,
// which joins runs, is "terms-conditions").
func GitHubSlug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.Pc):
			b.WriteRune(r)
		}
	}
	return b.String()
}
