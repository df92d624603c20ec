// Command gencp1252 writes the 8-bit fonts of the built-in body and code
// faces (fonts.Body) that package fpdfout embeds: cp1252fonts.json, each
// face's entry (fpdf.MakeFont's font definition of its cp1252 cut, and
// the name of that cut), and cp1252fonts/, the cuts themselves. So the
// binary never cuts a built-in face to cp1252 (fpdf parses the whole face
// to do it) and never runs fpdf.MakeFont (which needs a writable
// temporary directory). Run it with go generate in internal/pdf/fpdfout:
//
//	go generate ./internal/pdf/fpdfout
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

func main() {
	out := flag.String("o", ".", "the directory to write cp1252fonts.json and cp1252fonts/ into")
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
	gen, err := fpdfout.EightBitFonts(faces)
	if err != nil {
		return err
	}
	// The directory is written afresh, so that no cut of a face that is
	// gone stays behind.
	dir := filepath.Join(out, "cp1252fonts")
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	for name, cut := range gen.Cuts {
		if err := os.WriteFile(filepath.Join(dir, name), cut, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(out, "cp1252fonts.json"), gen.JSON, 0o644)
}
