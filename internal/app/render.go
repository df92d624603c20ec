package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v3"
	"golang.org/x/text/language"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/jsondoc"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/txt"
	"github.com/policyexport/policyexport/internal/version"
)

// renderConfig is everything the render command was told.
type renderConfig struct {
	template   string // "" embedded default, "-" stdin
	sets       []string
	valuesFile string
	missing    string
	strict     bool
	formats    []string // as given: each a name or a comma list
	outDir     string
	output     string
	profile    string
	maxBytes   int
	maxDepth   int
	maxCost    int

	lang        string
	fragment    bool
	toc         bool
	cssFile     string
	unsafeHTML  bool
	embedImages bool

	width int
	crlf  bool
	links string

	compact bool

	paper         string
	pdfLinks      string
	margin        float64
	justify       bool
	noFooter      bool
	footer        string
	fonts         []string
	missingImages string
	date          string
	attachSource  bool
	maxPages      int
}

func renderCommand(env Env) *cli.Command {
	var c renderConfig
	return &cli.Command{
		Name:      "render",
		Usage:     "fill a template and write it as PDF, HTML, plain text and JSON",
		ArgsUsage: "[TEMPLATE | -]",
		Description: `Renders TEMPLATE (a Markdown file; "-" reads standard input; none renders
the embedded privacy policy) into OUT/NAME.pdf, .html, .txt and .json, where
NAME is the template's file name without its extension. Flags may come
before or after TEMPLATE; after "--" every argument is a file name.

Values fill the {placeholders}: --set wins over --values, which wins over the
template's front matter. A value is always literal text: --set takes
everything after the first "=", commas included. If any placeholder has no
value, every missing one is listed as FILE:LINE:COL and nothing is written
(unless --missing=keep).

-o FILE writes one format, taken from FILE's extension (.pdf, .html, .htm,
.txt, .json) unless --format names it; -o - (standard output) needs
--format. -f may be repeated or given a comma list.

Examples:
   policyexport render --set siteName="Acme Imaging, Inc." --set email=privacy@acme.example \
       --set lastUpdated=2026-11-28 --out out/
   policyexport render terms.md --values acme.yaml -f html -f txt
   policyexport render terms.md --values acme.yaml -o terms.pdf
   policyexport render --values acme.yaml --format txt -o - | mail -s Policy team@acme.example
   jq .acme sites.json | policyexport render terms.md --values - -o terms.html
   policyexport render --profile commonmark --format html -o - - < spec-example.md`,
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "set", Usage: "set a placeholder value, `KEY=VALUE`: everything after the first = is the value, commas included (repeatable)"},
			&cli.StringFlag{Name: "values", Usage: "read values from `FILE` (YAML or JSON, a flat map of strings; \"-\" is standard input)"},
			&cli.StringSliceFlag{Name: "format", Aliases: []string{"f"}, Usage: "`FORMATS` to write: pdf, html, txt, json; repeatable or comma-separated (default: all four, or the one -o's extension names)"},
			&cli.StringFlag{Name: "out", Value: ".", Usage: "write outputs into `DIR`"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write one format to `FILE`, the format named by its extension or --format (\"-\" is standard output and needs --format)"},
			&cli.BoolFlag{Name: "fragment", Category: "HTML", Usage: "write the HTML body only, without <html> and <head>"},
			&cli.BoolFlag{Name: "attach-source", Category: "PDF", Usage: "embed the template and the values (JSON) in the PDF as attachments"},
		}, sharedFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if err := atMostOneArg(cmd, "template"); err != nil {
				return err
			}
			c = sharedConfig(cmd)
			c.template, c.sets, c.valuesFile = cmd.Args().First(), cmd.StringSlice("set"), cmd.String("values")
			c.formats, c.outDir, c.output = cmd.StringSlice("format"), cmd.String("out"), cmd.String("output")
			c.fragment, c.attachSource = cmd.Bool("fragment"), cmd.Bool("attach-source")
			return c.run(ctx, env)
		},
	}
}

// atMostOneArg checks that the command got at most one argument.
func atMostOneArg(cmd *cli.Command, what string) error {
	if cmd.NArg() <= 1 {
		return nil
	}
	return usagef("%s takes at most one %s, got %d: %q", cmd.Name, what, cmd.NArg(), cmd.Args().Slice())
}

