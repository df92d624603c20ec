package app

import (
	"fmt"
	"runtime"

	"github.com/urfave/cli/v2"

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
		Action: func(*cli.Context) error {
			_, err := fmt.Fprintf(env.Stdout, "%s (%s, %s/%s)\n", version.String(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
