package safeurl

import (
	"strings"
	"testing"
)

func TestAllowed(t *testing.T) {
	for dest, want := range map[string]bool{
		"https://example.com/privacy": true,
		"mailto:privacy@example.com":  true,
		"tel:+41441234567":            true,
		"#section-2":                  true,
		"/relative/path":              true,
		"relative.html":               true,
		"":                            true,
		"javascript:alert(1)":         false,
		"JavaScript:alert(1)":         false,
		" javascript:alert(1)":        false,
		"\x01javascript:alert(1)":     false,
		"java\tscript:alert(1)":       false,
		"java\nscript:alert(1)":       false,
		"jav\rascript:alert(1)":       false,
		"vbscript:msgbox(1)":          false,
		"VBSCRIPT:msgbox(1)":          false,
		"data:text/html,<script>":     false,
		"DATA:image/png;base64,AAAA":  false,
		"file:///C:/Users/bob/p.pdf":  false,
		" File://server/share/x.pdf":  false,
		"fi\tle:///etc/passwd":        false,
		"filex:y":                     true,
		"./javascript:alert(1)":       true, // a relative path, not a scheme
		"javascript%3Aalert(1)":       true, // percent-encoded colon: a relative path
		"1javascript:alert(1)":        true, // schemes start with a letter
	} {
		if got := Allowed(dest); got != want {
			t.Errorf("Allowed(%q) = %v, want %v", dest, got, want)
		}
	}
}

func TestScheme(t *testing.T) {
	for dest, want := range map[string]string{
		"HTTPS://x":   "https",
		"svn+ssh://x": "svn+ssh",
		"a.b-c+d:x":   "a.b-c+d",
	} {
		got, ok := Scheme(dest)
		if !ok || got != want {
			t.Errorf("Scheme(%q) = %q, %v; want %q", dest, got, ok, want)
		}
	}
	for _, dest := range []string{"", ":x", "no-colon", "#frag:x", "/a:b", "é:x"} {
		if s, ok := Scheme(dest); ok {
			t.Errorf("Scheme(%q) = %q, want no scheme", dest, s)
		}
	}
}

func FuzzAllowed(f *testing.F) {
	for _, s := range []string{"javascript:alert(1)", "https://x", " \tJaVa\nScRiPt:x", "data:,x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		scheme, ok := Scheme(dest)
		if Allowed(dest) == (ok && (scheme == "javascript" || scheme == "vbscript" || scheme == "data")) {
			t.Fatalf("Allowed(%q) disagrees with Scheme = %q, %v", dest, scheme, ok)
		}
	})
}

func TestAttrAllowed(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		want        bool
	}{
		{"href", "https://example.com", true},
		{"HREF", "javascript:alert(1)", false},
		{"src", "data:image/png;base64,AA", false},
		{"xlink:href", "vbscript:x", false},
		{"srcset", "a.png 1x, javascript:alert(1) 2x", false},
		{"srcset", "a.png 1x, b.png 2x", true},
		{"ping", "/a javascript:alert(1)", false},
		{"title", "javascript:alert(1)", true},
	} {
		if got := AttrAllowed(tc.name, tc.value); got != tc.want {
			t.Errorf("AttrAllowed(%q, %q) = %v, want %v", tc.name, tc.value, got, tc.want)
		}
	}
}

