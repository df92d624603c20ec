package values

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, data string
		want       map[string]string
	}{
		{"empty", "", map[string]string{}},
		{"comment only", "# nothing\n", map[string]string{}},
		{"null document", "~\n", map[string]string{}},
		{"yaml", "siteName: Acme AI\ndate: 2026-11-28\nflag: true\nnum: 007\nfloat: 1.50\nquoted: \"a: b\"\nblock: |\n  line 1\n  line 2\n_x1: y\n",
			map[string]string{"siteName": "Acme AI", "date": "2026-11-28", "flag": "true", "num": "007", "float": "1.50", "quoted": "a: b", "block": "line 1\nline 2\n", "_x1": "y"}},
		// A null is no value ("not given here"), never the text "~" or
		// "null"; quoted, they are text, and "" is an empty value.
		{"nulls", "empty:\ntilde: ~\nnull: null\nNull: Null\nNULL: NULL\nkept: x\n", map[string]string{"kept": "x"}},
		{"quoted nulls", "a: \"~\"\nb: 'null'\nc: \"\"\nd: ''\n", map[string]string{"a": "~", "b": "null", "c": "", "d": ""}},
		{"json null", `{"a": null, "b": "", "c": "null"}`, map[string]string{"b": "", "c": "null"}},
		{"json", `{"siteName": "Acme", "n": 12, "b": false, "s": "<b>*x*</b>"}`,
			map[string]string{"siteName": "Acme", "n": "12", "b": "false", "s": "<b>*x*</b>"}},
		{"bom", "\uFEFFa: b\n", map[string]string{"a": "b"}},
		{"crlf", "a: b\r\nc: d\r\n", map[string]string{"a": "b", "c": "d"}},
	}
	for _, tt := range tests {
		got, err := Parse("v.yaml", []byte(tt.data))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{"a:\n  b: c\n", "v.yaml:2:3: a: want a single value (text, number, date, true/false), found a map"},
		{"a: [1, 2]\n", "v.yaml:1:4: a: want a single value (text, number, date, true/false), found a list"},
		{`{"a": {"b": 1}}`, "v.yaml:1:7: a: want a single value (text, number, date, true/false), found a map"},
		{"a: 1\nb: 2\na: 3\n", `v.yaml:3:1: duplicate key "a" (first at 1:1; keep one of them)`},
		{`{"a": 1, "a": 2}`, `v.yaml:1:10: duplicate key "a" (first at 1:2; keep one of them)`},
		{"a: &x 1\nb: *x\n", "v.yaml:1:4: anchors (&name) are not allowed"},
		{"a: !!binary aGk=\n", "v.yaml:1:4: tags (!!binary) are not allowed"},
		{"- a\n- b\n", "v.yaml:1:1: want a map of names to values (a \"name: value\" line each), found a list"},
		{"just text\n", "v.yaml:1:1: want a map of names to values (a \"name: value\" line each), found a single value"},
		{"a: b\n---\nc: d\n", "v.yaml:2:1: more than one YAML document"},
		{"bad-key: 1\n", `v.yaml:1:1: "bad-key" is not a valid placeholder name (a letter or _ then letters, digits or _)`},
		{"1x: 1\n", `v.yaml:1:1: "1x" is not a valid placeholder name (a letter or _ then letters, digits or _)`},
		{"a: \"x\xffy\"\n", "v.yaml:1:6: invalid UTF-8 at byte offset 5 (byte 0xFF is \"ÿ\" in Windows-1252 and Latin-1, which the file is likely saved in: save it as UTF-8)"},
		{"a: b\nc: \"d\x00\"\n", "v.yaml:2:6: NUL byte"},
		// Tabs in the indentation: the line and column of the tab.
		{"a:\n\tb: c\n", "v.yaml:2:1: found character that cannot start any token (a tab: YAML indents with spaces only)"},
		{"a: b\n\tc: d\n", "v.yaml:2:1: found a tab character that violates indentation (a tab: YAML indents with spaces only)"},
		{"a: b\nc:\n\t- d\n", "v.yaml:3:1: found character that cannot start any token (a tab: YAML indents with spaces only)"},
		{"\ta: b\n", "v.yaml:1:1: found character that cannot start any token (a tab: YAML indents with spaces only)"},
		{"a: b\n  \tc: d\n", "v.yaml:2:3: mapping values are not allowed in this context (a tab: YAML indents with spaces only)"},
		{"a:\n  b: c\n\t d: e\n", "v.yaml:3:1: found a tab character that violates indentation (a tab: YAML indents with spaces only)"},
		// JSON in a .yaml file: encoding/json's place when yaml.v3 fails.
		{"{\n  \"a\": \"b\"\n", "v.yaml:2:11: invalid JSON: unexpected end of JSON input (a {, [ or \" is never closed)"},
		{"{\n  \"a\": \"b\",\n  \"c\": \"d\" \"e\"\n}\n", "v.yaml:3:12: invalid JSON: invalid character '\"' after object key:value pair (a , goes between two entries)"},
	}
	for _, tt := range tests {
		_, err := Parse("v.yaml", []byte(tt.data))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q):\n got %v\nwant %s", tt.data, err, tt.want)
		}
	}
}

