package template

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/values"
)

// encodedMeta is front matter metadata with placeholders as sentinels
// (see scan.go); has says which fields were given.
type encodedMeta struct {
	Title, Lang, Description, Author, Subject, Date string
	Keywords                                        []string
	HasTitle                                        bool
}

// splitFrontMatter finds YAML front matter: a first line "---", then YAML,
// then a line "---" or "...". It returns the YAML text and the offset
// where the body starts; ok is false when norm has no front matter (an
// unclosed "---" is an ordinary thematic break).
func splitFrontMatter(norm []byte) (yamlText []byte, bodyStart int, ok bool) {
	first, rest, found := bytes.Cut(norm, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, 0, false
	}
	off := len(first) + 1
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		next := off + len(line) + 1
		if t := string(bytes.TrimRight(line, " \t")); t == "---" || t == "..." {
			return norm[len(first)+1 : off], min(next, len(norm)), true
		}
		off, rest = next, after
	}
	return nil, 0, false
}

// unclosedFrontMatter reports whether norm opens a front matter that
// splitFrontMatter does not find closed: a first line "---" followed by
// a line that reads as a YAML key ("title: Terms").
func unclosedFrontMatter(norm []byte) bool {
	first, rest, found := bytes.Cut(norm, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t")) != "---" {
		return false
	}
	second, _, _ := bytes.Cut(rest, []byte("\n"))
	key, _, colon := bytes.Cut(second, []byte(":"))
	return colon && isFrontMatterKey(key)
}

// tomlFrontMatter reports whether norm starts with a front matter in
// TOML, as Hugo writes it: a line "+++", then a later line "+++". It is
// Markdown text to policyexport, so its keys and values would reach every
// output as the first paragraph ("+++ version = “2.1” aliases = …").
func tomlFrontMatter(norm []byte) bool {
	first, rest, found := bytes.Cut(norm, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t")) != "+++" {
		return false
	}
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(line, " \t")) == "+++" {
			return true
		}
	}
	return false
}

// isFrontMatterKey reports whether key is a key of front matter as
// people write them: a letter or "_", then letters, digits, "_" and "-".
func isFrontMatterKey(key []byte) bool {
	for i, c := range key {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-')) {
			return false
		}
	}
	return len(key) > 0
}

// frontMatterKeys are the keys parseFrontMatter reads.
var frontMatterKeys = []string{"title", "lang", "description", "author", "subject", "date", "keywords", "values"}

// frontMatterResult is what parseFrontMatter gives.
type frontMatterResult struct {
	fm      FrontMatter
	meta    encodedMeta
	occs    []Placeholder
	ids     []int // parallel to occs
	notices []Notice
	// spaced are its lookalikes with spaces (Template.spaced).
	spaced []placedLookalike
	// looks are the lookalikes of the raw front matter (scanLookalikes),
	// to give those found in its strings their real positions.
	looks []lookalikeSpan
}

