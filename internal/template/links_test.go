package template

import (
	"fmt"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

func TestLinkNotices(t *testing.T) {
	for _, c := range []struct {
		name, src string
		vals      map[string]string
		rawKept   bool
		want      []string // "line:col: message", in order
	}{
		{name: "heading id", src: "# Terms & Conditions\n\n[t](#terms-conditions)\n"},
		{name: "footnote and its reference", src: "A[^n] [to](#fn-1).\n\n[^n]: Back [up](#fnref-1).\n"},
		{name: "duplicate headings", src: "## Intro\n\n## Intro\n\n[a](#intro) [b](#intro-1) [c](#intro-2)\n",
			want: []string{"5:27: link to #intro-2: no heading or note has that id (did you mean #intro-1?)"}},
		{name: "GitHub slug hint", src: "# Terms & Conditions\n\nSee [the *terms*](#terms--conditions).\n",
			want: []string{`3:5: link to #terms--conditions: no heading or note has that id; the heading "Terms & Conditions" has #terms-conditions (write […](#terms-conditions))`}},
		{name: "GitHub slug of a second heading", src: "## A & B\n\n## A & B\n\n[x](#a--b-1)\n",
			want: []string{`5:1: link to #a--b-1: no heading or note has that id; the heading "A & B" has #a-b-1 (write […](#a-b-1))`}},
		{name: "long texts shortened", src: "# " + strings.Repeat("Terms & ", 10) + "End\n\n[" + strings.Repeat("x ", 40) + "](#" + strings.Repeat("terms--", 10) + "end)\n",
			want: []string{`3:1: link to #` + strings.Repeat("terms--", 10) + `end: no heading or note has that id; the heading "` + strings.Repeat("Terms & ", 7) + `Term…" has #` + strings.Repeat("terms-", 10) + `end (write […](#` + strings.Repeat("terms-", 10) + `end))`}},
		// The link's text, which may hold a value, is not repeated: the
		// fix is the same for every document of a batch.
		{name: "GitHub slug hint, link text with a value", src: "# Terms & Conditions\n\nSee [terms of {org}](#terms--conditions).\n",
			vals: map[string]string{"org": "Acme"},
			want: []string{`3:5: link to #terms--conditions: no heading or note has that id; the heading "Terms & Conditions" has #terms-conditions (write […](#terms-conditions))`}},
		{name: "no hint", src: "# Terms\n\n[x](#nowhere)\n",
			want: []string{"3:1: link to #nowhere: no heading or note has that id"}},
		{name: "external and empty links", src: "# T\n\n[a](https://example.com/#x) [b](#) [c](mailto:a@b.c) [d](x.html#y)\n"},
		{name: "footnote without definition", src: "A[^n] [to](#fnref-1).\n",
			want: []string{"1:7: link to #fnref-1: no heading or note has that id"}},
		{name: "ids from values", src: "# About {org}\n\n[a](#about-acme) [b](#{target})\n",
			vals: map[string]string{"org": "Acme", "target": "about-org"},
			want: []string{"3:18: link to #about-org: no heading or note has that id"}},
		{name: "raw HTML dropped", src: "<a name=\"top\"></a>\n\n[up](#top)\n",
			want: []string{"3:1: link to #top: no heading or note has that id, only the raw HTML at 1:1, which the outputs drop"}},
		{name: "raw HTML kept", src: "<a name=\"top\"></a>\n\n[up](#top) <span id='x'>x</span> [x](#x)\n", rawKept: true},
		{name: "reference link and link in a table", src: "# A\n\n| x |\n|---|\n| [b][r] |\n\n[r]: #b\n",
			want: []string{"5:3: link to #b: no heading or note has that id"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := mustFill(t, mustParse(t, c.src, Options{}), c.vals)
			var got []string
			for _, n := range LinkNotices(doc, c.rawKept) {
				if n.Kind != LinkNotice {
					t.Errorf("kind %q", n.Kind)
				}
				got = append(got, n.Pos.String()+": "+n.Msg)
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("LinkNotices(%q) =\n%s\nwant\n%s", c.src, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestLinkNoticesHintBudget: the did-you-mean hints of one document
// compare at most hintBudget ids (1,000 dead links among 1,000 headings
// would be a million comparisons; 5,000 among 5,000 took 24 s): the
// links past it are still warned of, without a hint, and a dead id seen
// before keeps its hint.
func TestLinkNoticesHintBudget(t *testing.T) {
	const n = 1000
	doc := &ast.Document{}
	var links []ast.Inline
	for i := range n {
		doc.Blocks = append(doc.Blocks, &ast.Heading{Level: 2, ID: fmt.Sprintf("heading-number-%d", i)})
		links = append(links, &ast.Link{Destination: fmt.Sprintf("#heading-numbr-%d", i)})
	}
	links = append(links, &ast.Link{Destination: "#heading-numbr-0"})
	doc.Blocks = append(doc.Blocks, &ast.Paragraph{Inlines: links})
	ns := LinkNotices(doc, false)
	if len(ns) != n+1 {
		t.Fatalf("%d notices, want %d", len(ns), n+1)
	}
	hints := 0
	for _, no := range ns[:n] {
		if strings.Contains(no.Msg, "did you mean") {
			hints++
		}
	}
	if want := hintBudget / n; hints != want {
		t.Errorf("%d links with a hint, want %d", hints, want)
	}
	if !strings.HasSuffix(ns[n].Msg, "(did you mean #heading-number-0?)") {
		t.Errorf("a dead id seen before: %q, want its hint again", ns[n].Msg)
	}
}

// TestRelativeLinks: the links with a relative address, which a PDF or
// plain text cannot open, are one notice at the first, counting the
// others; "#id", full addresses, mailto: and an address a value makes
// full are not.
func TestRelativeLinks(t *testing.T) {
	for _, c := range []struct {
		name, src string
		vals      map[string]string
		keep      bool   // MissingKeep
		want      string // "line:col: message", or "" for none
	}{
		{name: "none", src: "[a](https://e.com/x) [b](#t) [c](mailto:a@b.c) <https://e.com> [d]({site}/privacy)\n\n# T\n",
			vals: map[string]string{"site": "https://acme.example"}},
		{name: "one, site-relative", src: "See [privacy](/privacy).\n",
			want: `1:5: link to "/privacy" has a relative address; a PDF or plain text is no page of the site it is relative to, so it opens nothing there: give the address of the page the links are relative to with Options.BaseURL (https://acme.example/legal/, or {siteUrl}/legal/ for each site), or write the full address, or the site's as a value ({siteUrl}/privacy)`},
		{name: "counted, the first named", src: "[a](terms.html) and [b](/b)\n\n| x |\n|---|\n| [c](//cdn.example/c) |\n",
			want: `1:1: link to "terms.html" has a relative address, as 2 more links have; a PDF or plain text is no page of the site it is relative to, so it opens nothing there: give the address of the page the links are relative to with Options.BaseURL (https://acme.example/legal/, or {siteUrl}/legal/ for each site), or write the full address`},
		{name: "a placeholder left as written", src: "[a]({site}/privacy)\n", keep: true},
		{name: "a value that is relative", src: "[a]({target})\n", vals: map[string]string{"target": "/x"},
			want: `1:1: link to "/x" has a relative address; a PDF or plain text is no page of the site it is relative to, so it opens nothing there: give the address of the page the links are relative to with Options.BaseURL (https://acme.example/legal/, or {siteUrl}/legal/ for each site), or write the full address, or the site's as a value ({siteUrl}/x)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			missing := MissingError
			if c.keep {
				missing = MissingKeep
			}
			doc, _, err := mustParse(t, c.src, Options{}).Fill(c.vals, FillOptions{Missing: missing})
			if err != nil {
				t.Fatal(err)
			}
			n, ok := RelativeLinks(doc)
			got := ""
			if ok {
				if n.Kind != RelativeLinkNotice {
					t.Errorf("kind %q", n.Kind)
				}
				got = fmt.Sprintf("%s: %s", n.Pos, n.Msg)
			}
			if got != c.want {
				t.Errorf("RelativeLinks(%q) =\n%s\nwant\n%s", c.src, got, c.want)
			}
		})
	}
}

// TestBlockedLinks checks the one notice for the links and images whose
// address no output makes live (a javascript:, vbscript: or data:
// address, however disguised), at the first, counting the others: such
// a link from a value was written as text in the HTML and no link in the
// PDF without a word.
func TestBlockedLinks(t *testing.T) {
	const fix = "; write an https: or mailto: address, or check the value that gives it"
	for _, c := range []struct {
		name, src string
		vals      map[string]string
		in        []string // the outputs written; HTML and PDF when nil
		want      string   // "line:col: message", or "" for none
	}{
		{name: "none", src: "[a](https://e.com/x) [b](#t) [c](mailto:a@b.c) [d](/p) [f](javascriptx:y) [g](filex:y)\n\n# T\n"},
		{name: "the plain text alone", src: "# T\n\n[p](file:///C:/Users/bob/p.pdf) and [j](javascript:alert(1)).\n", in: []string{"plain text"},
			want: "3:1: link to \"file:///C:/Users/bob/p.pdf\" is no link in the plain text, which writes its text alone: a file: address names a file on the computer of whoever opens the document, not on the site (most often the author's own path, pasted by mistake), and one naming a host makes Windows send the reader's login to it (1 more link or image has such an address)" + fix},
		{name: "every output", src: "# T\n\n[j](javascript:alert(1)).\n", in: []string{"HTML", "PDF", "plain text"},
			want: "3:1: link to \"javascript:alert(1)\" is no link in the HTML, the PDF and the plain text, which write its text alone: a javascript: address can run code or carry a page of its own" + fix},
		{name: "a file: address", src: "# T\n\nSee [the policy]({doc}) and ![logo](FILE://server/share/logo.png).\n", vals: map[string]string{"doc": "file:///C:/Users/bob/policy.pdf"},
			want: "3:5: link to \"file:///C:/Users/bob/policy.pdf\" is no link in the HTML and the PDF, which write its text alone: a file: address names a file on the computer of whoever opens the document, not on the site (most often the author's own path, pasted by mistake), and one naming a host makes Windows send the reader's login to it (1 more link or image has such an address)" + fix},
		{name: "a value", src: "# T\n\nSee [our site]({url}).\n", vals: map[string]string{"url": " JaVa\tScRiPt:alert(1)"},
			want: "3:5: link to \"JaVa\\tScRiPt:alert(1)\" is no link in the HTML and the PDF, which write its text alone: a javascript: address can run code or carry a page of its own" + fix},
		{name: "counted, an image first", src: "![x](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=)\n\n| [a](vbscript:x) |\n|---|\n| [b](javascript:y) |\n", in: []string{"HTML"},
			want: "1:1: image \"data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My…\" is not shown in the HTML, which writes its alt text: a data: address can run code or carry a page of its own (2 more links or images have such an address)" + fix},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, _, err := mustParse(t, c.src, Options{}).Fill(c.vals, FillOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			in := c.in
			if in == nil {
				in = []string{"HTML", "PDF"}
			}
			if n, ok := BlockedLinks(doc, in); ok {
				if n.Kind != BlockedLinkNotice {
					t.Errorf("kind %q", n.Kind)
				}
				got = fmt.Sprintf("%s: %s", n.Pos, n.Msg)
			}
			if got != c.want {
				t.Errorf("BlockedLinks(%q) =\n%s\nwant\n%s", c.src, got, c.want)
			}
		})
	}
}

// TestMixedScriptHosts checks the one notice for the links whose host
// mixes Latin with Cyrillic or Greek letters, which every output wrote
// without a word as a host a reader takes for another.
func TestMixedScriptHosts(t *testing.T) {
	for _, c := range []struct {
		name, src string
		vals      map[string]string
		want      string // "line:col: message", or "" for none
	}{
		{name: "none", src: "[a](https://acme.example/) [b](https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/) [c](https://b\u00fccher.example) ![d](https://\u0430cme.example/x.png)\n"},
		{name: "a value", src: "# T\n\nSee [our site]({url}) and <https://xn--cme-5cd.example/x>.\n", vals: map[string]string{"url": "https://\u0430cme.example/privacy"},
			want: "3:5: link host \u0430cme.example mixes Latin and Cyrillic letters (xn--cme-5cd.example) (1 more link has such a host); check the address: it may only look like the site meant"},
		{name: "punycode", src: "See <https://xn--cme-5cd.example/x>.\n",
			want: "1:6: link host xn--cme-5cd.example is \u0430cme.example in Unicode, which mixes Latin and Cyrillic letters; check the address: it may only look like the site meant"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, _, err := mustParse(t, c.src, Options{}).Fill(c.vals, FillOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, n := range LinkProblems(doc, false, false, false, nil) {
				if n.Kind != MixedScriptNotice {
					t.Errorf("kind %q", n.Kind)
				}
				got = fmt.Sprintf("%s: %s", n.Pos, n.Msg)
			}
			if got != c.want {
				t.Errorf("MixedScriptHosts(%q) =\n%s\nwant\n%s", c.src, got, c.want)
			}
		})
	}
}

// TestTextMismatches checks the one notice for the links whose text is
// an address other than the one they open, which a reader of the HTML
// trusts: every output wrote them without a word.
func TestTextMismatches(t *testing.T) {
	const fix = ": a reader of the HTML sees the one and goes to the other; check the address, or write words as the link's text"
	for _, c := range []struct {
		name, src string
		vals      map[string]string
		want      string // "line:col: message", or "" for none
	}{
		{name: "none", src: "<https://acme.example/> [https://acme.example](https://www.acme.example/privacy) [privacy@acme.example](mailto:privacy@acme.example) <privacy@acme.example> [our site](https://evil.example) [acme.example](https://evil.example)\n"},
		{name: "values", src: "# T\n\nLog in at [{shown}]({url}), write to [{mail}](mailto:{to}).\n",
			vals: map[string]string{"shown": "https://acme.example/login", "url": "https://evil.example/login", "mail": "dpo@acme.example", "to": "dpo@evil.example"},
			want: "3:11: link text \"https://acme.example/login\" is an address on acme.example, but the link opens evil.example (1 more link has text that is another address)" + fix},
		{name: "mail", src: "Write to [dpo@acme.example](mailto:dpo@evil.example).\n",
			want: "1:10: link text \"dpo@acme.example\" is another e-mail address than the one the link writes to, dpo@evil.example" + fix},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, _, err := mustParse(t, c.src, Options{}).Fill(c.vals, FillOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, n := range LinkProblems(doc, false, false, false, nil) {
				if n.Kind != TextMismatchNotice {
					t.Errorf("kind %q", n.Kind)
				}
				got = fmt.Sprintf("%s: %s", n.Pos, n.Msg)
			}
			if got != c.want {
				t.Errorf("TextMismatches(%q) =\n%s\nwant\n%s", c.src, got, c.want)
			}
		})
	}
}

// TestFolderlessBase: a base address whose last name has no "/" after
// it ("https://acme.example/legal") makes "terms.html" resolve against
// the folder above it, silently; the notice says so, at the first link
// relative to the folder, and what to write. Links from the root, a
// base that is a folder or names a file, have none.
func TestFolderlessBase(t *testing.T) {
	for _, c := range []struct {
		base, src, want string
	}{
		{"https://acme.example/legal", "[a](/a) and [t](terms.html) and [u](../u)\n",
			`1:13: the base address (Options.BaseURL) https://acme.example/legal does not end in /, so relative links resolve against https://acme.example/: link to "terms.html" is https://acme.example/terms.html, and 1 more link like it; if legal is a folder, write https://acme.example/legal/`},
		{"https://acme.example/a/legal", "[t](terms.html)\n",
			`1:1: the base address (Options.BaseURL) https://acme.example/a/legal does not end in /, so relative links resolve against https://acme.example/a/: link to "terms.html" is https://acme.example/a/terms.html; if legal is a folder, write https://acme.example/a/legal/`},
		{"https://acme.example/legal/", "[t](terms.html)\n", ""},
		{"https://acme.example", "[t](terms.html)\n", ""},
		{"https://acme.example/legal/index.html", "[t](terms.html)\n", ""},
		{"https://acme.example/legal", "[a](/a) [b](//cdn.example/b) [q](?q=1) [c](#c) [d](https://e.example/d)\n\n# C\n", ""},
	} {
		doc, _, err := mustParse(t, c.src, Options{}).Fill(nil, FillOptions{BaseURL: c.base})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if n, ok := FolderlessBase(doc); ok {
			if n.Kind != BaseFileNotice {
				t.Errorf("kind %q", n.Kind)
			}
			got = n.In("")[1:]
		}
		if got != c.want {
			t.Errorf("%s %q:\n got %s\nwant %s", c.base, c.src, got, c.want)
		}
		// With a base, no relative-link notice: this one or none.
		if ps := LinkProblems(doc, false, false, true, nil); len(ps) > 1 || (c.want != "") != (len(ps) == 1) {
			t.Errorf("%s %q: LinkProblems %v", c.base, c.src, ps)
		}
	}
}

// TestUserNameHosts checks the one notice for the links whose address
// has a user name before its host, which reads as the one host and
// opens the other: every output wrote them without a word.
func TestUserNameHosts(t *testing.T) {
	const fix = "; a reader sees acme.example first: check the address, and leave out what stands before the @"
	for _, c := range []struct {
		name, src string
		vals      map[string]string
		want      string // "line:col: message", or "" for none
	}{
		{name: "none", src: "[a](mailto:dpo@acme.example) [b](https://acme.example/p?to=a@b.example) [c](https://acme.example/@me) <dpo@acme.example>\n"},
		{name: "a value", src: "# T\n\nSee [our site]({url}) and [this](https://acme.example@evil.example/x).\n", vals: map[string]string{"url": "https://acme.example@evil.example/"},
			want: "3:5: link address https://acme.example@evil.example/ opens evil.example (acme.example is a user name before the @, which the browser sends to evil.example) (1 more link has a user name before its host)" + fix},
		{name: "a password", src: "[x](https://acme.example:s3cret@evil.example:8443/login)\n",
			want: "1:1: link address https://acme.example:***@evil.example:8443/login opens evil.example (acme.example:*** is a user name and a password before the @, which the browser sends to evil.example); a reader sees acme.example first: check the address, and leave out what stands before the @"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, _, err := mustParse(t, c.src, Options{}).Fill(c.vals, FillOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, n := range LinkProblems(doc, false, false, false, nil) {
				if n.Kind != UserNameNotice {
					t.Errorf("kind %q", n.Kind)
				}
				got = fmt.Sprintf("%s: %s", n.Pos, n.Msg)
			}
			if got != c.want {
				t.Errorf("UserNameHosts(%q) =\n%s\nwant\n%s", c.src, got, c.want)
			}
			if strings.Contains(got, "s3cret") {
				t.Errorf("the password is in %s", got)
			}
		})
	}
}
