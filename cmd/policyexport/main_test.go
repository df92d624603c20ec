package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/policyexport/policyexport/internal/testutil/validate"
)

var update = flag.Bool("update", false, "rewrite the txtar scripts' expected output")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"policyexport": func() { os.Exit(run()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a
// txtar archive of commands (the real binary), input files and expected
// output. -update rewrites the expected files in place. Besides exec, a
// script can say "exits CODE command args...": run the command like exec
// (its stdout and stderr can be checked after) and require its exit code.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": exits, "jsonlines": jsonLines},
		// [needs:WHAT] holds when WHAT, a program on PATH or a file's
		// absolute path, is there: a checker or a font that
		// scripts/check installs and plain go test may not have. A
		// missing one is named on the terminal (validate.Reduced); with
		// POLICYEXPORT_REQUIRE_VALIDATORS=1 (scripts/check, CI) it
		// fails the script instead of skipping its lines.
		Condition: func(cond string) (bool, error) {
			what, ok := strings.CutPrefix(cond, "needs:")
			if !ok {
				return false, fmt.Errorf("unknown condition %q", cond)
			}
			return present(what)
		},
		Setup: func(env *testscript.Env) error {
			// Outputs must not depend on the caller's environment.
			env.Setenv("SOURCE_DATE_EPOCH", "")
			env.Setenv("TZ", "UTC")
			return nil
		},
	})
}

// externalPackages names the Debian package that installs each program or
// file a script's [needs:WHAT] condition asks for.
var externalPackages = map[string]string{
	"pdftotext": "poppler-utils",
	"script":    "bsdutils",
	"/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf": "fonts-lohit-deva",
	"/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf":               "fonts-noto-color-emoji",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc":                    "fonts-wqy-zenhei",
}

// present tells whether what (a program on PATH, or a file's absolute
// path) is there; when it is not, validate.Reduced says so on the
// terminal, or makes it an error when the checks are required.
func present(what string) (bool, error) {
	pkg, known := externalPackages[what]
	if !known {
		return false, fmt.Errorf("[needs:%s]: add it and its Debian package to externalPackages", what)
	}
	var err error
	if filepath.IsAbs(what) {
		_, err = os.Stat(what)
	} else {
		_, err = exec.LookPath(what)
	}
	if err == nil {
		return true, nil
	}
	return false, validate.Reduced(what, pkg)
}

// exits runs a command as exec does and fails unless it exits with the
// code given as its first argument.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
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