// TestParseSyntaxErrors checks that a YAML syntax error names the line
// and column of its cause, and says what to do: yaml.v3 names no column,
// names no line for line 1, and for many errors names the line where the
// enclosing map or list starts (counted from 0 for its parser's errors).
func TestParseSyntaxErrors(t *testing.T) {
	const (
		keyFix    = " (check this line's indentation against the lines above, and that a quoted value ends at its closing quote)"
		colonFix  = ` (quote a value that holds ": ", or indent this key as the keys above it)`
		escapeFix = ` (in a "…" value a backslash starts an escape such as \n: write \\ for a backslash, as in "C:\\Users", or quote the value with ' instead)`
	)
	tests := []struct{ data, want string }{
		// Unclosed quotes: the opening quote (yaml.v3: the end of the file).
		{"a: \"unclosed\n", `v.yaml:1:4: found unexpected end of stream (this " string is never closed: add the closing ")`},
		{"a: 'x\nb: 1\n", `v.yaml:1:4: found unexpected end of stream (this ' string is never closed: add the closing ')`},
		{"a: 1\nb: \"multi\n  line\"\nc: \"open\nd: 4\n", `v.yaml:4:4: found unexpected end of stream (this " string is never closed: add the closing ")`},
		// ": " where no map can start: the colon.
		{"a: b\n  c: d\n", "v.yaml:2:4: mapping values are not allowed in this context" + colonFix},
		{"a: 1\n b: 2\n", "v.yaml:2:3: mapping values are not allowed in this context" + colonFix},
		{"a: b: c\n", "v.yaml:1:5: mapping values are not allowed in this context" + colonFix},
		{"x: 1\ny: 2\nurl: see: here\n", "v.yaml:3:9: mapping values are not allowed in this context" + colonFix},
		// A list item or text where a key belongs (yaml.v3: the line
		// before, or the line where the map starts, or none).
		{"key: value\n- item\n", "v.yaml:2:1: did not find expected key" + keyFix},
		{"a: \"x\"y\n", "v.yaml:1:7: did not find expected key" + keyFix},
		{"a:\n    b: 1\n  c: 2\n", "v.yaml:3:3: did not find expected key" + keyFix},
		{"key: [a, b]]\n", "v.yaml:1:12: did not find expected key" + keyFix},
		{"a: 1\nb:\n  - x\n  y: 2\n", "v.yaml:4:3: did not find expected '-' indicator" + keyFix},
		{"a: 1\nb\nc: 2\n", "v.yaml:2:1: could not find expected ':'" + keyFix},
		// Unclosed brackets: the bracket.
		{"a: [1, 2\nb: 3\n", "v.yaml:1:4: did not find expected ',' or ']' (close the list or map: add the ']')"},
		{"a: 1\n\n# c\nb: {x: 1\n", "v.yaml:4:4: did not find expected ',' or '}' (close the list or map: add the '}')"},
		{"v: {k0: v0, k1: v1, k2: v2\n", "v.yaml:1:4: did not find expected ',' or '}' (close the list or map: add the '}')"},
		{"v: [a, b, c\n", "v.yaml:1:4: did not find expected ',' or ']' (close the list or map: add the ']')"},
		{"v: [it's, {k0: v0, k1: v1, k2: v2]\n", "v.yaml:1:11: did not find expected ',' or '}' (close the list or map: add the '}')"},
		{"v: {a: [1, 2}\n", "v.yaml:1:8: did not find expected ',' or ']' (close the list or map: add the ']')"},
		{"a: 1\nv: {k: [1, 2], q: \"x}\", s: 'it''s{', c: d # }\n", "v.yaml:2:4: did not find expected ',' or '}' (close the list or map: add the '}')"},
		// Characters that start no value.
		{"a: @foo\n", "v.yaml:1:4: found character that cannot start any token (a value cannot start with @: quote it)"},
		{"a: 1\nb: `x`\n", "v.yaml:2:4: found character that cannot start any token (a value cannot start with `: quote it)"},
		{"a: - b\n", `v.yaml:1:4: block sequence entries are not allowed in this context (a list goes on the lines below its key, each item indented and starting with "- ")`},
		// A backslash in double quotes: the backslash, and how to write one.
		{"a: \"\\q\"\n", "v.yaml:1:5: found unknown escape character" + escapeFix},
		{"path: \"C:\\Users\\acme\"\n", "v.yaml:1:10: did not find expected hexdecimal number" + escapeFix},
		{"a: 1\nb: \"ab\\xZZ\"\n", "v.yaml:2:7: did not find expected hexdecimal number" + escapeFix},
		// Columns count bytes, as every position does; CRLF line ends
		// count as one.
		{"a: 1\nb: é: x\n", "v.yaml:2:6: mapping values are not allowed in this context" + colonFix},
		{"a: 1\nb: \"é\"x\n", "v.yaml:2:8: did not find expected key" + keyFix},
		{"é: \"x\n", `v.yaml:1:5: found unexpected end of stream (this " string is never closed: add the closing ")`},
		{"a: 1\r\nb: c: d\r\n", "v.yaml:2:5: mapping values are not allowed in this context" + colonFix},
	}
	for _, tt := range tests {
		_, err := Parse("v.yaml", []byte(tt.data))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q):\n got %v\nwant %s", tt.data, err, tt.want)
		}
	}
	// In a front matter, lines count from the template's first line.
	_, err := Document("t.md", []byte("title: T\nvalues:\n  a: \"x\n"), 1)
	if want := `t.md:4:6: found unexpected end of stream (this " string is never closed: add the closing ")`; err == nil || err.Error() != want {
		t.Errorf("front matter: %v, want %s", err, want)
	}
}