// sharedFlags are the flags of render and batch alike: how templates are
// read and filled, and every backend option.
func sharedFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "missing", Value: "error", Usage: "what a placeholder without a value does: error or keep (left as written)"},
		&cli.BoolFlag{Name: "strict", Usage: "a value that no placeholder uses is an error, not a warning"},
		&cli.StringFlag{Name: "profile", Value: "default", Usage: "Markdown dialect: default (GFM, footnotes, typographer, placeholders) or commonmark (plain CommonMark 0.31.2, body-only HTML)"},
		&cli.IntFlag{Name: "max-size", Value: defaultMaxBytes, Usage: "refuse templates and values files larger than `BYTES`"},
		&cli.IntFlag{Name: "max-depth", Value: template.DefaultMaxDepth, Usage: "refuse lists, block quotes, emphasis and links nested deeper than `N`"},
		&cli.IntFlag{Name: "max-cost", Value: template.DefaultMaxCost, Usage: "refuse paragraphs so full of brackets, backquotes and * _ ~ [ ( < that parsing would cost more than `N` steps (about a second per 2e8)"},

		&cli.StringFlag{Name: "lang", Value: "en", Category: "HTML", Usage: "document language, a BCP 47 `TAG` (en, de-CH), when the front matter (or manifest) names none"},
		&cli.BoolFlag{Name: "toc", Category: "HTML and PDF", Usage: "add a table of contents"},
		&cli.StringFlag{Name: "css", Category: "HTML", Usage: "use the stylesheet in `FILE` instead of the built-in one"},
		&cli.BoolFlag{Name: "unsafe-html", Category: "HTML", Usage: "pass raw HTML from the template through (it is dropped by default)"},
		&cli.BoolFlag{Name: "embed-images", Category: "HTML", Usage: "embed local images as data: URLs (default: paths rewritten relative to the HTML file; with -o - relative to the current directory)"},

		&cli.IntFlag{Name: "width", Value: 72, Category: "Plain text", Usage: "wrap plain text at `COLUMNS` (display width)"},
		&cli.BoolFlag{Name: "crlf", Category: "Plain text", Usage: "end plain-text lines with CRLF, for email bodies"},
		&cli.StringFlag{Name: "links", Value: "reference", Category: "Plain text", Usage: "how plain text shows link URLs: reference ([1] and a list at the end) or inline (text <url>)"},

		&cli.BoolFlag{Name: "compact", Category: "JSON", Usage: "write JSON on one line"},

		&cli.StringFlag{Name: "paper", Value: "a4", Category: "PDF", Usage: "paper size: a4 or letter"},
		&cli.StringFlag{Name: "pdf-links", Value: "footnote", Category: "PDF", Usage: "how the PDF shows external link destinations on paper: footnote ([1] and a list at the end), inline (text <url>) or none"},
		&cli.FloatFlag{Name: "margin", Category: "PDF", Usage: "page margin on every side in `MM` (default: 25 left and right, 20 top, 25 bottom)"},
		&cli.BoolFlag{Name: "justify", Category: "PDF", Usage: "justify paragraphs"},
		&cli.BoolFlag{Name: "no-footer", Category: "PDF", Usage: "leave out the page footer"},
		&cli.StringFlag{Name: "footer", Category: "PDF", Usage: "footer `TEXT`, with {title}, {page} and {pages} (default \"{title} — Page {page} of {pages}\")"},
		&cli.StringSliceFlag{Name: "font", Category: "PDF", Usage: "add a TrueType fallback font `FILE.ttf` for characters the built-in fonts lack (repeatable)"},
		&cli.StringFlag{Name: "missing-images", Value: "error", Category: "HTML and PDF", Usage: "what a missing or unusable image does (PDF, and HTML with --embed-images): error or alt (write its alt text)"},
		&cli.IntFlag{Name: "max-pages", Value: pdf.DefaultMaxPages, Category: "PDF", Usage: "refuse documents whose PDF would have more than `N` pages (or draw more than 500 text runs, rules and boxes a page on average)"},
		&cli.StringFlag{Name: "date", Category: "PDF", Usage: "document `DATE` (2006-01-02 or RFC 3339); default SOURCE_DATE_EPOCH, else the front matter date, else the lastUpdated value, else 2000-01-01"},
	}
}

