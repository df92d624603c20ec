package main

import (
	"encoding/json"
	"flag"
	"os"
	"strings"
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
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"jsonlines": jsonLines},
		Setup: func(env *testscript.Env) error {
			// Outputs must not depend on the caller's environment.
			env.Setenv("SOURCE_DATE_EPOCH", "")
			env.Setenv("TZ", "UTC")
			return nil
		},
	})
}

// jsonLines is the script command "jsonlines [FILE]": every line of FILE
// (default: the last command's standard output) must be one JSON object,
// and there must be at least one line.
func jsonLines(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! jsonlines")
	}
	name := "stdout"
	if len(args) == 1 {
		name = args[0]
	} else if len(args) > 1 {
		ts.Fatalf("usage: jsonlines [FILE]")
	}
	text := ts.ReadFile(name)
	if text == "" {
		ts.Fatalf("%s is empty", name)
	}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		var obj map[string]any
		if err := json.Unmarshal([]byte(line), &obj); err != nil {
			ts.Fatalf("%s line %d is not a JSON object: %v\n%s", name, i+1, err, line)
		}
	}
}
