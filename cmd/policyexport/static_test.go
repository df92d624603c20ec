package main

import (
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestStaticBinaryInEmptyRoot builds the binary as the Dockerfile does
// (CGO_ENABLED=0, the version set with -ldflags; -trimpath is left out
// so that the build cache serves the test) and runs it
// chrooted into a directory that holds only the binary, as a FROM
// scratch image is: no /tmp, no /etc, no fonts, no environment. It must
// render all four formats there, with the same bytes as outside.
func TestStaticBinaryInEmptyRoot(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("chroot needs Linux and root")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root := t.TempDir()
	bin := filepath.Join(root, "policyexport")
	build := exec.Command(goBin, "build",
		"-ldflags", "-s -w -X github.com/policyexport/policyexport/internal/version.release=v9.8.7-test",
		"-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	libs, _ := f.ImportedLibraries()
	interp := f.Section(".interp")
	f.Close()
	if len(libs) > 0 || interp != nil {
		t.Fatalf("the binary is not static: libraries %v, interpreter %v", libs, interp != nil)
	}

	args := []string{"render", "--set", "siteName=Acme Imaging", "--set", "email=privacy@acme.example", "--set", "lastUpdated=2026-11-28"}
	run := func(chroot bool, out string, args ...string) string {
		t.Helper()
		path := bin
		cmd := exec.Command(path, args...)
		cmd.Env = []string{}
		if chroot {
			cmd.Path = "/policyexport"
			cmd.SysProcAttr = &syscall.SysProcAttr{Chroot: root}
			cmd.Dir = "/"
		} else {
			cmd.Dir = out
		}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("policyexport %s (chroot %v): %v\n%s", strings.Join(args, " "), chroot, err, stderr.String())
		}
		return stdout.String()
	}
	if v := run(true, "", "version"); !strings.HasPrefix(v, "policyexport 9.8.7-test ") {
		t.Errorf("version in the empty root = %q, want the -ldflags version", v)
	}
	run(true, "", append(args, "--out", "/out")...)
	outside := t.TempDir()
	run(false, outside, append(args, "--out", outside)...)
	for _, ext := range []string{"pdf", "html", "txt", "json"} {
		in, err := os.ReadFile(filepath.Join(root, "out", "privacy-policy."+ext))
		if err != nil {
			t.Fatalf("rendered in the empty root: %v", err)
		}
		out, err := os.ReadFile(filepath.Join(outside, "privacy-policy."+ext))
		if err != nil {
			t.Fatal(err)
		}
		if len(in) == 0 || !bytes.Equal(in, out) {
			t.Errorf("privacy-policy.%s: %d bytes in the empty root, %d outside; want the same bytes", ext, len(in), len(out))
		}
	}
	if in, _ := os.ReadFile(filepath.Join(root, "out", "privacy-policy.html")); !bytes.Contains(in, []byte(`content="policyexport 9.8.7-test"`)) {
		t.Error("the HTML does not name the -ldflags version")
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "out policyexport" {
		t.Errorf("the empty root holds %v after rendering, want only out and the binary", names)
	}
}

// TestREADMEStaticClaim keeps README's Install section true: the binary
// is static only when built with CGO_ENABLED=0 as long as a package it
// links uses cgo with CGO_ENABLED=1 (net, through net/http, for its name
// resolver), so the install command must set it and the text must say
// why; once nothing does, the caveat is to go.
func TestREADMEStaticClaim(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	list := exec.Command(goBin, "list", "-deps", "-f", "{{if .CgoFiles}}{{.ImportPath}}{{end}}", ".")
	list.Env = append(os.Environ(), "CGO_ENABLED=1")
	out, err := list.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var cgo []string
	for _, p := range strings.Fields(string(out)) {
		if p != "runtime/cgo" {
			cgo = append(cgo, p)
		}
	}
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	const install = "CGO_ENABLED=0 go install github.com/policyexport/policyexport/cmd/policyexport@"
	switch {
	case len(cgo) > 0 && (!strings.Contains(readme, install) || strings.Contains(readme, "The binary is static and")):
		t.Errorf("policyexport links %v, which use cgo unless CGO_ENABLED=0: README's Install section must install with %q and not call every build static", cgo, install)
	case len(cgo) > 0 && !strings.Contains(readme, "imports net/http"):
		t.Errorf("policyexport links %v, which use cgo unless CGO_ENABLED=0: README must say why", cgo)
	case len(cgo) == 0 && strings.Contains(readme, "imports net/http"):
		t.Error("no package of policyexport uses cgo any more: every build is static, and README's Install section can say so without CGO_ENABLED=0")
	}
}
