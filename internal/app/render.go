package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/options"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/srcerr"
	"github.com/policyexport/policyexport/internal/template"
)

// renderConfig is everything the render command was told.
type renderConfig struct {
	template    string // "" embedded default, "-" stdin
	sets        []string
	valuesFiles []string    // --values, in order: a later file wins
	given       givenValues // where the values come from (loadValues)
	missing     string
	strict      bool
	noTitle     bool     // --no-title-block
	formats     []string // as given: each a name or a comma list
	outDir      string
	output      string
	profile     string
	maxBytes    int
	maxDepth    int
	maxCost     int

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
	baseURL       string
	pdfLinks      string
	margin        *float64 // nil: not given, the default margins
	justify       bool
	noFooter      bool
	footer        string
	fonts         []string
	missingImages string
	date          string
	attachSource  bool
	maxPages      int
	pdfStandard   string

	// flagErr is a value of sharedFlags that sharedConfig refused (an
	// empty file name), returned by normalize.
	flagErr error
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
template's front matter. --values may be repeated: the files are merged in
order, a later file's value for a name over an earlier one's. A value is
always literal text: --set takes everything after the first "=", commas
included. If any placeholder has no value, every missing one is listed as
FILE:LINE:COL and nothing is written (unless --missing=keep).

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
			&cli.StringSliceFlag{Name: "values", Usage: "read values from `FILE` (YAML or JSON, a flat map of strings; \"-\" is standard input); repeatable: files are merged in order, a later file's value over an earlier one's"},
			&cli.StringSliceFlag{Name: "format", Aliases: []string{"f"}, Usage: "`FORMATS` to write: pdf, html, txt, json; repeatable or comma-separated (default: all four, or the one -o's extension names)"},
			&cli.StringFlag{Name: "out", Value: ".", Usage: "write outputs into `DIR`"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write one format to `FILE`, the format named by its extension or --format (\"-\" is standard output and needs --format)"},
			&cli.BoolFlag{Name: "fragment", Category: "HTML", Usage: "write the HTML body only, without <html> and <head>"},
			&cli.BoolFlag{Name: "attach-source", Category: "PDF", Usage: "embed the template and the values (JSON) in the PDF as attachments"},
		}, sharedFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if err := setsWithoutValue(cmd, "set"); err != nil {
				return err
			}
			if err := atMostOneArg(cmd, "template"); err != nil {
				return err
			}
			if err := emptyArg(cmd, emptyTemplate); err != nil {
				return err
			}
			if err := emptyNames(cmd, "values", "out", "output"); err != nil {
				return err
			}
			if err := outIsDir(cmd, "render"); err != nil {
				return err
			}
			if err := outOrOutput(cmd); err != nil {
				return err
			}
			c = sharedConfig(cmd)
			c.template, c.sets, c.valuesFiles = cmd.Args().First(), cmd.StringSlice("set"), cmd.StringSlice("values")
			c.formats, c.outDir, c.output = cmd.StringSlice("format"), cmd.String("out"), cmd.String("output")
			c.fragment, c.attachSource = cmd.Bool("fragment"), cmd.Bool("attach-source")
			return c.run(ctx, env)
		},
	}
}

// outIsDir refuses --out - : --out names a directory, and a user who
// means standard output (as "-" does for -o) would otherwise get a
// directory named "-". command is the command's name, for the message.
func outIsDir(cmd *cli.Command, command string) error {
	if cmd.String("out") != "-" {
		return nil
	}
	if command == "batch" {
		return usagef("--out takes a directory, not -: a batch writes many files and its index (give --out DIR; --log json puts its report on standard output)")
	}
	return usagef("--out takes a directory, not -: for standard output give -o - with one --format, as in %s -f html -o -", command)
}

