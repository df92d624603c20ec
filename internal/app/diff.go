package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/internal/atomicfile"
	"github.com/policyexport/policyexport/internal/redline"
	"github.com/policyexport/policyexport/internal/render"
)

// ExitInputWithExitCode is diff --exit-code's exit code for bad input or
// a failed render or write: with --exit-code, 1 means "changes found"
// (as git diff --exit-code), so input errors move to 3.
const ExitInputWithExitCode = 3

// notice is diff's format beyond render's: the email notice of the
// sections that changed, as plain text.
const notice = "notice"

// diffConfig is everything the diff command was told: render's flags for
// reading, filling and writing, and its own.
type diffConfig struct {
	renderConfig
	old, new   string // the two templates: "" embedded default, "-" stdin
	gitRev     string // --git: OLD is NEW's path at this revision
	newSets    []string
	newValues  []string // --new-values, in order
	exitCode   bool
	sideBySide bool
	manifest   bool // OLD and NEW are manifests
	keepStale  bool // --keep-stale: keep the redlines the previous index lists and this run does not write
	notice     bool // -f notice was given
}

func diffCommand(env Env) *cli.Command {
	var c diffConfig
	return &cli.Command{
		Name:      "diff",
		Usage:     "show what changed between two versions of a template: a redline in plain text, HTML, PDF and JSON",
		ArgsUsage: "OLD NEW | --git REV NEW",
		Description: `Compares two templates, OLD and NEW (each a file, "-" for standard input,
or "default" for the embedded privacy policy), filled with the same values
(--set, --values) unless --new-set or --new-values give NEW values of its
own: a changed value is a change. It compares the documents a reader
reads, not the Markdown: blocks first, then the words inside changed
blocks, so one changed word is one small change, with its section.

Writes the redline of NEW into OUT/NAME.diff.pdf, .html, .txt and .json
(NAME is NEW's file name without its extension): plain text marks changes
as git diff --word-diff does ([-old-]{+new+}; text that would read as a
mark is escaped with a backslash, \{+) and ends with a summary by
section; HTML uses <del> and <ins> with the summary first and links to
each change; the PDF, its summary first and linked as HTML's, strikes
deleted words through in red, underlines inserted ones in blue and marks
changed lines with a bar in the margin;
JSON lists every change with its kind, section and place. A moved
paragraph is marked at both ends, "[Moved to SECTION]" and "[Moved here
from SECTION]", each linked to the other in HTML and the PDF. A paragraph
too long to compare word by word in bounded work (its versions have over
4,000 words and spaces together) is compared sentence by sentence first,
and a run of over 4,000 blocks in pieces: each is a warning at its place
in NEW ("policyexport: warning: new.md:9:1: compared sentence by
sentence, ..."), five at most, then one that counts the rest. -f notice
writes NAME.notice.txt, a short text for the email that tells users which
sections changed and when the new version takes effect.

--git REV takes OLD from NEW's path at the git revision REV (git show
REV:./NEW), so CI can diff a pull request against main. --side-by-side puts
the old version beside the new one in the HTML.

--manifest OLD NEW compares every document two batch manifests share (or,
with --git REV MANIFEST, a manifest and its templates as they were at REV)
and writes OUT/DOCUMENT.diff.EXT only for the documents that changed, and
OUT/index.json: which documents changed and how much, which were added and
which removed. Each document's values are its manifests' (no --set,
--values, --new-set or --new-values). The redlines that the previous
index in OUT lists and this run does not write (a document no longer in
the manifests or no longer changed, a format no longer asked for) are
removed, as batch removes its stale files; --keep-stale keeps them.

Exit status, as git diff: 0 whether or not anything changed, 1 for bad
input, 2 for a usage error. With --exit-code: 0 for no change, 1 for
changes, 2 for a usage error and 3 for bad input or a failed write.

Examples:
   policyexport diff old/privacy.md privacy.md --values acme.yaml --out review/
   policyexport diff --git origin/main privacy.md --values acme.yaml -f txt -o -
   policyexport diff default privacy.md --values acme.yaml -f json -o - | jq '.changes[].section'
   policyexport diff privacy.md privacy.md --values old.yaml --new-values new.yaml -f notice -o -
   policyexport diff --exit-code --git HEAD~1 privacy.md --values acme.yaml -f txt -o /dev/null
   policyexport diff --manifest --git origin/main sites.yaml -f html,json --out redlines/`,
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "set", Usage: "set a placeholder value of both versions, `KEY=VALUE` (repeatable)"},
			&cli.StringSliceFlag{Name: "values", Usage: "read the values of both versions from `FILE` (YAML or JSON; \"-\" is standard input); repeatable: files are merged in order, a later file's value over an earlier one's"},
			&cli.StringSliceFlag{Name: "new-set", Usage: "set a placeholder value of NEW only, `KEY=VALUE`, over the others (repeatable)"},
			&cli.StringSliceFlag{Name: "new-values", Usage: "read NEW's values from `FILE` instead of --values; repeatable, as --values"},
			&cli.StringFlag{Name: "git", Usage: "take OLD from NEW's path at the git revision `REV`"},
			&cli.BoolFlag{Name: "side-by-side", Category: "HTML", Usage: "show the old and the new version in two columns, after the summary"},
			&cli.BoolFlag{Name: "manifest", Usage: "OLD and NEW are batch manifests: write a redline for each document that changed, and index.json"},
			&cli.BoolFlag{Name: "keep-stale", Usage: "with --manifest: keep the redlines that the previous index in --out lists and this run does not write (default: remove them)"},
			&cli.BoolFlag{Name: "exit-code", Usage: "exit 1 when anything changed and 0 when nothing did (bad input is then 3)"},
			&cli.StringSliceFlag{Name: "format", Aliases: []string{"f"}, Usage: "`FORMATS` to write: pdf, html, txt, json, notice; repeatable or comma-separated (default: pdf, html, txt and json)"},
			&cli.StringFlag{Name: "out", Value: ".", Usage: "write outputs into `DIR`"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write one format to `FILE`, taken from its extension unless --format names it (NAME.notice.txt: the notice; \"-\" is standard output and needs --format)"},
		}, sharedFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			c = diffConfig{renderConfig: sharedConfig(cmd)}
			c.sets, c.valuesFiles = cmd.StringSlice("set"), cmd.StringSlice("values")
			c.newSets, c.newValues = cmd.StringSlice("new-set"), cmd.StringSlice("new-values")
			c.gitRev, c.exitCode, c.manifest = cmd.String("git"), cmd.Bool("exit-code"), cmd.Bool("manifest")
			c.sideBySide, c.keepStale = cmd.Bool("side-by-side"), cmd.Bool("keep-stale")
			c.formats, c.outDir, c.output = cmd.StringSlice("format"), cmd.String("out"), cmd.String("output")
			if err := setsWithoutValue(cmd, "set", "new-set"); err != nil {
				return err
			}
			if err := outIsDir(cmd, "diff"); err != nil {
				return err
			}
			if err := outOrOutput(cmd); err != nil {
				return err
			}
			if err := emptyNames(cmd, "values", "new-values", "out", "output"); err != nil {
				return err
			}
			args := cmd.Args().Slice()
			if err := emptyArg(cmd, func(i int) string {
				name := [...]string{"OLD", "NEW"}[min(i, 1)]
				if c.gitRev != "" {
					name = "NEW"
				}
				if c.manifest {
					return name + " is an empty file name (give a manifest)"
				}
				return name + ` is an empty file name (give a file, "-" for standard input, or default for the embedded template)`
			}); err != nil {
				return err
			}
			hint, what, flag := "", "template", ""
			if c.manifest {
				what, flag = "manifest", " --manifest"
			} else {
				hint = valuesArgHint(cmd, args)
			}
			switch {
			case c.gitRev != "" && len(args) != 1:
				return usagef("diff%s --git REV takes one %s, NEW, got %d: %q%s", flag, what, len(args), args, hint)
			case c.gitRev == "" && len(args) != 2:
				return usagef("diff%s takes two %ss, OLD and NEW (or --git REV NEW), got %d: %q%s", flag, what, len(args), args, hint)
			case c.gitRev != "":
				c.new = args[0]
			default:
				c.old, c.new = args[0], args[1]
			}
			run := c.run
			if c.keepStale && !c.manifest {
				return usagef("--keep-stale is for --manifest, whose index says which redlines an earlier run wrote")
			}
			if c.manifest {
				run = c.runManifests
			}
			changed, err := run(ctx, env)
			var ue usageError
			switch {
			case err != nil && c.exitCode && !errors.As(err, &ue):
				return exitStatus{code: ExitInputWithExitCode, err: err}
			case err != nil:
				return err
			case changed && c.exitCode:
				return exitStatus{code: ExitInput}
			}
			return nil
		},
	}
}

