package app

import (
	"bytes"
	"context"
	"testing"

	docs "github.com/urfave/cli-docs/v3"
	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport/internal/testutil/golden"
)

// TestManPage makes the manual page with urfave/cli-docs from the
// commands' definitions, as the man command did when it linked cli-docs,
// and checks it against the page the binary embeds (policyexport.1); with
// -update it rewrites that page.
func TestManPage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	app := newApp(Env{Args: []string{"policyexport", "man"}, Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }})
	var page string
	for _, c := range app.Commands {
		if c.Name == "man" {
			c.Action = func(_ context.Context, cmd *cli.Command) error {
				var err error
				page, err = docs.ToManWithSection(cmd.Root(), 1)
				return err
			}
		}
	}
	if err := app.Run(context.Background(), []string{"policyexport", "man"}); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if page == "" {
		t.Fatal("no man page made")
	}
	golden.Check(t, "policyexport.1", []byte(page))
}

// TestManCommand checks that the man command prints the embedded page.
func TestManCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	env := Env{Args: []string{"policyexport", "man"}, Stdout: &stdout, Stderr: &stderr}
	if code := Main(context.Background(), env); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !bytes.Equal(stdout.Bytes(), manPage) || !bytes.HasPrefix(manPage, []byte(".nh\n.TH policyexport 1")) {
		t.Errorf("man printed %d bytes, want the embedded page of %d bytes", stdout.Len(), len(manPage))
	}
}
