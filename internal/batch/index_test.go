package batch

import (
	"strings"
	"testing"
)

// TestDecodeIndex checks what the streaming index decoder accepts and
// refuses: encoding/json's rules for Index and File (keys without case,
// unknown keys refused), one file at a time.
func TestDecodeIndex(t *testing.T) {
	const file = `{"path": "a/x.txt", "format": "txt", "bytes": 4, "sha256": "s", "document": "a", "template": "t", "templateSha256": "ts", "valuesSha256": "vs"}`
	for _, tc := range []struct {
		in, err string
		files   int
	}{
		{`{"policyexport": "1", "files": [` + file + `, ` + file + `]}`, "", 2},
		{`{"Policyexport": "1", "FILES": null, "failed": ["b"], "shard": {"index": 1, "total": 2, "documents": 1, "manifestDocuments": 2, "manifestSha256": "m"}}`, "", 0},
		{`{"policyexport": "1", "files": []}`, "", 0},
		{`{"files": []}`, "no policyexport version", 0},
		{`{"policyexport": "1", "extra": 1, "files": []}`, `unknown field "extra"`, 0},
		{`{"policyexport": "1", "files": [{"path": "a", "size": 1}]}`, `unknown field "size"`, 0},
		{`{"policyexport": "1", "files": {}}`, "want an array", 0},
		{`{"policyexport": "1", "files": [` + file, "EOF", 0},
		{`[]`, "want {", 0},
		{``, "EOF", 0},
	} {
		x, err := DecodeIndex("i.json", []byte(tc.in))
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.in, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), "i.json: not a policyexport index: ")):
			t.Errorf("%s: err = %v, want one naming %q", tc.in, err, tc.err)
		case err == nil && len(x.Files) != tc.files:
			t.Errorf("%s: %d files, want %d", tc.in, len(x.Files), tc.files)
		}
	}
}