// outOrOutput refuses -o given more than once ("-o t.pdf -o t.html"
// wrote t.html alone), and --out given with -o, which writes one file
// where it names and so would leave --out unused ("render t.md -o t.txt
// --out site/" wrote ./t.txt, not site/t.txt).
func outOrOutput(cmd *cli.Command) error {
	if n := cmd.Count("output"); n > 1 {
		return usagef("-o is given %d times, but it writes one file: for a file per format give --out DIR (and --format pdf,html for the formats)", n)
	}
	if !cmd.IsSet("out") || !cmd.IsSet("output") {
		return nil
	}
	return usagef("-o and --out do not go together: -o FILE writes one format to FILE, --out DIR a file per format into DIR (for a file in a directory give -o %s)", shellQuote(filepath.Join(cmd.String("out"), filepath.Base(cmd.String("output")))))
}

// atMostOneArg checks that the command got at most one argument.
func atMostOneArg(cmd *cli.Command, what string) error {
	if cmd.NArg() <= 1 {
		return nil
	}
	return usagef("%s takes at most one %s, got %d: %q%s", cmd.Name, what, cmd.NArg(), cmd.Args().Slice(), valuesArgHint(cmd, cmd.Args().Slice()))
}

// valuesArgHint returns, for a command with --values, a hint for the
// first of args that is named as a values file (.yaml, .yml, .json),
// given as an argument where --values was meant ("render terms.md
// acme.yaml"), or "".
func valuesArgHint(cmd *cli.Command, args []string) string {
	if lookupFlag(cmd, "values") == nil {
		return ""
	}
	for _, a := range args {
		if isValuesName(a) {
			return fmt.Sprintf(" (is %s a values file? give it with --values %s)", a, shellQuote(a))
		}
	}
	return ""
}

