package app

import (
	"context"
	"fmt"

	docs "github.com/urfave/cli-docs/v3"
	"github.com/urfave/cli/v3"
)

func manCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: "print the manual page (roff), made from the commands' own help",
		Description: `Prints policyexport(1) as roff, generated from the same command and flag
definitions as --help (with urfave/cli-docs), so it never disagrees with
the binary.

Examples:
   policyexport man | man -l -
   policyexport man > /usr/local/share/man/man1/policyexport.1`,
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.NArg() > 0 {
				return usagef("man takes no arguments, got %q", cmd.Args().Slice())
			}
			page, err := docs.ToManWithSection(cmd.Root(), 1)
			if err != nil {
				return fmt.Errorf("man page: %w", err)
			}
			return writeStdout(env, []byte(page))
		},
	}
}