// TestParseJSONErrors checks that a file named .json must be JSON (YAML
// would read {"a": 1,} as a map) and that a syntax error names the line
// and column of encoding/json's byte offset.
func TestParseJSONErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		// With what to do: the slips of one who writes YAML or JavaScript.
		{`{"a": 1,}`, "v.json:1:9: invalid JSON: invalid character '}' looking for beginning of object key string (JSON allows no comma before a closing } or ])"},
		{`{"a": [1,]}`, "v.json:1:10: invalid JSON: invalid character ']' looking for beginning of value (JSON allows no comma before a closing } or ])"},
		{`{"a" 1}`, "v.json:1:6: invalid JSON: invalid character '1' after object key (a : goes between a key and its value)"},
		{`{"a": 1 "b": 2}`, "v.json:1:9: invalid JSON: invalid character '\"' after object key:value pair (a , goes between two entries)"},
		{"{\n  \"a\": \"b\",\n  \"c\": x\n}\n", "v.json:3:8: invalid JSON: invalid character 'x' looking for beginning of value (text values take double quotes: \"...\")"},
		{"{\n  \"a\": \"b\"\n", "v.json:2:11: invalid JSON: unexpected end of JSON input (a {, [ or \" is never closed)"},
		{`{"a": ~}`, "v.json:1:7: invalid JSON: invalid character '~' looking for beginning of value"},
		{"{\"a\": \"é\",\n \"b\": 'c'}", "v.json:2:7: invalid JSON: invalid character '\\'' looking for beginning of value (JSON strings take double quotes: \"...\")"},
	}
	for _, tt := range tests {
		_, err := Parse("v.json", []byte(tt.data))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q):\n got %v\nwant %s", tt.data, err, tt.want)
		}
	}
}

