// Package values reads placeholder values: values files (YAML or JSON),
// "--set key=value" assignments, and the flat "values:" maps of template
// front matter.
//
// It owns the placeholder name syntax (IsName) and the rules for a value
// (valid UTF-8, no NUL, no character that reorders or hides text, Hidden,
// nor one that no output shows, Unshowable, nor one that draws nothing,
// Invisibles; the last two are the template's rules too). A values file is a flat map from placeholder names
// to scalars; every scalar is kept exactly as written, so "2026-11-28"
// stays that string and "true" stays "true". A null (~, null or nothing)
// is no value at all, never the text "~" or "null". Nested maps, lists, aliases,
// anchors, tags and duplicate keys are errors with a file:line:col
// position. Nesting deeper than MaxDepth maps and lists is an error at the
// place where it goes too deep.
//
// This package never parses Markdown and never interprets a value: a value
// is literal text.
package values

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"gopkg.in/yaml.v3"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// MaxDepth is the deepest nesting of maps and lists that Document accepts.
// A values file needs 1 level, front matter 2 and a batch manifest 4; the
// limit is far above any of them and far below yaml.v3's own limit of
// 10,000, so a deeply nested file is refused with its position before
// any caller walks its tree.
const MaxDepth = 32

// MaxItems bounds the size of a YAML document in items before it is
// parsed: the lines, commas, opening brackets and block sequence dashes
// ("- ") in it, an upper bound on half the nodes yaml.v3 would build. At
// about a microsecond and 250 bytes a node, yaml.v3 takes seconds and
// hundreds of megabytes beyond it. A values file or front matter uses a
// few hundred; a batch manifest about 10 a document, so 25,000 documents (a CSV
// manifest has no such limit). At the limit yaml.v3 takes about 1.5 s and
// 150 MiB.
const MaxItems = 250_000

// Error is a problem at a position in a values file (or in the YAML front
// matter of a template); it formats as "file:line:col: msg".
type Error = srcerr.Error

// IsName reports whether s is a valid placeholder name: an ASCII letter or
// '_' followed by ASCII letters, digits or '_'. Non-ASCII letters do not
// count, so "{größe}" is ordinary text, not a placeholder.
func IsName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !IsNameByte(s[i], i == 0) {
			return false
		}
	}
	return true
}

// IsNameByte reports whether c may appear in a placeholder name; first
// says whether c would be the name's first byte (which may not be a
// digit).
func IsNameByte(c byte, first bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		return true
	case c >= '0' && c <= '9':
		return !first
	}
	return false
}

// CheckValue returns an error naming the value when v is not valid UTF-8,
// contains a NUL byte, or contains a character that would make a reader
// see something other than the data (see Hidden).
// The error is a *ValueError.
func CheckValue(name, v string) error {
	if !utf8.ValidString(v) {
		return &ValueError{Name: name, Reason: "is not valid UTF-8"}
	}
	if strings.IndexByte(v, 0) >= 0 {
		return &ValueError{Name: name, Reason: "contains a NUL byte"}
	}
	var inv Invisibles
	for i, r := range v {
		if what := Hidden(r); what != "" {
			return &ValueError{Name: name, Reason: fmt.Sprintf("contains U+%04X (%s) at byte %d: refused, because a reader would see the text in another order than the data or not see it at all", r, what, i)}
		}
		if what := inv.Next(r); what != "" {
			return fmt.Errorf("value %q contains U+%04X (%s) at byte %d: refused, because %s", name, r, what, i, InvisibleFix(r, v[i:]))
		}
		if what := Unshowable(r); what != "" {
			return &ValueError{Name: name, Reason: fmt.Sprintf("contains U+%04X (%s) at byte %d: refused, because %s", r, what, i, UnshowableFix(r))}
		}
	}
	return nil
}

// ValueError is a value that CheckValue refuses for its content.
type ValueError struct {
	// Name is the value's name.
	Name string
	// Reason says what is wrong with it: "contains a NUL byte".
	Reason string
}

// Error returns "value "NAME" REASON".
func (e *ValueError) Error() string { return fmt.Sprintf("value %q %s", e.Name, e.Reason) }

// Unshowable names the characters that no output shows as written, or
// returns "" for any other rune: the C0 and C1 control characters other
// than tab, line feed, carriage return and the space equivalents that
// every backend writes as a space (ast.IsSpaceEquivalent: vertical tab,
// form feed, NEL). The HTML standard forbids them in a page and the
// plain text is read on terminals, so both write U+FFFD in their place;
// the PDF draws nothing; the JSON keeps them. Values and templates
// holding one are refused (see UnshowableFix), so that no output
// differs from the others without a word. NUL is one; callers that
// treat it on their own (a template's, which Markdown replaces with
// U+FFFD) look for it first.
func Unshowable(r rune) string {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || ast.IsSpaceEquivalent(r):
		return ""
	case r < 0x20 || r == 0x7f:
		return "a control character"
	case r >= 0x80 && r <= 0x9f:
		return "a C1 control character"
	}
	return ""
}

// Refused finds the first character of s that no output shows as
// written (Unshowable) or that draws nothing (Invisibles): its byte
// offset, its description or Unicode name, and why it is refused and
// what to do (UnshowableFix, InvisibleFix); ok is false when s has
// none. It is the check of text of a template that is not a value (a
// front matter string, a character reference), which the template's
// own characters pass through one at a time.
func Refused(s string) (off int, r rune, what, fix string, ok bool) {
	var inv Invisibles
	for i, r := range s {
		if what := Unshowable(r); what != "" {
			return i, r, what, UnshowableFix(r), true
		}
		if what := inv.Next(r); what != "" {
			return i, r, what, InvisibleFix(r, s[i:]), true
		}
	}
	return 0, 0, "", "", false
}

