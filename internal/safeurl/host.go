package safeurl

import (
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/idna"
)

// MixedHost is a link's host one of whose labels mixes the letters of
// Latin, Cyrillic and Greek (MixedScriptHost).
type MixedHost struct {
	// Host is the host as a reader sees it, in lower case: its labels
	// in Unicode, those written in punycode ("xn--…") decoded.
	Host string
	// ASCII is the host in ASCII, as a browser sends it: each label
	// with letters outside ASCII in punycode ("xn--cme-8cd.example").
	ASCII string
	// Scripts are the scripts its label mixes, in the order Latin,
	// Cyrillic, Greek ("Latin", "Cyrillic").
	Scripts []string
	// Punycode reports whether the address wrote the mixed label in
	// punycode, which a reader cannot read.
	Punycode bool
}

// confusable are the scripts whose letters look alike ("a" U+0061,
// "а" U+0430, "α" U+03B1): a label of a host that mixes them, as
// "аcme" with a Cyrillic "а", is no "Highly Restrictive" identifier in
// the sense of Unicode's UTS #39 (section 5.2), which browsers use to
// decide whether to show a host in Unicode or in punycode. A label
// wholly in one of them ("пример") is a host of its own and legitimate.
var confusable = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Latin", unicode.Latin},
	{"Cyrillic", unicode.Cyrillic},
	{"Greek", unicode.Greek},
}

// MixedScriptHost returns the host of dest, an absolute address with a
// host (https://аcme.example/), when one of its labels mixes Latin,
// Cyrillic and Greek letters, written in Unicode or in punycode; ok is
// false for any other address. Digits, hyphens and the letters of other
// scripts do not count: "acme-日本" is not mixed.
func MixedScriptHost(dest string) (h MixedHost, ok bool) {
	if _, has := Scheme(dest); !has {
		return MixedHost{}, false
	}
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Host == "" {
		return MixedHost{}, false
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	labels := strings.Split(host, ".")
	for i, l := range labels {
		if len(l) > 4 && strings.EqualFold(l[:4], "xn--") {
			if d, err := idna.Punycode.ToUnicode(l); err == nil {
				labels[i] = d
				if !h.Punycode && mixedScripts(d) != nil {
					h.Punycode = true
				}
			}
		}
	}
	for _, l := range labels {
		if s := mixedScripts(l); s != nil {
			h.Scripts = s
			break
		}
	}
	if h.Scripts == nil {
		return MixedHost{}, false
	}
	h.Host = strings.Join(labels, ".")
	h.ASCII, err = idna.Punycode.ToASCII(h.Host)
	if err != nil {
		h.ASCII = host
	}
	return h, true
}

// mixedScripts returns the confusable scripts whose letters label has,
// when it has more than one; else nil.
func mixedScripts(label string) []string {
	var seen [3]bool
	n := 0
	for _, r := range label {
		if r < 0x80 && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			continue
		}
		for i, s := range confusable {
			if !seen[i] && unicode.Is(s.table, r) {
				seen[i] = true
				n++
			}
		}
	}
	if n < 2 {
		return nil
	}
	var out []string
	for i, s := range confusable {
		if seen[i] {
			out = append(out, s.name)
		}
	}
	return out
}