func TestParseAssignment(t *testing.T) {
	tests := []struct{ in, key, value, err string }{
		{"a=b", "a", "b", ""},
		{"site_name=Acme = AI", "site_name", "Acme = AI", ""},
		{"empty=", "empty", "", ""},
		{"x=<b>{y}</b>", "x", "<b>{y}</b>", ""},
		{"novalue", "", "", `assignment "novalue": want key=value, as novalue=VALUE (an = between them, not a space)`},
		{"no value", "", "", `assignment "no value": want key=value`},
		{"=v", "", "", `assignment "=v": "" is not a valid placeholder name (a letter or _ then letters, digits or _)`},
		{"bad-key=v", "", "", `assignment "bad-key=v": "bad-key" is not a valid placeholder name (a letter or _ then letters, digits or _)`},
		{"größe=1", "", "", `assignment "größe=1": "größe" is not a valid placeholder name (a letter or _ then letters, digits or _)`},
		{"a=\x00", "", "", `assignment "a=\x00": value "a" contains a NUL byte`},
		{"a=\xff", "", "", `assignment "a=\xff": value "a" is not valid UTF-8`},
	}
	for _, tt := range tests {
		k, v, err := ParseAssignment(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseAssignment(%q) error %v, want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || k != tt.key || v != tt.value {
			t.Errorf("ParseAssignment(%q) = %q, %q, %v", tt.in, k, v, err)
		}
	}
}

func TestIsName(t *testing.T) {
	for s, want := range map[string]bool{"a": true, "_": true, "A_1": true, "user_id": true, "": false, "1a": false, "a-b": false, "a b": false, "é": false, "aé": false} {
		if IsName(s) != want {
			t.Errorf("IsName(%q) = %v", s, !want)
		}
	}
}

func FuzzValues(f *testing.F) {
	for _, s := range []string{"a: b\n", `{"a": 1}`, "a:\n  b: c\n", "a: &x 1\nb: *x\n", "- 1\n", "a: |\n  x\n", "a: b\n---\nc: d\n", "\xff", "a: \"\x00\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse("f.yaml", data)
		if err != nil {
			var e *Error
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Fatalf("error %q does not name the file (%T)", err, e)
			}
			return
		}
		for k, v := range m {
			if !IsName(k) {
				t.Fatalf("key %q is not a name", k)
			}
			if !utf8.ValidString(v) || strings.IndexByte(v, 0) >= 0 {
				t.Fatalf("value %q of %q is not clean", v, k)
			}
		}
	})
}

