package template

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/safeurl"
	"github.com/policyexport/policyexport/internal/values"
)

// Missing says what Fill does with a placeholder that has no value.
type Missing int

const (
	// MissingError makes Fill fail, listing every placeholder without a
	// value.
	MissingError Missing = iota
	// MissingKeep writes a placeholder without a value as it was written,
	// "{name}" (as literal text).
	MissingKeep
)

// FillOptions controls Fill. The zero FillOptions fails on missing values.
type FillOptions struct {
	// Missing is what to do with a placeholder without a value; default
	// MissingError.
	Missing Missing
	// Lang, when not empty, is the document's language: it replaces the
	// front matter's lang (a batch manifest's locale does).
	Lang string
	// DefaultLang is the document's language when neither Lang nor the
	// front matter names one (--lang); empty means English. Like them it
	// is written into the document's metadata (ast.Meta.Lang), in its
	// canonical form; an empty one leaves the metadata without a
	// language.
	DefaultLang string
	// NoTitleBlock leaves out the title block, the front matter's title
	// as the document's first heading (see titleblock.go), which Fill
	// otherwise adds when the body has no level-1 heading
	// (--no-title-block).
	NoTitleBlock bool
	// BaseURL is the address relative links are relative to
	// (--base-url): an absolute http or https address, which may name
	// values ("{siteUrl}/legal/") as a footer does, so that one setting
	// serves a batch of many sites. Filled with the values (or the front
	// matter's defaults) it is the document's BaseURL; a value it names
	// counts as used. A field that names no value, or an address that is
	// no absolute one once filled, is an error.
	BaseURL string
	// NoLocalImages refuses a filled document with an image whose
	// destination is a local file (imagefile.Local): an error at the
	// first, counting the others (Options.NoLocalImages of the library).
	NoLocalImages bool
}

// Report tells the caller about a successful Fill.
type Report struct {
	// Unused are the names of the caller's values that no placeholder
	// used, sorted. Front matter defaults never count as unused.
	Unused []string
}

