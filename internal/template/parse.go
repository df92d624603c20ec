package template

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/values"
)

// Parse parses a template. name is used in messages ("-" or "<stdin>" for
// standard input). The template must be valid UTF-8 and within
// opts.MaxBytes; a UTF-8 BOM is dropped and CRLF or CR line endings are
// accepted (positions in messages refer to the original lines).
func Parse(name string, src []byte, opts Options) (*Template, error) {
	return parse(name, src, opts, parseConfig{placeholders: opts.Profile == ProfileDefault, costGuard: true})
}

// parseConfig switches parts of parse off for tests: placeholders in the
// body (to check that sentinels parse like the names they replace) and
// the cost guard (to check it against the converter's exact check).
type parseConfig struct {
	placeholders bool
	costGuard    bool
}

func parse(name string, src []byte, opts Options, cfg parseConfig) (*Template, error) {
	maxBytes := opts.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	maxDepth := opts.MaxDepth
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	if len(src) > maxBytes {
		return nil, &Error{File: name, Msg: fmt.Sprintf("template is %d bytes, more than the limit of %d bytes", len(src), maxBytes)}
	}
	if opts.Profile != ProfileDefault && opts.Profile != ProfileCommonMark {
		return nil, &Error{File: name, Msg: fmt.Sprintf("unknown profile %d", int(opts.Profile))}
	}
	norm, err := normalize(name, src)
	if err != nil {
		return nil, err
	}
	s := newSource(name, norm)
	if opts.Profile == ProfileDefault {
		if err := s.checkUnshowable(); err != nil {
			return nil, err
		}
	}
	t := &Template{name: name, profile: opts.Profile}
	var ids nameTable
	var fm *frontMatterResult
	if opts.Profile == ProfileDefault {
		if yamlText, bodyStart, ok := splitFrontMatter(norm); ok {
			s.bodyStart = bodyStart
			if fm, err = parseFrontMatter(s, yamlText, &ids); err != nil {
				return nil, err
			}
			t.frontMatter, t.meta = fm.fm, fm.meta
			t.notices = fm.notices
			t.spaced = fm.spaced
		} else if unclosedFrontMatter(norm) {
			t.notices = append(t.notices, Notice{Kind: FrontMatterNotice, Pos: ast.Pos{Line: 1, Col: 1},
				Msg: `front matter is never closed: the "---" of line 1 opens it, but no later line is "---" or "..." to end it, so it is read as Markdown, a thematic break and text (end it with a line "---")`})
		} else if tomlFrontMatter(norm) {
			t.notices = append(t.notices, Notice{Kind: FrontMatterNotice, Pos: ast.Pos{Line: 1, Col: 1},
				Msg: `front matter in TOML, between lines "+++" (as Hugo writes it), is not read: policyexport reads YAML front matter between lines "---", so its lines are text at the start of every output (write it as YAML between lines "---", or remove it)`})
		}
	}
	if cfg.costGuard {
		maxCost := opts.MaxCost
		if maxCost <= 0 {
			maxCost = DefaultMaxCost
		}
		if err := checkCost(s, norm[s.bodyStart:], maxDepth, maxCost); err != nil {
			return nil, err
		}
	}
	s.encodeBody(cfg.placeholders, &ids)
	t.textIDs = make(map[*ast.Text]int, len(s.occs))
	doc := newParser(opts.Profile).Parse(text.NewReader(s.enc))
	t.maxBytes = maxBytes
	t.quotes = map[*ast.Text][]quoteAt{}
	c := &converter{src: s, names: ids.names, textIDs: t.textIDs, quotes: t.quotes, maxDepth: maxDepth,
		linkBudget: maxBytes + len(norm)}
	t.blocks = c.document(doc)
	if c.err != nil {
		return nil, c.err
	}
	t.notices = append(t.notices, c.notices...)
	t.names = ids.names
	t.live = make([]Placeholder, 0, len(s.occs))
	if fm != nil {
		t.live = append(t.live, fm.occs...)
	}
	for _, o := range s.occs {
		if !o.Code {
			t.live = append(t.live, Placeholder{Name: o.Name, Filter: o.Filter, Pos: o.Pos})
		}
	}
	for _, l := range s.lookalikes {
		if msg := l.message(); msg != "" {
			t.notices = append(t.notices, Notice{Kind: PlaceholderNotice, Pos: l.Pos, Msg: msg})
			if !l.placeholder() {
				t.spaced = append(t.spaced, placedLookalike{l.lookalikeSpan, l.Pos})
			}
		}
	}
	if opts.Profile == ProfileDefault {
		if n, ok := s.directionNotice(); ok {
			t.notices = append(t.notices, n)
			slices.SortStableFunc(t.notices, func(a, b Notice) int {
				return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
			})
		}
	}
	// Front matter comes first and the body's placeholders are found in
	// order, so this sort only ever confirms the order; it is kept in
	// case front matter ever follows the body.
	less := func(i, j int) bool {
		a, b := t.live[i].Pos, t.live[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	}
	if !sort.SliceIsSorted(t.live, less) {
		sort.SliceStable(t.live, less)
	}
	if err := t.checkFilters(); err != nil {
		return nil, err
	}
	if opts.Profile == ProfileDefault && bytes.Contains(norm[s.bodyStart:], []byte("&#")) {
		if err := t.checkReferences(src); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// checkReferences refuses a numeric character reference of the body
// that stands for a character no output shows as written or that draws
// nothing (values.Refused: "&#xE0041;", a tag character), at its place in src: "&#147;", which a page of
// an old site means as “ (Windows-1252's byte 147, as browsers read
// it), is U+0093 for Markdown, a control character. checkUnshowable has
// refused every such character written as itself, so the references
// are what is left; a reference inside code is literal text, and
// stays.
func (t *Template) checkReferences(src []byte) error {
	var err error
	ast.WalkBlocks(t.blocks, func(n ast.Node) bool {
		if err != nil {
			return false
		}
		var text string
		var at ast.Pos
		switch n := n.(type) {
		case *ast.Text:
			text, at = n.Text, n.At
		case *ast.Image:
			text, at = n.Alt, n.At
		default:
			return true
		}
		if _, r, what, fix, ok := values.Refused(text); ok {
			pos, _ := t.RunePos(src, at, r)
			err = &Error{File: t.name, Pos: pos,
				Msg: fmt.Sprintf("character reference to U+%04X (%s) is refused: %s", r, what, fix)}
			return false
		}
		return true
	})
	return err
}

// newParser returns goldmark's parser for a profile. It is built for each
// template: goldmark parsers are cheap and this keeps no shared state.
//
// The default profile is GFM (tables, strikethrough, task lists and
// linkify, as extension.GFM, with linkifyGate around linkify's parser) plus
// footnotes and the typographer (with quoteRuns around its parser, see
// newTypographer; its quotation marks are tokens that the converter
// records, see quotes.go, for Fill to write in the document's
// language). Linkify
// is given goldmark's own URL, www and e-mail patterns with one change:
// the sentinel digits count as characters wherever a placeholder name's
// letters do, so that a URL or e-mail address holding a placeholder is
// recognised exactly as it would be with the name in place.
func newParser(p Profile) parser.Parser {
	if p == ProfileCommonMark {
		return goldmark.New().Parser()
	}
	return goldmark.New(goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		extension.TaskList,
		newLinkify(linkifyOptions()...),
		extension.Footnote,
		newTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
			extension.LeftSingleQuote:  quoteToken[leftSingle],
			extension.RightSingleQuote: quoteToken[rightSingle],
			extension.LeftDoubleQuote:  quoteToken[leftDouble],
			extension.RightDoubleQuote: quoteToken[rightDouble],
			extension.EnDash:           "–",
			extension.EmDash:           "—",
			extension.Ellipsis:         "…",
			extension.LeftAngleQuote:   "«",
			extension.RightAngleQuote:  "»",
			extension.Apostrophe:       "’",
		})),
	)).Parser()
}