// UnshowableFix says why a character Unshowable names is refused and
// what to do: remove it, or, for a C1 control character, which most
// often is a character of Windows-1252 (“ ” – — …) read as Latin-1 by
// the program that exported the text, write that character.
func UnshowableFix(r rune) string {
	msg := "no output shows it as written (the HTML and the plain text show \"\uFFFD\" (U+FFFD) in its place, the PDF nothing): remove it"
	if r >= 0x80 && r <= 0x9f {
		if c := charmap.Windows1252.DecodeByte(byte(r)); c != utf8.RuneError && c != r {
			msg += fmt.Sprintf(", or write %q if that was meant (U+%04X is what %q, byte 0x%X in Windows-1252, becomes when read as Latin-1)", string(c), r, string(c), r)
		}
	}
	return msg
}

// Hidden names the invisible characters refused in values, but not in
// templates, or returns "" for any other rune. They are the
// bidirectional formatting characters that change the order in which
// text is shown (embeddings U+202A, U+202B, pop U+202C, overrides
// U+202D, U+202E, isolates U+2066–U+2069), which a template may hold
// with a warning, and the zero width space U+200B and word joiner
// U+2060, which an author may write to allow or forbid a line break but
// a value from a spreadsheet or a CMS holds by mistake. The characters
// refused in both are Invisibles'.
//
// Zero width joiner U+200D and non-joiner U+200C are kept: emoji
// sequences, Persian and the Indic scripts need them, and they only join
// or separate the glyphs of neighbouring letters, never reorder them.
// Left-to-right and right-to-left marks (U+200E, U+200F, U+061C) are
// kept too: names in Hebrew and Arabic use them, and they never move a
// letter, only decide the side of neutral punctuation beside them.
func Hidden(r rune) string {
	switch {
	case DirectionControl(r) == "":
	case r >= 0x2066:
		return "bidirectional isolate"
	default:
		return "bidirectional embedding or override"
	}
	switch r {
	case 0x200B:
		return "zero width space"
	case 0x2060:
		return "word joiner"
	}
	return ""
}

// Invisibles finds, in text read one rune at a time (Next), the
// characters that draw nothing in any output and have no place in a
// document: a reader does not see them, yet every output holds them,
// and a program that reads the text (a search engine, an AI assistant
// fed the HTML) does. Values and templates holding one are refused, at
// their place, with InvisibleFix. They are:
//
//   - the tag characters U+E0000–U+E007F, an invisible copy of ASCII
//     ("ASCII smuggling": a prompt hidden from the reader), except in
//     an emoji tag sequence, the flags of England, Scotland and Wales
//     (U+1F3F4, then up to six tag letters or digits, then U+E007F);
//   - the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, blanks that
//     are no space (an empty-looking name);
//   - the invisible operators U+2061–U+2064 of mathematics;
//   - U+FEFF, a byte-order mark inside the text (the one at a file's
//     start is dropped), and U+180E, which draws nothing since Unicode
//     6.3;
//   - the Khmer inherent vowels U+17B4 and U+17B5, which Unicode
//     deprecates as drawing nothing;
//   - a variation selector (U+FE00–U+FE0F, U+E0100–U+E01EF) right after
//     another: one chooses the form of the character before it (an
//     emoji's, a CJK ideograph's), and a run of them, which chooses
//     nothing, can carry any data.
//
// Zero width joiner U+200D and non-joiner U+200C are never refused:
// emoji sequences, Persian and the Indic scripts need them, and they
// only join or separate the glyphs of neighbouring letters. Neither
// are the soft hyphen U+00AD, the combining grapheme joiner U+034F nor
// the direction marks U+200E, U+200F and U+061C, which a reader's text
// needs. The zero value is ready to read text from its start.
type Invisibles struct {
	prev rune
	// flag is 0 outside an emoji tag sequence, else one more than the
	// tag characters read since the black flag U+1F3F4 that starts it.
	flag int
}

// Next reads r, the rune after those Next read before, and returns the
// Unicode name of r when it is refused (see Invisibles), else "".
func (v *Invisibles) Next(r rune) string {
	prev := v.prev
	v.prev = r
	if r < 0x80 {
		v.flag = 0
		return ""
	}
	if r == 0x1F3F4 {
		v.flag = 1
		return ""
	}
	if r >= 0xE0000 && r <= 0xE007F {
		// A tag sequence: U+1F3F4, then tag letters and digits (a
		// region and subdivision, "gbsct"), then CANCEL TAG.
		isSpec := r >= 0xE0061 && r <= 0xE007A || r >= 0xE0030 && r <= 0xE0039
		switch {
		case v.flag == 0:
		case isSpec && v.flag <= 6:
			v.flag++
			return ""
		case r == 0xE007F && v.flag > 1:
			v.flag = 0
			return ""
		}
		v.flag = 0
		return tagName(r)
	}
	v.flag = 0
	switch r {
	case 0x115F:
		return "HANGUL CHOSEONG FILLER"
	case 0x1160:
		return "HANGUL JUNGSEONG FILLER"
	case 0x3164:
		return "HANGUL FILLER"
	case 0xFFA0:
		return "HALFWIDTH HANGUL FILLER"
	case 0x2061:
		return "FUNCTION APPLICATION"
	case 0x2062:
		return "INVISIBLE TIMES"
	case 0x2063:
		return "INVISIBLE SEPARATOR"
	case 0x2064:
		return "INVISIBLE PLUS"
	case 0xFEFF:
		return "ZERO WIDTH NO-BREAK SPACE"
	case 0x180E:
		return "MONGOLIAN VOWEL SEPARATOR"
	case 0x17B4:
		return "KHMER VOWEL INHERENT AQ"
	case 0x17B5:
		return "KHMER VOWEL INHERENT AA"
	}
	if n := variationSelector(r); n > 0 && variationSelector(prev) > 0 {
		return fmt.Sprintf("VARIATION SELECTOR-%d", n)
	}
	return ""
}

