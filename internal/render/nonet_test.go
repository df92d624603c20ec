package render_test

import (
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// forbiddenPackages give a program the network or other programs.
var forbiddenPackages = []string{"net", "net/http", "crypto/tls", "os/exec", "net/rpc", "net/smtp", "plugin"}

// allowedEdges are the imports through which a forbidden package is
// linked although the tool never calls it: each is checked by
// TestNoNetwork's binary check to leave no reachable code.
var allowedEdges = map[string]string{
	// diff --git runs git show, the one program the command ever starts,
	// from internal/app/git.go alone (checked below).
	"github.com/policyexport/policyexport/internal/app": "os/exec",
}

// execFile is the one file of the command that may import os/exec.
const execFile = "git.go"

// TestNoNetwork backs the "no network access" claim of SECURITY.md: the
// policyexport command must not link net, net/http, crypto/tls, os/exec
// and the like, except through allowedEdges (os/exec only from
// internal/app/git.go, for diff --git). It walks the import graph
// that go list reports from ./cmd/policyexport, leaving out the allowed
// edges, and fails when a forbidden package is still reachable, naming
// the chain. With no -short it also builds the binary and checks with go
// tool nm that no code that dials, listens, serves or runs a program is
// in it.
func TestNoNetwork(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}|{{join .Imports \",\"}}", "../../cmd/policyexport").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, list, _ := strings.Cut(line, "|")
		if list != "" {
			imports[pkg] = strings.Split(list, ",")
		}
	}
	const main = "github.com/policyexport/policyexport/cmd/policyexport"
	if _, ok := imports[main]; !ok {
		t.Fatalf("go list did not list %s", main)
	}
	from := map[string]string{main: ""}
	queue := []string{main}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, q := range imports[p] {
			if allowedEdges[p] == q {
				continue
			}
			if _, seen := from[q]; !seen {
				from[q] = p
				queue = append(queue, q)
			}
		}
	}
	for _, f := range forbiddenPackages {
		if _, ok := from[f]; !ok {
			continue
		}
		chain := []string{f}
		for p := from[f]; p != ""; p = from[p] {
			chain = append([]string{p}, chain...)
		}
		t.Errorf("policyexport links %s: %s", f, strings.Join(chain, " → "))
	}
	checkExecImports(t)
	if testing.Short() {
		return
	}
	bin := t.TempDir() + "/policyexport"
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/policyexport").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	syms, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	// Code that would open a connection, accept one or run a program.
	bad := []string{
		"net/http.(*Client).do", "net/http.(*Transport).roundTrip", "net/http.(*Server).Serve",
		"net.Listen", "net.(*ListenConfig).Listen", "net.Dial", "crypto/tls.(*Conn).Handshake",
		"StartHTTPServer", "net.(*Dialer).DialContext",
	}
	for _, line := range strings.Split(string(syms), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || f[1] != "T" {
			continue
		}
		for _, b := range bad {
			if f[2] == b || strings.HasSuffix(f[2], "."+b) {
				t.Errorf("the binary holds %s", f[2])
			}
		}
	}
}

// checkExecImports checks that of internal/app's files only execFile
// imports os/exec: the command starts no program but git, for diff --git.
func checkExecImports(t *testing.T) {
	t.Helper()
	files, err := filepath.Glob("../app/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no files in ../app: %v", err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || filepath.Base(f) == execFile {
			continue
		}
		parsed, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == "os/exec" {
				t.Errorf("%s imports os/exec; only internal/app/%s may (diff --git)", f, execFile)
			}
		}
	}
}
