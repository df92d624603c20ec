package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// action is the part of action.yml that the tests read.
type action struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Inputs      map[string]struct {
		Description string `yaml:"description"`
		Default     string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID    string            `yaml:"id"`
			Uses  string            `yaml:"uses"`
			Shell string            `yaml:"shell"`
			Run   string            `yaml:"run"`
			Env   map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) (action, []byte) {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(false)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a, data
}

// TestActionYAML checks action.yml as GitHub reads it: its required keys,
// the inputs the README documents, a shell for every run step, and no
// unpinned version anywhere.
func TestActionYAML(t *testing.T) {
	a, data := readAction(t)
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml needs a name and a description")
	}
	if a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Errorf("runs.using = %q with %d steps, want composite steps", a.Runs.Using, len(a.Runs.Steps))
	}
	for _, in := range []string{"manifest", "template", "values", "out", "formats", "check", "args"} {
		if i, ok := a.Inputs[in]; !ok || i.Description == "" {
			t.Errorf("input %q is missing or undocumented", in)
		}
	}
	for i, s := range a.Runs.Steps {
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %d runs a script without a shell", i+1)
		}
		if s.Uses != "" && !strings.Contains(s.Uses, "@v") {
			t.Errorf("step %d uses %q without a pinned version", i+1, s.Uses)
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %d puts an expression into its script; pass inputs through env", i+1)
		}
	}
	if bytes.Contains(data, []byte("@latest")) {
		t.Error("action.yml must never install @latest")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"action.yml", "Dockerfile", "uses: policyexport/policyexport@v"} {
		if !bytes.Contains(readme, []byte(want)) {
			t.Errorf("README.md does not mention %q", want)
		}
	}
}

// TestDockerfile checks what can be checked without Docker: a scratch
// image of a static binary, set to the version by -ldflags at the
// variable that exists, run as a non-root user.
func TestDockerfile(t *testing.T) {
	data, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{
		"\nFROM scratch\n", "CGO_ENABLED=0", "-trimpath",
		"-X github.com/policyexport/policyexport/internal/version.release=",
		"\nUSER 65532:65532\n", "\nENTRYPOINT [\"/policyexport\"]\n", "ARG SOURCE_DATE_EPOCH",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	// The image's user (65532) cannot write into a bind-mounted
	// directory of the host's user: every docker run that mounts one
	// runs as that user.
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"README.md": string(readme), "Dockerfile": s} {
		for line := range strings.SplitSeq(text, "\n") {
			if strings.Contains(line, "docker run") && strings.Contains(line, " -v ") && !strings.Contains(line, `--user "$(id -u):$(id -g)"`) {
				t.Errorf("%s: %q mounts a host directory without --user \"$(id -u):$(id -g)\"", name, strings.TrimSpace(line))
			}
		}
	}
	src, err := os.ReadFile("../../internal/version/version.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte("\nvar release string\n")) {
		t.Error("internal/version has no release variable for -ldflags -X")
	}
}

// TestActionRuns runs the action's "Run policyexport" script with bash,
// as the runner would, on a manifest (render, then check, then drift) and
// on a template.
func TestActionRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	a, _ := readAction(t)
	var script string
	for _, s := range a.Runs.Steps {
		if s.ID == "run" {
			script = s.Run
		}
	}
	if script == "" {
		t.Fatal("action.yml has no step with id run")
	}
	temp := t.TempDir()
	build := exec.Command(goBin, "build", "-o", filepath.Join(temp, "policyexport-bin", "policyexport"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := t.TempDir()
	for name, body := range map[string]string{
		"sites.yaml": "defaults:\n  values: {email: e@x.example, lastUpdated: \"2026-11-28\"}\ndocuments:\n  - name: a\n    values: {siteName: A}\n",
		"terms.md":   "# Terms of {siteName}\n",
		"v.yaml":     "siteName: Acme\n",
	} {
		if err := os.WriteFile(filepath.Join(work, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ghOutput := filepath.Join(temp, "github_output")
	run := func(wantCode int, env ...string) {
		t.Helper()
		cmd := exec.Command(bash, "-c", script)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), append([]string{"RUNNER_TEMP=" + temp, "GITHUB_OUTPUT=" + ghOutput,
			"PE_MANIFEST=", "PE_TEMPLATE=", "PE_VALUES=", "PE_OUT=out", "PE_FORMATS=pdf,html,txt,json", "PE_CHECK=false", "PE_ARGS="}, env...)...)
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != wantCode {
			t.Fatalf("the action's script with %v exited %d, want %d:\n%s", env, code, wantCode, out)
		}
	}
	run(0, "PE_MANIFEST=sites.yaml", "PE_OUT=public", "PE_FORMATS=txt")
	if _, err := os.Stat(filepath.Join(work, "public", "a", "privacy-policy.txt")); err != nil {
		t.Fatal(err)
	}
	if out, _ := os.ReadFile(ghOutput); !strings.Contains(string(out), "index=public/index.json") {
		t.Errorf("GITHUB_OUTPUT = %q, want the index", out)
	}
	run(0, "PE_MANIFEST=sites.yaml", "PE_OUT=public", "PE_FORMATS=txt", "PE_CHECK=true")
	if err := os.WriteFile(filepath.Join(work, "public", "a", "privacy-policy.txt"), []byte("edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run(1, "PE_MANIFEST=sites.yaml", "PE_OUT=public", "PE_FORMATS=txt", "PE_CHECK=true")
	run(0, "PE_TEMPLATE=terms.md", "PE_VALUES=v.yaml", "PE_OUT=site", "PE_FORMATS=html,txt")
	if data, err := os.ReadFile(filepath.Join(work, "site", "terms.txt")); err != nil || !strings.Contains(string(data), "TERMS OF ACME") {
		t.Fatalf("terms.txt: %q, %v", data, err)
	}
	// args: the flags the other inputs do not name, one a line, a value
	// with spaces kept whole.
	run(0, "PE_MANIFEST=sites.yaml", "PE_OUT=flat", "PE_FORMATS=txt", "PE_ARGS=--pattern={name}.{ext}\n\n  --shard\n1/1  \r\n")
	if _, err := os.Stat(filepath.Join(work, "flat", "a.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(work, "flat", "index.1-of-1.json")); err != nil {
		t.Fatal(err)
	}
	run(0, "PE_TEMPLATE=terms.md", "PE_OUT=site2", "PE_FORMATS=txt", "PE_ARGS=--set\nsiteName=Acme Imaging, Inc.\n--width=100")
	if data, err := os.ReadFile(filepath.Join(work, "site2", "terms.txt")); err != nil || !strings.Contains(string(data), "TERMS OF ACME IMAGING, INC.") {
		t.Fatalf("terms.txt: %q, %v", data, err)
	}
	run(2, "PE_MANIFEST=sites.yaml", "PE_OUT=public", "PE_ARGS=--shard 1/1")
	run(2, "PE_TEMPLATE=terms.md", "PE_CHECK=true")
	run(2, "PE_MANIFEST=sites.yaml", "PE_TEMPLATE=terms.md")
}
