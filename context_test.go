package policyexport_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/internal/testutil/ctxtest"
)

// settled reports whether the number of goroutines comes back to at
// most n, yielding the processor meanwhile (no timer: a goroutine left
// behind never ends).
func settled(n int) bool {
	for range 1000 {
		if runtime.NumGoroutine() <= n {
			return true
		}
		runtime.Gosched()
	}
	return false
}

// manyBlocks is the template of the reported case: 20000 paragraphs,
// which ran to the end after its context was cancelled.
func manyBlocks(t *testing.T, r *policyexport.Renderer) *policyexport.Template {
	t.Helper()
	tmpl, err := r.Parse("many.md", []byte("# Many\n\n"+strings.Repeat("para\n\n", 20000)))
	if err != nil {
		t.Fatal(err)
	}
	return tmpl
}

// TestRenderContextStops: Render took no context, and a document in
// flight could not be stopped (20000 paragraphs to PDF ran to the end
// after the HTTP client went away). RenderContext stops soon after ctx
// ends, before rendering or in the middle of any format's backend, with
// an error that wraps ctx.Err(), no output, a checked ctx no more than
// once a block or a page, and no goroutine left.
func TestRenderContextStops(t *testing.T) {
	r := newRenderer(t, policyexport.Options{MaxPages: 10000})
	tmpl := manyBlocks(t, r)
	goroutines := runtime.NumGoroutine()
	for _, f := range policyexport.Formats() {
		// How often a whole rendering checks: per block (and page), not
		// per character, and what it checks is a context that can end.
		whole := ctxtest.New(1 << 62)
		if _, err := r.RenderContext(whole, tmpl, nil, f); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		n := whole.Checks()
		if n < 20000 || n > 3*20000 {
			t.Errorf("%s: ctx was checked %d times for 20001 blocks; want about one check a block", f, n)
		}
		for _, limit := range []int64{1, 2, 3, n / 2, n - 1} {
			ctx := ctxtest.New(limit)
			out, err := r.RenderContext(ctx, tmpl, nil, f)
			if !errors.Is(err, context.Canceled) || out != nil {
				t.Errorf("%s, cancelled at check %d of %d: %d outputs, %v; want none and context.Canceled", f, limit, n, len(out), err)
				continue
			}
			if after := ctx.Checks() - limit; after > 5 {
				t.Errorf("%s, cancelled at check %d: checked %d more times; want it to stop at once", f, limit, after)
			}
			res, err := r.RenderResultContext(ctxtest.New(limit), tmpl, nil, f)
			if !errors.Is(err, context.Canceled) || (res != nil && res.Outputs != nil) {
				t.Errorf("%s: RenderResultContext = %v, %v", f, res, err)
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if out, err := r.RenderContext(ctx, tmpl, nil); !errors.Is(err, context.Canceled) || out != nil {
		t.Errorf("cancelled before: %d outputs, %v", len(out), err)
	}
	past, stop := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer stop()
	if out, err := r.RenderContext(past, tmpl, nil); !errors.Is(err, context.DeadlineExceeded) || out != nil {
		t.Errorf("past deadline: %d outputs, %v", len(out), err)
	}
	if !settled(goroutines) {
		t.Errorf("%d goroutines after, %d before", runtime.NumGoroutine(), goroutines)
	}
}

// TestRenderToContextWritesNothing: a RenderToContext whose ctx ends
// writes nothing to any writer, whether ctx ends before, in the middle
// of a format, between formats, or after the last format was made (its
// last check, before the first write): every output is made in memory,
// and the writes, once begun, all happen.
func TestRenderToContextWritesNothing(t *testing.T) {
	r := newRenderer(t, policyexport.Options{MaxPages: 10000})
	tmpl := manyBlocks(t, r)
	goroutines := runtime.NumGoroutine()
	outs := func() (map[policyexport.Format]io.Writer, func() int) {
		bufs := map[policyexport.Format]*bytes.Buffer{}
		ws := map[policyexport.Format]io.Writer{}
		for _, f := range policyexport.Formats() {
			bufs[f] = &bytes.Buffer{}
			ws[f] = bufs[f]
		}
		return ws, func() int {
			n := 0
			for _, b := range bufs {
				n += b.Len()
			}
			return n
		}
	}
	whole := ctxtest.New(1 << 62)
	ws, written := outs()
	if err := r.RenderToContext(whole, tmpl, nil, ws); err != nil || written() == 0 {
		t.Fatalf("RenderToContext = %v, %d bytes", err, written())
	}
	n := whole.Checks()
	// The check after the last format is made, before the first write:
	// one more than rendering the same formats checks.
	made := ctxtest.New(1 << 62)
	if _, err := r.RenderContext(made, tmpl, nil); err != nil {
		t.Fatal(err)
	}
	if m := made.Checks(); m+1 != n {
		t.Errorf("RenderToContext checked %d times, rendering %d: want one check more, before writing", n, m)
	}
	for _, limit := range []int64{1, 2, n / 4, n / 2, 3 * n / 4, n - 1, n} {
		ws, written := outs()
		err := r.RenderToContext(ctxtest.New(limit), tmpl, nil, ws)
		if !errors.Is(err, context.Canceled) || written() != 0 {
			t.Errorf("cancelled at check %d of %d: %v, %d bytes written; want context.Canceled and nothing", limit, n, err, written())
		}
	}
	if !settled(goroutines) {
		t.Errorf("%d goroutines after, %d before", runtime.NumGoroutine(), goroutines)
	}
}

// TestDiffContextStops: Diff took no context, so a comparison of two
// long versions and its redlines ran to the end after the caller went
// away. DiffContext stops soon after ctx ends: while comparing (checked
// between blocks), before and while rendering each redline, and before
// returning, with an error that wraps ctx.Err() and no DiffResult.
func TestDiffContextStops(t *testing.T) {
	r := newRenderer(t, policyexport.Options{MaxPages: 10000})
	var oldSrc, newSrc strings.Builder
	oldSrc.WriteString("# Many\n\n")
	newSrc.WriteString("# Many\n\n")
	const paras = 1000
	for i := range paras {
		fmt.Fprintf(&oldSrc, "Paragraph %d says one thing.\n\n", i)
		if i%2 == 0 {
			fmt.Fprintf(&newSrc, "Paragraph %d says another thing.\n\n", i)
		} else {
			fmt.Fprintf(&newSrc, "Paragraph %d says one thing.\n\n", i)
		}
	}
	oldT, err := r.Parse("old.md", []byte(oldSrc.String()))
	if err != nil {
		t.Fatal(err)
	}
	newT, err := r.Parse("new.md", []byte(newSrc.String()))
	if err != nil {
		t.Fatal(err)
	}
	goroutines := runtime.NumGoroutine()
	for _, formats := range append([][]policyexport.Format{nil}, func() (fs [][]policyexport.Format) {
		for _, f := range policyexport.Formats() {
			fs = append(fs, []policyexport.Format{f})
		}
		return fs
	}()...) {
		opts := policyexport.DiffOptions{Formats: formats, Notice: formats == nil}
		whole := ctxtest.New(1 << 62)
		res, err := r.DiffContext(whole, oldT, newT, nil, nil, opts)
		if err != nil || !res.Changed() {
			t.Fatalf("%v: %v", formats, err)
		}
		n := whole.Checks()
		if n < paras/2 || n > 20*paras {
			t.Errorf("%v: ctx was checked %d times for %d blocks; want about one check a block", formats, n, paras)
		}
		for _, limit := range []int64{1, 2, n / 4, n / 2, n - 1, n} {
			ctx := ctxtest.New(limit)
			res, err := r.DiffContext(ctx, oldT, newT, nil, nil, opts)
			if !errors.Is(err, context.Canceled) || res != nil {
				t.Errorf("%v, cancelled at check %d of %d: result %t, %v; want no result and context.Canceled", formats, limit, n, res != nil, err)
				continue
			}
			if after := ctx.Checks() - limit; after > 5 {
				t.Errorf("%v, cancelled at check %d: checked %d more times; want it to stop at once", formats, limit, after)
			}
		}
	}
	if !settled(goroutines) {
		t.Errorf("%d goroutines after, %d before", runtime.NumGoroutine(), goroutines)
	}
}
