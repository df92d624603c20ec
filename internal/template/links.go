package template

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/imagefile"
	"github.com/policyexport/policyexport/internal/safeurl"
)

// LinkNotices returns a notice (LinkNotice) for each link of doc, a
// document filled from a template, whose destination is "#id" with an id
// that no element of doc has (ast.Anchors), at the link's place, with the
// fix when one is likely: the heading whose GitHub anchor
// (ast.GitHubAnchors) the id is, as an author who previewed the template
// on GitHub writes ("#terms--conditions" for "Terms & Conditions", whose
// id here is "terms-conditions"); else the closest id (Suggest); else
// the raw HTML that gives the id, which the outputs drop. With
// rawHTMLKept (every output with links keeps raw HTML) the ids of raw
// HTML count as the document's too. Links written in raw HTML are not
// checked.
func LinkNotices(doc *ast.Document, rawHTMLKept bool) []Notice {
	links := ast.InternalLinks(doc)
	if len(links) == 0 {
		return nil
	}
	ids := ast.Anchors(doc)
	raw := map[string]ast.Pos{}
	for _, a := range ast.RawHTMLAnchors(doc) {
		if rawHTMLKept {
			ids[a.ID] = true
		} else if _, ok := raw[a.ID]; !ok {
			raw[a.ID] = a.At
		}
	}
	var github map[string]*ast.Heading
	var known []string
	closest := map[string]string{} // did-you-mean by id, as found
	budget := hintBudget
	var out []Notice
	for _, l := range links {
		if ids[l.ID] {
			continue
		}
		msg := fmt.Sprintf("link to #%s: no heading or note has that id", l.ID)
		if github == nil {
			github = ast.GitHubAnchors(doc)
			for id := range ids {
				known = append(known, id)
			}
		}
		if h := github[l.ID]; h != nil && h.ID != "" {
			// The link's own text is not repeated: filled, it may hold
			// a value, which is not what to write in the template, and
			// would make each document of a batch warn apart.
			msg += fmt.Sprintf("; the heading %q has #%s (write […](#%s))", collapse(ast.PlainText(h.Inlines)), h.ID, h.ID)
		} else if at, ok := raw[l.ID]; ok {
			msg += fmt.Sprintf(", only the raw HTML at %s, which the outputs drop", at)
		} else if s := suggestID(l.ID, known, closest, &budget); s != "" {
			msg += fmt.Sprintf(" (did you mean #%s?)", s)
		}
		out = append(out, Notice{Kind: LinkNotice, Pos: l.Link.Pos(), Msg: msg})
	}
	return out
}

// LinkProblems returns the notices of the links of doc, a filled
// document, that do not work in the outputs it is rendered to:
// LinkNotices (with rawHTMLKept) when some output makes links live
// (live: the HTML, the PDF), BlockedLinks when some output writes links
// (written: their names, "HTML", "PDF", "plain text"), then, when some
// output is read away from the site (offSite: the PDF, the plain text),
// RelativeLinks if no base address resolves them, else FolderlessBase,
// then MixedScriptHosts, UserNameHosts and TextMismatches, which every
// output shows.
func LinkProblems(doc *ast.Document, live, rawHTMLKept, offSite bool, written []string) []Notice {
	var out []Notice
	if live {
		out = LinkNotices(doc, rawHTMLKept)
	}
	if len(written) > 0 {
		if n, ok := BlockedLinks(doc, written); ok {
			out = append(out, n)
		}
	}
	if offSite {
		n, ok := RelativeLinks(doc)
		if doc.BaseURL != "" {
			n, ok = FolderlessBase(doc)
		}
		if ok {
			out = append(out, n)
		}
	}
	if n, ok := MixedScriptHosts(doc); ok {
		out = append(out, n)
	}
	if n, ok := UserNameHosts(doc); ok {
		out = append(out, n)
	}
	if n, ok := TextMismatches(doc); ok {
		out = append(out, n)
	}
	return out
}

