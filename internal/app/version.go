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
		Description: `Prints the version that the outputs which name their producer record (the
PDF's Creator, the standalone HTML page's generator meta, a batch's
index.json; the plain text, the JSON and an HTML fragment carry none), and
the Go version it was built with.

Example:
   policyexport version`,
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.NArg() > 0 {
				return usagef("version takes no arguments, got %q", cmd.Args().Slice())
			}
			return writeStdout(env, versionLine())
		},
	}
}

// versionLine is what "version" and "--version" print: "policyexport
// 0.1.0 (go1.26.8, linux/amd64)" and a newline.
func versionLine() []byte {
	return fmt.Appendf(nil, "%s (%s, %s/%s)\n", version.String(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