// templatePath turns a command-line template into readSource's path:
// "default" is the embedded template.
func templatePath(arg string) string {
	if arg == "default" {
		return ""
	}
	return arg
}

// diffFormats decides the formats to write, as renderConfig.outputFormats
// does, with "notice" beside render's formats.
func (c *diffConfig) diffFormats() ([]render.Format, error) {
	if len(c.formats) == 0 && strings.HasSuffix(strings.ToLower(c.output), ".notice.txt") {
		// The name --out gives the notice: taken by its extension
		// alone, "-o mail.notice.txt" was the whole text redline.
		c.notice = true
		return nil, nil
	}
	var rest []string
	for _, f := range strings.Split(strings.Join(c.formats, ","), ",") {
		if strings.EqualFold(strings.TrimSpace(f), notice) {
			c.notice = true
			continue
		}
		if strings.TrimSpace(f) != "" {
			if _, err := render.ParseFormats(f); err != nil {
				// render's message lists its formats, not the notice.
				return nil, usagef("--format: unknown format %q (known: pdf, html, txt, json, notice)", strings.ToLower(strings.TrimSpace(f)))
			}
		}
		rest = append(rest, f)
	}
	rc := c.renderConfig
	rc.formats = nil
	if strings.TrimSpace(strings.Join(rest, "")) != "" {
		rc.formats = rest
	}
	if c.notice && rc.formats == nil {
		if c.output != "" && c.output != "-" && !strings.EqualFold(filepath.Ext(c.output), ".txt") {
			return nil, usagef("-o %s: the notice is plain text; give a .txt file", c.output)
		}
		return nil, nil
	}
	if c.notice && c.output != "" {
		return nil, usagef("-o writes one format, but --format names the notice and %s (give one --format, or --out DIR for several)", strings.Join(rest, ","))
	}
	if c.output == "-" && len(c.formats) == 0 {
		return nil, usagef("-o - (standard output) needs --format: pdf, html, txt, json or notice")
	}
	return rc.outputFormats()
}

