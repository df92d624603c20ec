// Package values reads placeholder values: values files (YAML or JSON),
// "--set key=value" assignments, and the flat "values:" maps of template
// front matter.
//
// It owns the placeholder name syntax (IsName) and the rules for a value
// (valid UTF-8, no NUL). A values file is a flat map from placeholder names
// to scalars; every scalar is kept exactly as written, so "2026-11-28"
// stays that string and "true" stays "true". Nested maps, lists, aliases,
// anchors, tags and duplicate keys are errors with a file:line:col
// position.
//
// This package never parses Markdown and never interprets a value: a value
// is literal text.
package values

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/srcerr"

	"gopkg.in/yaml.v3"

	"github.com/policyexport/policyexport/internal/ast"
)

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
func CheckValue(name, v string) error {
	if !utf8.ValidString(v) {
		return fmt.Errorf("value %q is not valid UTF-8", name)
	}
	if strings.IndexByte(v, 0) >= 0 {
		return fmt.Errorf("value %q contains a NUL byte", name)
	}
	for i, r := range v {
		if what := Hidden(r); what != "" {
			return fmt.Errorf("value %q contains U+%04X (%s) at byte %d: refused, because a reader would see the text in another order than the data or not see it at all", name, r, what, i)
		}
	}
	return nil
}

// Hidden names the invisible characters refused in values, or returns ""
// for any other rune. They are the bidirectional formatting characters
// that change the order in which text is shown (embeddings U+202A, U+202B,
// pop U+202C, overrides U+202D, U+202E, isolates U+2066–U+2069) and the
// invisible characters with no role in shaping (zero width space U+200B,
// word joiner U+2060, invisible operators U+2061–U+2064, zero width
// no-break space U+FEFF, Mongolian vowel separator U+180E).
//
// Zero width joiner U+200D and non-joiner U+200C are kept: emoji
// sequences, Persian and the Indic scripts need them, and they only join
// or separate the glyphs of neighbouring letters, never reorder them.
// Left-to-right and right-to-left marks (U+200E, U+200F, U+061C) are
// kept too: names in Hebrew and Arabic use them, and they never move a
// letter, only decide the side of neutral punctuation beside them.
func Hidden(r rune) string {
	switch {
	case r >= 0x202A && r <= 0x202E:
		return "bidirectional embedding or override"
	case r >= 0x2066 && r <= 0x2069:
		return "bidirectional isolate"
	case r == 0x200B:
		return "zero width space"
	case r == 0x2060:
		return "word joiner"
	case r >= 0x2061 && r <= 0x2064:
		return "invisible operator"
	case r == 0xFEFF:
		return "zero width no-break space"
	case r == 0x180E:
		return "Mongolian vowel separator"
	}
	return ""
}

// ParseAssignment splits a "--set" argument "key=value" at the first '='.
// The key must be a valid placeholder name (see IsName); the value may be
// empty and may contain '='.
func ParseAssignment(s string) (key, value string, err error) {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
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
// file gives an empty map.
func Parse(name string, data []byte) (map[string]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	root, err := Document(name, data, 0)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return map[string]string{}, nil
	}
	return Flat(name, root, 0)
}

// Document parses data as a single YAML (or JSON) document and returns its
// top-level mapping node, or nil when the document is empty. lineOffset is
// added to every line in error messages (front matter starts on line 2 of
// its template, so its offset is 1). Non-UTF-8 input, NUL bytes, more than
// one document, a top level that is not a mapping, aliases, anchors, tags
// and duplicate keys anywhere in the document are errors.
func Document(file string, data []byte, lineOffset int) (*yaml.Node, error) {
	if err := checkText(file, data, lineOffset); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, yamlError(file, err, lineOffset)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &Error{File: file, Pos: nodePos(&extra, lineOffset), Msg: "more than one YAML document"}
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(file, err, lineOffset)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	if err := checkNode(file, doc.Content[0], lineOffset); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: file, Pos: nodePos(root, lineOffset), Msg: "want a map of names to values, found " + kindName(root)}
	}
	return root, nil
}

// Flat converts a mapping node into a flat map of placeholder names to
// scalar values, each kept as written (a null written as nothing gives "").
// Keys must be placeholder names; values must be scalars.
func Flat(file string, m *yaml.Node, lineOffset int) (map[string]string, error) {
	if m.Kind != yaml.MappingNode {
		return nil, &Error{File: file, Pos: nodePos(m, lineOffset), Msg: "want a map of names to values, found " + kindName(m)}
	}
	out := make(map[string]string, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if !IsName(k.Value) {
			return nil, &Error{File: file, Pos: nodePos(k, lineOffset), Msg: fmt.Sprintf("%q is not a valid placeholder name (a letter or _ then letters, digits or _)", k.Value)}
		}
		s, err := Scalar(file, k.Value, v, lineOffset)
		if err != nil {
			return nil, err
		}
		out[k.Value] = s
	}
	return out, nil
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

// checkNode rejects aliases, anchors, explicit tags and duplicate keys in
// the tree under n.
func checkNode(file string, n *yaml.Node, lineOffset int) error {
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
		seen := make(map[string]bool, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind == yaml.ScalarNode {
				if seen[k.Value] {
					return &Error{File: file, Pos: nodePos(k, lineOffset), Msg: fmt.Sprintf("duplicate key %q", k.Value)}
				}
				seen[k.Value] = true
			}
		}
	}
	for _, c := range n.Content {
		if err := checkNode(file, c, lineOffset); err != nil {
			return err
		}
	}
	return nil
}

// checkText rejects invalid UTF-8 and NUL bytes with their position.
func checkText(file string, data []byte, lineOffset int) error {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return &Error{File: file, Pos: ast.Pos{Line: line + lineOffset, Col: col}, Msg: fmt.Sprintf("invalid UTF-8 (byte offset %d)", i)}
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

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a yaml.v3 error into an *Error with the line it names.
func yamlError(file string, err error, lineOffset int) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{File: file, Pos: ast.Pos{Line: n + lineOffset}, Msg: m[2]}
	}
	return &Error{File: file, Msg: strings.TrimPrefix(msg, "yaml: ")}
}