// linkifyOptions give linkify the patterns below.
func linkifyOptions() []extension.LinkifyOption {
	return []extension.LinkifyOption{
		extension.WithLinkifyURLRegexp(regexp.MustCompile(linkifyURL)),
		extension.WithLinkifyWWWRegexp(regexp.MustCompile(linkifyWWW)),
		extension.WithLinkifyEmailRegexp(regexp.MustCompile(linkifyEmail)),
	}
}

// Linkify patterns: goldmark's defaults (extension/linkify.go and
// util.FindEmailIndex) with the sentinel digits U+FDD0..U+FDEE added to
// the character classes that hold a URL path and an e-mail local part,
// the places where "{name}" itself would match.
const (
	sentinelDigits = `\x{FDD0}-\x{FDEE}`
	linkifyURL     = `^(?:http|https|ftp)://[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?::\d+)?` +
		`(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'">\^{}\[\]` + "`" + sentinelDigits + `]*)?`
	linkifyWWW = `^www\.[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+` +
		`(?:[/#?][-a-zA-Z0-9@:%_\+.~#!?&/=\(\);,'">\^{}\[\]` + "`" + sentinelDigits + `]*)?`
	emailLabel   = `[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?`
	linkifyEmail = `^[!#$%&'*+\-./0-9=?A-Z^_` + "`" + `a-z{|}~` + sentinelDigits + `]{1,64}@` + emailLabel + `(?:\.` + emailLabel + `)*`
)
