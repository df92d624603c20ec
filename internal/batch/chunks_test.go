package batch

import (
	"reflect"
	"testing"
)

// itemManifests are manifests in many layouts, with whether they are
// read item by item.
var itemManifests = []struct {
	text  string
	items bool
}{
	{string(manifestYAML(3)), true},
	{"documents:\n- name: a\n- name: b\n  values: {x: \"1\"}\n", true},
	{"# head\noutput: \"{name}.{ext}\"\ndocuments: # the list\n  # first\n  - name: a\n\n    values:\n      x: |\n        two\n        lines\n  -\n    name: b\n    formats: [txt,\n      pdf]\ndefaults:\n  locale: de\n", true},
	{"documents:\r\n  - name: a\r\n    locale: en\r\n  - {name: b, values: {y: 'q'}}\r\n", true},
	{"documents:\n  - name: \"a\n    b\"\n  - name: c\n", true},
	{"defaults: {metadata: {team: legal}}\ndocuments:\n  - name: a\n    metadata: {k: v}\n    pdfStandard: a-3u,ua-1\n", true},
	{"documents: [{name: a}]\n", false},
	{"documents:\n- name: a\n---\ndocuments:\n- name: b\n", false},
	{"documents:\n  - name: a\ndocuments:\n  - name: b\n", false},
	{"documents:\n  - name: a\n   bad: indent\n", false},
	{"documents:\n  - name: a\n\tvalues: {}\n", false},
	{"documents:\n  - name: a\n    nope: 1\n", false},
	{"documents:\n  - name: &x a\n  - name: *x\n", false},
	{"documents:\n  - name: a\n  - b\n", false},
	{"documents:\n  - name: a\n    name: b\n", false},
	{"documents:\n  - name: \"a\nb: c\"\n", false},
	{"documents:\noutput: x\n", false},
	{"{\"documents\": [{\"name\": \"a\"}]}", false},
	{"documents:\n  - name: a\nextra: 1\n", false},
}

// TestManifestItems: a manifest read item by item gives the Manifest the
// whole parse gives; the plain layouts are read so, and the others (or
// bad ones) go to the whole parse.
func TestManifestItems(t *testing.T) {
	for _, tc := range itemManifests {
		_, ok := loadItems(Manifest{File: "m.yaml"}, []byte(tc.text), keepDocuments)
		if ok != tc.items {
			t.Errorf("%q: read item by item %v, want %v", tc.text, ok, tc.items)
		}
		agree(t, tc.text)
	}
}

// agree fails when text is read item by item into another Manifest than
// the whole parse gives, or when the whole parse refuses it.
func agree(t *testing.T, text string) {
	t.Helper()
	m, ok := loadItems(Manifest{File: "m.yaml"}, []byte(text), keepDocuments)
	if !ok {
		return
	}
	whole, err := loadWhole(Manifest{File: "m.yaml"}, []byte(text), keepDocuments)
	if err != nil {
		t.Fatalf("%q: read item by item, but the whole parse says %v", text, err)
	}
	if !reflect.DeepEqual(m, whole) {
		t.Fatalf("%q: item by item\n%+v\nwhole\n%+v", text, m, whole)
	}
}

func FuzzManifestItems(f *testing.F) {
	for _, tc := range itemManifests {
		f.Add(tc.text)
	}
	f.Fuzz(func(t *testing.T, text string) { agree(t, text) })
}
