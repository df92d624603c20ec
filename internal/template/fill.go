package template

import (
	"fmt"
	"sort"

	"github.com/policyexport/policyexport/internal/ast"
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
}

// Report tells the caller about a successful Fill.
type Report struct {
	// Unused are the names of the caller's values that no placeholder
	// used, sorted. Front matter defaults never count as unused.
	Unused []string
}

// Fill builds the document with every placeholder replaced by its value:
// the caller's value, else the front matter default. A value is always
// literal text; in raw HTML it is HTML-escaped, in a link destination it
// is part of the URL string. Values must be valid UTF-8 without NUL bytes.
//
// With MissingError, placeholders without a value make Fill return an
// ErrorList with one "file:line:col: missing value for {name}" per
// occurrence, in document order, and no document.
//
// Values filled in may add up, every occurrence counted, to the size
// limit the template was parsed with (Options.MaxBytes); past it Fill
// returns an *Error at the placeholder where the limit was passed.
//
// Fill never changes the Template and is safe for concurrent use.
func (t *Template) Fill(vals map[string]string, opts FillOptions) (*ast.Document, *Report, error) {
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
	unused := t.Unused(vals)
	if opts.Missing == MissingError && len(t.Missing(vals)) > 0 {
		var errs ErrorList
		for _, p := range t.live {
			if _, ok := t.value(vals, p.Name); !ok {
				errs = append(errs, &Error{File: t.name, Pos: p.Pos, Msg: missingMessage(p.Name, unused)})
			}
		}
		return nil, nil, errs
	}
	doc := &ast.Document{Blocks: f.blocks(t.blocks), Meta: f.meta()}
	if f.err != nil {
		return nil, nil, f.err
	}
	if t.profile == ProfileDefault {
		assignHeadingIDs(doc.Blocks)
	}
	if !t.meta.HasTitle {
		doc.Meta.Title = firstTitle(doc.Blocks)
	}
	if len(f.used) > 0 {
		doc.Values = f.used
	}
	rep := &Report{Unused: unused}
	return doc, rep, nil
}

// firstTitle returns the plain text of the first level-1 heading.
func firstTitle(blocks []ast.Block) string {
	title := ""
	ast.WalkHeadings(blocks, func(h *ast.Heading) bool {
		if h.Level == 1 {
			title = ast.PlainText(h.Inlines)
			return false
		}
		return true
	})
	return title
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
	err    error
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
			Msg: fmt.Sprintf("values fill the placeholders with more than %d bytes in all, here at {%s} (every occurrence holds the whole value; the limit is the size limit, --max-size raises it)", f.limit(), name)}
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
// (HTML-escaped when html is true) or, without one, by "{name}".
func (f *filler) subst(enc string, html bool) string {
	if enc == "" {
		return ""
	}
	var b []byte
	for _, p := range splitEncoded(enc) {
		if p.ID < 0 {
			b = append(b, replaceNUL(p.Lit)...)
			continue
		}
		name := nameOf(f.t.names, p.ID)
		v, ok := f.lookup(name)
		switch {
		case ok && !f.spend(len(v), name, ast.Pos{}):
			// Refused: append nothing more.
		case !ok:
			b = append(b, '{')
			b = append(b, name...)
			b = append(b, '}')
		case html:
			b = append(b, escapeHTML(v)...)
		default:
			b = append(b, v...)
		}
	}
	return string(b)
}