// variationSelector returns n for VARIATION SELECTOR-n (1–256), else 0.
func variationSelector(r rune) int {
	switch {
	case r >= 0xFE00 && r <= 0xFE0F:
		return int(r-0xFE00) + 1
	case r >= 0xE0100 && r <= 0xE01EF:
		return int(r-0xE0100) + 17
	}
	return 0
}

// tagName returns the Unicode name of a tag character (U+E0000–U+E007F).
func tagName(r rune) string {
	c := r - 0xE0000
	switch {
	case c == 0x01:
		return "LANGUAGE TAG"
	case c == 0x7F:
		return "CANCEL TAG"
	case c >= 'a' && c <= 'z':
		return "TAG LATIN SMALL LETTER " + string(c-'a'+'A')
	case c >= 'A' && c <= 'Z':
		return "TAG LATIN CAPITAL LETTER " + string(c)
	case c >= '0' && c <= '9':
		return "TAG DIGIT " + [...]string{"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"}[c-'0']
	case c >= 0x20 && c < 0x7F:
		return "TAG " + asciiNames[strings.IndexRune(asciiPunct, c)]
	}
	return "a tag character"
}

// asciiPunct and asciiNames are the ASCII characters other than letters
// and digits, and their Unicode names.
const asciiPunct = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

var asciiNames = [...]string{"SPACE", "EXCLAMATION MARK", "QUOTATION MARK", "NUMBER SIGN", "DOLLAR SIGN", "PERCENT SIGN", "AMPERSAND", "APOSTROPHE", "LEFT PARENTHESIS", "RIGHT PARENTHESIS", "ASTERISK", "PLUS SIGN", "COMMA", "HYPHEN-MINUS", "FULL STOP", "SOLIDUS", "COLON", "SEMICOLON", "LESS-THAN SIGN", "EQUALS SIGN", "GREATER-THAN SIGN", "QUESTION MARK", "COMMERCIAL AT", "LEFT SQUARE BRACKET", "REVERSE SOLIDUS", "RIGHT SQUARE BRACKET", "CIRCUMFLEX ACCENT", "LOW LINE", "GRAVE ACCENT", "LEFT CURLY BRACKET", "VERTICAL LINE", "RIGHT CURLY BRACKET", "TILDE"}

// InvisibleFix says why r, a character Invisibles refused, is refused
// and what to do; rest is the text from r on, whose run of tag
// characters it spells out, as a reader cannot see it.
func InvisibleFix(r rune, rest string) string {
	switch {
	case r >= 0xE0000 && r <= 0xE007F:
		var hidden []rune
		for _, c := range rest {
			if c < 0xE0020 || c > 0xE007E {
				if c >= 0xE0000 && c <= 0xE007F {
					continue
				}
				break
			}
			if len(hidden) == 60 {
				hidden = append(hidden, '…')
				break
			}
			hidden = append(hidden, c-0xE0000)
		}
		msg := "a tag character is an invisible copy of an ASCII character: no reader sees it, yet every output holds it, and a program that reads the text (a search engine, an AI assistant) does"
		if len(hidden) > 0 {
			msg += fmt.Sprintf("; these spell %q", string(hidden))
		}
		return msg + ": remove them (a flag emoji's tags, as England's, are kept)"
	case r == 0x115F || r == 0x1160 || r == 0x3164 || r == 0xFFA0:
		return "a Hangul filler draws nothing and is no space: text that seems blank, or a blank in a name, is not; remove it, or write a space"
	case r == 0xFEFF:
		return "inside the text a byte-order mark draws nothing (it comes from a file pasted into another): remove it, or write U+2060 (WORD JOINER) where a line must not break"
	case variationSelector(r) > 0:
		return "a variation selector chooses the form of the one character before it, and one right after another chooses nothing and draws nothing: a run of them can carry hidden data; remove it"
	}
	return "it draws nothing in any output, yet every output holds it: remove it"
}

// DirectionControl returns the Unicode name of r when it is one of the
// characters that set the direction of the text after it, whatever its
// letters are: the embeddings (U+202A, U+202B), the overrides (U+202D,
// U+202E), the isolates (U+2066–U+2068) and the pops that end them
// (U+202C, U+2069); else "". The marks (U+200E, U+200F, U+061C) are not
// among them: they are a letter's direction without the letter, and
// move no other letter.
func DirectionControl(r rune) string {
	switch r {
	case 0x202A:
		return "LEFT-TO-RIGHT EMBEDDING"
	case 0x202B:
		return "RIGHT-TO-LEFT EMBEDDING"
	case 0x202C:
		return "POP DIRECTIONAL FORMATTING"
	case 0x202D:
		return "LEFT-TO-RIGHT OVERRIDE"
	case 0x202E:
		return "RIGHT-TO-LEFT OVERRIDE"
	case 0x2066:
		return "LEFT-TO-RIGHT ISOLATE"
	case 0x2067:
		return "RIGHT-TO-LEFT ISOLATE"
	case 0x2068:
		return "FIRST STRONG ISOLATE"
	case 0x2069:
		return "POP DIRECTIONAL ISOLATE"
	}
	return ""
}

