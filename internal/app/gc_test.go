package app

import (
	"runtime/debug"
	"testing"

	"github.com/policyexport/policyexport/internal/batch"
)

// gcPercent returns the current GOGC percentage without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestGCPercent checks that a render sets GOGC to oneDocumentGC and a
// batch to batch.GCPercent, each putting the previous value back after,
// and that a GOGC in the environment, or a render's input larger than
// oneDocumentGCMaxInput, leaves it alone.
func TestGCPercent(t *testing.T) {
	unset := Env{Getenv: func(string) string { return "" }}
	setTo50 := Env{Getenv: func(k string) string {
		if k == "GOGC" {
			return "50"
		}
		return ""
	}}
	before := gcPercent()
	for _, c := range []struct {
		name string
		set  func() (restore func())
		want int
	}{
		{"render", func() func() { return oneDocumentGCPercent(unset, 10<<10) }, oneDocumentGC},
		{"render with GOGC=50", func() func() { return oneDocumentGCPercent(setTo50, 10<<10) }, before},
		{"render of a large input", func() func() { return oneDocumentGCPercent(unset, oneDocumentGCMaxInput+1) }, before},
		{"batch", func() func() { return batchGCPercent(unset) }, batch.GCPercent},
		{"batch with GOGC=50", func() func() { return batchGCPercent(setTo50) }, before},
	} {
		restore := c.set()
		if got := gcPercent(); got != c.want {
			t.Errorf("%s: GOGC is %d, want %d", c.name, got, c.want)
		}
		restore()
		if got := gcPercent(); got != before {
			t.Errorf("after %s: GOGC is %d, want %d again", c.name, got, before)
		}
	}
}
