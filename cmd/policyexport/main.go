// Command policyexport renders a Markdown legal document template to PDF,
// HTML, plain text and JSON. Run "policyexport --help" for its commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/policyexport/policyexport/internal/app"
)

func main() {
	os.Exit(run())
}

// run returns the exit code. SIGINT and SIGTERM cancel the command's
// context, and so does SIGPIPE: handling it turns a write to a closed
// pipe ("policyexport batch --log json | head -n 1") into an EPIPE error
// and a cancellation, instead of the Go runtime killing the process
// midway through writing files. After the first signal SIGPIPE stays
// ignored, and a second SIGINT or SIGTERM ends the process at once, for
// what does not see the cancellation (a named pipe or terminal given to
// render, diff or batch, or named in a manifest, stops being waited for
// at the first).
func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGPIPE)
	defer stop()
	go func() {
		<-ctx.Done()
		signal.Ignore(syscall.SIGPIPE)
		stop()
	}()
	return app.Main(ctx, app.Env{Args: os.Args, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
}