// ParseAssignment splits a "--set" argument "key=value" at the first '='.
// The key must be a valid placeholder name (see IsName); the value may be
// empty and may contain '='.
func ParseAssignment(s string) (key, value string, err error) {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		if IsName(s) {
			// "--set siteName Acme": the value after a space is an
			// argument of its own.
			return "", "", fmt.Errorf("assignment %q: want key=value, as %s=VALUE (an = between them, not a space)", s, s)
		}
		return "", "", fmt.Errorf("assignment %q: want key=value", s)
	}
	if !IsName(k) {
		return "", "", fmt.Errorf("assignment %q: %q is not a valid placeholder name (a letter or _ then letters, digits or _)", s, k)
	}
	if err := CheckValue(k, v); err != nil {
		return "", "", fmt.Errorf("assignment %q: %w", s, err)
	}
	return k, v, nil
}

// Parse reads a values file: YAML or JSON holding one flat map from
// placeholder names to scalars. name is used in error messages. An empty
// file gives an empty map. A value CheckValue refuses is an error at its
// place in the file.
func Parse(name string, data []byte) (map[string]string, error) {
	f, err := ParseFile(name, data)
	if err != nil {
		return nil, err
	}
	return f.Values, nil
}

// File is a values file as ParseFile reads it.
type File struct {
	// Values are its values, as Parse returns them.
	Values map[string]string
	// Nulls are the names it gives a null (~, null or nothing: "no
	// value yet", as init writes them), for a caller to say where a
	// missing value was left out.
	Nulls []string
	// Keys are the place of each name it gives, null or not, for a
	// caller to say where a value no placeholder uses is written.
	Keys map[string]ast.Pos
}

// ParseFile is Parse that also returns the names the file leaves null
// and the place of every name.
func ParseFile(name string, data []byte) (*File, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	root, err := Document(name, data, 0)
	if err != nil {
		return nil, err
	}
	f := &File{Values: map[string]string{}, Keys: map[string]ast.Pos{}}
	if root == nil {
		return f, nil
	}
	if f.Values, err = Flat(name, root, 0); err != nil {
		return nil, err
	}
	for k, v := range Pairs(root) {
		f.Keys[k.Value] = nodePos(k, 0)
		if IsNull(v) {
			f.Nulls = append(f.Nulls, k.Value)
			continue
		}
		// Checked here as well as where the value is filled in, so
		// that the error names the values file and the value's place,
		// not the template.
		if err := CheckValue(k.Value, f.Values[k.Value]); err != nil {
			return nil, &Error{File: name, Pos: nodePos(v, 0), Msg: err.Error()}
		}
	}
	return f, nil
}

// CheckText checks what Document checks before parsing: that data is
// UTF-8 without NUL bytes and holds at most MaxItems items. A caller
// that parses a document in parts checks the whole with it.
func CheckText(file string, data []byte, lineOffset int) error {
	if err := checkText(file, data, lineOffset); err != nil {
		return err
	}
	return checkItems(file, data, lineOffset)
}

// Document parses data as a single YAML (or JSON) document and returns its
// top-level mapping node, or nil when the document is empty. lineOffset is
// added to every line in error messages (front matter starts on line 2 of
// its template, so its offset is 1). Non-UTF-8 input, NUL bytes, more than
// one document, a top level that is not a mapping, aliases, anchors, tags
// and duplicate keys anywhere in the document are errors.
func Document(file string, data []byte, lineOffset int) (*yaml.Node, error) {
	if err := CheckText(file, data, lineOffset); err != nil {
		return nil, err
	}
	isJSON := strings.EqualFold(path.Ext(file), ".json")
	if isJSON {
		// YAML reads more than JSON ({"a": 1,} is a YAML map): a file
		// named .json must be JSON.
		if err := checkJSON(file, data, lineOffset); err != nil {
			return nil, err
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		if t := bytes.TrimLeft(data, " \t\r\n"); !isJSON && len(t) > 0 && (t[0] == '{' || t[0] == '[') {
			// Written as JSON: encoding/json names the place of a
			// syntax error, where yaml.v3 often names only a line.
			if jerr := checkJSON(file, data, lineOffset); jerr != nil {
				return nil, jerr
			}
		}
		return nil, yamlError(file, data, err, lineOffset)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &Error{File: file, Pos: nodePos(&extra, lineOffset), Msg: "more than one YAML document"}
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(file, data, err, lineOffset)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	if err := checkNode(file, doc.Content[0], lineOffset, 1); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, notAMap(file, root, lineOffset)
	}
	return root, nil
}

// notAMap is the error for node n of file where a map of names to values
// belongs: the top of a values file or of front matter, or its values key.
func notAMap(file string, n *yaml.Node, lineOffset int) *Error {
	return &Error{File: file, Pos: nodePos(n, lineOffset), Msg: "want a map of names to values (a \"name: value\" line each), found " + kindName(n)}
}

// Flat converts a mapping node into a flat map of placeholder names to
// scalar values, each kept as written. Keys must be placeholder names;
// values must be scalars. A null value (written as ~, null or nothing;
// see IsNull) means "not given here": its name is left out of the map, so
// a weaker layer's value applies, or the placeholder is missing.
func Flat(file string, m *yaml.Node, lineOffset int) (map[string]string, error) {
	if m.Kind != yaml.MappingNode {
		return nil, notAMap(file, m, lineOffset)
	}
	out := make(map[string]string, len(m.Content)/2)
	for k, v := range Pairs(m) {
		if !IsName(k.Value) {
			return nil, &Error{File: file, Pos: nodePos(k, lineOffset), Msg: fmt.Sprintf("%q is not a valid placeholder name (a letter or _ then letters, digits or _)", k.Value)}
		}
		if IsNull(v) {
			continue
		}
		s, err := Scalar(file, k.Value, v, lineOffset)
		if err != nil {
			return nil, err
		}
		out[k.Value] = s
	}
	return out, nil
}

// Pairs yields n's Content two by two, as key and value: the pairs of a
// mapping node, in order.
func Pairs(n *yaml.Node) iter.Seq2[*yaml.Node, *yaml.Node] {
	return func(yield func(k, v *yaml.Node) bool) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !yield(n.Content[i], n.Content[i+1]) {
				return
			}
		}
	}
}