// Fill builds the document with every placeholder replaced by its value:
// the caller's value, else the front matter default. A value is always
// literal text; in raw HTML it is HTML-escaped, and a URL attribute
// (href, src, srcset, …) that it would make a URL safeurl refuses holds
// safeurl.Blocked instead, an event handler attribute holding it is
// emptied and a script or style element leaves it out (rawHTMLFiller);
// in a link destination it is part of the URL string, which backends
// check with safeurl. Values must be valid UTF-8 without NUL bytes.
//
// The typographer's quotation marks are written as the document's
// language writes them (l10n.Lang.Quote; see quotes.go): the language
// of FillOptions.Lang, else the front matter's, else
// FillOptions.DefaultLang.
//
// A front matter title with a body that has no level-1 heading gives the
// document a first heading, the title block (see titleblock.go), unless
// FillOptions.NoTitleBlock.
//
// With MissingError, placeholders without a value make Fill return an
// ErrorList with one "file:line:col: missing value for {name}" per
// occurrence, in document order, and no document.
//
// Values filled in may add up, every occurrence counted, to the size
// limit the template was parsed with (Options.MaxBytes); past it Fill
// returns an *Error at the placeholder where the limit was passed.
//
// Fill never changes the Template and is safe for concurrent use. A
// panic inside (a bug, never expected) is returned as an error naming
// the template, so that no caller needs its own guard.
func (t *Template) Fill(vals map[string]string, opts FillOptions) (doc *ast.Document, report *Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, report, err = nil, nil, fmt.Errorf("%s: internal error while filling the template (please report it with this input): %v", t.name, p)
		}
	}()
	if opts.Missing != MissingError && opts.Missing != MissingKeep {
		return nil, nil, fmt.Errorf("template %s: unknown Missing option %d", t.name, int(opts.Missing))
	}
	names := make([]string, 0, len(vals))
	for k := range vals {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if err := values.CheckValue(k, vals[k]); err != nil {
			return nil, nil, fmt.Errorf("template %s: %w", t.name, err)
		}
	}
	budget := t.maxBytes
	if budget <= 0 {
		budget = DefaultMaxBytes
	}
	f := &filler{t: t, vals: vals, used: map[string]string{}, budget: budget}
	metaLang := opts.Lang
	if metaLang == "" {
		metaLang = f.subst(t.meta.Lang, false)
	}
	f.lang = l10n.Match(metaLang, opts.DefaultLang)
	f.requote = len(t.quotes) > 0 && !f.lang.EnglishQuotes()
	unused := t.Unused(vals)
	base, err := t.baseURL(opts.BaseURL, vals, &unused)
	if err != nil {
		return nil, nil, err
	}
	if opts.Missing == MissingError && len(t.Missing(vals)) > 0 {
		var errs ErrorList
		for _, p := range t.live {
			if _, ok := t.value(vals, p.Name); !ok {
				errs = append(errs, &Error{File: t.name, Pos: p.Pos, Msg: missingMessage(p.Name, unused)})
			}
		}
		return nil, nil, errs
	}
	blocks, err := ast.CopyBlocks(t.blocks, f.edit)
	if err != nil {
		return nil, nil, fmt.Errorf("template %s: %w", t.name, err)
	}
	doc = &ast.Document{Blocks: blocks, Meta: f.meta(), BaseURL: base}
	if opts.Lang != "" {
		doc.Meta.Lang = opts.Lang
	}
	if f.err != nil {
		return nil, nil, f.err
	}
	if opts.NoLocalImages {
		if err := t.localImages(doc); err != nil {
			return nil, nil, err
		}
	}
	if lang := doc.Meta.Lang; lang != "" && opts.Lang == "" {
		// Every backend writes the language (html lang, PDF /Lang, XMP):
		// one that is not a tag is refused here, at its place, once.
		if _, err := l10n.Tag(lang); err != nil {
			return nil, nil, &Error{File: t.name, Pos: t.frontMatter.LangPos,
				Msg: langError(lang)}
		}
	}
	// The document's language is decided here, once, for every backend:
	// Lang (a manifest's locale), else the front matter's, else
	// DefaultLang, in its canonical form ("de-ch" is "de-CH").
	if doc.Meta.Lang == "" {
		doc.Meta.Lang = opts.DefaultLang
	}
	if doc.Meta.Lang != "" {
		tag, err := l10n.Tag(doc.Meta.Lang)
		if err != nil {
			return nil, nil, fmt.Errorf("template %s: language %q is not a BCP 47 language tag (for example en, de-CH, zh-Hant)", t.name, doc.Meta.Lang)
		}
		doc.Meta.Lang = tag
	}
	title := strings.TrimSpace(doc.Meta.Title)
	if t.addsTitleBlock(title, opts) {
		// Last for its id, so that no body heading's id changes, then
		// first.
		blocks := append(doc.Blocks, t.titleBlock(doc.Meta.Title, f.titleIsolates))
		if t.profile == ProfileDefault {
			assignHeadingIDs(blocks)
		}
		doc.Blocks = append(blocks[len(blocks)-1:], blocks[:len(blocks)-1]...)
	} else if t.profile == ProfileDefault {
		assignHeadingIDs(doc.Blocks)
	}
	if !t.meta.HasTitle {
		if h := ast.Title(doc); h != nil {
			doc.Meta.Title = ast.PlainText(h.Inlines)
		}
	}
	if len(f.used) > 0 {
		doc.Values = f.used
	}
	rep := &Report{Unused: unused}
	return doc, rep, nil
}

// baseURL fills base (FillOptions.BaseURL) with vals, else the front
// matter's defaults, takes the names it uses out of unused, and checks
// the address it gives (safeurl.CheckBase).
func (t *Template) baseURL(base string, vals map[string]string, unused *[]string) (string, error) {
	if base == "" {
		return "", nil
	}
	missing := ""
	var b strings.Builder
	for _, p := range l10n.Fields(base) {
		if p.Field == "" {
			b.WriteString(joinSlash(b.String(), p.Text))
			continue
		}
		v, ok := vals[p.Field]
		if !ok {
			v, ok = t.FrontMatter().Values[p.Field]
		}
		if !ok {
			if missing == "" {
				missing = p.Field
			}
			b.WriteString(p.Text)
			continue
		}
		*unused = slices.DeleteFunc(*unused, func(u string) bool { return u == p.Field })
		b.WriteString(v)
	}
	filled := b.String()
	if missing != "" {
		return "", fmt.Errorf("template %s: Options.BaseURL %q: {%s} names no value of this document (give it with --set %s=… or in its values)", t.name, base, missing, missing)
	}
	filled = strings.TrimSpace(filled)
	if err := safeurl.CheckBase(filled); err != nil {
		if filled != base {
			return "", fmt.Errorf("template %s: Options.BaseURL %q is %q with this document's values: %w", t.name, base, filled, err)
		}
		return "", fmt.Errorf("template %s: Options.BaseURL %q: %w", t.name, base, err)
	}
	return filled, nil
}