// TextMismatch reports whether text, a link's words, spells an address
// other than dest, the address the link opens: text that starts with
// http://, https:// or www. whose host is not dest's
// ("https://acme.example/login" linking to https://evil.example/), or
// an e-mail address other than a mailto: dest's. A reader of the HTML
// sees the text and opens dest; a PDF or plain text shows both. shown
// and opens are what to name: the hosts, or the e-mail addresses. Hosts
// are compared in ASCII (punycode) and lower case, and a "www." on one
// of them alone is no difference. ok is false when text is words, when
// it is dest's address, and when dest has no host (a relative link).
func TextMismatch(text, dest string) (shown, opens string, ok bool) {
	text, dest = strings.TrimSpace(text), strings.TrimSpace(dest)
	if strings.ContainsAny(text, " \t\n") {
		return "", "", false
	}
	scheme, has := Scheme(dest)
	if !has {
		return "", "", false
	}
	if scheme == "mailto" {
		if len(text) > 7 && strings.EqualFold(text[:7], "mailto:") {
			text = text[7:]
		}
		if !strings.Contains(text, "@") {
			return "", "", false
		}
		to := dest[strings.IndexByte(dest, ':')+1:]
		if i := strings.IndexByte(to, '?'); i >= 0 {
			to = to[:i]
		}
		if u, err := url.PathUnescape(to); err == nil {
			to = u
		}
		if strings.EqualFold(asciiMail(text), asciiMail(to)) {
			return "", "", false
		}
		return text, to, true
	}
	lower := strings.ToLower(text)
	var withScheme string
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"):
		withScheme = text
	case strings.HasPrefix(lower, "www."):
		withScheme = "https://" + text
	default:
		return "", "", false
	}
	t, err := url.Parse(withScheme)
	if err != nil || t.Host == "" {
		return "", "", false
	}
	d, err := url.Parse(dest)
	if err != nil || d.Host == "" {
		return "", "", false
	}
	th, dh := asciiHost(t.Hostname()), asciiHost(d.Hostname())
	if th == dh || "www."+th == dh || th == "www."+dh {
		return "", "", false
	}
	return t.Hostname(), d.Hostname(), true
}

// asciiHost returns host in lower case, without a final dot, its labels
// in punycode when they are not ASCII.
func asciiHost(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if a, err := idna.Punycode.ToASCII(host); err == nil {
		return a
	}
	return host
}

// asciiMail is an e-mail address with its domain in ASCII (asciiHost).
func asciiMail(addr string) string {
	i := strings.LastIndexByte(addr, '@')
	if i < 0 {
		return addr
	}
	return addr[:i+1] + asciiHost(addr[i+1:])
}

// UserHost is a link's address with a user name before its host
// ("https://acme.example@evil.example/"), as UserNameHost finds it.
type UserHost struct {
	// Address is the address as written, trimmed, with a password
	// masked ("https://user:***@evil.example/").
	Address string
	// User is what stands before the "@", a password masked
	// ("acme.example", "user:***").
	User string
	// Host is the host the address opens, without its port
	// ("evil.example").
	Host string
	// Password reports whether User holds a password (masked).
	Password bool
}

// UserNameHost returns dest, an address with a host, when a user name
// (and maybe a password) stands before its host: a browser opens
// https://acme.example@evil.example/ at evil.example, sending
// "acme.example" as a user name, while a reader sees acme.example
// first, the disguise of a phishing link. A password is never
// returned as written: it is "***". ok is false for any other address,
// for a mailto: address (whose "@" is the e-mail address's), and for
// an address safeurl refuses (Allowed), which is no link anyway.
func UserNameHost(dest string) (h UserHost, ok bool) {
	dest = strings.TrimSpace(dest)
	if !Allowed(dest) || !strings.Contains(dest, "@") {
		return UserHost{}, false
	}
	u, err := url.Parse(dest)
	if err != nil || u.User == nil || u.Host == "" || u.Opaque != "" {
		return UserHost{}, false
	}
	// The authority starts after "//" and ends at the first "/", "?"
	// or "#"; its user part ends at its last "@", as url.Parse and
	// browsers read it.
	i := strings.Index(dest, "//")
	if i < 0 {
		return UserHost{}, false
	}
	auth := dest[i+2:]
	if j := strings.IndexAny(auth, "/?#"); j >= 0 {
		auth = auth[:j]
	}
	at := strings.LastIndexByte(auth, '@')
	if at < 0 {
		return UserHost{}, false
	}
	user := auth[:at]
	if c := strings.IndexByte(user, ':'); c >= 0 {
		user = user[:c+1] + "***"
		h.Password = true
	}
	h.User = user
	h.Host = u.Hostname()
	h.Address = dest[:i+2] + user + dest[i+2+at:]
	return h, true
}