// sharedConfig reads the flags of sharedFlags.
func sharedConfig(cmd *cli.Command) renderConfig {
	return renderConfig{
		missing: cmd.String("missing"), strict: cmd.Bool("strict"), profile: cmd.String("profile"),
		maxBytes: cmd.Int("max-size"), maxDepth: cmd.Int("max-depth"), maxCost: cmd.Int("max-cost"),
		lang: cmd.String("lang"), toc: cmd.Bool("toc"), cssFile: cmd.String("css"), unsafeHTML: cmd.Bool("unsafe-html"), embedImages: cmd.Bool("embed-images"),
		width: cmd.Int("width"), crlf: cmd.Bool("crlf"), links: cmd.String("links"), compact: cmd.Bool("compact"),
		paper: cmd.String("paper"), pdfLinks: cmd.String("pdf-links"), margin: cmd.Float("margin"), justify: cmd.Bool("justify"),
		noFooter: cmd.Bool("no-footer"), footer: cmd.String("footer"), fonts: cmd.StringSlice("font"),
		missingImages: cmd.String("missing-images"), date: cmd.String("date"), maxPages: cmd.Int("max-pages"),
	}
}

func (c *renderConfig) run(ctx context.Context, env Env) error {
	formats, err := c.outputFormats()
	if err != nil {
		return err
	}
	if err := c.normalize(); err != nil {
		return err
	}
	if c.template == "-" && c.valuesFile == "-" {
		return usagef("the template and --values cannot both be standard input (\"-\"); give one of them as a file")
	}
	topts, err := c.templateOptions()
	if err != nil {
		return err
	}
	fopts, err := parseMissing(c.missing)
	if err != nil {
		return err
	}
	vals, err := loadValues(env, c.valuesFile, c.sets, c.maxBytes)
	if err != nil {
		return err
	}
	tmpl, src, err := parseTemplate(env, c.template, topts)
	if err != nil {
		return err
	}
	doc, report, err := fillSafely(tmpl, src.name, vals, fopts)
	if err != nil {
		if missing := tmpl.Missing(vals); len(missing) > 0 && fopts.Missing == template.MissingError {
			return fmt.Errorf("%w\n%s", err, howToGive(missing, c.template))
		}
		return err
	}
	if err := reportUnused(env, tmpl, report, c.strict); err != nil {
		return err
	}
	c.reportDroppedHTML(env, src.name, doc, formats)
	ropts, err := c.renderOptions(env, doc, src)
	if err != nil {
		return err
	}
	r, err := render.New(ropts, formats)
	if err != nil {
		return err
	}
	outs, err := renderSafely(r, doc, src.name)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted before writing: %w", err)
	}
	return c.write(env, src, outs)
}

// outputFormats decides the formats to write from --format and -o: every
// format by default, the one -o's extension names when --format is not
// given, and -o must fit --format.
func (c *renderConfig) outputFormats() ([]render.Format, error) {
	var formats []render.Format
	if len(c.formats) > 0 {
		fs, err := parseFormatFlags(c.formats)
		if err != nil {
			return nil, err
		}
		formats = fs
	}
	if c.output == "" {
		if formats == nil {
			return render.All(), nil
		}
		return formats, nil
	}
	if len(formats) > 1 {
		return nil, usagef("-o writes one format, but --format names %d (give one --format, or --out DIR for several)", len(formats))
	}
	if c.output == "-" {
		if formats == nil {
			return nil, usagef("-o - (standard output) needs --format: pdf, html, txt or json")
		}
		return formats, nil
	}
	ext := filepath.Ext(c.output)
	byExt, ok := formatOfExt(ext)
	switch {
	case formats == nil && !ok && ext == "":
		return nil, usagef("-o %s: the file name has no extension to take the format from; give --format (pdf, html, txt or json)", c.output)
	case formats == nil && !ok:
		return nil, usagef("-o %s: the extension %q names no format (.pdf, .html, .htm, .txt, .json); give --format", c.output, ext)
	case formats == nil:
		return []render.Format{byExt}, nil
	case ok && byExt != formats[0]:
		return nil, usagef("-o %s: the extension %q names %s, but --format is %s; make them agree", c.output, ext, byExt, formats[0])
	}
	return formats, nil
}

// normalize checks the named choices and the language tag of c, the
// flags render and batch share, and writes each in its canonical form:
// names are case-insensitive ("--paper A4"), and a tag must be BCP 47.
func (c *renderConfig) normalize() error {
	choices := []struct {
		flag  string
		value *string
		names []string
	}{
		{"--profile", &c.profile, []string{"default", "commonmark"}},
		{"--missing", &c.missing, []string{"error", "keep"}},
		{"--links", &c.links, []string{"reference", "inline"}},
		{"--paper", &c.paper, []string{"a4", "letter"}},
		{"--pdf-links", &c.pdfLinks, []string{"footnote", "inline", "none"}},
		{"--missing-images", &c.missingImages, []string{"error", "alt"}},
	}
	for _, ch := range choices {
		v, err := choice(ch.flag, *ch.value, ch.names...)
		if err != nil {
			return err
		}
		*ch.value = v
	}
	tag, err := language.Parse(c.lang)
	if err != nil {
		return usagef("--lang %q: not a BCP 47 language tag (for example en, de-CH, pt-BR, zh-Hant)", c.lang)
	}
	c.lang = tag.String()
	return nil
}