// TestResolve: a relative link is resolved against the base as a
// browser resolves it on the page at the base; anything else, and
// everything without a base, stays as written.
func TestResolve(t *testing.T) {
	for _, tc := range []struct{ base, dest, want string }{
		{"https://acme.example/legal/", "/privacy", "https://acme.example/privacy"},
		{"https://acme.example/legal/", "cookies.html", "https://acme.example/legal/cookies.html"},
		{"https://acme.example/legal/terms", "cookies.html", "https://acme.example/legal/cookies.html"},
		{"https://acme.example/legal", "cookies.html", "https://acme.example/cookies.html"},
		{"https://acme.example/legal/", "../about?x=1#team", "https://acme.example/about?x=1#team"},
		{"https://acme.example/legal/", "//cdn.example/x.pdf", "https://cdn.example/x.pdf"},
		{"http://acme.example", " /privacy ", "http://acme.example/privacy"},
		{"https://acme.example/", "#terms", "#terms"},
		{"https://acme.example/", "mailto:a@b.example", "mailto:a@b.example"},
		{"https://acme.example/", "https://other.example/", "https://other.example/"},
		{"https://acme.example/", "{siteUrl}/privacy", "{siteUrl}/privacy"},
		{"https://acme.example/", "", ""},
		{"https://acme.example/", "java\nscript:alert(1)", "java\nscript:alert(1)"},
		{"", "/privacy", "/privacy"},
	} {
		if got := Resolve(tc.base, tc.dest); got != tc.want {
			t.Errorf("Resolve(%q, %q) = %q, want %q", tc.base, tc.dest, got, tc.want)
		}
	}
}

func TestCheckBase(t *testing.T) {
	for base, ok := range map[string]bool{
		"https://acme.example/":          true,
		"http://acme.example/legal/":     true,
		" https://acme.example ":         true,
		"acme.example":                   false,
		"/legal/":                        false,
		"ftp://acme.example/":            false,
		"https:///legal":                 false,
		"https://acme.example/#terms":    false,
		"javascript:alert(1)//x.example": false,
		"https://acme.example/%zz":       false,
	} {
		if err := CheckBase(base); (err == nil) != ok {
			t.Errorf("CheckBase(%q) = %v, want ok %v", base, err, ok)
		}
	}
}

func TestRelative(t *testing.T) {
	for dest, want := range map[string]bool{
		"/privacy": true, "terms.html": true, "//cdn.example/x": true, "?q=1": true,
		"#id": false, "": false, " ": false, "https://x.example": false, "mailto:a@b": false, "{siteUrl}/p": false,
	} {
		if got := Relative(dest); got != want {
			t.Errorf("Relative(%q) = %v, want %v", dest, got, want)
		}
	}
}

// TestMixedScriptHost: a label of a host that mixes Latin, Cyrillic and
// Greek letters, written in Unicode, punycode or percent-encoded, is
// found, with its ASCII form; a host wholly in one script is not.
func TestMixedScriptHost(t *testing.T) {
	for _, c := range []struct {
		dest, host, ascii, scripts string
		punycode                   bool
	}{
		{dest: "https://\u0430cme.example/privacy", host: "\u0430cme.example", ascii: "xn--cme-5cd.example", scripts: "Latin Cyrillic"},
		{dest: "https://xn--cme-5cd.example/", host: "\u0430cme.example", ascii: "xn--cme-5cd.example", scripts: "Latin Cyrillic", punycode: true},
		{dest: "HTTPS://XN--CME-5CD.EXAMPLE", host: "\u0430cme.example", ascii: "xn--cme-5cd.example", scripts: "Latin Cyrillic", punycode: true},
		{dest: "https://%D0%B0cme.example/", host: "\u0430cme.example", ascii: "xn--cme-5cd.example", scripts: "Latin Cyrillic"},
		{dest: "https://user@www.p\u03b1ypal.example:8443/x", host: "www.p\u03b1ypal.example", ascii: "www.xn--pypal-d9d.example", scripts: "Latin Greek"},
		{dest: "mailto:dpo@\u0430cme.example"}, // no host in the URL's sense: not checked
		{dest: "https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/"},
		{dest: "https://xn--e1afmkfd.xn--p1ai/"},
		{dest: "https://b\u00fccher.example/"},
		{dest: "https://acme-\u65e5\u672c.example/"},
		{dest: "https://acme.example/\u0430"},
		{dest: "/\u0430cme"},
		{dest: "https://xn--zz.example/"},
	} {
		h, ok := MixedScriptHost(c.dest)
		if !ok {
			if c.host != "" {
				t.Errorf("MixedScriptHost(%q): not found", c.dest)
			}
			continue
		}
		if c.host == "" {
			t.Errorf("MixedScriptHost(%q) = %+v, want none", c.dest, h)
			continue
		}
		if h.Host != c.host || h.ASCII != c.ascii || strings.Join(h.Scripts, " ") != c.scripts || h.Punycode != c.punycode {
			t.Errorf("MixedScriptHost(%q) = %+v, want %s %s %s %v", c.dest, h, c.host, c.ascii, c.scripts, c.punycode)
		}
	}
}

