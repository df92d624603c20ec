// Command gencp1252 writes cp1252fonts.json, the 8-bit font definitions
// of the built-in body and code faces (fonts.Body) that package fpdfout
// embeds, so that the binary never runs fpdf.MakeFont (which needs a
// writable temporary directory). Run it with go generate in
// internal/pdf/fpdfout:
//
//	go generate ./internal/pdf/fpdfout
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

func main() {
	out := flag.String("o", "cp1252fonts.json", "the file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gencp1252:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	var faces []fpdfout.Face
	for _, f := range fonts.Body() {
		m, err := ttf.Parse(f.Data)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		faces = append(faces, fpdfout.Face{Data: f.Data, Metrics: m})
	}
	js, err := fpdfout.EightBitDefinitions(faces)
	if err != nil {
		return err
	}
	return os.WriteFile(out, js, 0o644)
}