// parseFormatFlags reads every --format given: each a name or a comma
// list, case-insensitive; duplicates are dropped.
func parseFormatFlags(given []string) ([]render.Format, error) {
	fs, err := render.ParseFormats(strings.Join(given, ","))
	if err != nil {
		return nil, usageError{fmt.Errorf("--format: %w", err)}
	}
	return fs, nil
}

// formatOfExt returns the format a file extension (".pdf", ".HTM") names.
func formatOfExt(ext string) (render.Format, bool) {
	ext = strings.ToLower(strings.TrimPrefix(ext, "."))
	if ext == "htm" {
		ext = "html"
	}
	for _, f := range render.All() {
		if f.Ext() == ext {
			return f, true
		}
	}
	return "", false
}

// howToGive is the one line after the list of missing values that says
// how to give them: --set with the first few names, or --values, and the
// vars command that lists every placeholder of the template.
func howToGive(missing []string, templatePath string) string {
	var sets []string
	for i, n := range missing {
		if i == 3 {
			sets = append(sets, "…")
			break
		}
		sets = append(sets, "--set "+n+"=…")
	}
	vars := "policyexport vars"
	if templatePath != "" {
		vars += " " + shellQuote(templatePath)
	}
	return fmt.Sprintf("give them with %s or --values FILE ('%s' lists every placeholder, or --missing=keep leaves them as written)", strings.Join(sets, " "), vars)
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+,:@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// fillSafely fills tmpl, turning a panic (a bug, never expected) into an
// error that names the input instead of a stack trace.
func fillSafely(tmpl *template.Template, name string, vals map[string]string, opts template.FillOptions) (doc *ast.Document, report *template.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: internal error while filling the template (please report it with this input): %v", name, p)
		}
	}()
	return tmpl.Fill(vals, opts)
}

// renderSafely renders every format of r, naming the template in errors
// that carry a position and turning a panic into an error.
func renderSafely(r *render.Renderer, doc *ast.Document, name string) (outs []render.Output, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: internal error while rendering (please report it with this input): %v", name, p)
		}
	}()
	outs, err = r.All(doc)
	if err != nil {
		return nil, withFile(name, err)
	}
	return outs, nil
}

func (c *renderConfig) templateOptions() (template.Options, error) {
	opts := template.Options{MaxBytes: c.maxBytes, MaxDepth: c.maxDepth, MaxCost: c.maxCost}
	profile, err := choice("--profile", c.profile, "default", "commonmark")
	if err != nil {
		return opts, err
	}
	if profile == "commonmark" {
		opts.Profile = template.ProfileCommonMark
	}
	return opts, nil
}

func parseMissing(s string) (template.FillOptions, error) {
	m, err := choice("--missing", s, "error", "keep")
	if err != nil {
		return template.FillOptions{}, err
	}
	if m == "keep" {
		return template.FillOptions{Missing: template.MissingKeep}, nil
	}
	return template.FillOptions{Missing: template.MissingError}, nil
}

// reportUnused warns about values that no placeholder used, or fails with
// strict.
func reportUnused(env Env, tmpl *template.Template, report *template.Report, strict bool) error {
	if report == nil {
		return nil
	}
	msg := tmpl.UnusedMessage(report.Unused)
	if msg == "" {
		return nil
	}
	if strict {
		return fmt.Errorf("%s (--strict)", msg)
	}
	fmt.Fprintf(env.Stderr, "policyexport: warning: %s\n", msg)
	return nil
}

// reportDroppedHTML warns once per place about raw HTML that the outputs
// leave out: every format but JSON drops it, unless --unsafe-html keeps it
// in HTML (the CommonMark profile always does).
func (c *renderConfig) reportDroppedHTML(env Env, name string, doc *ast.Document, formats []render.Format) {
	if c.unsafeHTML || c.profile == "commonmark" || len(formats) == 1 && formats[0] == render.JSON {
		return
	}
	for _, p := range ast.RawHTMLPositions(doc.Blocks) {
		fmt.Fprintf(env.Stderr, "policyexport: warning: %s:%s: raw HTML dropped (--unsafe-html keeps it in HTML)\n", name, p)
	}
}

