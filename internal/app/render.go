package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

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
	formats    string
	outDir     string
	output     string
	profile    string
	maxBytes   int
	maxDepth   int
	maxCost    int

	lang       string
	fragment   bool
	toc        bool
	cssFile    string
	unsafeHTML bool

	width int
	crlf  bool
	links string

	compact bool

	paper         string
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
NAME is the template's file name without its extension.

Values fill the {placeholders}: --set wins over --values, which wins over the
template's front matter. A value is always literal text. If any placeholder
has no value, every missing one is listed as FILE:LINE:COL and nothing is
written (unless --missing=keep).

Examples:
   policyexport render --set siteName="Acme Imaging" --set email=privacy@acme.example \
       --set lastUpdated=2026-11-28 --out out/
   policyexport render --values acme.yaml --format html,txt terms.md
   policyexport render --values acme.yaml --format txt -o - | mail -s Policy team@acme.example
   policyexport render --profile commonmark --format html -o - - < spec-example.md`,
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "set", Usage: "set a placeholder value, `KEY=VALUE` (repeatable)"},
			&cli.StringFlag{Name: "values", Usage: "read values from `FILE` (YAML or JSON, a flat map of strings)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "pdf,html,txt,json", Usage: "comma-separated `FORMATS` to write: pdf, html, txt, json"},
			&cli.StringFlag{Name: "out", Value: ".", Usage: "write outputs into `DIR`"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the one format to `FILE` (\"-\" is standard output)"},
			&cli.BoolFlag{Name: "fragment", Category: "HTML", Usage: "write the HTML body only, without <html> and <head>"},
			&cli.BoolFlag{Name: "attach-source", Category: "PDF", Usage: "embed the template and the values (JSON) in the PDF as attachments"},
		}, sharedFlags()...),
		Action: func(ctx *cli.Context) error {
			if err := atMostOneArg(ctx, "template"); err != nil {
				return err
			}
			c = sharedConfig(ctx)
			c.template, c.sets, c.valuesFile = ctx.Args().First(), ctx.StringSlice("set"), ctx.String("values")
			c.formats, c.outDir, c.output = ctx.String("format"), ctx.String("out"), ctx.String("output")
			c.fragment, c.attachSource = ctx.Bool("fragment"), ctx.Bool("attach-source")
			return c.run(ctx.Context, env)
		},
	}
}

// atMostOneArg checks that the command got at most one argument; a flag
// written after it (which urfave/cli does not parse there) gets a hint.
func atMostOneArg(ctx *cli.Context, what string) error {
	if ctx.NArg() <= 1 {
		return nil
	}
	for _, a := range ctx.Args().Tail() {
		if strings.HasPrefix(a, "-") && a != "-" {
			return usagef("%s: flags must come before the %s (got %q after it)", ctx.Command.Name, what, a)
		}
	}
	return usagef("%s takes at most one %s, got %d", ctx.Command.Name, what, ctx.NArg())
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

		&cli.StringFlag{Name: "lang", Value: "en", Category: "HTML", Usage: "document language when the front matter (or manifest) names none"},
		&cli.BoolFlag{Name: "toc", Category: "HTML and PDF", Usage: "add a table of contents"},
		&cli.StringFlag{Name: "css", Category: "HTML", Usage: "use the stylesheet in `FILE` instead of the built-in one"},
		&cli.BoolFlag{Name: "unsafe-html", Category: "HTML", Usage: "pass raw HTML from the template through (it is dropped by default)"},

		&cli.IntFlag{Name: "width", Value: 72, Category: "Plain text", Usage: "wrap plain text at `COLUMNS` (display width)"},
		&cli.BoolFlag{Name: "crlf", Category: "Plain text", Usage: "end plain-text lines with CRLF, for email bodies"},
		&cli.StringFlag{Name: "links", Value: "reference", Category: "Plain text", Usage: "how plain text shows link URLs: reference ([1] and a list at the end) or inline (text <url>)"},

		&cli.BoolFlag{Name: "compact", Category: "JSON", Usage: "write JSON on one line"},

		&cli.StringFlag{Name: "paper", Value: "a4", Category: "PDF", Usage: "paper size: a4 or letter"},
		&cli.Float64Flag{Name: "margin", Category: "PDF", Usage: "page margin on every side in `MM` (default: 25 left and right, 20 top, 25 bottom)"},
		&cli.BoolFlag{Name: "justify", Category: "PDF", Usage: "justify paragraphs"},
		&cli.BoolFlag{Name: "no-footer", Category: "PDF", Usage: "leave out the page footer"},
		&cli.StringFlag{Name: "footer", Category: "PDF", Usage: "footer `TEXT`, with {title}, {page} and {pages} (default \"{title} — Page {page} of {pages}\")"},
		&cli.StringSliceFlag{Name: "font", Category: "PDF", Usage: "add a TrueType fallback font `FILE.ttf` for characters the built-in fonts lack (repeatable)"},
		&cli.StringFlag{Name: "missing-images", Value: "error", Category: "PDF", Usage: "what a missing image does: error or alt (write its alt text)"},
		&cli.IntFlag{Name: "max-pages", Value: pdf.DefaultMaxPages, Category: "PDF", Usage: "refuse documents whose PDF would have more than `N` pages (or draw more than 500 text runs, rules and boxes a page on average)"},
		&cli.StringFlag{Name: "date", Category: "PDF", Usage: "document `DATE` (2006-01-02 or RFC 3339); default SOURCE_DATE_EPOCH, else the lastUpdated value, else 2000-01-01"},
	}
}

// sharedConfig reads the flags of sharedFlags.
func sharedConfig(ctx *cli.Context) renderConfig {
	return renderConfig{
		missing: ctx.String("missing"), strict: ctx.Bool("strict"), profile: ctx.String("profile"),
		maxBytes: ctx.Int("max-size"), maxDepth: ctx.Int("max-depth"), maxCost: ctx.Int("max-cost"),
		lang: ctx.String("lang"), toc: ctx.Bool("toc"), cssFile: ctx.String("css"), unsafeHTML: ctx.Bool("unsafe-html"),
		width: ctx.Int("width"), crlf: ctx.Bool("crlf"), links: ctx.String("links"), compact: ctx.Bool("compact"),
		paper: ctx.String("paper"), margin: ctx.Float64("margin"), justify: ctx.Bool("justify"),
		noFooter: ctx.Bool("no-footer"), footer: ctx.String("footer"), fonts: ctx.StringSlice("font"),
		missingImages: ctx.String("missing-images"), date: ctx.String("date"), maxPages: ctx.Int("max-pages"),
	}
}

func (c *renderConfig) run(ctx context.Context, env Env) error {
	formats, err := render.ParseFormats(c.formats)
	if err != nil {
		return usageError{err}
	}
	if c.output != "" && len(formats) != 1 {
		return usagef("-o writes one format, but %d were asked for (use --format with one name, or --out DIR)", len(formats))
	}
	topts, err := c.templateOptions()
	if err != nil {
		return err
	}
	fopts, err := parseMissing(c.missing)
	if err != nil {
		return err
	}
	vals, err := loadValues(c.valuesFile, c.sets, c.maxBytes)
	if err != nil {
		return err
	}
	tmpl, src, err := parseTemplate(env, c.template, topts)
	if err != nil {
		return err
	}
	doc, report, err := fillSafely(tmpl, src.name, vals, fopts)
	if err != nil {
		return err
	}
	if err := reportUnused(env, src.name, report, c.strict); err != nil {
		return err
	}
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
	switch c.profile {
	case "default":
		opts.Profile = template.ProfileDefault
	case "commonmark":
		opts.Profile = template.ProfileCommonMark
	default:
		return opts, usagef("--profile %q: want default or commonmark", c.profile)
	}
	return opts, nil
}

func parseMissing(s string) (template.FillOptions, error) {
	switch s {
	case "error":
		return template.FillOptions{Missing: template.MissingError}, nil
	case "keep":
		return template.FillOptions{Missing: template.MissingKeep}, nil
	}
	return template.FillOptions{}, usagef("--missing %q: want error or keep", s)
}

// reportUnused warns about values that no placeholder used, or fails with
// strict.
func reportUnused(env Env, name string, report *template.Report, strict bool) error {
	if report == nil || len(report.Unused) == 0 {
		return nil
	}
	var names []string
	for _, n := range report.Unused {
		names = append(names, "{"+n+"}")
	}
	msg := fmt.Sprintf("%s: %d value(s) not used by any placeholder: %s", name, len(names), strings.Join(names, ", "))
	if strict {
		return fmt.Errorf("%s (--strict)", msg)
	}
	fmt.Fprintf(env.Stderr, "policyexport: warning: %s\n", msg)
	return nil
}

func (c *renderConfig) renderOptions(env Env, doc *ast.Document, src source) (render.Options, error) {
	var o render.Options
	o.HTML = html.Options{
		Fragment: c.fragment, TOC: c.toc, UnsafeHTML: c.unsafeHTML, Lang: c.lang,
		CommonMark: c.profile == "commonmark", Generator: version.String(),
	}
	if c.cssFile != "" {
		css, err := os.ReadFile(c.cssFile)
		if err != nil {
			return o, fmt.Errorf("--css: %w", err)
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

	date, _, err := render.DocumentDate(c.date, env.getenv("SOURCE_DATE_EPOCH"), doc.Values["lastUpdated"])
	if err != nil {
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
	for _, f := range c.fonts {
		data, err := os.ReadFile(f)
		if err != nil {
			return o, fmt.Errorf("--font: %w", err)
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
