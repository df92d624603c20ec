// Package app is the policyexport command line: its commands, flags, help
// text and exit codes, built on urfave/cli/v2.
//
// Each command lives in its own file: its Action copies the flags into a
// plain struct and calls that struct's run method, so *cli.Context never
// leaves the file. The package reads and writes files and streams, and
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

	"github.com/urfave/cli/v2"

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

// Main runs the command line in env and returns the process exit code.
func Main(ctx context.Context, env Env) int {
	var notFound string
	a := newApp(env)
	a.CommandNotFound = func(_ *cli.Context, name string) { notFound = name }
	err := a.RunContext(ctx, env.Args)
	if notFound != "" && err == nil {
		err = usagef("unknown command %q (see 'policyexport --help')", notFound)
	}
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "policyexport: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return ExitInput
}

func newApp(env Env) *cli.App {
	onUsage := func(_ *cli.Context, err error, _ bool) error { return usageError{err} }
	commands := []*cli.Command{
		renderCommand(env),
		batchCommand(env), mergeIndexCommand(env),
		varsCommand(env),
		versionCommand(env),
		completionCommand(env),
	}
	for _, c := range commands {
		c.OnUsageError = onUsage
	}
	return &cli.App{
		Name:    "policyexport",
		Usage:   "render a Markdown legal document to PDF, HTML, plain text and JSON",
		Version: version.Version,
		Description: `policyexport fills the {placeholders} of a Markdown template (a privacy
policy, terms of service, a cookie notice) with literal values and writes
the result as an archive PDF, a standalone HTML page, wrapped plain text and
JSON. With no template it renders its embedded privacy policy.

Exit codes: 0 success; 1 bad input or a rendering error (nothing is written);
2 a usage error in the command line.`,
		Commands:             commands,
		Reader:               env.Stdin,
		Writer:               env.Stdout,
		ErrWriter:            env.Stderr,
		EnableBashCompletion: true,
		OnUsageError:         onUsage,
		// Exit codes are decided by Main; urfave/cli must never call os.Exit.
		ExitErrHandler: func(*cli.Context, error) {},
	}
}
