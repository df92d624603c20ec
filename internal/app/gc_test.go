package app

import (
	"runtime/debug"
	"testing"
)

// gcPercent returns the current GOGC percentage without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestOneDocumentGCPercent checks that a render sets GOGC to
// oneDocumentGC and puts the previous value back after, and that a GOGC
// in the environment or an input larger than oneDocumentGCMaxInput
// leaves it alone.
func TestOneDocumentGCPercent(t *testing.T) {
	before := gcPercent()
	restore := oneDocumentGCPercent(Env{Getenv: func(string) string { return "" }}, 10<<10)
	if got := gcPercent(); got != oneDocumentGC {
		t.Errorf("during a render GOGC is %d, want %d", got, oneDocumentGC)
	}
	restore()
	if got := gcPercent(); got != before {
		t.Errorf("after a render GOGC is %d, want %d again", got, before)
	}
	restore = oneDocumentGCPercent(Env{Getenv: func(k string) string {
		if k == "GOGC" {
			return "50"
		}
		return ""
	}}, 10<<10)
	if got := gcPercent(); got != before {
		t.Errorf("with GOGC=50 in the environment a render set GOGC to %d", got)
	}
	restore()
	restore = oneDocumentGCPercent(Env{Getenv: func(string) string { return "" }}, oneDocumentGCMaxInput+1)
	if got := gcPercent(); got != before {
		t.Errorf("for an input of %d bytes a render set GOGC to %d", oneDocumentGCMaxInput+1, got)
	}
	restore()
}
