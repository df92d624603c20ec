package template

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	names := []string{"siteName", "email", "lastUpdated", "id", "url"}
	for _, tc := range []struct{ name, want string }{
		{"sitename", "siteName"},      // case only
		{"SITENAME", "siteName"},      // case only, however far
		{"emial", "email"},            // swapped neighbours: one edit
		{"mail", "email"},             // one deletion
		{"lastUpdate", "lastUpdated"}, // one insertion
		{"lstUpdatd", "lastUpdated"},  // two deletions
		{"sitNme", "siteName"},        // two edits
		{"stNme", ""},                 // three edits
		{"ip", "id"},                  // one edit, two letters
		{"x", ""},                     // never from one letter to another
		{"email", ""},                 // itself is never suggested
		{"zzz", ""},
		{"uri", "url"},
	} {
		if got := Suggest(tc.name, names); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	// Ties go to the first in sorted order, whatever the input order.
	if got := Suggest("ab", []string{"bb", "ac"}); got != "ac" {
		t.Errorf("tie: got %q, want ac", got)
	}
	if got := Suggest(strings.Repeat("a", 100), []string{strings.Repeat("a", 99)}); got != "" {
		t.Errorf("long names: got %q, want none", got)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "abc", 0}, {"abc", "acb", 1},
		{"kitten", "sitting", 3}, {"ca", "abc", 3}, {"email", "emial", 1},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestUnusedAndMissingHints(t *testing.T) {
	tp, err := Parse("p.md", []byte("---\nvalues:\n  region: EU\n---\n{siteName} {email} {region}\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	vals := map[string]string{"siteName": "S", "email": "e", "emial": "x", "zzz": "1", "region": "X"}
	_, rep, err := tp.Fill(vals, FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rep.Unused, []string{"emial", "zzz"}) || !reflect.DeepEqual(tp.Unused(vals), rep.Unused) {
		t.Fatalf("unused %q, Unused %q", rep.Unused, tp.Unused(vals))
	}
	want := "p.md: 2 values not used by any placeholder: {emial} (did you mean {email}?), {zzz}"
	if got := tp.UnusedMessage(rep.Unused); got != want {
		t.Errorf("UnusedMessage:\n%s\nwant\n%s", got, want)
	}
	if got := tp.UnusedMessage(nil); got != "" {
		t.Errorf("UnusedMessage(nil) = %q", got)
	}

	// A missing placeholder close to a given name; the front matter
	// default counts as a value.
	vals = map[string]string{"sitename": "S"}
	if got := tp.Missing(vals); !reflect.DeepEqual(got, []string{"siteName", "email"}) {
		t.Errorf("Missing = %q", got)
	}
	_, _, err = tp.Fill(vals, FillOptions{})
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Fill error %v, want an ErrorList", err)
	}
	want = "p.md:5:1: missing value for {siteName} (a value is named sitename: name it siteName, or write {sitename})\n" +
		"p.md:5:12: missing value for {email}"
	if err.Error() != want {
		t.Errorf("Fill error:\n%s\nwant\n%s", err, want)
	}
}