// filler holds the state of one Fill call.
type filler struct {
	t    *Template
	vals map[string]string
	// used are the values filled in, by name.
	used map[string]string
	// budget is how many more bytes of values may be filled in: every
	// occurrence of a placeholder holds its whole value, so a long value
	// in many places would make a document, and outputs, far larger than
	// the template and the values together.
	budget int
	// lang is the document's language, for filters and the
	// typographer's quotation marks; requote is true when they are to be
	// written in it, not as parsed (English's).
	lang    l10n.Lang
	requote bool
	// typedOpen is true when a quotation opened with the language's
	// opening mark typed as such is open in the block being filled
	// (settleStraight).
	typedOpen bool
	// afterStop is true when the node edited last is a value ending in a
	// full stop ("Acme Inc.", a Russian date "28 ноября 2026 г."), whose
	// stop ends the sentence of a "." that follows it in the template.
	afterStop bool
	// titleIsolates are the byte ranges of the filled front matter
	// title that are values whose direction is not the document's, for
	// the title block (titleBlock).
	titleIsolates [][2]int
	err           error
}

// spend charges n bytes of value at the placeholder name against the
// budget; once it is spent it records an error and returns false.
func (f *filler) spend(n int, name string, pos ast.Pos) bool {
	f.budget -= n
	if f.budget >= 0 {
		return true
	}
	if f.err == nil {
		f.err = &Error{File: f.t.name, Pos: pos,
			Msg: fmt.Sprintf("values fill the placeholders with more than %d bytes in all, here at {%s} (every occurrence holds the whole value; the limit is the size limit, Options.MaxBytes raises it)", f.limit(), name)}
	}
	return false
}

// limit is the budget the filler started with.
func (f *filler) limit() int {
	if f.t.maxBytes > 0 {
		return f.t.maxBytes
	}
	return DefaultMaxBytes
}

// lookup returns the value of a placeholder: the caller's, else the front
// matter default.
func (f *filler) lookup(name string) (string, bool) {
	v, ok := f.t.value(f.vals, name)
	if ok {
		f.used[name] = v
	}
	return v, ok
}

// filtered returns the value of the placeholder written as key ("name"
// or "name|filter", at pos when known) with its filter applied. A value
// the filter refuses records an error (at the placeholder's first
// occurrence when pos is not known) and gives "".
func (f *filler) filtered(key string, pos ast.Pos) (string, bool) {
	name, filter := splitKey(key)
	v, ok := f.lookup(name)
	if !ok || filter == "" {
		return v, ok
	}
	out, err := filters[filter](v, f.lang)
	if err != nil {
		if f.err == nil {
			if !pos.IsValid() {
				pos = f.t.filterPos(name, filter)
			}
			f.err = &Error{File: f.t.name, Pos: pos, Msg: fmt.Sprintf("{%s}: the value of %s: %v", key, name, err)}
		}
		return "", true
	}
	return out, true
}

// value returns the value of a placeholder: the caller's (in vals), else
// the front matter default.
func (t *Template) value(vals map[string]string, name string) (string, bool) {
	if v, ok := vals[name]; ok {
		return v, true
	}
	v, ok := t.frontMatter.Values[name]
	return v, ok
}

// Unused returns the names in vals that no placeholder of t uses, sorted.
// Front matter defaults are not in vals and never count.
func (t *Template) Unused(vals map[string]string) []string {
	live := make(map[string]bool, len(t.live))
	for _, p := range t.live {
		live[p.Name] = true
	}
	var unused []string
	for k := range vals {
		if !live[k] {
			unused = append(unused, k)
		}
	}
	sort.Strings(unused)
	return unused
}

// UnusedBy is Unused without the values that footer (a PDF footer text,
// --footer) or base (a base address, --base-url) names: they use them,
// as their documents will.
func (t *Template) UnusedBy(vals map[string]string, footer, base string) []string {
	named := map[string]bool{}
	for _, f := range l10n.FooterValueFields(footer) {
		named[f] = true
	}
	for _, p := range l10n.Fields(base) {
		if p.Field != "" {
			named[p.Field] = true
		}
	}
	return slices.DeleteFunc(t.Unused(vals), func(u string) bool { return named[u] })
}

// Missing returns the names of t's placeholders that have no value, from
// vals or the front matter defaults, in document order, each once.
func (t *Template) Missing(vals map[string]string) []string {
	var missing []string
	for _, n := range t.placeholderNames() {
		if _, ok := t.value(vals, n); !ok {
			missing = append(missing, n)
		}
	}
	return missing
}

// subst decodes an encoded string, replacing each placeholder by its value
// or, without one, by "{name}". With html the string is raw HTML and the
// values are filled in by a rawHTMLFiller: HTML-escaped, and never making
// a URL attribute a script URL.
func (f *filler) subst(enc string, html bool) string {
	return f.substAs(enc, html, false, nil)
}

