// Package version names the policyexport release. The outputs that record
// their producer (the PDF's Creator and XMP CreatorTool, the standalone
// HTML page's generator meta, a batch's index.json) take it from here, so
// all of one build carry the same string and nothing depends on build
// time or machine; the plain text, the JSON document and an HTML fragment
// carry none.
//
// The version comes from, strongest first: the linker (a release build
// sets release with -ldflags, see below), the module's build information
// (what "go install github.com/policyexport/policyexport/cmd/policyexport@v1.2.3"
// records: 1.2.3), else Fallback for a build from a source tree with no
// version recorded ("go build", "go test"). Golden tests never depend on
// it: they give the backends a fixed producer string.
package version

import (
	"runtime/debug"
	"strings"
	"sync"
)

// release is the version a release build names at link time; empty
// otherwise. Only the linker sets it:
//
//	go build -ldflags "-X github.com/policyexport/policyexport/internal/version.release=1.2.3" ./cmd/policyexport
var release string

// Fallback is the version of a build that records none: a build from a
// source tree without -ldflags.
const Fallback = "0.1.0"

// Version is the policyexport release as a semantic version without the
// leading "v" ("1.2.3", or a Go pseudo-version such as
// "0.1.1-0.20261204120000-abcdef123456"). It is the same for every call
// in one binary.
func Version() string { return cached() }

var cached = sync.OnceValue(func() string {
	info, _ := debug.ReadBuildInfo()
	return choose(release, info)
})

// choose picks the version from the link-time release, else the main
// module's version in info (nil when the binary has none), else Fallback.
func choose(release string, info *debug.BuildInfo) string {
	if v := strings.TrimSpace(release); v != "" {
		return strings.TrimPrefix(v, "v")
	}
	if info != nil {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			return strings.TrimPrefix(v, "v")
		}
	}
	return Fallback
}

// String is the product name with its version, as written into outputs.
func String() string { return "policyexport " + Version() }
