// Package version names the policyexport release. Outputs that record their
// producer (PDF Creator, JSON index files, HTML generator) take it from here,
// so every output of one build carries the same string and nothing depends on
// build time or machine.
package version

// Version is the policyexport release, as semantic version.
const Version = "0.1.0"

// String is the product name with its version, as written into outputs.
func String() string { return "policyexport " + Version }