// run compares and writes; it reports whether anything changed.
func (c *diffConfig) run(ctx context.Context, env Env) (bool, error) {
	if err := checkTargets(c.output, c.outDir, c.old, c.new); err != nil {
		return false, err
	}
	formats, err := c.diffFormats()
	if err != nil {
		return false, err
	}
	if err := c.normalize(); err != nil {
		return false, err
	}
	warnFooterLookalikes(env, c.footer)
	warnLangCountry(env, c.lang)
	if c.sideBySide && !slices.Contains(formats, render.HTML) {
		// "--side-by-side -f pdf" wrote one column without a word.
		fmt.Fprintln(env.Stderr, "policyexport: warning: --side-by-side lays out the HTML redline only, and no HTML is written: the redlines are one column (add -f html, or leave --side-by-side out)")
	}
	if c.gitRev != "" {
		if strings.HasPrefix(c.gitRev, "-") {
			return false, usagef("--git %q: a revision cannot start with \"-\"", c.gitRev)
		}
		if c.new == "-" || c.new == "default" {
			return false, usagef("--git takes NEW's path in the repository; %q is not a file", c.new)
		}
	}
	inputs := append([][2]string{{"OLD", c.old}, {"NEW", c.new}}, named("--values", c.valuesFiles)...)
	inputs = append(inputs, named("--new-values", c.newValues)...)
	if err := oneStdin(append(inputs, c.stdinFlags()...)...); err != nil {
		return false, err
	}
	if err := c.checkLimits(); err != nil {
		return false, err
	}
	oldGiven, err := loadValues(env, "--values", c.valuesFiles, "--set", c.sets, c.maxBytes)
	if err != nil {
		return false, err
	}
	oldVals := oldGiven.vals
	newVals := maps.Clone(oldVals)
	if len(c.newValues) > 0 {
		newGiven, err := loadValues(env, "--new-values", c.newValues, "--set", c.sets, c.maxBytes)
		if err != nil {
			return false, err
		}
		newVals = newGiven.vals
		// An unused value is named where --values or, if only there,
		// --new-values writes it.
		for k, at := range newGiven.at {
			if _, ok := oldGiven.at[k]; !ok {
				oldGiven.at[k] = at
			}
		}
	}
	c.given = oldGiven // for the unused values' places, as render says them
	more, err := loadValues(env, "--new-values", nil, "--new-set", c.newSets, c.maxBytes)
	if err != nil {
		return false, err
	}
	maps.Copy(newVals, more.vals)

	oldSrc, err := c.readOld(ctx, env, c.maxBytes)
	if err != nil {
		return false, err
	}
	newSrc, err := readSource(env, templatePath(c.new), c.maxBytes)
	if err != nil {
		return false, err
	}
	c.template = templatePath(c.new)
	opts, err := c.options(env)
	if err != nil {
		return false, err
	}
	opts.Formats = append([]render.Format{}, formats...)
	r, err := policyexport.New(opts)
	if err != nil {
		return false, err
	}
	oldT, err := r.ParseIn(oldSrc.name, oldSrc.data, c.oldImageDir())
	if err != nil {
		return false, err
	}
	newT, err := r.ParseIn(newSrc.name, newSrc.data, c.imageDir())
	if err != nil {
		return false, err
	}
	// Only OLD's name is needed after Diff, which lets the parsed
	// templates go once they are filled (see policyexport.Renderer.Diff).
	oldName := oldT.Name()
	d, err := r.Diff(oldT, newT, oldVals, newVals, policyexport.DiffOptions{Formats: formats, SideBySide: c.sideBySide, Notice: c.notice})
	if d != nil {
		printWarnings(env, c.given.placed(capRedlineWarnings(d.Warnings)))
	}
	var missing *policyexport.MissingValuesError
	if errors.As(err, &missing) {
		path := templatePath(c.new)
		if missing.Template == oldName {
			path = templatePath(c.old)
		}
		return false, fmt.Errorf("%w\n%s", err, howToGive(missing.Names(), path))
	} else if err != nil {
		return false, c.renderError(err)
	}
	var outs []diffOutput
	for _, f := range formats {
		outs = append(outs, diffOutput{ext: "diff." + f.Ext(), data: d.Outputs[f]})
	}
	if c.notice {
		outs = append(outs, diffOutput{ext: "notice.txt", data: d.Notice})
	}
	if err := ctx.Err(); err != nil {
		return false, fmt.Errorf("interrupted before writing: %w", err)
	}
	return d.Changed(), c.writeDiff(env, newSrc, outs)
}

