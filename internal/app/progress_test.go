package app

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestProgressLine pins what the batch progress line shows, as the
// progress bar package it replaces showed it: what it does, the share
// done, a bar filling the terminal's width, done/total, the rate and the
// time taken and left; redrawn in place, at most every progressThrottle
// (the last document always), and ended with a newline.
func TestProgressLine(t *testing.T) {
	clock := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	var b bytes.Buffer
	p := startProgressLine(&b, "rendering", 4, 60, now)
	if got, want := b.String(), "\rrendering   0% |"+strings.Repeat(" ", 17)+"| (0/4, 0 docs/hr) [0s:0s]"; got != want {
		t.Errorf("start:\n got %q\nwant %q", got, want)
	}
	b.Reset()
	clock = clock.Add(2 * time.Second)
	p.add()
	want := "\rrendering  25% |" + strings.Repeat("█", 3) + strings.Repeat(" ", 12) + "| (1/4, 30 docs/min) [2s:6s]"
	if got := b.String(); got != want {
		t.Errorf("one done:\n got %q\nwant %q", got, want)
	}
	if n := len([]rune(strings.TrimPrefix(want, "\r"))); n != 59 {
		t.Errorf("the line is %d columns, want the width less one (59)", n)
	}
	b.Reset()
	clock = clock.Add(10 * time.Millisecond)
	p.add() // throttled
	if b.Len() != 0 {
		t.Errorf("drawn again within %v: %q", progressThrottle, b.String())
	}
	clock = clock.Add(10 * time.Millisecond)
	p.add()
	p.add() // the last one: drawn however soon
	if got := b.String(); !strings.HasPrefix(got, "\rrendering 100% |") || !strings.Contains(got, "(4/4, 2 docs/s) [2s:0s]") {
		t.Errorf("all done: %q", got)
	}
	b.Reset()
	p.finish()
	if got := b.String(); !strings.HasPrefix(got, "\r") || !strings.HasSuffix(got, "[2s:0s]\n") {
		t.Errorf("finish: %q", got)
	}
	// Not a terminal: no progress at all.
	if newProgressLine(&b, "rendering", 4) != nil {
		t.Error("a progress line on a buffer, which is no terminal")
	}
}