// TestCheckValueRefusesUnshowable checks that a value holding a control
// character, which the HTML and the plain text showed as "\uFFFD" and the
// PDF left out without a word, is refused naming the value and the
// character; a C1 control from Windows-1252 text read as Latin-1 gets
// the character meant. Tab, line endings and the space equivalents stay.
func TestCheckValueRefusesUnshowable(t *testing.T) {
	for _, tc := range []struct{ v, want string }{
		{"Acme\x1b[31m", "value \"site\" contains U+001B (a control character) at byte 4: refused, because no output shows it as written (the HTML and the plain text show \"\uFFFD\" (U+FFFD) in its place, the PDF nothing): remove it"},
		{"a\x01", "value \"site\" contains U+0001 (a control character) at byte 1"},
		{"a\x7f", "value \"site\" contains U+007F (a control character) at byte 1"},
		{"\u0093Best\u0094", "value \"site\" contains U+0093 (a C1 control character) at byte 0: refused, because no output shows it as written (the HTML and the plain text show \"\uFFFD\" (U+FFFD) in its place, the PDF nothing): remove it, or write \"\u201c\" if that was meant (U+0093 is what \"\u201c\", byte 0x93 in Windows-1252, becomes when read as Latin-1)"},
		{"a\u0081", "value \"site\" contains U+0081 (a C1 control character) at byte 1: refused, because no output shows it as written (the HTML and the plain text show \"\uFFFD\" (U+FFFD) in its place, the PDF nothing): remove it"},
	} {
		err := CheckValue("site", tc.v)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: %v\nwant %s", tc.v, err, tc.want)
		}
	}
	for _, v := range []string{"a\tb", "a\nb\r\nc", "a\vb\fc", "a\u0085b", "a\u2028b", "a\u00a0b\u00adc", "caf\u00e9"} {
		if err := CheckValue("site", v); err != nil {
			t.Errorf("%q: %v", v, err)
		}
	}
}

func TestCheckValueRefusesHiddenCharacters(t *testing.T) {
	for _, v := range []string{"abc\u202Edef", "a\u202Ab", "a\u2066b\u2069", "a\u200Bb", "a\uFEFFb", "a\u2060b"} {
		err := CheckValue("site", v)
		if err == nil || !strings.Contains(err.Error(), `value "site" contains U+`) {
			t.Errorf("%q: %v, want a refusal naming the value", v, err)
		}
	}
	for _, v := range []string{"👨\u200D👩\u200D👧", "می\u200Cخواهم", "\u05d0\u200Fb", "plain", "\u2764\uFE0F", "\u845B\U000E0100", "soft\u00ADhyphen", "\U0001F3F4\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F"} {
		if err := CheckValue("site", v); err != nil {
			t.Errorf("%q: %v", v, err)
		}
	}
}

// TestCheckValueRefusesInvisible checks that a value holding a character
// that draws nothing (Invisibles), which every output held without a
// word, is refused naming the value, the character and why: a run of
// tag characters, an invisible copy of ASCII, is spelled out.
func TestCheckValueRefusesInvisible(t *testing.T) {
	for _, tc := range []struct{ v, want string }{
		{"Acme\U000E0069\U000E0067\U000E006E\U000E006F\U000E0072\U000E0065", `value "site" contains U+E0069 (TAG LATIN SMALL LETTER I) at byte 4: refused, because a tag character is an invisible copy of an ASCII character: no reader sees it, yet every output holds it, and a program that reads the text (a search engine, an AI assistant) does; these spell "ignore": remove them (a flag emoji's tags, as England's, are kept)`},
		{"\u3164", `value "site" contains U+3164 (HANGUL FILLER) at byte 0: refused, because a Hangul filler draws nothing and is no space`},
		{"a\u1160", `value "site" contains U+1160 (HANGUL JUNGSEONG FILLER) at byte 1`},
		{"a\u2061b", `value "site" contains U+2061 (FUNCTION APPLICATION) at byte 1: refused, because it draws nothing in any output`},
		{"a\uFEFFb", `value "site" contains U+FEFF (ZERO WIDTH NO-BREAK SPACE) at byte 1: refused, because inside the text a byte-order mark draws nothing`},
		{"a\u17B4", `value "site" contains U+17B4 (KHMER VOWEL INHERENT AQ) at byte 1`},
		{"a\uFE0F\uFE01", `value "site" contains U+FE01 (VARIATION SELECTOR-2) at byte 4: refused, because a variation selector chooses the form of the one character before it`},
		{"\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E0078\U000E0079\U000E007F", `value "site" contains U+E0079 (TAG LATIN SMALL LETTER Y) at byte 28`},
	} {
		err := CheckValue("site", tc.v)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: %v\nwant %s", tc.v, err, tc.want)
		}
	}
}
