// Package app is the policyexport command line: its commands, flags, help
// text and exit codes, built on urfave/cli/v3 (which, unlike v2, parses
// flags written after the arguments).
//
// Each command lives in its own file: its Action copies the flags into a
// plain struct and calls that struct's run method, so *cli.Context never
// leaves the file. Slice flags never split their values at commas: a
// value given on the command line is always exactly one value. The package reads and writes files and streams, and
// leaves every parsing and rendering decision to the packages it calls.
// It never writes to os.Stdout or os.Stderr directly: all output goes
// through the Env it is given, so tests can capture it.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport/internal/options"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/version"
)

// Exit codes of the policyexport command.
const (
	ExitOK    = 0 // everything was written
	ExitInput = 1 // bad input, or rendering failed
	ExitUsage = 2 // the command line itself is wrong
)

// Env is the process environment the command runs in.
type Env struct {
	Args   []string // os.Args: the program name, then the arguments
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads an environment variable (SOURCE_DATE_EPOCH, CI runner
	// variables). Nil means os.Getenv.
	Getenv func(string) string
	// FontDirs are where a font is looked for when a character is in no
	// font the PDF has (only then), to name one in the message. Nil
	// means the usual font directories (usualFontDirs).
	FontDirs []string

	// done is closed when the command is cancelled (Main sets it from
	// its context): an input that waits for another program (a named
	// pipe nobody writes to, a terminal) stops waiting then (readInput).
	done <-chan struct{}
}

func (e Env) getenv(key string) string {
	if e.Getenv == nil {
		return os.Getenv(key)
	}
	return e.Getenv(key)
}

// usageError marks an error in the command line itself (exit code 2).
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// usagef returns a usage error (exit code 2).
func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// exitStatus is an outcome with an exit code of its own: diff
// --exit-code's 1 for "changes found" (err nil: nothing is said), and its
// 3 for bad input (err says what).
type exitStatus struct {
	code int
	err  error
}

func (e exitStatus) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e exitStatus) Unwrap() error { return e.err }

// Main runs the command line in env and returns the process exit code.
func Main(ctx context.Context, env Env) int {
	env.done = ctx.Done()
	app := newApp(env)
	if n := len(env.Args); n > 1 && env.Args[n-1] == completeFlag {
		answerCompletion(env.Stdout, app, env.Args[1:])
		return ExitOK
	}
	err := app.Run(ctx, env.Args)
	if err == nil {
		return ExitOK
	}
	var es exitStatus
	if errors.As(err, &es) {
		if es.err != nil {
			fmt.Fprintf(env.Stderr, "policyexport: %s\n", options.CommandWording(es.err.Error()))
		}
		return es.code
	}
	if name, ok := strings.CutPrefix(err.Error(), helpTopicPrefix); ok {
		err = unknownCommand(app, "help: ", strings.TrimSuffix(name, "'"))
	}
	err = newFontHints(env).explain(err)
	fmt.Fprintf(env.Stderr, "policyexport: %s\n", options.CommandWording(err.Error()))
	var ue usageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	// urfave/cli's own exits ("No help topic for 'x'") are about the
	// command line.
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		return ExitUsage
	}
	return ExitInput
}

// exitCodes is the one description of the exit codes, shown by --help.
const exitCodes = `Exit codes (every command):
   0  success: every output was written (or, with batch --check, nothing differs)
   1  bad input or a failed render or write: a template, values file,
      manifest or font that cannot be read or is wrong, a missing value, a
      value refused for its content, a document that failed, drift found by
      --check; nothing is written for a failed render
   2  a usage error on the command line: an unknown command or flag, a
      missing or extra argument, an empty file or directory name ("" given
      as a template, --values, -o, ...), an unknown format, --missing, --links,
      --profile, --paper, --log or --missing-images name, a bad --shard,
      --lang, --date, SOURCE_DATE_EPOCH or number, -o that does not fit
      --format
   diff --exit-code, as git diff --exit-code: 0 no change, 1 changes found,
      2 a usage error, 3 bad input or a failed write`