// substIsolated is subst for a string of the document that holds no
// markup, an image's alt text or a link's title: each value whose
// direction is not the document's (the rule of filler.text) is between
// U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE
// (ast.IsolatedText), the isolate such a string has, which every
// format keeps: "![{company} 2026 logo](…)" with the Hebrew company
// "שלום" in an English document was "[Image: שלום 2026 logo]" in the
// plain text, shown "[Image: 2026 שלום logo]".
func (f *filler) substIsolated(enc string) string {
	var isolates [][2]int
	s := f.substAs(enc, false, false, &isolates)
	if len(isolates) == 0 {
		return s
	}
	var segs []ast.Segment
	last := 0
	for _, r := range isolates {
		segs = append(segs, ast.Segment{Text: s[last:r[0]]}, ast.Segment{Text: s[r[0]:r[1]], Isolate: true})
		last = r[1]
	}
	return ast.IsolatedText(append(segs, ast.Segment{Text: s[last:]}))
}

// substAs is subst; with dest the string is a link's or image's
// destination, where a value ending in "/" before the "/" of the text
// after it is joined with one (joinSlash). With isolates, a plain
// string's values whose direction is not the document's (the rule of
// filler.text) are appended to it, as byte ranges of the result.
func (f *filler) substAs(enc string, html, dest bool, isolates *[][2]int) string {
	if enc == "" {
		return ""
	}
	var h rawHTMLFiller
	var b []byte
	afterValue := false
	for _, p := range splitEncoded(enc) {
		if p.ID < 0 {
			if p.Quote {
				p.Lit = f.lang.Quote(p.Mark)
			}
			lit := replaceNUL(p.Lit)
			switch {
			case html:
				h.literal(lit)
			case dest && afterValue:
				b = append(b, joinSlash(string(b), lit)...)
			default:
				b = append(b, lit...)
			}
			afterValue = false
			continue
		}
		afterValue = true
		name := nameOf(f.t.names, p.ID)
		v, ok := f.filtered(name, ast.Pos{})
		switch {
		case ok && !f.spend(len(v), name, ast.Pos{}):
			// Refused: append nothing more.
		case !ok && html:
			h.literal("{" + name + "}")
		case !ok:
			b = append(b, '{')
			b = append(b, name...)
			b = append(b, '}')
		case html:
			h.value(v)
		default:
			if isolates != nil && bidi.NeedsIsolation(v, f.dir()) {
				*isolates = append(*isolates, [2]int{len(b), len(b) + len(v)})
			}
			b = append(b, v...)
		}
	}
	if html {
		return h.String()
	}
	return string(b)
}

func (f *filler) meta() ast.Meta {
	m := f.t.meta
	out := ast.Meta{
		Title:       f.substAs(m.Title, false, false, &f.titleIsolates),
		Lang:        f.subst(m.Lang, false),
		Description: f.subst(m.Description, false),
		Author:      f.subst(m.Author, false),
		Subject:     f.subst(m.Subject, false),
		Date:        f.subst(m.Date, false),
	}
	for _, kw := range m.Keywords {
		out.Keywords = append(out.Keywords, f.subst(kw, false))
	}
	return out
}

// edit fills one node of the copy CopyBlocks makes of the template's
// blocks: the values go into text, link and image destinations and
// titles, image descriptions and raw HTML (HTML-escaped). It returns false
// for a placeholder whose value is empty, which leaves it out.
func (f *filler) edit(orig, copy ast.Node) bool {
	afterStop := f.afterStop
	f.afterStop = false
	switch c := copy.(type) {
	case *ast.Text:
		return f.text(orig.(*ast.Text), c, afterStop)
	case *ast.Link:
		c.Destination = f.destination(c.Destination)
		c.Title = f.substIsolated(c.Title)
	case *ast.Image:
		c.Destination = f.destination(c.Destination)
		c.Title = f.substIsolated(c.Title)
		c.Alt = f.substIsolated(c.Alt)
	case *ast.RawHTML:
		c.Text = f.subst(c.Text, true)
	case *ast.HTMLBlock:
		c.Text = f.subst(c.Text, true)
	}
	return true
}

// destination fills a link's or image's destination. Space around it is
// no part of an address: a value copied from a CMS or a spreadsheet with
// a no-break space before its URL ("\u00a0https://…") made the HTML's
// href a relative address ("%C2%A0https://…") while the text and the
// PDF's note showed the URL, so every format trims it (white space of
// any kind, as unicode.IsSpace says), as Markdown does ASCII spaces
// around a destination. A value ending in "/" before a "/" of the
// template ("{siteUrl}/privacy" with https://b.example/) is joined with
// one, as --base-url joins it (joinSlash).
func (f *filler) destination(dest string) string {
	return strings.TrimFunc(f.substAs(dest, false, true, nil), unicode.IsSpace)
}

