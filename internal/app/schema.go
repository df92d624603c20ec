package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport"
)

func schemaCommand(env Env) *cli.Command {
	names := policyexport.SchemaNames()
	var list strings.Builder
	for _, n := range names {
		fmt.Fprintf(&list, "   %-9s %s\n", n, policyexport.SchemaAbout(n))
	}
	return &cli.Command{
		Name:      "schema",
		Usage:     "print a JSON Schema the tool checks against: " + strings.Join(names, ", "),
		ArgsUsage: strings.Join(names, "|"),
		Description: `Prints the JSON Schema (draft 2020-12) that policyexport itself checks
against, byte for byte, so that editors and CI can validate files before
running:
` + list.String() + `
Examples:
   policyexport schema manifest > manifest.schema.json
   policyexport schema document | check-jsonschema --schemafile /dev/stdin out/privacy-policy.json
   policyexport schema diff > changes.schema.json`,
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return usagef("schema takes one name: %s", strings.Join(names, ", "))
			}
			name := strings.ToLower(cmd.Args().First())
			data, err := policyexport.Schema(name)
			if err != nil {
				return usagef("schema: %v%s", err, didYouMean(name, names, ""))
			}
			return writeStdout(env, data)
		},
	}
}
