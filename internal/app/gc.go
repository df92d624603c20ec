package app

import (
	"runtime/debug"

	"github.com/policyexport/policyexport/internal/batch"
)

// oneDocumentGC is the garbage collector's target percentage (GOGC)
// while render renders one document and exits. With Go's default of 100
// the first collection comes at 4 MB of heap, and the seed's PDF
// allocates about 10 MB (fonts cut and compressed, page streams, the
// finished file): three collections, whose marking and waking of idle
// threads were a quarter of the instructions of the whole process (94.6
// million with GOGC=100, 72.1 million with 400, callgrind) and about 40 %
// of its user time (60 runs each at 100, 200 and 400: 19.7, 13.6 and
// 10.3 ms). At 400 the first collection comes at 16 MB (the seed's PDF
// needs none; it needed one, started during package initialisation, while
// a JSON Schema library's init allocated 1.7 MB), and the heap of a
// larger document grows to at most five times what it holds live instead
// of twice (the 300 KB benchmark document, all four formats: 55 MB peak
// RSS at 100, 76–83 MB at 400). A batch has its own (batch.GCPercent),
// and a document of more than oneDocumentGCMaxInput bytes keeps Go's
// default.
const oneDocumentGC = 400

// oneDocumentGCMaxInput is the most bytes of template and values for
// which render raises GOGC to oneDocumentGC. A larger input keeps Go's
// default, under which its heap grows to about twice what it holds live
// rather than five times: a hostile 1 MiB template took 601 MiB peak RSS
// at 400, 365 MiB at 100 (internal/pathological BenchmarkProcess), while
// the collections that 400 spares are a small share of a large
// document's time.
const oneDocumentGCMaxInput = 512 << 10

// oneDocumentGCPercent sets GOGC to oneDocumentGC for the rest of a
// command that renders one document of input bytes of template and
// values, unless the input is larger than oneDocumentGCMaxInput or the
// environment sets GOGC (the user's choice wins), and returns what
// restores the previous setting (tests run many commands in one
// process).
func oneDocumentGCPercent(env Env, input int) (restore func()) {
	if input > oneDocumentGCMaxInput {
		return func() {}
	}
	return gcPercentUnlessSet(env, oneDocumentGC)
}

// batchGCPercent sets GOGC to batch.GCPercent while a batch renders,
// unless the environment sets GOGC, and returns what restores the
// previous setting.
func batchGCPercent(env Env) (restore func()) {
	return gcPercentUnlessSet(env, batch.GCPercent)
}

// gcPercentUnlessSet sets GOGC to percent unless the environment sets
// GOGC (the user's choice wins), and returns what restores the previous
// setting (tests run many commands in one process).
func gcPercentUnlessSet(env Env, percent int) (restore func()) {
	if env.getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(percent)
	return func() { debug.SetGCPercent(old) }
}
