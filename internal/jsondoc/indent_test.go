package jsondoc

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzIndent checks indent and indentedSize against json.Indent on the
// compact form of any valid JSON, with the newline the Encoder ends it
// with.
func FuzzIndent(f *testing.F) {
	for _, s := range []string{
		`{"schemaVersion":1,"meta":{},"values":{"a\"b":"c\\"},"blocks":[{"type":"paragraph","inlines":[]}]}`,
		`[[],{},[{}],"\\\"",1.5e3,true,null,"é\u2028"]`, `"x"`, `0`, `{"a":{"b":{"c":[1,[2,[3]]]}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if !json.Valid(in) {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, in); err != nil {
			t.Fatal(err)
		}
		compact.WriteByte('\n')
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		got := indent(nil, compact.Bytes())
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("indent(%q)\n got %q\nwant %q", compact.Bytes(), got, want.Bytes())
		}
		if n := indentedSize(compact.Bytes()); n != len(got) {
			t.Errorf("indentedSize(%q) = %d, want %d", compact.Bytes(), n, len(got))
		}
	})
}
