package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// asMain, set in the environment, makes the test binary run Main: the
// shell tests put it on PATH as policyexport.
const asMain = "POLICYEXPORT_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMain) == "1" {
		os.Exit(Main(context.Background(), Env{Args: os.Args, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	os.Exit(m.Run())
}

// TestComplete checks the program's answers to completion requests: the
// words of the command line, the one being completed last.
func TestComplete(t *testing.T) {
	cases := []struct {
		words string // split at spaces; a trailing space is an empty word
		want  []string
	}{
		// After a flag that takes a value: its value, never flag names.
		{"render --out ", []string{":dirs"}},
		{"render --out=", []string{":dirs"}},
		{"render --values ", []string{":files"}},
		{"render -o ", []string{":files"}},
		{"render --css x", []string{":files"}},
		{"render --font ", []string{":files"}},
		{"merge-index --dir ", []string{":dirs"}},
		{"diff --new-values ", []string{":files"}},
		{"render -f ", []string{"pdf", "html", "txt", "json"}},
		{"render --format=h", []string{"--format=html"}},
		{"render -f pdf,", []string{"pdf,html", "pdf,txt", "pdf,json"}},
		{"batch -f ", []string{"pdf", "html", "txt", "json"}},
		{"diff -f ", []string{"pdf", "html", "txt", "json", "notice"}},
		{"render --paper ", []string{"a4", "letter"}},
		{"render --missing ", []string{"error", "keep"}},
		{"render --links ", []string{"reference", "inline"}},
		{"render --pdf-links ", []string{"footnote", "inline", "none"}},
		{"render --profile c", []string{"commonmark"}},
		{"render --missing-images ", []string{"error", "alt"}},
		{"render --pdf-standard a-3u,", []string{"a-3u,a-1b", "a-3u,a-2b", "a-3u,a-2u", "a-3u,a-3b", "a-3u,ua-1"}},
		{"render --lang d", []string{"de", "da"}},
		{"batch --log ", []string{"text", "json"}},
		{"batch --shard ", []string{"auto"}},
		{"render --set ", nil},
		{"render --date ", nil},
		{"render --width ", nil},
		// A flag's value is not an argument: after it, the arguments.
		{"render --out dir ", []string{":files"}},
		{"render --strict ", []string{":files"}},
		{"render --out=dir ", []string{":files"}},
		{"render -- ", []string{":files"}},
		{"render -- --out ", []string{":files"}},
		// Flag names.
		{"render --ou", []string{"--out", "--output"}},
		{"init -", []string{"--help", "-h"}},
		{"render x.md -- -", []string{":files"}},
		{"render --he", []string{"--help"}},
		{"--v", []string{"--version"}},
		{"init --", []string{"--help"}},
		// Commands and their arguments.
		{"m", []string{"merge-index", "man"}},
		{"h", []string{"help"}},
		{"help v", []string{"vars", "version"}},
		{"h s", []string{"schema"}},
		// help has no flags to offer (these were a nil pointer panic).
		{"help -", nil},
		{"help --x=1 r", []string{"render"}},
		{"h --he", nil},
		{"schema ", []string{"manifest", "document", "index", "diff"}},
		{"schema manifest ", nil},
		{"completion ", []string{"bash", "zsh", "fish"}},
		{"init ", []string{":dirs"}},
		{"diff old.md ", []string{":files"}},
		{"version ", nil},
		{"render x.md --paper=", []string{"--paper=a4", "--paper=letter"}},
		{"render --nonsense=", nil},
	}
	env := Env{Args: []string{"policyexport"}, Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &strings.Builder{}}
	root := newApp(env)
	for _, tc := range cases {
		var got []string
		for _, line := range complete(root, strings.Split(tc.words, " ")) {
			word, _, _ := strings.Cut(line, "\t")
			got = append(got, word)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.words, got, tc.want)
		}
	}
}

// TestCompletionKnowsEveryFlag checks that completion knows what every
// flag that takes a value takes, or that it is a number: a new flag must
// be told to complete files, names or nothing.
func TestCompletionKnowsEveryFlag(t *testing.T) {
	env := Env{Args: []string{"policyexport"}, Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &strings.Builder{}}
	for _, cmd := range newApp(env).Commands {
		for _, f := range cmd.Flags {
			switch f.(type) {
			case *cli.BoolFlag, *cli.IntFlag, *cli.FloatFlag:
				continue
			}
			if _, ok := valueOf(cmd, f.Names()[0]); !ok {
				t.Errorf("%s --%s: completion does not know what it takes (valueOf)", cmd.Name, f.Names()[0])
			}
		}
	}
}

// TestCompletionAnswer checks the protocol end to end through Main.
func TestCompletionAnswer(t *testing.T) {
	var out strings.Builder
	env := Env{Args: []string{"policyexport", "render", "--out", "", completeFlag}, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out}
	if code := Main(t.Context(), env); code != ExitOK || out.String() != ":dirs\n" {
		t.Errorf("render --out <TAB>: exit %d, %q; want :dirs", code, out.String())
	}
}

// shellCases are command lines completed by every shell, in a directory
// holding the directory "outdir", and the files "terms.md" and
// "values.yaml"; want is what the shell offers, sorted.
var shellCases = []struct {
	line string
	want string
}{
	{"policyexport render --out ", "outdir/"},
	{"policyexport render --out=o", "--out=outdir/"},
	{"policyexport render --values v", "values.yaml"},
	{"policyexport render --ou", "--out --output"},
	{"policyexport merge-index -", "--dir --help --output --verify -h -o"},
	{"policyexport render -f ", "html json pdf txt"},
	{"policyexport render --format=t", "--format=txt"},
	{"policyexport diff -f n", "notice"},
	{"policyexport render --paper ", "a4 letter"},
	{"policyexport render --set ", ""},
	{"policyexport render t", "terms.md"},
	{"policyexport render -- ", "outdir/ terms.md values.yaml"},
	{"policyexport me", "merge-index"},
	// The program as typed, ~/ and all (go install's ~/go/bin when it
	// is not on PATH): the scripts ran "~/bin/policyexport", no file.
	{"~/bin/policyexport me", "merge-index"},
	{"policyexport sc", "schema"},
	{"policyexport schema m", "manifest"},
}

// shellTestDir makes the directory the shell cases complete in, and a
// directory with the test binary as policyexport (running Main), and
// returns the environment to run a shell with.
func shellTestDir(t *testing.T) (dir string, environ []string) {
	t.Helper()
	dir = t.TempDir()
	bin := filepath.Join(dir, "bin")
	work := filepath.Join(dir, "work")
	for _, d := range []string{bin, filepath.Join(work, "outdir")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"terms.md", "values.yaml"} {
		if err := os.WriteFile(filepath.Join(work, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(bin, "policyexport")); err != nil {
		t.Fatal(err)
	}
	environ = append(os.Environ(), asMain+"=1", "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir)
	return work, environ
}

// runShell runs script with shell in dir and returns its output.
func runShell(t *testing.T, shell, dir string, environ []string, script string) string {
	t.Helper()
	cmd := exec.Command(shell, "-c", script)
	cmd.Dir, cmd.Env = dir, environ
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", shell, err, out)
	}
	return string(out)
}

// sortedFields returns the words of s, sorted and joined by spaces.
func sortedFields(s string) string {
	f := strings.Fields(s)
	slices.Sort(f)
	return strings.Join(f, " ")
}

// TestCompletionFish completes each shell case with fish's own completion
// engine (complete -C), as fish would at a TAB.
func TestCompletionFish(t *testing.T) {
	fish := validate.Tool(t, "fish", "fish")
	dir, environ := shellTestDir(t)
	for _, tc := range shellCases {
		words := fishCandidates(t, fish, dir, environ, tc.line)
		// Each candidate once (urfave/cli's fish script listed every
		// command twice).
		if got := strings.Join(words, " "); got != tc.want {
			t.Errorf("fish %q: %q, want %q", tc.line, got, tc.want)
		}
	}
}

// fishCandidates returns what fish's own completion engine offers for
// line (complete -C), with the script loaded, sorted, without their
// descriptions.
func fishCandidates(t *testing.T, fish, dir string, environ []string, line string) []string {
	t.Helper()
	out := runShell(t, fish, dir, environ, "policyexport completion fish | source; complete -C '"+line+"'")
	var words []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if word, _, _ := strings.Cut(line, "\t"); word != "" {
			words = append(words, word)
		}
	}
	slices.Sort(words)
	return words
}

// TestCompletionFishFileNames completes file names as fish's own file
// completion does: a token written with a backslash, in quotes or after
// ~/ (the script had globbed the token as written, finding nothing).
func TestCompletionFishFileNames(t *testing.T) {
	fish := validate.Tool(t, "fish", "fish")
	dir, environ := shellTestDir(t)
	for _, f := range []string{"my values.yaml", "my vals.yaml", filepath.Join("..", "home.yaml")} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	environ = append(environ, "HOME="+filepath.Dir(dir))
	for _, tc := range []struct{ line, want string }{
		{`policyexport render --values my\ v`, "my vals.yaml|my values.yaml"},
		{`policyexport render --values "my va`, "my vals.yaml|my values.yaml"},
		{`policyexport render --values=my\ valu`, "--values=my values.yaml"},
		{`policyexport render --values ~/ho`, "~/home.yaml"},
		{`policyexport render -- my\ vals`, "my vals.yaml"},
	} {
		words := fishCandidates(t, fish, dir, environ, tc.line)
		if got := strings.Join(words, "|"); got != tc.want {
			t.Errorf("fish %q: %q, want %q", tc.line, got, tc.want)
		}
	}
}

// TestCompletionBash runs the bash script's completion function as bash
// does at a TAB: COMP_WORDS split as bash splits them (at "=" too), and
// COMPREPLY read back. A directory is offered without its "/", which
// bash adds for -o filenames.
func TestCompletionBash(t *testing.T) {
	bash := validate.Tool(t, "bash", "bash")
	dir, environ := shellTestDir(t)
	for _, tc := range shellCases {
		// Bash's COMP_WORDS: words at spaces, and "=" a word of its own.
		var words []string
		for _, w := range strings.Split(tc.line, " ") {
			if k, v, ok := strings.Cut(w, "="); ok {
				words = append(words, k, "=")
				if v != "" {
					words = append(words, v)
				}
				continue
			}
			words = append(words, w)
		}
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "'" + w + "'"
		}
		script := `source <(policyexport completion bash)
compopt() { :; }
COMP_LINE='` + tc.line + `'; COMP_POINT=${#COMP_LINE}
COMP_WORDS=(` + strings.Join(quoted, " ") + `); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_policyexport
printf '%s\n' "${COMPREPLY[@]}"`
		got := sortedFields(runShell(t, bash, dir, environ, script))
		want := tc.want
		// What bash replaces is the piece after "=", and a directory's
		// "/" comes from -o filenames.
		var cut []string
		for _, w := range strings.Fields(want) {
			if i := strings.LastIndexByte(w, '='); i >= 0 {
				w = w[i+1:]
			}
			cut = append(cut, strings.TrimSuffix(w, "/"))
		}
		if want := sortedFields(strings.Join(cut, " ")); got != want {
			t.Errorf("bash %q: %q, want %q", tc.line, got, want)
		}
	}
}

// TestCompletionZsh runs the zsh script's completion function with zsh's
// completion builtins replaced by functions that print what they were
// given: the candidates given to _describe, and _files (with -/ for
// directories) after compset has moved "--flag=" out of the prefix.
func TestCompletionZsh(t *testing.T) {
	zsh := validate.Tool(t, "zsh", "zsh")
	dir, environ := shellTestDir(t)
	for _, tc := range shellCases {
		words := strings.Split(tc.line, " ")
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "'" + w + "'"
		}
		script := `compdef() { :; }
source <(policyexport completion zsh)
_describe() { print -rl -- "${(@P)4}" }
_files() { local -a f; if [[ $1 == -/ ]]; then f=($PREFIX*(N/)); else f=($PREFIX*(N)); fi; print -rl -- $IPREFIX${^f}; }
compset() { if [[ $PREFIX == *=* ]]; then IPREFIX=${PREFIX%%=*}=; PREFIX=${PREFIX#*=}; fi }
words=(` + strings.Join(quoted, " ") + `); CURRENT=${#words}; PREFIX=${words[CURRENT]}; IPREFIX=
_policyexport || true`
		out := runShell(t, zsh, dir, environ, script)
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			word, _, _ := strings.Cut(line, ":")
			if word != "" {
				got = append(got, word)
			}
		}
		want := strings.ReplaceAll(tc.want, "/", "") // _files adds the "/" itself
		if g := sortedFields(strings.Join(got, " ")); g != want {
			t.Errorf("zsh %q: %q, want %q", tc.line, g, want)
		}
	}
}