// IsNull reports whether n is a YAML null: a plain ~, null, Null or NULL,
// or nothing at all (in JSON, null). A quoted "~" or "null" is text, and
// so is the empty string "".
func IsNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// Scalar returns the text of a scalar node exactly as written, or an error
// naming key when n is not a scalar.
func Scalar(file, key string, n *yaml.Node, lineOffset int) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", &Error{File: file, Pos: nodePos(n, lineOffset), Msg: fmt.Sprintf("%s: want a single value (text, number, date, true/false), found %s", key, kindName(n))}
	}
	return n.Value, nil
}

// NodePos returns the position of n in its file, lineOffset lines down.
func NodePos(n *yaml.Node, lineOffset int) ast.Pos { return nodePos(n, lineOffset) }

func nodePos(n *yaml.Node, lineOffset int) ast.Pos {
	if n.Line <= 0 {
		return ast.Pos{}
	}
	return ast.Pos{Line: n.Line + lineOffset, Col: n.Column}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		return "a single value"
	}
	return "nothing"
}

// checkNode rejects aliases, anchors, explicit tags, duplicate keys and
// nesting deeper than MaxDepth in the tree under n, which is at depth
// (the top-level node is at depth 1).
func checkNode(file string, n *yaml.Node, lineOffset, depth int) error {
	if (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && depth > MaxDepth {
		return &Error{File: file, Pos: nodePos(n, lineOffset), Msg: depthMsg}
	}
	if n.Kind == yaml.AliasNode {
		return &Error{File: file, Pos: nodePos(n, lineOffset), Msg: "aliases (*name) are not allowed"}
	}
	if n.Anchor != "" {
		return &Error{File: file, Pos: nodePos(n, lineOffset), Msg: "anchors (&name) are not allowed"}
	}
	if n.Style&yaml.TaggedStyle != 0 {
		return &Error{File: file, Pos: nodePos(n, lineOffset), Msg: fmt.Sprintf("tags (%s) are not allowed", n.Tag)}
	}
	if n.Kind == yaml.MappingNode {
		seen := make(map[string]*yaml.Node, len(n.Content)/2)
		for k := range Pairs(n) {
			if k.Kind == yaml.ScalarNode {
				if first := seen[k.Value]; first != nil {
					// Which of the two to keep is the author's choice:
					// the message names both.
					return &Error{File: file, Pos: nodePos(k, lineOffset), Msg: fmt.Sprintf("duplicate key %q (first at %s; keep one of them)", k.Value, nodePos(first, lineOffset))}
				}
				seen[k.Value] = k
			}
		}
	}
	for _, c := range n.Content {
		if err := checkNode(file, c, lineOffset, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// checkItems refuses data with more than MaxItems items (see MaxItems),
// naming the line where the count passes the limit.
func checkItems(file string, data []byte, lineOffset int) error {
	items, line := 0, 1
	for i, c := range data {
		if i > 0 && data[i-1] == '\n' {
			line++
		}
		switch c {
		case '\n', ',', '[', '{':
		case '-':
			if i+1 < len(data) && data[i+1] != ' ' && data[i+1] != '\n' && data[i+1] != '\t' {
				continue
			}
		default:
			continue
		}
		if items++; items > MaxItems {
			return &Error{File: file, Pos: ast.Pos{Line: line + lineOffset}, Msg: fmt.Sprintf("more than %d items (lines, commas, brackets, list dashes): too large to read as YAML; split the file, or use a CSV manifest", MaxItems)}
		}
	}
	return nil
}

// checkJSON returns an *Error at the line and column of the first JSON
// syntax error in data, from encoding/json's byte offset; nil when data
// is valid JSON or holds nothing but white space (an empty file).
func checkJSON(file string, data []byte, lineOffset int) error {
	if len(bytes.TrimSpace(data)) == 0 || json.Valid(data) {
		return nil
	}
	if line, col, ok := tooDeep(data); ok {
		return &Error{File: file, Pos: ast.Pos{Line: line + lineOffset, Col: col}, Msg: depthMsg}
	}
	var v any
	err := json.Unmarshal(data, &v)
	// Decoding into an interface value gives no type errors: a syntax
	// error is the only failure.
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return &Error{File: file, Msg: "invalid JSON: " + err.Error()}
	}
	// Offset counts the bytes read, the offending one included; at the
	// end of the input, point just after its last character.
	at := int(se.Offset) - 1
	if int(se.Offset) >= len(data) && strings.HasPrefix(se.Error(), "unexpected end") {
		at = len(bytes.TrimRight(data, " \t\r\n"))
	}
	at = min(max(at, 0), len(data))
	line := 1 + bytes.Count(data[:at], []byte("\n"))
	col := at - (bytes.LastIndexByte(data[:at], '\n') + 1) + 1
	return &Error{File: file, Pos: ast.Pos{Line: line + lineOffset, Col: col}, Msg: "invalid JSON: " + err.Error() + jsonFix(err.Error())}
}

// jsonFix returns what to do about encoding/json's syntax error msg, as
// " (...)", or "": the slips of one who writes YAML or JavaScript.
func jsonFix(msg string) string {
	switch {
	case msg == "unexpected end of JSON input":
		return ` (a {, [ or " is never closed)`
	case msg == "invalid character '}' looking for beginning of object key string" || msg == "invalid character ']' looking for beginning of value":
		return " (JSON allows no comma before a closing } or ])"
	case msg == `invalid character '\'' looking for beginning of value` || msg == `invalid character '\'' looking for beginning of object key string`:
		return ` (JSON strings take double quotes: "...")`
	case strings.HasSuffix(msg, "after object key"):
		return " (a : goes between a key and its value)"
	case strings.HasSuffix(msg, "after object key:value pair"), strings.HasSuffix(msg, "after array element"):
		return " (a , goes between two entries)"
	}
	if c, ok := strings.CutPrefix(msg, "invalid character '"); ok && len(c) > 0 && (c[0] >= 'a' && c[0] <= 'z' || c[0] >= 'A' && c[0] <= 'Z') && strings.HasSuffix(msg, "looking for beginning of value") {
		return ` (text values take double quotes: "...")`
	}
	return ""
}

// LF returns data with every line ending a line feed: a CR LF pair
// becomes LF, and so does a lone CR (classic Mac OS, and spreadsheets
// saving "CSV (Macintosh)", end lines with one), so that line numbers
// count every line ending an editor shows. It returns data itself when
// data has no CR.
func LF(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\r' {
			if i+1 < len(data) && data[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}

// InvalidUTF8 is the message for a file, data, whose first byte that is
// not UTF-8 is at offset off: "invalid UTF-8 at byte offset 13", then
// what to do. A file that starts with a UTF-16 byte order mark (what
// Windows Notepad saves as "Unicode") is named so; a byte that stands
// alone, as no byte of UTF-8 does, is named with the character it is in
// Windows-1252 (Latin-1 from 0xA0), the encoding that spreadsheets and
// older editors save in: "byte 0xE9, "é" in Windows-1252 and Latin-1".
func InvalidUTF8(data []byte, off int) string {
	msg := fmt.Sprintf("invalid UTF-8 at byte offset %d", off)
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return msg + " (the file is UTF-16, by its byte order mark: save it as UTF-8)"
	}
	if off < len(data) && data[off] >= 0x80 && (data[off] < 0xc0 || off+1 == len(data) || data[off+1] < 0x80 || data[off+1] >= 0xc0) {
		b := data[off]
		if c := charmap.Windows1252.DecodeByte(b); c != utf8.RuneError && c != rune(b) || b >= 0xa0 {
			in := "Windows-1252"
			if b >= 0xa0 {
				in += " and Latin-1"
			}
			return msg + fmt.Sprintf(" (byte 0x%X is %q in %s, which the file is likely saved in: save it as UTF-8)", b, string(c), in)
		}
	}
	return msg + " (save the file as UTF-8)"
}

// checkText rejects invalid UTF-8 and NUL bytes with their position.
func checkText(file string, data []byte, lineOffset int) error {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return &Error{File: file, Pos: ast.Pos{Line: line + lineOffset, Col: col}, Msg: InvalidUTF8(data, i)}
		case r == 0:
			return &Error{File: file, Pos: ast.Pos{Line: line + lineOffset, Col: col}, Msg: "NUL byte"}
		case r == '\n':
			line, col = line+1, 1
		default:
			col += size
		}
		i += size
	}
	return nil
}

var depthMsg = fmt.Sprintf("maps and lists nested deeper than %d levels", MaxDepth)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a yaml.v3 error into an *Error at the line and column
// of its cause in data: the first tab of the line for yaml.v3's tab
// errors, the place where nesting goes too deep for its depth limit, else
// where problemAt finds it, with what to do (fixFor).
func yamlError(file string, data []byte, err error, lineOffset int) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if line, col, ok := tooDeep(data); ok {
		// Runaway nesting is the likelier cause of whatever yaml.v3
		// stumbled on (an unclosed bracket, its depth limit).
		return &Error{File: file, Pos: ast.Pos{Line: line + lineOffset, Col: col}, Msg: depthMsg}
	}
	tabby := strings.Contains(msg, "tab character") || strings.Contains(msg, "cannot start any token")
	const tabHint = " (a tab: YAML indents with spaces only)"
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		msg = m[2]
		pos := ast.Pos{Line: n + lineOffset}
		// A tab in the indentation of the line yaml.v3 names, or of the
		// next one (it names the line before for some tab errors), is
		// the cause, whatever its message says.
		for _, l := range []int{n, n + 1} {
			if col := indentTab(lineOf(data, l)); col > 0 && (tabby || l == n) {
				return &Error{File: file, Pos: ast.Pos{Line: l + lineOffset, Col: col}, Msg: msg + tabHint}
			}
		}
		if tabby {
			if i := bytes.IndexByte(lineOf(data, n), '\t'); i >= 0 {
				pos.Col = i + 1
				return &Error{File: file, Pos: pos, Msg: msg + tabHint}
			}
		}
	}
	if tabby {
		// No line named (a tab before the first token): the first line
		// indented with a tab.
		for l, rest := 1, data; len(rest) > 0; l++ {
			line, after, _ := bytes.Cut(rest, []byte("\n"))
			if col := indentTab(line); col > 0 {
				return &Error{File: file, Pos: ast.Pos{Line: l + lineOffset, Col: col}, Msg: msg + tabHint}
			}
			rest = after
		}
	}
	if strings.Contains(msg, "exceeded max depth") {
		return &Error{File: file, Msg: depthMsg}
	}
	named := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		named, _ = strconv.Atoi(m[1])
	}
	line, col := problemAt(data, msg, named)
	if escapeError(msg) {
		col = escapeAt(lineOf(data, line), col)
	}
	return &Error{File: file, Pos: ast.Pos{Line: line + lineOffset, Col: col}, Msg: msg + fixFor(msg, lineOf(data, line), col)}
}