// sharedFlags are the flags of render and batch alike: how templates are
// read and filled, and every backend option.
func sharedFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "missing", Value: "error", Usage: "`MODE` for a placeholder without a value: error, or keep (left as written)"},
		&cli.BoolFlag{Name: "strict", Usage: "a value that no placeholder uses is an error, not a warning"},
		&cli.BoolFlag{Name: "no-title-block", Usage: "leave out the title block: the front matter's title as the first, level-1 heading of a document whose body has no level-1 heading"},
		&cli.StringFlag{Name: "profile", Value: "default", Usage: "Markdown `DIALECT`: default (GFM, footnotes, typographer, placeholders) or commonmark (plain CommonMark 0.31.2, body-only HTML)"},
		&cli.IntFlag{Name: "max-size", Value: defaultMaxBytes, Usage: "refuse templates, values files and stylesheets larger than `BYTES`, and HTML pages whose --embed-images images add up to more"},
		&cli.IntFlag{Name: "max-depth", Value: template.DefaultMaxDepth, Usage: "refuse lists, block quotes, emphasis and links nested deeper than `N`"},
		&cli.IntFlag{Name: "max-cost", Value: template.DefaultMaxCost, Usage: "refuse paragraphs so full of brackets, backquotes and * _ ~ [ ( < that parsing would cost more than `N` steps (about a second per 2e8)"},

		&cli.StringFlag{Name: "lang", Value: "en", Category: "HTML", Usage: "document language, a BCP 47 `TAG` (en, de-CH), when the front matter (or manifest) names none: the HTML lang, and the language of fixed text (PDF footer, contents, \"Links\") and {name|date} in every format"},
		&cli.BoolFlag{Name: "toc", Category: "HTML and PDF", Usage: "add a table of contents"},
		&cli.StringFlag{Name: "css", Category: "HTML", Usage: "use the stylesheet in `FILE` instead of the built-in one"},
		&cli.BoolFlag{Name: "unsafe-html", Category: "HTML", Usage: "pass raw HTML from the template through (it is dropped by default)"},
		&cli.BoolFlag{Name: "embed-images", Category: "HTML", Usage: "embed local images as data: URLs (default: paths rewritten relative to the HTML file; with -o - relative to the current directory)"},

		&cli.IntFlag{Name: "width", Value: 72, Category: "Plain text", Usage: "wrap plain text at `COLUMNS` (display width)"},
		&cli.BoolFlag{Name: "crlf", Category: "Plain text", Usage: "end plain-text lines with CRLF, for email bodies"},
		&cli.StringFlag{Name: "links", Value: "reference", Category: "Plain text", Usage: "how plain text shows link URLs, a `STYLE`: reference ([1] and a list at the end) or inline (text <url>)"},

		&cli.BoolFlag{Name: "compact", Category: "JSON", Usage: "write JSON on one line"},

		&cli.StringFlag{Name: "paper", Value: "a4", Category: "PDF", Usage: "paper `SIZE`: a4 or letter"},
		&cli.StringFlag{Name: "base-url", Category: "PDF and plain text", Usage: "resolve relative links (/privacy, terms.html) against `URL`, the address of the page they are relative to (https://acme.example/legal/, or {siteUrl}/legal/ from each document's values), in the PDF and plain text, which are read away from the site; the HTML and JSON keep them as written"},
		&cli.StringFlag{Name: "pdf-links", Value: "footnote", Category: "PDF", Usage: "how the PDF shows external link destinations on paper, a `STYLE`: footnote ([1] and a list at the end), inline (text <url>) or none"},
		&cli.FloatFlag{Name: "margin", Category: "PDF", Usage: "page margin on every side in `MM`, 0 to 80 (0: none)", DefaultText: defaultMarginsText()},
		&cli.BoolFlag{Name: "justify", Category: "PDF", Usage: "justify paragraphs"},
		&cli.BoolFlag{Name: "no-footer", Category: "PDF", Usage: "leave out the page footer"},
		&cli.StringFlag{Name: "footer", Category: "PDF", Usage: "footer `TEXT`, centred, with {title}, {page}, {pages} and any value ('{siteName} · {page}/{pages}'; default: the title, and \"Page {page} of {pages}\" in the document's language)"},
		&cli.StringSliceFlag{Name: "font", Category: "PDF", Usage: "add a TrueType fallback font `FILE.ttf` for characters the built-in fonts lack, or face N of a TrueType collection with FILE.ttc#N (repeatable)"},
		&cli.StringFlag{Name: "missing-images", Value: "error", Category: "HTML and PDF", Usage: "`MODE` for a missing or unusable image (PDF, and HTML with --embed-images): error, or alt (write its alt text)"},
		&cli.IntFlag{Name: "max-pages", Value: pdf.DefaultMaxPages, Category: "PDF", Usage: "refuse documents whose PDF would have more than `N` pages (or draw more than 500 text runs, rules and boxes a page on average)"},
		&cli.StringFlag{Name: "pdf-standard", Category: "PDF", Usage: "write the PDF to the standards in `LIST`: one PDF/A level of a-1b, a-2b, a-2u, a-3b, a-3u, and/or ua-1 (for example a-3u,ua-1)"},
		&cli.StringFlag{Name: "date", Category: "PDF", Usage: "document `DATE` (2006-01-02 or RFC 3339); default SOURCE_DATE_EPOCH, else the front matter date, else the lastUpdated value, else 2000-01-01"},
	}
}

// sharedFlagError is the usage error for a value of sharedFlags given
// as "", which the configuration would take for "not given": a file
// name (--css "", --font "") or --lang "".
func sharedFlagError(cmd *cli.Command) error {
	if err := emptyNames(cmd, "css", "font"); err != nil {
		return err
	}
	if cmd.IsSet("lang") && cmd.String("lang") == "" {
		return usagef(`--lang "": not a BCP 47 language tag (for example en, de-CH, pt-BR, zh-Hant)`)
	}
	return nil
}

// langFlag returns --lang's value, or "" when it is not given: the
// document then names no language unless its front matter does (its
// outputs are in English, --lang's default, all the same).
func langFlag(cmd *cli.Command) string {
	if !cmd.IsSet("lang") {
		return ""
	}
	return cmd.String("lang")
}

// defaultMarginsText describes the PDF's default margins for --margin's
// help: "25 left and right, 20 top, 25 bottom".
func defaultMarginsText() string {
	m := pdf.DefaultMargins()
	return fmt.Sprintf("%g left and right, %g top, %g bottom", m.Left, m.Top, m.Bottom)
}

// marginFlag returns --margin's value, or nil when it is not given: 0
// is a margin of 0, not the default.
func marginFlag(cmd *cli.Command) *float64 {
	if !cmd.IsSet("margin") {
		return nil
	}
	return new(cmd.Float("margin"))
}

