package app

import (
	"context"
	"fmt"
	"runtime"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport/internal/version"
)

func versionCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the policyexport version",
		Description: `Prints the version written into every output (the PDF Creator, the HTML
generator), and the Go version it was built with.

Example:
   policyexport version`,
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.NArg() > 0 {
				return usagef("version takes no arguments, got %q", cmd.Args().Slice())
			}
			return writeStdout(env, fmt.Appendf(nil, "%s (%s, %s/%s)\n", version.String(), runtime.Version(), runtime.GOOS, runtime.GOARCH))
		},
	}
}