// problemAt returns the line and column of the syntax error that yaml.v3
// reports as msg in data, near the line it named (named, 0 for none).
// yaml.v3 names no column, and its line is often another one: the line
// where the enclosing map or list starts (counted from 0 for its parser's
// errors, from 1 for its scanner's), none for line 1, or the end of the
// file for an unclosed quote. Since yaml.v3 reads its input in order, the
// problem is where a prefix of data first fails with the same message:
// the shortest prefix of whole lines that does gives the line, and the
// shortest prefix of that line the column. It is the last character read:
// the opening quote of a string never closed, the ": " of a value that
// holds one, a "- " where a key was expected. When no prefix of the line
// fails alone (the error needs what follows), the column is the line's
// first character that is not a space. The column counts bytes.
//
// The prefixes are found by search from the line yaml.v3 named, which is
// at or after the start of the enclosing map or list, so at most a line
// before the problem: about ten parses, each as far as the problem at
// most. An error near the end of a 4 MiB values file (the --max-size
// default) takes 1.5 s of CPU, against 0.2 s for the parse that found it;
// a binary search from the first line took 3.5 s. An unclosed quote is
// found among the file's last quote characters instead.
func problemAt(data []byte, msg string, named int) (line, col int) {
	fails := func(prefix []byte) bool {
		err := parseAll(prefix)
		if err == nil {
			return false
		}
		got := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			got = m[2]
		}
		return got == msg
	}
	if msg == "found unexpected end of stream" {
		if at, ok := unclosedQuote(data, fails); ok {
			return 1 + bytes.Count(data[:at], []byte("\n")), at - (bytes.LastIndexByte(data[:at], '\n') + 1) + 1
		}
	}
	// ends[i] is the end of line i+1, after its newline.
	var ends []int
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	upTo := func(lines int) []byte { // the first lines of data
		if lines == 0 {
			return nil
		}
		return data[:ends[lines-1]]
	}
	// ok lines parse; the first hi lines fail.
	ok, hi := min(max(named-2, 0), len(ends)-1), len(ends)
	if ok > 0 && fails(upTo(ok)) {
		ok = 0
	}
	for step := 1; ok+step < hi; step *= 2 {
		if fails(upTo(ok + step)) {
			hi = ok + step
			break
		}
		ok += step
	}
	i := ok + sort.Search(hi-ok, func(k int) bool { return fails(upTo(ok + k + 1)) })
	if i >= len(ends) {
		i = len(ends) - 1
	}
	start := len(upTo(i))
	text := bytes.TrimRight(data[start:ends[i]], "\r\n")
	first := len(text) - len(bytes.TrimLeft(text, " ")) // the first character that is not a space
	if closer, ok := strings.CutPrefix(msg, "did not find expected ',' or "); ok {
		// An unclosed [ or { of this line: the bracket. Which prefixes
		// of the line fail so is no guide (one that ends in ": " fails
		// otherwise): the search below pointed into the middle of
		// "v: {a: 1, b: 2, c: 3" (and took 5 s on a line of 4 MiB).
		if b := unclosedBracket(text); b >= 0 && closer == "'"+string(closing(text[b]))+"'" {
			return i + 1, b + 1
		}
	}
	c := sort.Search(len(text), func(c int) bool { return fails(data[:start+c+1]) })
	switch {
	case c == len(text):
		c = first
	case strings.HasPrefix(msg, "did not find expected ',' or "):
		// Any prefix inside an unclosed [ or { fails so, from its
		// first item on: the problem is the bracket, before it.
		if b := bytes.LastIndexAny(text[:c], "[{"); b >= 0 && len(bytes.TrimSpace(text[b+1:c])) == 0 {
			c = b
		}
	case text[c] == ':' && (msg == "did not find expected key" || msg == "did not find expected '-' indicator"):
		// The parser sees the key at its ":": point at the key.
		c = first
		if rest := text[first:]; bytes.HasPrefix(rest, []byte("- ")) {
			c += 2
		}
	}
	return i + 1, c + 1 // a byte column, as ast.Pos
}

