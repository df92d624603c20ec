// Package defaulttemplate holds the template policyexport renders when no
// template is named: the privacy policy from the project's seed, embedded in
// the binary.
//
// It only hands out bytes; it never parses or fills them.
package defaulttemplate

import _ "embed"

// Name is the file name the embedded template is known by in messages and
// output paths.
const Name = "privacy-policy.md"

//go:embed privacy-policy.md
var source []byte

// Source returns a copy of the embedded template's Markdown.
func Source() []byte {
	return append([]byte(nil), source...)
}
