package app

import (
	"context"
	_ "embed" // policyexport.1
	"fmt"

	"github.com/urfave/cli/v3"
)

// manPage is policyexport(1) as roff. TestManPage makes it with
// urfave/cli-docs from the same command and flag definitions as --help and
// fails when this copy differs (go test ./internal/app -run TestManPage
// -update rewrites it), so the page never disagrees with the binary; the
// binary does not link cli-docs and the Markdown converter under it
// (blackfriday's package init alone was 3.3 M instructions of every
// command's start-up).
//
//go:embed policyexport.1
var manPage []byte

func manCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: "print the manual page (roff), made from the commands' own help",
		Description: `Prints policyexport(1) as roff, generated from the same command and flag
definitions as --help (with urfave/cli-docs, when the code is tested: a
test fails when the page and the definitions disagree).

Examples:
   policyexport man | man -l -
   policyexport man > /usr/local/share/man/man1/policyexport.1`,
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.NArg() > 0 {
				return usagef("man takes no arguments, got %q", cmd.Args().Slice())
			}
			if len(manPage) == 0 {
				return fmt.Errorf("man page: the embedded page is empty")
			}
			return writeStdout(env, manPage)
		},
	}
}