// maxRedlineWarnings is how many parts of one redline compared more
// coarsely than word by word diff names (policyexport.RedlineBySentence,
// RedlineByAnchor); one more warning counts the rest. A template of a
// hundred pasted paragraphs of 5,000 words each would otherwise print a
// hundred lines that say the same.
const maxRedlineWarnings = 5

// capRedlineWarnings returns ws with the warnings of parts of a redline
// compared coarsely after the first maxRedlineWarnings replaced by one,
// at their end, that counts them: "new.md: and 95 more parts of the
// redline were compared more coarsely than word by word".
func capRedlineWarnings(ws []policyexport.Warning) []policyexport.Warning {
	var out []policyexport.Warning
	var last policyexport.Warning // the last one left out
	seen, rest := 0, 0
	for _, w := range ws {
		if w.Kind == policyexport.RedlineBySentence || w.Kind == policyexport.RedlineByAnchor {
			if seen++; seen > maxRedlineWarnings {
				last, rest = w, rest+1
				continue
			}
		}
		out = append(out, w)
	}
	if rest > 0 {
		parts := "parts of the redline were"
		if rest == 1 {
			parts = "part of the redline was"
		}
		out = append(out, policyexport.Warning{Kind: last.Kind, Template: last.Template,
			Message: fmt.Sprintf("%s: and %d more %s compared more coarsely than word by word", last.Template, rest, parts)})
	}
	return out
}