func (c *renderConfig) renderOptions(env Env, doc *ast.Document, src source) (render.Options, error) {
	var o render.Options
	o.HTML = html.Options{
		Fragment: c.fragment, TOC: c.toc, UnsafeHTML: c.unsafeHTML, Lang: c.lang,
		CommonMark: c.profile == "commonmark", Generator: version.String(),
	}
	if c.cssFile != "" {
		css, err := readInput(env, "--css", c.cssFile, c.maxBytes, "--max-size")
		if err != nil {
			return o, err
		}
		o.HTML.CSS = string(css)
	}
	o.TXT = txt.Options{Width: c.width, CRLF: c.crlf}
	switch c.links {
	case "reference":
		o.TXT.Links = txt.LinksReference
	case "inline":
		o.TXT.Links = txt.LinksInline
	default:
		return o, usagef("--links %q: want reference or inline", c.links)
	}
	if c.width < 20 {
		return o, usagef("--width %d: want at least 20 columns", c.width)
	}
	o.JSON = jsondoc.Options{Compact: c.compact}

	date, _, err := render.DocumentDate(render.DateInputs{Flag: c.date, SourceDateEpoch: env.getenv("SOURCE_DATE_EPOCH"),
		FrontMatter: doc.Meta.Date, FrontMatterPos: src.datePos, LastUpdated: doc.Values["lastUpdated"]})
	var dateErr *render.DateError
	if errors.As(err, &dateErr) {
		return o, withFile(src.name, err)
	} else if err != nil {
		return o, usageError{err}
	}
	o.PDF = pdf.Options{
		Paper: c.paper, Justify: c.justify, TOC: c.toc, NoFooter: c.noFooter, FooterText: c.footer,
		Date: date, Creator: version.String(), MaxPages: c.maxPages,
	}
	switch c.paper {
	case "a4", "letter":
	default:
		return o, usagef("--paper %q: want a4 or letter", c.paper)
	}
	switch c.pdfLinks {
	case "footnote":
		o.PDF.Links = pdf.LinksFootnote
	case "inline":
		o.PDF.Links = pdf.LinksInline
	case "none":
		o.PDF.Links = pdf.LinksNone
	default:
		return o, usagef("--pdf-links %q: want footnote, inline or none", c.pdfLinks)
	}
	if c.maxPages < 1 {
		return o, usagef("--max-pages %d: want at least 1", c.maxPages)
	}
	if c.margin < 0 || c.margin > 80 {
		return o, usagef("--margin %g: want 0 to 80 mm", c.margin)
	}
	if c.margin > 0 {
		o.PDF.Margins = pdf.Margins{Left: c.margin, Right: c.margin, Top: c.margin, Bottom: c.margin}
	}
	switch c.missingImages {
	case "error":
	case "alt":
		o.PDF.MissingImagesAlt = true
	default:
		return o, usagef("--missing-images %q: want error or alt", c.missingImages)
	}
	if c.template != "" && c.template != "-" {
		o.PDF.ImageDir = filepath.Dir(c.template)
	} else {
		o.PDF.ImageDir = "."
	}
	o.HTML.ImageDir, o.HTML.OutDir = o.PDF.ImageDir, c.outDir // batch: no outDir; it sets ImageDir per document
	if c.output == "-" {
		o.HTML.OutDir = "."
	} else if c.output != "" {
		o.HTML.OutDir = filepath.Dir(c.output)
	}
	o.HTML.EmbedImages, o.HTML.MissingImagesAlt = c.embedImages, o.PDF.MissingImagesAlt
	for _, f := range c.fonts {
		data, err := readInput(env, "--font", f, maxFontBytes, "")
		if err != nil {
			return o, err
		}
		o.PDF.Fonts = append(o.PDF.Fonts, data)
	}
	if c.attachSource {
		vals, err := json.MarshalIndent(doc.Values, "", "  ") // keys sorted by encoding/json
		if err != nil {
			return o, fmt.Errorf("--attach-source: %w", err)
		}
		o.PDF.Attachments = []pdf.Attachment{
			{Name: filepath.Base(src.name), Description: "The template this document was rendered from", Content: src.data},
			{Name: "values.json", Description: "The values the template was filled with", Content: append(vals, '\n')},
		}
	}
	return o, nil
}

// positionedError is an error that knows where in the template it arose;
// its message starts with "LINE:COL: ".
type positionedError interface {
	error
	Position() ast.Pos
}

// withFile names the template in err: FILE:LINE:COL: message when err
// carries a template position, else FILE: message.
func withFile(name string, err error) error {
	var p positionedError
	if errors.As(err, &p) && p.Position().IsValid() {
		return fmt.Errorf("%s:%w", name, p)
	}
	return fmt.Errorf("%s: %w", name, err)
}