// sharedConfig reads the flags of sharedFlags. A value it cannot take
// (sharedFlagError) is kept as flagErr, which normalize returns.
func sharedConfig(cmd *cli.Command) renderConfig {
	return renderConfig{
		flagErr: sharedFlagError(cmd),
		missing: cmd.String("missing"), strict: cmd.Bool("strict"), noTitle: cmd.Bool("no-title-block"), profile: cmd.String("profile"),
		maxBytes: cmd.Int("max-size"), maxDepth: cmd.Int("max-depth"), maxCost: cmd.Int("max-cost"),
		lang: langFlag(cmd), toc: cmd.Bool("toc"), cssFile: cmd.String("css"), unsafeHTML: cmd.Bool("unsafe-html"), embedImages: cmd.Bool("embed-images"),
		width: cmd.Int("width"), crlf: cmd.Bool("crlf"), links: cmd.String("links"), compact: cmd.Bool("compact"),
		paper: cmd.String("paper"), pdfLinks: cmd.String("pdf-links"), margin: marginFlag(cmd), justify: cmd.Bool("justify"),
		noFooter: cmd.Bool("no-footer"), footer: cmd.String("footer"), fonts: cmd.StringSlice("font"),
		missingImages: cmd.String("missing-images"), date: cmd.String("date"), maxPages: cmd.Int("max-pages"),
		pdfStandard: cmd.String("pdf-standard"), baseURL: cmd.String("base-url"),
	}
}

func (c *renderConfig) run(ctx context.Context, env Env) error {
	if err := checkTargets(c.output, c.outDir, c.template); err != nil {
		return err
	}
	formats, err := c.outputFormats()
	if err != nil {
		return err
	}
	if err := c.normalize(); err != nil {
		return err
	}
	warnFooterLookalikes(env, c.footer)
	warnLangCountry(env, c.lang)
	inputs := append([][2]string{{"the template", c.template}}, named("--values", c.valuesFiles)...)
	if err := oneStdin(append(inputs, c.stdinFlags()...)...); err != nil {
		return err
	}
	if err := c.checkLimits(); err != nil {
		return err
	}
	given, err := loadValues(env, "--values", c.valuesFiles, "--set", c.sets, c.maxBytes)
	if err != nil {
		return err
	}
	c.given = given
	vals := given.vals
	src, err := readSource(env, c.template, c.maxBytes)
	if err != nil {
		return err
	}
	input := len(src.data)
	for k, v := range vals {
		input += len(k) + len(v)
	}
	defer oneDocumentGCPercent(env, input)()
	opts, err := c.options(env)
	if err != nil {
		return err
	}
	opts.Formats = formats
	r, err := policyexport.New(opts)
	if err != nil {
		return err
	}
	tmpl, err := r.ParseIn(src.name, src.data, c.imageDir())
	if err != nil {
		return err
	}
	// SIGINT or SIGTERM (ctx) stops the rendering between blocks and
	// pages, and nothing is written.
	res, err := r.RenderResultContext(ctx, tmpl, vals)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted before writing: %w", err)
	}
	if res != nil {
		printWarnings(env, c.given.placed(inFileOrder(res.Warnings)))
	}
	if err != nil {
		return c.renderError(c.given.givenAt(tmpl, err))
	}
	outs := make([]render.Output, len(formats))
	for i, f := range formats {
		outs[i] = render.Output{Format: f, Data: res.Outputs[f]}
	}
	return c.write(env, src, outs)
}

// renderError is the command's error for the library's err: how to give
// missing values, and the flags' names for what the library names as
// options.
func (c *renderConfig) renderError(err error) error {
	var missing *policyexport.MissingValuesError
	var unused *policyexport.UnusedValuesError
	var footer *policyexport.FooterFieldError
	switch {
	case errors.As(err, &missing):
		return fmt.Errorf("%w\n%s", err, howToGiveUnset(missing.Names(), c.template, c.given.unset))
	case errors.As(err, &unused):
		if places := c.given.unusedPlaces(unused.Names); places != "" {
			return fmt.Errorf("%s (--strict)\n%s", unused.Error(), places)
		}
		return fmt.Errorf("%s (--strict)", unused.Error())
	case errors.As(err, &footer):
		return usagef("--footer %q: %s", footer.Footer, footer.Reason())
	}
	return err
}