// TestTextMismatch: link text that is an address on another host than
// the link's, or another e-mail address than its mailto:'s, is found;
// words, the link's own address and a "www." on one side alone are not.
func TestTextMismatch(t *testing.T) {
	for _, c := range []struct{ text, dest, shown, opens string }{
		{"https://acme.example/login", "https://evil.example/login", "acme.example", "evil.example"},
		{"www.acme.example", "https://acme.example.evil.example/", "www.acme.example", "acme.example.evil.example"},
		{"HTTP://Acme.Example", "https://xn--cme-5cd.example/", "Acme.Example", "xn--cme-5cd.example"},
		{"privacy@acme.example", "mailto:phish@evil.example?subject=x", "privacy@acme.example", "phish@evil.example"},
		{"mailto:privacy@acme.example", "mailto:privacy@evil.example", "privacy@acme.example", "privacy@evil.example"},
		{text: "https://acme.example/privacy", dest: "https://ACME.example/terms"},
		{text: "https://acme.example", dest: "https://www.acme.example/"},
		{text: "www.acme.example", dest: "http://www.acme.example"},
		{text: "https://bücher.example/", dest: "https://xn--bcher-kva.example/"},
		{text: "Privacy@Acme.example", dest: "mailto:privacy@acme.example"},
		{text: "our privacy policy", dest: "https://evil.example/"},
		{text: "acme.example", dest: "https://evil.example/"}, // no scheme nor www.: may be a file name
		{text: "https://acme.example/privacy", dest: "/privacy"},
		{text: "privacy@acme.example", dest: "https://acme.example/contact"},
	} {
		shown, opens, ok := TextMismatch(c.text, c.dest)
		if ok != (c.shown != "") || shown != c.shown || opens != c.opens {
			t.Errorf("TextMismatch(%q, %q) = %q, %q, %v; want %q, %q", c.text, c.dest, shown, opens, ok, c.shown, c.opens)
		}
	}
}

// TestUserNameHost: an address whose host follows a user name opens
// the host after the "@", which a reader sees second; a password is
// masked; mailto:, an address without one, and a blocked one are not.
func TestUserNameHost(t *testing.T) {
	for _, c := range []struct {
		dest string
		want UserHost
	}{
		{dest: "https://acme.example@evil.example/", want: UserHost{Address: "https://acme.example@evil.example/", User: "acme.example", Host: "evil.example"}},
		{dest: " https://bob:hunter2@evil.example:8443/x?a=b@c ", want: UserHost{Address: "https://bob:***@evil.example:8443/x?a=b@c", User: "bob:***", Host: "evil.example", Password: true}},
		{dest: "//acme.example@evil.example/p", want: UserHost{Address: "//acme.example@evil.example/p", User: "acme.example", Host: "evil.example"}},
		{dest: "https://a@b@evil.example/", want: UserHost{Address: "https://a@b@evil.example/", User: "a@b", Host: "evil.example"}},
		{dest: "mailto:dpo@acme.example"},
		{dest: "https://acme.example/p?to=a@b.example"},
		{dest: "https://acme.example/@user"},
		{dest: "file://bob@host/share/x"},
		{dest: "x@y.example"},
	} {
		got, ok := UserNameHost(c.dest)
		if ok != (c.want.Host != "") || got != c.want {
			t.Errorf("UserNameHost(%q) = %+v, %v; want %+v", c.dest, got, ok, c.want)
		}
	}
}