// TextMismatches returns one notice (TextMismatchNotice) for the links
// of doc, a filled document, whose text is an address other than the
// one they open (safeurl.TextMismatch): "[https://acme.example/login]
// (https://evil.example/)" or "[privacy@acme.example]
// (mailto:x@evil.example)" shows one address to a reader of the HTML
// and opens the other, the shape of a phishing link, most often from a
// value. The notice is at the first, names both, and counts the others;
// every output writes such a link (the PDF and the plain text show the
// address opened beside the text), so it is given whatever the formats.
// ok is false when there is none.
func TextMismatches(doc *ast.Document) (n Notice, ok bool) {
	var shown, opens string
	first, more := firstOf(doc, func(n ast.Node) bool {
		l, isLink := n.(*ast.Link)
		if !isLink {
			return false
		}
		s, o, mismatch := safeurl.TextMismatch(ast.PlainText(l.Inlines), l.Destination)
		if mismatch && shown == "" {
			shown, opens = s, o
		}
		return mismatch
	})
	if first == nil {
		return Notice{}, false
	}
	msg := fmt.Sprintf("link text %q is an address on %s, but the link opens %s", collapse(ast.PlainText(first.(*ast.Link).Inlines)), shown, opens)
	if strings.Contains(shown, "@") {
		msg = fmt.Sprintf("link text %q is another e-mail address than the one the link writes to, %s", shown, opens)
	}
	msg += others(more, " (1 more link has text that is another address)", " (%d more links have text that is another address)")
	msg += ": a reader of the HTML sees the one and goes to the other; check the address, or write words as the link's text"
	return Notice{Kind: TextMismatchNotice, Pos: first.Pos(), Msg: msg}, true
}

// MixedScriptHosts returns one notice (MixedScriptNotice) for the links
// of doc, a filled document, whose host has a label that mixes Latin,
// Cyrillic and Greek letters (safeurl.MixedScriptHost): "аcme.example"
// with a Cyrillic "а" reads as acme.example in every output and is
// another site, the look-alike of a phishing address, most often from
// a value. The notice is at the first and names its host in ASCII, as a
// browser sends it (xn--cme-8cd.example), and counts the others; every
// output writes such a host, so it is given whatever the formats. ok
// is false when there is none.
func MixedScriptHosts(doc *ast.Document) (n Notice, ok bool) {
	var h safeurl.MixedHost
	first, more := firstOf(doc, func(n ast.Node) bool {
		l, isLink := n.(*ast.Link)
		if !isLink {
			return false
		}
		m, mixed := safeurl.MixedScriptHost(l.Destination)
		if mixed && h.Host == "" {
			h = m
		}
		return mixed
	})
	if first == nil {
		return Notice{}, false
	}
	scripts := strings.Join(h.Scripts, " and ")
	var msg string
	if h.Punycode {
		msg = fmt.Sprintf("link host %s is %s in Unicode, which mixes %s letters", h.ASCII, h.Host, scripts)
	} else {
		msg = fmt.Sprintf("link host %s mixes %s letters (%s)", h.Host, scripts, h.ASCII)
	}
	msg += others(more, " (1 more link has such a host)", " (%d more links have such a host)")
	msg += "; check the address: it may only look like the site meant"
	return Notice{Kind: MixedScriptNotice, Pos: first.Pos(), Msg: msg}, true
}

// UserNameHosts returns one notice (UserNameNotice) for the links of
// doc, a filled document, whose address has a user name before its host
// (safeurl.UserNameHost): "https://acme.example@evil.example/" reads as
// acme.example and opens evil.example, the disguise of a phishing link,
// most often from a value. The notice is at the first, names the host
// it opens (a password masked) and counts the others; every output
// writes such an address, so it is given whatever the formats. ok is
// false when there is none.
func UserNameHosts(doc *ast.Document) (n Notice, ok bool) {
	var h safeurl.UserHost
	first, more := firstOf(doc, func(n ast.Node) bool {
		l, isLink := n.(*ast.Link)
		if !isLink {
			return false
		}
		u, has := safeurl.UserNameHost(l.Destination)
		if has && h.Host == "" {
			h = u
		}
		return has
	})
	if first == nil {
		return Notice{}, false
	}
	addr := h.Address
	if r := []rune(addr); len(r) > 80 {
		addr = string(r[:80]) + "…"
	}
	what := "a user name"
	if h.Password {
		what = "a user name and a password"
	}
	msg := fmt.Sprintf("link address %s opens %s (%s is %s before the @, which the browser sends to %s)", addr, h.Host, collapse(h.User), what, h.Host)
	msg += others(more, " (1 more link has a user name before its host)", " (%d more links have a user name before their host)")
	name, _, _ := strings.Cut(h.User, ":")
	msg += fmt.Sprintf("; a reader sees %s first: check the address, and leave out what stands before the @", collapse(name))
	return Notice{Kind: UserNameNotice, Pos: first.Pos(), Msg: msg}, true
}

