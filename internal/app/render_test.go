package app

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/render"
)

// TestOutputFormats checks how --format and -o decide the formats.
func TestOutputFormats(t *testing.T) {
	all := render.All()
	cases := []struct {
		formats []string
		output  string
		want    []render.Format
		usage   string // the usage error's text, when one is expected
	}{
		{want: all},
		{formats: []string{"txt"}, want: []render.Format{render.TXT}},
		{formats: []string{"txt", "PDF,html", "pdf"}, want: []render.Format{render.PDF, render.HTML, render.TXT}},
		{output: "a.pdf", want: []render.Format{render.PDF}},
		{output: "dir.v2/A.HTM", want: []render.Format{render.HTML}},
		{output: "a.Json", want: []render.Format{render.JSON}},
		{output: "a.TXT", formats: []string{"txt"}, want: []render.Format{render.TXT}},
		{output: "body.eml", formats: []string{"txt"}, want: []render.Format{render.TXT}},
		{output: "-", formats: []string{"html"}, want: []render.Format{render.HTML}},
		{output: "a.docx", usage: `the extension ".docx" names no format`},
		{output: "noext", usage: "no extension"},
		{output: "a.pdf", formats: []string{"html"}, usage: "names pdf, but --format is html"},
		{output: "-", usage: "needs --format"},
		{output: "a.txt", formats: []string{"txt,html"}, usage: "--format names 2"},
		{formats: []string{"docx"}, usage: `unknown format "docx"`},
		{formats: []string{""}, usage: "no format given"},
	}
	for _, tc := range cases {
		c := renderConfig{formats: tc.formats, output: tc.output}
		got, err := c.outputFormats()
		if tc.usage != "" {
			var ue usageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.usage) {
				t.Errorf("%q -o %q: got %v, %v; want the usage error %q", tc.formats, tc.output, got, err, tc.usage)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q -o %q: got %v, %v; want %v", tc.formats, tc.output, got, err, tc.want)
		}
	}
}

// TestNormalize checks that names are case-insensitive and written in
// their canonical form, and that a bad name or tag is a usage error.
func TestNormalize(t *testing.T) {
	c := renderConfig{profile: "CommonMark", missing: "KEEP", links: "Inline", paper: "A4", pdfLinks: "None", missingImages: "ALT", lang: "de-ch"}
	if err := c.normalize(); err != nil {
		t.Fatal(err)
	}
	want := renderConfig{profile: "commonmark", missing: "keep", links: "inline", paper: "a4", pdfLinks: "none", missingImages: "alt", lang: "de-CH"}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("normalize: got %+v, want %+v", c, want)
	}
	// No --lang is no language: the front matter's, or none.
	c.lang = ""
	if err := c.normalize(); err != nil || c.lang != "" {
		t.Errorf("normalize without --lang: lang %q, %v; want none", c.lang, err)
	}
	for _, bad := range []renderConfig{
		{profile: "gfm", missing: "error", links: "reference", paper: "a4", pdfLinks: "footnote", missingImages: "error", lang: "en"},
		{profile: "default", missing: "error", links: "reference", paper: "a5", pdfLinks: "footnote", missingImages: "error", lang: "en"},
		{profile: "default", missing: "error", links: "reference", paper: "a4", pdfLinks: "reference", missingImages: "error", lang: "en"},
		{profile: "default", missing: "error", links: "reference", paper: "a4", pdfLinks: "footnote", missingImages: "error", lang: "en US"},
	} {
		var ue usageError
		if err := bad.normalize(); !errors.As(err, &ue) {
			t.Errorf("%+v: got %v, want a usage error", bad, err)
		}
	}
}

// TestMainExitCodes checks the exit code of Main and that it writes only
// to the Env's writers.
func TestMainExitCodes(t *testing.T) {
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"version"}, ExitOK},
		{[]string{"render", "--set", "siteName=A, B", "--set", "email=e", "--set", "lastUpdated=x", "-f", "txt", "-o", "-"}, ExitOK},
		{[]string{"render", "--set", "siteName=a\u202eb", "-f", "txt", "-o", "-"}, ExitInput}, // refused content
		{[]string{"render", "--set", "siteName", "-f", "txt", "-o", "-"}, ExitUsage},          // no "="
		{[]string{"render", "--set", "1x=a", "-f", "txt", "-o", "-"}, ExitUsage},              // bad name
		{[]string{"render", "-f", "txt", "-o", "-"}, ExitInput},                               // missing values
		{[]string{"render", "-o", "-"}, ExitUsage},
		{[]string{"nonsense"}, ExitUsage},
		{[]string{"help", "nonsense"}, ExitUsage},
	}
	for _, tc := range cases {
		var out, errOut strings.Builder
		env := Env{Args: append([]string{"policyexport"}, tc.args...), Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
			Getenv: func(string) string { return "" }}
		if got := Main(t.Context(), env); got != tc.want {
			t.Errorf("%q: exit %d, want %d (stderr %q)", tc.args, got, tc.want, errOut.String())
		}
		if tc.want != ExitOK && errOut.Len() == 0 {
			t.Errorf("%q: nothing on stderr", tc.args)
		}
	}
}