// inFileOrder returns the warnings of one template in the order of their
// places in it, as a compiler lists them (the library groups them by
// kind), those without a place (unused values) first.
func inFileOrder(ws []policyexport.Warning) []policyexport.Warning {
	return slices.SortedStableFunc(slices.Values(ws), func(a, b policyexport.Warning) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
}

// warnFooterLookalikes warns of each field of the --footer text written
// as a placeholder typed with spaces or in two pairs of braces ("{
// siteUrl }", "{{siteUrl}}", "{site url}"): it stays in the footer as
// written, which is seldom what was meant, and the warning says what to
// write.
func warnFooterLookalikes(env Env, footer string) {
	for i := 0; i < len(footer); i++ {
		if footer[i] != '{' {
			continue
		}
		if n, msg := template.Lookalike(footer[i:], "field"); n > 0 {
			fmt.Fprintf(env.Stderr, "policyexport: warning: --footer %q: %s (it stays in the footer as written)\n", footer, msg)
			i += n - 1
		}
	}
}

// warnLangCountry warns of a --lang that is a language's code and also
// a country's, the country's being meant more often: "--lang se" is
// Northern Sami, whose labels and dates are English, where Swedish (sv)
// was most likely meant. A tag that is no language at all (dk) is
// refused by normalize, with the same hint.
func warnLangCountry(env Env, lang string) {
	if hint, valid := l10n.CountryHint(lang); valid {
		fmt.Fprintf(env.Stderr, "policyexport: warning: --lang %q: %s (with %s, the outputs say the document is in %s, and write its labels and dates in %s)\n",
			lang, hint, lang, lang, l10n.Match(lang).Code())
	}
}

// printWarnings prints the library's warnings as the command words
// them.
func printWarnings(env Env, ws []policyexport.Warning) {
	for _, w := range ws {
		// The library's words, with the flags for its options.
		fmt.Fprintf(env.Stderr, "policyexport: warning: %s\n", options.CommandWording(w.Message))
	}
}

// imageDir is the directory the template's relative image paths resolve
// against: the template's, or the working directory.
func (c *renderConfig) imageDir() string {
	if c.template != "" && c.template != "-" {
		return filepath.Dir(c.template)
	}
	return "."
}

// stdinFlags are the flags of sharedFlags that name an input file, each
// with its value, for oneStdin.
func (c *renderConfig) stdinFlags() [][2]string {
	return append([][2]string{{"--css", c.cssFile}}, named("--font", c.fonts)...)
}

// named pairs each of the values given to a repeatable flag with the
// flag's name, for oneStdin.
func named(flag string, given []string) [][2]string {
	out := make([][2]string, len(given))
	for i, g := range given {
		out[i] = [2]string{flag, g}
	}
	return out
}

// oneStdin checks that at most one of inputs, each a name for messages
// and the path given, is standard input ("-"): the first would read it
// all and leave the next nothing.
func oneStdin(inputs ...[2]string) error {
	var names []string
	for _, in := range inputs {
		if in[1] == "-" {
			names = append(names, in[0])
		}
	}
	if len(names) < 2 {
		return nil
	}
	switch {
	case len(names) == 2 && names[0] == names[1]:
		return usagef("%s - is given twice, but standard input can be read only once; give a file", names[0])
	case len(names) == 2:
		return usagef("%s and %s cannot both be standard input (\"-\"); give one of them as a file", names[0], names[1])
	}
	return usagef("%s and %s cannot all be standard input (\"-\"); give all but one of them as files", strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
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
	case formats == nil && !ok && isMarkdownName(c.output):
		// "render -o terms.md": the template taken for the output.
		return nil, usagef("-o %s: the extension %q names no format (.pdf, .html, .htm, .txt, .json); -o names the output: is %s the template? give it as an argument, and -o a file such as %s", c.output, ext, c.output, shellQuote(strings.TrimSuffix(c.output, ext)+".pdf"))
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
// It first returns the error sharedConfig kept (an empty file name).
func (c *renderConfig) normalize() error {
	if c.flagErr != nil {
		return c.flagErr
	}
	choices := []struct {
		flag  string
		value *string
		names []string
	}{
		{"--profile", &c.profile, flagChoices["profile"]},
		{"--missing", &c.missing, flagChoices["missing"]},
		{"--links", &c.links, flagChoices["links"]},
		{"--paper", &c.paper, flagChoices["paper"]},
		{"--pdf-links", &c.pdfLinks, flagChoices["pdf-links"]},
		{"--missing-images", &c.missingImages, flagChoices["missing-images"]},
	}
	for _, ch := range choices {
		v, err := choice(ch.flag, *ch.value, ch.names...)
		if err != nil {
			return err
		}
		*ch.value = v
	}
	if c.lang != "" {
		tag, err := l10n.Tag(c.lang)
		if err != nil {
			if hint, _ := l10n.CountryHint(c.lang); hint != "" {
				return usagef("--lang %q: not a BCP 47 language tag: %s", c.lang, hint)
			}
			return usagef("--lang %q: not a BCP 47 language tag (for example en, de-CH, pt-BR, zh-Hant)", c.lang)
		}
		c.lang = tag
	}
	if c.baseURL != "" {
		if err := options.CheckBaseURL(c.baseURL); err != nil {
			return usagef("--base-url %q: %v", c.baseURL, err)
		}
	}
	if c.noFooter && c.footer != "" {
		return usagef("--footer %q and --no-footer contradict each other: give one (--footer is the footer's text, --no-footer leaves it out)", c.footer)
	}
	std, err := pdf.ParseStandard(c.pdfStandard)
	if err != nil {
		return usagef("--pdf-standard %q: %v", c.pdfStandard, err)
	}
	if c.attachSource && !std.AllowsAttachments() {
		return usagef("--attach-source with --pdf-standard %s: %v", std, std.AttachmentError())
	}
	c.pdfStandard = std.String()
	return nil
}

// atLeast checks that the whole-number flag's value is at least min.
func atLeast(flag string, value, min int) error {
	if value < min {
		return usagef("%s %d: want at least %d", flag, value, min)
	}
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
// how to give them: --set with the first few names, or --values, and for
// the embedded template the init command that writes it with a values
// file to edit, for another the vars command that lists its placeholders.
func howToGive(missing []string, templatePath string) string {
	var sets []string
	for i, n := range missing {
		if i == 3 {
			sets = append(sets, "…")
			break
		}
		sets = append(sets, "--set "+n+"=…")
	}
	if templatePath == "" {
		return fmt.Sprintf("give them with %s, --values FILE, or 'policyexport init' (it writes this template and a values file of every placeholder, to edit)", strings.Join(sets, " "))
	}
	vars := "policyexport vars " + shellQuote(templatePath)
	// The command in quotes, as (see 'policyexport --help'), unless its
	// path is quoted itself: then in double quotes, not in '…'…'…'.
	quoted := "'" + vars + "'"
	if strings.Contains(vars, "'") {
		quoted = `"` + vars + `"`
	}
	return fmt.Sprintf("give them with %s or --values FILE (%s lists every placeholder, or --missing=keep leaves them as written)", strings.Join(sets, " "), quoted)
}

// howToGiveUnset is howToGive, but says first to fill in the missing
// values that a --values file leaves null (unset, from loadValues), as
// init writes every name ("siteName: ~"): after init, the flags were no
// help to one who had given --values.
func howToGiveUnset(missing []string, templatePath string, unset map[string]string) string {
	var files []string
	byFile := map[string][]string{}
	var rest []string
	for _, n := range missing {
		f, ok := unset[n]
		if !ok {
			rest = append(rest, n)
			continue
		}
		if byFile[f] == nil {
			files = append(files, f)
		}
		byFile[f] = append(byFile[f], n)
	}
	var lines []string
	for _, f := range files {
		lines = append(lines, fmt.Sprintf("fill in %s in %s (~ there is no value yet)", strings.Join(byFile[f], ", "), f))
	}
	if len(rest) > 0 {
		lines = append(lines, howToGive(rest, templatePath))
	}
	if isValuesName(templatePath) {
		lines = append(lines, fmt.Sprintf("(%s was read as the template: is it a values file? give it with --values, and the template as the argument)", templatePath))
	}
	return strings.Join(lines, "\n")
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+,:@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// checkLimits checks the limit flags: each is at least 1 (0 would mean
// the default to the library, not what the user typed).
func (c *renderConfig) checkLimits() error {
	for _, n := range []struct {
		flag  string
		value int
	}{{"--max-size", c.maxBytes}, {"--max-depth", c.maxDepth}, {"--max-cost", c.maxCost}, {"--max-pages", c.maxPages}} {
		if err := atLeast(n.flag, n.value, 1); err != nil {
			return err
		}
	}
	if c.width < 20 {
		return usagef("--width %d: want at least 20 columns", c.width)
	}
	if m := c.margin; m != nil && !(*m >= 0 && *m <= 80) { // NaN too
		return usagef("--margin %g: want 0 to 80 mm", *m)
	}
	return nil
}

// options turns the flags, checked by normalize and checkLimits, into
// the library's Options: it reads --css and --font, and decides the date
// of --date, else SOURCE_DATE_EPOCH (a nil Date leaves each document
// its own). The library maps them to the backends, for render, batch
// and diff alike.
func (c *renderConfig) options(env Env) (policyexport.Options, error) {
	o := policyexport.Options{
		CommonMark: c.profile == "commonmark", MaxBytes: c.maxBytes, MaxDepth: c.maxDepth, MaxCost: c.maxCost,
		KeepMissing: c.missing == "keep", Strict: c.strict, NoTitleBlock: c.noTitle,
		Lang: c.lang, TOC: c.toc, Fragment: c.fragment, UnsafeHTML: c.unsafeHTML, EmbedImages: c.embedImages,
		HTMLOutDir: c.outDir,
		Width:      c.width, CRLF: c.crlf, InlineLinks: c.links == "inline", Compact: c.compact,
		Paper: c.paper, Margin: c.margin, Justify: c.justify, Footer: c.footer, NoFooter: c.noFooter,
		MissingImagesAlt: c.missingImages == "alt", MaxPages: c.maxPages,
		PDFStandard: c.pdfStandard, AttachSource: c.attachSource, PDFLinks: c.pdfLinks,
		BaseURL: c.baseURL,
	}
	switch {
	case c.output == "-":
		o.HTMLOutDir = "."
	case c.output != "":
		o.HTMLOutDir = filepath.Dir(c.output)
	}
	if c.cssFile != "" {
		css, err := readInput(env, "--css", c.cssFile, c.maxBytes, "--max-size")
		if err != nil {
			return o, err
		}
		if err := html.CheckCSS(string(css)); err != nil {
			return o, fmt.Errorf("--css %s: %w", c.cssFile, err)
		}
		o.CSS = string(css)
	}
	date, src, err := render.DocumentDate(render.DateInputs{Flag: c.date, SourceDateEpoch: env.getenv("SOURCE_DATE_EPOCH")})
	if err != nil {
		return o, usageError{err}
	}
	if src != render.DateEpoch {
		o.Date = &date
	}
	for _, f := range c.fonts {
		data, err := readFont(env, f)
		if err != nil {
			return o, err
		}
		o.Fonts = append(o.Fonts, data)
	}
	return o, nil
}

// backendOptions returns the parse, fill and backend options of opts
// through the library's one mapping (package options), for the commands
// that drive package batch or redline themselves.
func backendOptions(opts policyexport.Options) (template.Options, template.FillOptions, render.Options, error) {
	o := options.Options(opts)
	ro, lang, err := o.Backend()
	return o.Template(), o.Fill(lang), ro, err
}

// withFile names the template in err (srcerr.InFile): FILE:LINE:COL:
// message when err carries a template position, else FILE: message.
func withFile(name string, err error) error { return srcerr.InFile(name, err) }
