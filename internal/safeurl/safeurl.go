// Package safeurl decides whether a link or image destination from a
// document may be written into an output as a live link.
//
// It owns one policy, shared by every backend: script-capable schemes
// (javascript:, vbscript:, data:) and file: addresses, which name a file
// on the reader's own computer, are never live, however they are
// disguised with case, whitespace, control characters or entities already
// decoded by the parser. It also finds the hosts whose letters mix
// scripts that look alike (MixedScriptHost), for a warning. It never
// fetches a URL, and rewrites one only to
// resolve a relative address against the base address the user gave
// (Resolve), for the outputs read away from the site.
package safeurl

import (
	"errors"
	"net/url"
	"strings"
)

// blocked lists the schemes no output makes live, each with why: those
// that can run code or smuggle content, and file:, whose address is a
// file of whoever opens the document. A file: link in a published
// policy is most often the author's own path pasted by mistake
// (file:///C:/Users/bob/policy.pdf): it opens nothing for a reader, or
// a file of the reader's, shows the author's user name, and one naming
// a host (file://host/share/x.pdf) makes Windows send the reader's
// login to that host when it is followed from the PDF.
var blocked = [...]struct{ scheme, why string }{
	{"javascript", "a javascript: address can run code or carry a page of its own"},
	{"vbscript", "a vbscript: address can run code or carry a page of its own"},
	{"data", "a data: address can run code or carry a page of its own"},
	{"file", "a file: address names a file on the computer of whoever opens the document, not on the site (most often the author's own path, pasted by mistake), and one naming a host makes Windows send the reader's login to it"},
}

// Allowed reports whether dest may be written as a live link. Relative
// URLs, fragments and every scheme other than the blocked ones are
// allowed.
func Allowed(dest string) bool {
	return Why(dest) == ""
}

// Why says why dest may not be written as a live link (Allowed is
// false), in a phrase that starts with its scheme ("a file: address
// names …"), or returns "" when it may.
func Why(dest string) string {
	scheme, ok := Scheme(dest)
	if !ok {
		return ""
	}
	for _, b := range blocked {
		if scheme == b.scheme {
			return b.why
		}
	}
	return ""
}

// Scheme returns the lower-cased scheme of dest as a browser would see it:
// ASCII tab, newline and carriage return are removed anywhere, leading
// spaces and control characters are ignored. ok is false when dest has no
// scheme (a relative URL or a fragment).
func Scheme(dest string) (scheme string, ok bool) {
	var b strings.Builder
	started := false
	for _, r := range dest {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			continue
		case !started && (r <= ' ' || r == 0x7f):
			continue
		case r == ':':
			if b.Len() == 0 {
				return "", false
			}
			return strings.ToLower(b.String()), true
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
			started && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')):
			started = true
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return "", false
}

// Blocked is what an HTML attribute that must hold a URL holds instead of
// one that Allowed refuses: a URL that goes nowhere and runs nothing.
const Blocked = "about:invalid"

// urlAttrs are the HTML and SVG attributes whose value a browser follows,
// loads or submits to as a URL; listAttrs hold several URLs.
var (
	urlAttrs = map[string]bool{
		"href": true, "src": true, "action": true, "formaction": true,
		"xlink:href": true, "srcset": true, "imagesrcset": true,
		"poster": true, "cite": true, "background": true, "data": true,
		"codebase": true, "longdesc": true, "manifest": true, "ping": true,
		"lowsrc": true, "dynsrc": true, "usemap": true, "profile": true,
		"classid": true, "archive": true, "icon": true, "xml:base": true,
		"itemtype": true, "itemid": true,
	}
	listAttrs = map[string]bool{
		"srcset": true, "imagesrcset": true, "ping": true, "archive": true,
	}
)

// URLAttr reports whether the HTML attribute name (in any case) holds
// a URL that a browser follows, loads or submits to (href, src, action,
// …), or a list of them (srcset, ping).
func URLAttr(name string) bool {
	return urlAttrs[strings.ToLower(name)]
}

// AttrAllowed reports whether value, already free of character references,
// may be the value of the HTML attribute name: Allowed for the whole value
// of a URL attribute and for each URL of a list (srcset's candidates,
// ping's URLs); always true for other attributes.
func AttrAllowed(name, value string) bool {
	if !URLAttr(name) {
		return true
	}
	name = strings.ToLower(name)
	if !Allowed(value) {
		return false
	}
	if listAttrs[name] {
		for _, f := range strings.FieldsFunc(value, func(r rune) bool {
			return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
		}) {
			if !Allowed(f) {
				return false
			}
		}
	}
	return true
}

// Relative reports whether dest is a relative address: not empty, not a
// fragment ("#id"), with no scheme ("/privacy", "terms.html",
// "//cdn.example/x"). An address that starts with a placeholder left as
// written ("{siteUrl}/privacy", with --missing=keep) is not: its value
// is what is missing. It is the one rule for which links a base address
// resolves and which links have no meaning in a PDF or plain text
// without one.
func Relative(dest string) bool {
	dest = strings.TrimSpace(dest)
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "{") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == ""
}

// CheckBase checks base, a base address for Resolve: an absolute http or
// https address with a host. The error says what is wrong with it.
func CheckBase(base string) error {
	u, err := url.Parse(strings.TrimSpace(base))
	switch {
	case err != nil:
		return errors.New("not an address (write it as https://acme.example/)")
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return errors.New("not an absolute http or https address with a host (write it as https://acme.example/, with the path that relative links are relative to)")
	case u.Fragment != "" || strings.Contains(base, "#"):
		return errors.New("a base address has no #fragment")
	}
	return nil
}

// Resolve returns dest resolved against base (CheckBase), as a browser
// resolves a link on the page at base (RFC 3986): against
// https://acme.example/legal/terms, "/privacy" is
// https://acme.example/privacy and "cookies.html"
// https://acme.example/legal/cookies.html (a base that names a
// directory ends in "/"). A dest that is not Relative, and any dest when
// base is "", is returned as it is.
func Resolve(base, dest string) string {
	if base == "" || !Relative(dest) {
		return dest
	}
	b, err := url.Parse(strings.TrimSpace(base))
	if err != nil {
		return dest
	}
	ref, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		return dest
	}
	return b.ResolveReference(ref).String()
}
