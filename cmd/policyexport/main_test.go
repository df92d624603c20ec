package main

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the txtar scripts' expected output")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"policyexport": func() { os.Exit(run()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a
// txtar archive of commands (the real binary), input files and expected
// output. -update rewrites the expected files in place.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// Outputs must not depend on the caller's environment.
			env.Setenv("SOURCE_DATE_EPOCH", "")
			env.Setenv("TZ", "UTC")
			return nil
		},
	})
}