// unclosedBracket returns the offset of the innermost [ or { of line
// that the line does not close, outside quotes and comments, or -1; a
// bracket that closes none of them ("{a: [1, 2}") is left for yaml.v3.
func unclosedBracket(line []byte) int {
	var open []int
	var quote byte
	prev := byte(',') // the last character outside quotes that is not a space
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '"' && c == '\\', quote == '\'' && c == '\'' && i+1 < len(line) && line[i+1] == '\'':
			i++ // an escape, or '' (a quote) in '...'
			continue
		case quote != 0:
			if c == quote {
				quote = 0
			}
			continue
		case c == ' ' || c == '\t':
			continue
		case (c == '"' || c == '\'') && strings.IndexByte("[{,:-?", prev) >= 0:
			// A quote starts a value only where one begins: the "'" of
			// "it's" is a letter.
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			i = len(line)
		case c == '[' || c == '{':
			open = append(open, i)
		case (c == ']' || c == '}') && len(open) > 0 && closing(line[open[len(open)-1]]) == c:
			open = open[:len(open)-1]
		}
		prev = c
	}
	if len(open) == 0 {
		return -1
	}
	return open[len(open)-1]
}

// closing returns the bracket that closes the bracket open.
func closing(open byte) byte {
	if open == '[' {
		return ']'
	}
	return '}'
}