// parseFrontMatter reads the YAML front matter yamlText, which starts on
// line 2 of the template. Known keys go to the metadata, "values:" gives
// default values, unknown keys are ignored.
func parseFrontMatter(s *source, yamlText []byte, ids *nameTable) (*frontMatterResult, error) {
	root, err := values.Document(s.file, yamlText, 1)
	if err != nil {
		return nil, templateError(s.file, err)
	}
	res := &frontMatterResult{}
	if root == nil {
		return res, nil
	}
	// Placeholders in the raw front matter, to give those found in
	// values their real positions.
	raw := scanPlaceholders(s.norm[:s.bodyStart])
	res.looks = scanLookalikes(s.norm[:s.bodyStart])
	str := func(key string, n *yaml.Node) (string, error) {
		if values.IsNull(n) { // "title: ~" gives no title, not "~"
			return "", nil
		}
		v, err := values.Scalar(s.file, key, n, 1)
		if err != nil {
			if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle != 0 {
				err = &values.Error{File: s.file, Pos: values.NodePos(n, 1),
					Msg: fmt.Sprintf("%s: a value starting with \"{\" is a YAML map; quote it: %s: \"{...} ...\"", key, key)}
			}
			return "", templateError(s.file, err)
		}
		if err := checkMeta(s.file, key, n, v); err != nil {
			return "", err
		}
		return res.encode(s, raw, n, v, ids), nil
	}
	for k, v := range values.Pairs(root) {
		var err error
		switch k.Value {
		case "title":
			res.meta.Title, err = str(k.Value, v)
			res.meta.HasTitle = !values.IsNull(v)
			res.fm.TitlePos = values.NodePos(v, 1)
		case "lang":
			res.meta.Lang, err = str(k.Value, v)
			res.fm.LangPos = values.NodePos(v, 1)
			if hint, valid := l10n.CountryHint(v.Value); valid && !strings.Contains(v.Value, "{") {
				// "lang: se" is Northern Sami, whose labels and dates
				// are English, where Swedish (sv) was most likely
				// meant; a code that is no language (dk) is refused
				// by Fill, with the same hint.
				res.notices = append(res.notices, Notice{Kind: FrontMatterNotice, Pos: res.fm.LangPos,
					Msg: fmt.Sprintf("lang %q: %s (the outputs say the document is in %s, and write its labels and dates in %s)", v.Value, hint, v.Value, l10n.Match(v.Value).Code())})
			}
		case "description":
			res.meta.Description, err = str(k.Value, v)
		case "author":
			res.meta.Author, err = str(k.Value, v)
		case "subject":
			res.meta.Subject, err = str(k.Value, v)
		case "date":
			res.meta.Date, err = str(k.Value, v)
			res.fm.DatePos = values.NodePos(v, 1)
		case "keywords":
			res.meta.Keywords, err = res.keywords(s, raw, v, ids)
		case "values":
			if values.IsNull(v) {
				continue
			}
			res.fm.Values, err = values.Flat(s.file, v, 1)
			err = templateError(s.file, err)
		default:
			// A short key two edits from a known one is more likely
			// another tool's ("name:" is not a misspelt "date:").
			if near := Suggest(k.Value, frontMatterKeys); near != "" && (len(k.Value) > 4 || editDistance(k.Value, near) <= 1 || strings.EqualFold(k.Value, near)) {
				res.notices = append(res.notices, Notice{Kind: FrontMatterNotice, Pos: values.NodePos(k, 1),
					Msg: fmt.Sprintf("front matter key %q is not one policyexport reads, and is ignored; did you mean %q?", k.Value, near)})
			}
		}
		if err != nil {
			return nil, err
		}
	}
	m := &res.fm.Meta
	m.Title, m.Lang, m.Description = restore(res.meta.Title, ids.names), restore(res.meta.Lang, ids.names), restore(res.meta.Description, ids.names)
	m.Author, m.Subject, m.Date = restore(res.meta.Author, ids.names), restore(res.meta.Subject, ids.names), restore(res.meta.Date, ids.names)
	for _, kw := range res.meta.Keywords {
		m.Keywords = append(m.Keywords, restore(kw, ids.names))
	}
	return res, nil
}

// checkMeta refuses a metadata value v (of key, node n) that holds a
// character no output shows as written or that draws nothing
// (values.Refused), which a double-quoted YAML string can write as an
// escape ("\e", "\x93", "\U000E0041"), at the value's place.
func checkMeta(file, key string, n *yaml.Node, v string) error {
	if _, r, what, fix, ok := values.Refused(v); ok {
		return &Error{File: file, Pos: values.NodePos(n, 1),
			Msg: fmt.Sprintf("%s: U+%04X (%s) is refused: %s", key, r, what, fix)}
	}
	return nil
}