func newApp(env Env) *cli.Command {
	commands := []*cli.Command{
		renderCommand(env), diffCommand(env),
		batchCommand(env), mergeIndexCommand(env),
		varsCommand(env),
		initCommand(env), schemaCommand(env), manCommand(env),
		versionCommand(env), completionCommand(env),
	}
	for _, c := range commands {
		withHelp(c)
		c.OnUsageError = onUsageError(env.Args)
		if c.Name == "batch" {
			c.OnUsageError = withJSONSummary(env, c.OnUsageError)
		}
		// A value given on the command line is one value: "--set
		// a=x, y" must not set a second value, and a --font path may
		// hold a comma. -f splits its own comma lists.
		c.DisableSliceFlagSeparator = true
		c.Action = checkFlagValues(env, c.Action)
	}
	return &cli.Command{
		Name:  "policyexport",
		Usage: "render a Markdown legal document to PDF, HTML, plain text and JSON",
		// The version flag is ours, so that "--version" prints what
		// "version" does; urfave/cli's printed "policyexport version
		// 0.1.0", without the Go version and platform.
		Version:     version.Version(),
		HideVersion: true,
		Flags:       []cli.Flag{&cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Local: true, Usage: "print the version, as the version command does"}},
		Description: `policyexport fills the {placeholders} of a Markdown template (a privacy
policy, terms of service, a cookie notice) with literal values and writes
the result as an archive PDF, a standalone HTML page, wrapped plain text and
JSON. With no template it renders its embedded privacy policy. Flags may
come before or after the template; "--" ends the flags.

` + exitCodes,
		Commands:  commands,
		Reader:    env.Stdin,
		Writer:    env.Stdout,
		ErrWriter: env.Stderr,
		// Shell completion is ours (completion.go): Main answers
		// --generate-shell-completion.
		OnUsageError:              onUsageError(env.Args),
		DisableSliceFlagSeparator: true,
		Action:                    rootAction(env),
		// Exit codes are decided by Main; urfave/cli must never call os.Exit.
		ExitErrHandler: func(context.Context, *cli.Command, error) {},
	}
}

// withHelp makes "--help" show c's help wherever it is written. Without
// it, urfave/cli takes c's first argument for a help topic ("render
// terms.md --help": "No help topic for 'terms.md'"), and runs a help
// command for a template named "help", even after "--".
func withHelp(c *cli.Command) {
	c.HideHelpCommand = true
	c.CommandNotFound = func(ctx context.Context, cmd *cli.Command, _ string) {
		_ = cli.ShowCommandHelp(ctx, cmd.Root(), cmd.Name)
	}
}

// rootAction runs when no command is named: the version (--version),
// help, or an unknown command.
func rootAction(env Env) cli.ActionFunc {
	return func(_ context.Context, cmd *cli.Command) error {
		if cmd.Bool("version") {
			if cmd.NArg() > 0 {
				return usagef("--version takes no arguments, got %q", cmd.Args().Slice())
			}
			return writeStdout(env, versionLine())
		}
		if cmd.NArg() == 0 {
			return cli.ShowRootCommandHelp(cmd)
		}
		return unknownCommand(cmd, "", cmd.Args().First())
	}
}

// unknownCommand is the usage error for a command name that root does
// not have, given as the first argument (where is "") or to help (where
// is "help: "), with the command it was probably meant to be.
func unknownCommand(root *cli.Command, where, name string) error {
	var names []string
	for _, c := range root.VisibleCommands() {
		names = append(names, c.Name)
	}
	return usagef("%sunknown command %q%s (see 'policyexport --help')", where, name, didYouMean(name, names, ""))
}

// helpTopicPrefix starts urfave/cli's error for "help NAME" with a NAME
// that is no command ("No help topic for 'rendr'"), which Main says as
// unknownCommand does.
const helpTopicPrefix = "No help topic for '"

// onUsageError marks a command-line error from urfave/cli (an unknown
// flag, a flag without its value, a value that does not parse) as a usage
// error, says it in our words, and suggests the flag that a mistyped one
// was meant to be.
//
// args are the command line, to write an unknown flag as it was typed.
func onUsageError(args []string) cli.OnUsageErrorFunc {
	return func(_ context.Context, cmd *cli.Command, err error, _ bool) error {
		return usageError{usageMessage(args, cmd, err)}
	}
}

// checkFlagValues runs action unless a flag of the command took the next
// flag as its value (flagAsValue), which is a usage error (with batch's
// JSON summary line when --log json is asked for).
func checkFlagValues(env Env, action cli.ActionFunc) cli.ActionFunc {
	return func(ctx context.Context, cmd *cli.Command) error {
		if err := flagAsValue(env.Args, cmd); err != nil {
			if cmd.Name == "batch" && logJSONAsked(env.Args) {
				errorSummary(env, err)
			}
			return err
		}
		return action(ctx, cmd)
	}
}

// flagAsValue finds, in args as typed (before "--"), a flag of cmd that
// takes a value and was given the next flag of cmd instead of one:
// "render terms.md --values --set siteName=Acme" gave --values the file
// "--set" and left "siteName=Acme" an argument, refused as a second
// template. A value is taken as written when it is joined to its flag
// ("--footer=--x") or names no flag of cmd.
func flagAsValue(args []string, cmd *cli.Command) error {
	for i := 0; i+1 < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") || strings.Contains(a, "=") {
			continue
		}
		if f := lookupFlag(cmd, strings.TrimLeft(a, "-")); f == nil || !takesValue(f) {
			continue
		}
		next := args[i+1]
		name, _, _ := strings.Cut(strings.TrimLeft(next, "-"), "=")
		if strings.HasPrefix(next, "-") && next != "-" && lookupFlag(cmd, name) != nil {
			return usagef("%s: %s needs a value, but the next word is the flag %s (write %s=%s if that is the value)", cmd.Name, a, next, a, next)
		}
		i++ // the value
	}
	return nil
}