// unclosedQuote returns the offset of the quote that opens a string never
// closed, for yaml.v3's "found unexpected end of stream". Everything after
// that quote is inside the string, so it is the last " not escaped by a
// backslash, or the last ' not doubled: the one of the two after which
// the file fails so, and before which it does not.
func unclosedQuote(data []byte, fails func([]byte) bool) (int, bool) {
	var cands []int
	for i := len(data) - 1; i >= 0; i-- {
		if data[i] == '"' && (i == 0 || data[i-1] != '\\') {
			cands = append(cands, i)
			break
		}
	}
	for i := len(data) - 1; i >= 0; i-- {
		if data[i] == '\'' {
			if i > 0 && data[i-1] == '\'' {
				i--
				continue
			}
			cands = append(cands, i)
			break
		}
	}
	slices.Sort(cands)
	for j := len(cands) - 1; j >= 0; j-- {
		if q := cands[j]; fails(data[:q+1]) && !fails(data[:q]) {
			return q, true
		}
	}
	return 0, false
}

// parseAll parses every YAML document of data and returns the first
// error.
func parseAll(data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// fixFor returns what to do about yaml.v3's error msg found at col of
// line, as " (...)", or "".
func fixFor(msg string, line []byte, col int) string {
	at := byte(0)
	if i := col - 1; i >= 0 && i < len(line) {
		at = line[i]
	}
	switch {
	case escapeError(msg):
		return ` (in a "…" value a backslash starts an escape such as \n: write \\ for a backslash, as in "C:\\Users", or quote the value with ' instead)`
	case msg == "found unexpected end of stream" && (at == '"' || at == '\''):
		return fmt.Sprintf(" (this %c string is never closed: add the closing %c)", at, at)
	case msg == "mapping values are not allowed in this context":
		return ` (quote a value that holds ": ", or indent this key as the keys above it)`
	case msg == "block sequence entries are not allowed in this context":
		return ` (a list goes on the lines below its key, each item indented and starting with "- ")`
	case msg == "found character that cannot start any token" && (at == '@' || at == '`'):
		return fmt.Sprintf(" (a value cannot start with %c: quote it)", at)
	case msg == "did not find expected key" || msg == "did not find expected '-' indicator" || msg == "could not find expected ':'":
		return " (check this line's indentation against the lines above, and that a quoted value ends at its closing quote)"
	case strings.HasPrefix(msg, "did not find expected ',' or "):
		return fmt.Sprintf(" (close the list or map: add the %s)", strings.TrimPrefix(msg, "did not find expected ',' or "))
	}
	return ""
}

// escapeError reports whether yaml.v3's error msg is about a backslash
// escape in a double-quoted string, such as the "\U" of "C:\Users".
func escapeError(msg string) bool {
	return msg == "found unknown escape character" || msg == "did not find expected hexdecimal number"
}

// escapeAt returns the column of the backslash that starts the escape
// holding col of line: yaml.v3 stops at the first character that is not a
// hexadecimal digit of a \x, \u or \U escape (the "s" of "C:\Users").
func escapeAt(line []byte, col int) int {
	for i := min(col, len(line)) - 1; i >= 0 && i >= col-10; i-- {
		if line[i] == '\\' {
			return i + 1
		}
	}
	return col
}

// indentTab returns the column of the first tab in the indentation of
// line (its leading spaces and tabs), or 0 when there is none.
func indentTab(line []byte) int {
	for i, c := range line {
		switch c {
		case '\t':
			return i + 1
		case ' ':
		default:
			return 0
		}
	}
	return 0
}

// lineOf returns line n (from 1) of data, without its newline.
func lineOf(data []byte, n int) []byte {
	for ; n > 1; n-- {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return nil
		}
		data = data[i+1:]
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return line
}

// tooDeep finds where data first nests maps and lists deeper than
// MaxDepth, for yaml.v3's depth error, which names no place. It counts
// flow brackets outside quotes and comments, block sequence dashes and
// indentation levels: an estimate good enough to point at the runaway
// nesting, which is all it is used for; ok is false when it finds
// nothing.
func tooDeep(data []byte) (line, col int, ok bool) {
	var indents []int // indentation of the enclosing block lines
	flow := 0
	for ln, rest := 1, data; len(rest) > 0; ln++ {
		text, after, _ := bytes.Cut(rest, []byte("\n"))
		rest = after
		i := 0
		for i < len(text) && text[i] == ' ' {
			i++
		}
		if flow == 0 {
			if i == len(text) || text[i] == '#' {
				continue
			}
			for len(indents) > 0 && indents[len(indents)-1] >= i {
				indents = indents[:len(indents)-1]
			}
			indents = append(indents, i)
			dash := 0
			for ; i+1 < len(text) && text[i] == '-' && (text[i+1] == ' ' || text[i+1] == '\t'); dash++ {
				if dash > 0 { // the line's own level is the first dash's list
					indents = append(indents, i)
				}
				if len(indents) > MaxDepth {
					return ln, i + 1, true
				}
				for i++; i < len(text) && (text[i] == ' ' || text[i] == '\t'); i++ {
				}
			}
			if len(indents) > MaxDepth {
				return ln, i + 1, true
			}
			if dash == 0 && i < len(text) && (text[i] == '[' || text[i] == '{') {
				indents = indents[:len(indents)-1] // a flow collection, not a block level of its own
			}
		}
		var quote byte
		for ; i < len(text); i++ {
			c := text[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '#' && (i == 0 || text[i-1] == ' '):
				i = len(text)
			case c == '[' || c == '{':
				flow++
				if flow+len(indents) > MaxDepth {
					return ln, i + 1, true
				}
			case c == ']' || c == '}':
				flow = max(flow-1, 0)
			}
		}
	}
	return 0, 0, false
}
