// Package conformance holds only tests: it checks that the whole chain
// from Markdown to HTML (internal/template with ProfileCommonMark, then
// internal/html in CommonMark mode) reproduces the CommonMark 0.31.2
// spec's examples.
//
// It owns the spec test runner and its HTML normaliser, which follows the
// spec's own test/normalize.py. It exports nothing, and must never be
// imported or hold code that other packages need.
package conformance