// joinSlash returns text, written after filled, a value, in an address
// (a link's or image's destination, --base-url): without its first "/"
// when filled ends in one "/" and text starts with one, so that
// "{siteUrl}/privacy" with https://b.example/ is
// https://b.example/privacy, not https://b.example//privacy, a path of
// its own that most sites do not serve. A filled value ending in "//"
// ("https://") is kept as it is, and so is one whose "/" is in a query
// or fragment (after "?" or "#"), where "//" is data. It is the one rule
// for joining a value with the address after it, in raw HTML's URL
// attributes too (rawHTMLFiller).
func joinSlash(filled, text string) string {
	if strings.HasSuffix(filled, "/") && !strings.HasSuffix(filled, "//") &&
		strings.HasPrefix(text, "/") && !strings.ContainsAny(filled, "?#") {
		return text[1:]
	}
	return text
}

// text fills the copy c of the template's text t: a placeholder gets its
// value (at the placeholder's position), marked for isolation when its
// direction is not the document's (ast.Text.Isolate), "{name}" when
// there is no value, and is left out (false) when its value is empty.
// Literal text stays as it is, but for the typographer's quotation
// marks, which are written in the document's language, and a "." right
// after a value that ends in one (afterStop), which is left out.
func (f *filler) text(t, c *ast.Text, afterStop bool) bool {
	id, ok := placeholderID(f.t.textIDs, t)
	if !ok {
		if len(f.t.quotes) > 0 {
			if qs := f.t.quotes[t]; qs != nil && (f.requote || hasStraight(qs)) {
				c.Text = requote(t.Text, qs, f.lang, &f.typedOpen)
			}
		}
		if afterStop && strings.HasPrefix(c.Text, ".") && !strings.HasPrefix(c.Text, "..") {
			// One full stop ends the sentence: "{company}." with "Acme
			// Inc." is "Acme Inc.", not "Acme Inc..", as the notice
			// writes a title ending in one (l10n.Sentences), and a date
			// in Russian, Ukrainian or Hungarian ends in one ("г.").
			c.Text = c.Text[1:]
			return c.Text != ""
		}
		return true
	}
	name := nameOf(f.t.names, id)
	v, ok := f.filtered(name, t.At)
	if !ok {
		c.Text = "{" + name + "}"
		return true
	}
	if v == "" {
		return false
	}
	f.spend(len(v), name, t.At)
	c.Text = v
	c.Isolate = bidi.NeedsIsolation(v, f.dir())
	f.afterStop = strings.HasSuffix(v, ".") && !strings.HasSuffix(v, "..")
	return true
}

// dir is the direction of the document's language, which a value's
// direction is compared with (ast.Text.Isolate).
func (f *filler) dir() bidi.Direction {
	if f.lang.RTL() {
		return bidi.RightToLeft
	}
	return bidi.LeftToRight
}

// UseFooterValues puts the values that footer, a PDF footer text
// ({title}, {page}, {pages} and names of values), names into doc.Values,
// the PDF footer's values, and takes them out of report.Unused (report
// may be nil): the footer uses them even when no placeholder does. A
// value is taken from vals, else from t's front matter defaults. It
// returns the first field that names neither ("" when none does), and
// puts in every field that does.
func (t *Template) UseFooterValues(footer string, vals map[string]string, doc *ast.Document, report *Report) (unknown string) {
	for _, name := range l10n.FooterValueFields(footer) {
		v, ok := vals[name]
		if !ok {
			v, ok = t.FrontMatter().Values[name]
		}
		if !ok {
			if unknown == "" {
				unknown = name
			}
			continue
		}
		if doc.Values == nil {
			doc.Values = map[string]string{}
		}
		doc.Values[name] = v
		if report != nil {
			report.Unused = slices.DeleteFunc(report.Unused, func(u string) bool { return u == name })
		}
	}
	return unknown
}

// langError is the message for the front matter's lang that is no
// language tag: with the language meant when it is a country's code
// ("dk is the country code of Denmark; Danish is da").
func langError(lang string) string {
	msg := fmt.Sprintf("lang %q is not a BCP 47 language tag (for example en, de-CH, zh-Hant)", lang)
	if hint, _ := l10n.CountryHint(lang); hint != "" {
		msg += ": " + hint
	}
	return msg
}