// usageMessage rewrites one of urfave/cli's usage errors.
func usageMessage(args []string, cmd *cli.Command, err error) error {
	msg := err.Error()
	// where names the command in the message, and help its help.
	where, help := cmd.Name+": ", "policyexport "+cmd.Name+" --help"
	if cmd.Root() == cmd {
		where, help = "", "policyexport --help"
	}
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		for _, f := range cmd.VisibleFlags() {
			for _, n := range f.Names() {
				if len(n) > 1 {
					names = append(names, n)
				}
			}
		}
		typed := "-" + name
		for _, a := range args {
			if a == "--"+name || strings.HasPrefix(a, "--"+name+"=") {
				typed = "--" + name
				break
			}
		}
		if typed == "-"+name && len(name) > 1 && joinedValue(cmd, name[:1]) {
			// "-ftxt", "-o-": a one-letter flag with its value joined
			// on, which urfave/cli does not read (and "did you mean
			// --font?" misled).
			return fmt.Errorf("%sunknown flag %s (did you mean -%s %s? a one-letter flag's value is the next word) (see '%s')", where, typed, name[:1], strings.TrimPrefix(name[1:], "="), help)
		}
		if cmd.Root() == cmd {
			if hint := commandFlagHint(args, cmd, name, typed); hint != "" {
				return fmt.Errorf("unknown flag %s%s", typed, hint)
			}
		}
		return fmt.Errorf("%sunknown flag %s%s (see '%s')", where, typed, didYouMean(name, names, "--"), help)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return fmt.Errorf("%s%s needs a value", where, name)
	}
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		want := "a number"
		for _, f := range cmd.Flags {
			if !slices.Contains(f.Names(), m[2]) {
				continue
			}
			switch f.(type) {
			case *cli.BoolFlag:
				want = "true or false"
			case *cli.IntFlag:
				want = "a whole number"
			}
		}
		if strings.HasSuffix(msg, strconv.ErrRange.Error()) {
			return fmt.Errorf("%s%s %s: want %s (this one is out of range)", where, dashes(m[2]), m[1], want)
		}
		return fmt.Errorf("%s%s %s: want %s", where, dashes(m[2]), m[1], want)
	}
	return fmt.Errorf("%s%w", where, err)
}

// joinedValue reports whether letter names a flag of cmd that takes a
// value: "-ftxt" is then -f with txt joined on.
func joinedValue(cmd *cli.Command, letter string) bool {
	f := lookupFlag(cmd, letter)
	return f != nil && takesValue(f)
}

// commandFlagHint says, for a flag given before the command
// ("policyexport -f txt render terms.md"), that it is a flag of the
// command and goes after it: " (it is a flag of render: write it after
// the command, policyexport render -f …)". The command is the one args
// name, else the commands that have the flag are listed. It returns ""
// for a flag no command has.
func commandFlagHint(args []string, root *cli.Command, name, typed string) string {
	var have []string
	for _, c := range root.VisibleCommands() {
		if lookupFlag(c, name) == nil {
			continue
		}
		if slices.Contains(args, c.Name) {
			return fmt.Sprintf(" (it is a flag of %s: write it after the command, policyexport %s %s …)", c.Name, c.Name, typed)
		}
		have = append(have, c.Name)
	}
	if len(have) == 0 {
		return ""
	}
	of := have[0]
	if n := len(have); n > 1 {
		of = strings.Join(have[:n-1], ", ") + " and " + have[n-1]
	}
	return fmt.Sprintf(" (it is a flag of %s: write it after the command, as in policyexport %s %s …)", of, have[0], typed)
}

// invalidValue matches urfave/cli's message for a flag value that does
// not parse: the quoted value, then the flag's name.
var invalidValue = regexp.MustCompile(`^invalid value ("(?:[^"\\]|\\.)*") for flag -(\S+): `)

// dashes writes a flag name as it is typed: -o, --format.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// didYouMean returns " (did you mean PREFIXname?)" for the name among
// names that s was probably meant to be, or "".
func didYouMean(s string, names []string, prefix string) string {
	if m := template.Suggest(strings.TrimLeft(s, "-"), names); m != "" {
		return fmt.Sprintf(" (did you mean %s%s?)", prefix, m)
	}
	return ""
}

// choice returns the one of names that value names, ignoring case, or a
// usage error that names the flag and every choice.
func choice(flag, value string, names ...string) (string, error) {
	for _, n := range names {
		if strings.EqualFold(value, n) {
			return n, nil
		}
	}
	want := strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	return "", usagef("%s %q: want %s", flag, value, want)
}