func (f *filler) meta() ast.Meta {
	m := f.t.meta
	out := ast.Meta{
		Title:       f.subst(m.Title, false),
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

func (f *filler) blocks(in []ast.Block) []ast.Block {
	if in == nil {
		return nil
	}
	out := make([]ast.Block, 0, len(in))
	for _, b := range in {
		out = append(out, f.block(b))
	}
	return out
}

func (f *filler) block(b ast.Block) ast.Block {
	switch b := b.(type) {
	case *ast.Heading:
		return &ast.Heading{Level: b.Level, Inlines: f.inlines(b.Inlines), Pos: b.Pos}
	case *ast.Paragraph:
		return &ast.Paragraph{Inlines: f.inlines(b.Inlines), Pos: b.Pos}
	case *ast.List:
		return f.list(b)
	case *ast.ListItem:
		return f.listItem(b)
	case *ast.BlockQuote:
		return &ast.BlockQuote{Blocks: f.blocks(b.Blocks), Pos: b.Pos}
	case *ast.CodeBlock:
		c := *b
		return &c
	case *ast.ThematicBreak:
		c := *b
		return &c
	case *ast.Table:
		return f.table(b)
	case *ast.HTMLBlock:
		return &ast.HTMLBlock{Text: f.subst(b.Text, true), Pos: b.Pos}
	case *ast.FootnoteDefinition:
		return &ast.FootnoteDefinition{Index: b.Index, Label: b.Label, Blocks: f.blocks(b.Blocks), Pos: b.Pos}
	}
	panic(fmt.Sprintf("template: unknown block %T", b))
}

func (f *filler) list(l *ast.List) ast.Block {
	out := &ast.List{Ordered: l.Ordered, Start: l.Start, Marker: l.Marker, Tight: l.Tight, Pos: l.Pos}
	for _, it := range l.Items {
		out.Items = append(out.Items, f.listItem(it))
	}
	return out
}

func (f *filler) listItem(it *ast.ListItem) *ast.ListItem {
	return &ast.ListItem{Task: it.Task, Blocks: f.blocks(it.Blocks), Pos: it.Pos}
}

func (f *filler) table(t *ast.Table) ast.Block {
	out := &ast.Table{Align: append([]ast.Alignment(nil), t.Align...), Header: f.cells(t.Header), Pos: t.Pos}
	for _, row := range t.Rows {
		out.Rows = append(out.Rows, f.cells(row))
	}
	return out
}

func (f *filler) cells(cells []*ast.TableCell) []*ast.TableCell {
	out := make([]*ast.TableCell, len(cells))
	for i, c := range cells {
		out[i] = &ast.TableCell{Inlines: f.inlines(c.Inlines)}
	}
	return out
}

func (f *filler) inlines(in []ast.Inline) []ast.Inline {
	if in == nil {
		return nil
	}
	out := make([]ast.Inline, 0, len(in))
	for _, n := range in {
		if x := f.inline(n); x != nil {
			out = append(out, x)
		}
	}
	return out
}

// inline returns the filled copy of n; nil for a placeholder whose value
// is empty.
func (f *filler) inline(n ast.Inline) ast.Inline {
	switch n := n.(type) {
	case *ast.Text:
		return f.text(n)
	case *ast.Emphasis:
		return &ast.Emphasis{Inlines: f.inlines(n.Inlines)}
	case *ast.Strong:
		return &ast.Strong{Inlines: f.inlines(n.Inlines)}
	case *ast.Strikethrough:
		return &ast.Strikethrough{Inlines: f.inlines(n.Inlines)}
	case *ast.Code:
		c := *n
		return &c
	case *ast.Link:
		return &ast.Link{Destination: f.subst(n.Destination, false), Title: f.subst(n.Title, false), Inlines: f.inlines(n.Inlines)}
	case *ast.Image:
		return &ast.Image{Destination: f.subst(n.Destination, false), Title: f.subst(n.Title, false), Alt: f.subst(n.Alt, false), Pos: n.Pos}
	case *ast.SoftBreak:
		return &ast.SoftBreak{}
	case *ast.HardBreak:
		return &ast.HardBreak{}
	case *ast.RawHTML:
		return &ast.RawHTML{Text: f.subst(n.Text, true), Pos: n.Pos}
	case *ast.FootnoteRef:
		c := *n
		return &c
	}
	panic(fmt.Sprintf("template: unknown inline %T", n))
}

// text copies literal text, or fills a placeholder: its value as one Text
// at the placeholder's position, nothing for an empty value, "{name}" when
// there is no value.
func (f *filler) text(t *ast.Text) ast.Inline {
	id, ok := placeholderID(f.t.textIDs, t)
	if !ok {
		return &ast.Text{Text: t.Text, Pos: t.Pos}
	}
	name := nameOf(f.t.names, id)
	v, ok := f.lookup(name)
	if !ok {
		return &ast.Text{Text: "{" + name + "}", Pos: t.Pos}
	}
	if v == "" {
		return nil
	}
	f.spend(len(v), name, t.Pos)
	return &ast.Text{Text: v, Pos: t.Pos}
}