// keywords reads "keywords:", a list of strings or one comma-separated
// string.
func (res *frontMatterResult) keywords(s *source, raw []span, n *yaml.Node, ids *nameTable) ([]string, error) {
	var out []string
	switch n.Kind {
	case yaml.ScalarNode:
		if values.IsNull(n) {
			return nil, nil
		}
		if err := checkMeta(s.file, "keywords", n, n.Value); err != nil {
			return nil, err
		}
		enc := res.encode(s, raw, n, n.Value, ids)
		for _, kw := range strings.Split(enc, ",") {
			if kw = strings.TrimSpace(kw); kw != "" {
				out = append(out, kw)
			}
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			v, err := values.Scalar(s.file, "keywords", item, 1)
			if err != nil {
				return nil, templateError(s.file, err)
			}
			if err := checkMeta(s.file, "keywords", item, v); err != nil {
				return nil, err
			}
			if enc := res.encode(s, raw, item, v, ids); enc != "" {
				out = append(out, enc)
			}
		}
	default:
		return nil, &Error{File: s.file, Pos: values.NodePos(n, 1), Msg: "keywords: want a list or a comma-separated string"}
	}
	return out, nil
}

// encode turns the front matter string v (of node n) into encoded form,
// recording its placeholders. "\{" is a literal brace. A placeholder's
// position is that of the next "{name}" in the raw front matter at or after
// the node (the node's position if none is found, as for a double-quoted
// string that writes its braces as escapes). Text of v written as another
// template language writes a placeholder ("{{name}}", "{ name }") is a
// PlaceholderNotice, as in the body: the title is the title block's text.
func (res *frontMatterResult) encode(s *source, raw []span, n *yaml.Node, v string, ids *nameTable) string {
	nodeOff := -1
	if n.Line >= 1 && n.Line < len(s.lineStarts) {
		nodeOff = s.lineStarts[n.Line] + n.Column - 1 // YAML line 1 is template line 2
	}
	from := nodeOff
	for _, l := range scanLookalikes([]byte(v)) {
		pos := values.NodePos(n, 1)
		for _, r := range res.looks {
			if r.Start >= from && r.Text == l.Text {
				pos, from = s.posNorm(r.Start), r.End
				break
			}
		}
		res.notices = append(res.notices, Notice{Kind: PlaceholderNotice, Pos: pos, Msg: l.message()})
		if !l.placeholder() {
			res.spaced = append(res.spaced, placedLookalike{l, pos})
		}
	}
	next := 0
	for next < len(raw) && raw[next].Start < nodeOff {
		next++
	}
	var b []byte
	last := 0
	for _, sp := range scanPlaceholders([]byte(v)) {
		b = appendLiteral(b, unescapeBraces(v[last:sp.Start]))
		last = sp.End
		id := ids.id(sp.Key())
		b = appendSentinel(b, id)
		pos := values.NodePos(n, 1)
		for j := next; j < len(raw); j++ {
			if raw[j].Key() == sp.Key() {
				pos, next = s.posNorm(raw[j].Start), j+1
				break
			}
		}
		res.occs = append(res.occs, Placeholder{Name: sp.Name, Filter: sp.Filter, Pos: pos})
		res.ids = append(res.ids, id)
	}
	b = appendLiteral(b, unescapeBraces(v[last:]))
	return string(b)
}

// unescapeBraces drops the backslash of each "\{" that is not itself
// escaped.
func unescapeBraces(s string) string {
	if !strings.Contains(s, `\{`) {
		return s
	}
	b := make([]byte, 0, len(s))
	backslashes := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '{' && backslashes%2 == 1 {
			b = b[:len(b)-1]
		}
		if c == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
		b = append(b, c)
	}
	return string(b)
}

// restore decodes an encoded string, writing placeholders back as
// "{name}".
func restore(enc string, names []string) string {
	var b strings.Builder
	for _, p := range splitEncoded(enc) {
		if p.ID < 0 {
			b.WriteString(replaceNUL(p.Lit))
		} else {
			b.WriteString("{" + nameOf(names, p.ID) + "}")
		}
	}
	return b.String()
}

// nameOf returns the name of placeholder number id.
func nameOf(names []string, id int) string {
	if id >= 0 && id < len(names) {
		return names[id]
	}
	return fmt.Sprintf("placeholder%d", id)
}

// templateError turns a *values.Error into an *Error.
func templateError(file string, err error) error {
	if err == nil {
		return nil
	}
	var ve *values.Error
	if errors.As(err, &ve) {
		return &Error{File: ve.File, Pos: ve.Pos, Msg: ve.Msg}
	}
	return &Error{File: file, Msg: err.Error()}
}