// oldImageDir is the directory OLD's relative image paths resolve
// against: its own (NEW's with --git, whose path it is), the working
// directory for standard input and the embedded template.
func (c *diffConfig) oldImageDir() string {
	if c.gitRev != "" {
		return c.imageDir()
	}
	if p := templatePath(c.old); p != "" && p != "-" {
		return filepath.Dir(p)
	}
	return "."
}

// readOld reads OLD: a file, standard input, the embedded template, or
// with --git NEW's path at a revision.
func (c *diffConfig) readOld(ctx context.Context, env Env, limit int) (source, error) {
	if c.gitRev == "" {
		return readSource(env, templatePath(c.old), limit)
	}
	data, err := gitShow(ctx, c.gitRev, c.new, limit)
	if err != nil {
		return source{}, err
	}
	return source{name: c.gitRev + ":" + c.new, stem: stem(c.new), data: data}, nil
}

// diffOutput is one output of diff: a format of render's, or the notice.
type diffOutput struct {
	ext  string // "diff.pdf", "notice.txt"
	data []byte
}

// renderDiff renders the redline of res in every format asked for, and
// the notice, through rr (render.Renderer.ForRedline, for new's date and
// directories).
func (c *diffConfig) renderDiff(rr *render.Renderer, formats []render.Format, res *redline.Result, old, new redline.Side) ([]diffOutput, error) {
	rendered, err := rr.Redlines(formats, res, old, new, c.sideBySide)
	if err != nil {
		return nil, err
	}
	var outs []diffOutput
	for _, o := range rendered {
		outs = append(outs, diffOutput{ext: "diff." + o.Format.Ext(), data: o.Data})
	}
	if c.notice {
		var buf bytes.Buffer
		if err := rr.WriteNotice(&buf, res, new.Doc); err != nil {
			return nil, err
		}
		outs = append(outs, diffOutput{ext: "notice.txt", data: buf.Bytes()})
	}
	return outs, nil
}

// writeDiff writes the outputs as renderConfig.write does: standard
// output, one file, or NAME.diff.EXT in the output directory, all or
// nothing.
func (c *diffConfig) writeDiff(env Env, src source, outs []diffOutput) error {
	if c.output == "-" {
		return writeStdout(env, outs[0].data)
	}
	inputs := append([]string{c.old, c.new, c.cssFile}, c.valuesFiles...)
	inputs = append(inputs, c.newValues...)
	var g atomicfile.Group
	if c.output != "" {
		if err := addOutput(&g, inputs, c.output, outs[0].data); err != nil {
			return err
		}
	} else {
		for _, o := range outs {
			if err := addOutput(&g, inputs, filepath.Join(c.outDir, src.stem+"."+o.ext), o.data); err != nil {
				return err
			}
		}
	}
	if err := g.Commit(); err != nil {
		return fmt.Errorf("%w; no output was written", err)
	}
	return nil
}