// RelativeLinks returns one notice (RelativeLinkNotice) for the links of
// doc, a filled document, whose address is relative: no scheme, and not
// "#id" ("/privacy", "terms.html", "//cdn.example/x"). The HTML is read
// on the site, where they work; a PDF or plain text is read from a file
// or an email, where they open nothing. The notice is at the first such
// link and counts the others, since a site's template may hold dozens;
// it says to give the address they are relative to (--base-url), or to
// write the full address, or a value for the site's (a placeholder in
// the address). ok is false when there is none.
func RelativeLinks(doc *ast.Document) (n Notice, ok bool) {
	first, more := firstOf(doc, func(n ast.Node) bool {
		l, isLink := n.(*ast.Link)
		return isLink && safeurl.Relative(l.Destination)
	})
	if first == nil {
		return Notice{}, false
	}
	link := first.(*ast.Link)
	dest := strings.TrimSpace(link.Destination)
	msg := fmt.Sprintf("link to %q has a relative address", dest)
	msg += others(more, ", as 1 more link has", ", as %d more links have")
	msg += "; a PDF or plain text is no page of the site it is relative to, so it opens nothing there: give the address of the page the links are relative to with Options.BaseURL (https://acme.example/legal/, or {siteUrl}/legal/ for each site), or write the full address"
	if strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") {
		msg += fmt.Sprintf(", or the site's as a value ({siteUrl}%s)", dest)
	}
	return Notice{Kind: RelativeLinkNotice, Pos: link.Pos(), Msg: msg}, true
}

// BlockedLinks returns one notice (BlockedLinkNotice) for the links and
// images of doc, a filled document, whose address the outputs never
// make live (safeurl.Allowed: a javascript:, vbscript: or data:
// address, which runs code or carries content of its own, or a file:
// address, a file of whoever opens the document): the HTML, the PDF
// and the plain text write their text alone (no link, no note, no
// number) and an image's alt text, and a value from a spreadsheet or a
// CMS that holds one is worth knowing of. written names the outputs
// written ("HTML", "PDF", "plain text"), which the notice names. The
// notice is at the first and counts the others; ok is false when there
// is none.
func BlockedLinks(doc *ast.Document, written []string) (n Notice, ok bool) {
	first, more := firstOf(doc, func(n ast.Node) bool {
		d, ok := destination(n)
		return ok && !safeurl.Allowed(d)
	})
	if first == nil {
		return Notice{}, false
	}
	dest, _ := destination(first)
	why := safeurl.Why(dest)
	if r := []rune(dest); len(r) > 60 { // a data: address holds a whole file
		dest = string(r[:60]) + "…"
	}
	in, verb := outputs(written)
	var msg string
	var pos ast.Pos
	switch f := first.(type) {
	case *ast.Link:
		pos = f.Pos()
		msg = fmt.Sprintf("link to %q is no link in %s, which %s its text alone", dest, in, verb)
	case *ast.Image:
		pos = f.At
		msg = fmt.Sprintf("image %q is not shown in %s, which %s its alt text", dest, in, verb)
	}
	msg += ": " + why
	msg += others(more, " (1 more link or image has such an address)", " (%d more links or images have such an address)")
	msg += "; write an https: or mailto: address, or check the value that gives it"
	return Notice{Kind: BlockedLinkNotice, Pos: pos, Msg: msg}, true
}

// outputs words the outputs named ("HTML", "PDF") as a notice names
// them, "the HTML and the PDF", with the verb "write" agreeing with them.
func outputs(names []string) (in, write string) {
	the := make([]string, len(names))
	for i, n := range names {
		the[i] = "the " + n
	}
	switch len(the) {
	case 0:
		return "the outputs", "write"
	case 1:
		return the[0], "writes"
	}
	return strings.Join(the[:len(the)-1], ", ") + " and " + the[len(the)-1], "write"
}

// localImages returns an error at the first image of doc, filled from
// t, whose destination is a local file, counting the others; nil when
// there is none (FillOptions.NoLocalImages).
func (t *Template) localImages(doc *ast.Document) error {
	first, more := firstOf(doc, func(n ast.Node) bool {
		img, ok := n.(*ast.Image)
		if !ok {
			return false
		}
		_, local := imagefile.Local(img.Destination)
		return local
	})
	if first == nil {
		return nil
	}
	img := first.(*ast.Image)
	msg := fmt.Sprintf("image %q is a local file, which Options.NoLocalImages refuses", img.Destination)
	msg += others(more, " (1 more image is one)", " (%d more images are)")
	msg += "; leave it out, or give its https address, which the HTML shows (the PDF draws local images only)"
	return &Error{File: t.name, Pos: img.At, Msg: msg}
}

// firstOf returns the first node of doc that is, and how many more
// are: a notice about links is at the first and counts the others.
func firstOf(doc *ast.Document, is func(ast.Node) bool) (first ast.Node, more int) {
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		if is(n) {
			if first == nil {
				first = n
			} else {
				more++
			}
		}
		return true
	})
	return first, more
}

// others says how many more there are, in the words of one (for 1) or
// many (a format for the count); "" for none.
func others(n int, one, many string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return one
	}
	return fmt.Sprintf(many, n)
}

// destination returns the address of a link or an image; ok is false for
// another node.
func destination(n ast.Node) (dest string, ok bool) {
	switch n := n.(type) {
	case *ast.Link:
		return n.Destination, true
	case *ast.Image:
		return n.Destination, true
	}
	return "", false
}

// hintBudget is how many ids may be compared (Suggest) for the
// did-you-mean hints of one document's dead links, each comparison up to
// 64×64 steps: 5,000 dead links among 5,000 headings took 24 s without
// it. A dead link past it gets no such hint.
const hintBudget = 200_000

// suggestID is Suggest(id, known), remembered in closest, or "" once
// comparing the ids would take budget below 0.
func suggestID(id string, known []string, closest map[string]string, budget *int) string {
	if s, ok := closest[id]; ok {
		return s
	}
	if *budget -= len(known); *budget < 0 {
		return ""
	}
	s := Suggest(id, known)
	closest[id] = s
	return s
}

// collapse is s with each run of white space one space, and none at
// either end: a heading's text on one line, its first 60
// characters and "…" when it is longer.
func collapse(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// FolderlessBase returns one notice (BaseFileNotice) when doc's base
// address (ast.Document.BaseURL, --base-url) ends in a name that is not
// followed by "/" and has no "." ("https://acme.example/legal"), and doc
// has a link whose relative address is resolved against the base's
// folder ("terms.html", "../x"; not "/privacy", "//cdn.example/x" or
// "?q"). RFC 3986 resolves "terms.html" against that base to
// https://acme.example/terms.html, as a browser on a page named legal
// would, but whoever writes such a base almost always means the folder
// legal, and every link then opens the wrong page. A base ending in a
// file's name ("…/legal/index.html") is taken as meant. The notice is
// at the first such link and counts the others; ok is false when there
// is none.
func FolderlessBase(doc *ast.Document) (n Notice, ok bool) {
	base, err := url.Parse(strings.TrimSpace(doc.BaseURL))
	if err != nil || base.Opaque != "" {
		return Notice{}, false
	}
	dir, last := path.Split(base.Path)
	if last == "" || strings.Contains(last, ".") {
		return Notice{}, false
	}
	first, more := firstOf(doc, func(n ast.Node) bool {
		l, isLink := n.(*ast.Link)
		if !isLink || !safeurl.Relative(l.Destination) {
			return false
		}
		dest := strings.TrimSpace(l.Destination)
		return !strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "?")
	})
	if first == nil {
		return Notice{}, false
	}
	dest := strings.TrimSpace(first.(*ast.Link).Destination)
	folder := *base
	folder.Path, folder.RawPath, folder.RawQuery, folder.Fragment = dir, "", "", ""
	meant := *base
	meant.Path, meant.RawPath, meant.RawQuery, meant.Fragment = base.Path+"/", "", "", ""
	msg := fmt.Sprintf("the base address (Options.BaseURL) %s does not end in /, so relative links resolve against %s: link to %q is %s",
		strings.TrimSpace(doc.BaseURL), folder.String(), dest, safeurl.Resolve(doc.BaseURL, dest))
	msg += others(more, ", and 1 more link like it", ", and %d more links like it")
	msg += fmt.Sprintf("; if %s is a folder, write %s", last, meant.String())
	return Notice{Kind: BaseFileNotice, Pos: first.Pos(), Msg: msg}, true
}
