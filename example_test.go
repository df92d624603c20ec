package policyexport_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/model"
)

// acme are the values of the embedded privacy policy's placeholders.
var acme = map[string]string{
	"siteName":    "Acme Imaging",
	"email":       "privacy@acme.example",
	"lastUpdated": "2026-11-28",
}

// Render the embedded privacy policy to plain text.
func Example() {
	r, err := policyexport.New(policyexport.Options{})
	if err != nil {
		log.Fatal(err)
	}
	out, err := r.Render(r.Default(), acme, policyexport.Text)
	if err != nil {
		log.Fatal(err)
	}
	lines := strings.Split(string(out[policyexport.Text]), "\n")
	fmt.Println(strings.Join(lines[:4], "\n"))
	// Output:
	// PRIVACY POLICY
	// ==============
	//
	// Last Updated: 2026-11-28
}

// Render a template of your own to PDF bytes.
func ExampleRenderer_Render_pdf() {
	r, err := policyexport.New(policyexport.Options{Paper: "letter"})
	if err != nil {
		log.Fatal(err)
	}
	t, err := r.Parse("terms.md", []byte("# Terms of {siteName}\n\nBe nice.\n"))
	if err != nil {
		log.Fatal(err)
	}
	out, err := r.Render(t, map[string]string{"siteName": "Acme"}, policyexport.PDF)
	if err != nil {
		log.Fatal(err)
	}
	pdf := out[policyexport.PDF]
	fmt.Println(string(pdf[:5]), bytes.Count(pdf, []byte("/Type /Page\n")), "page")
	// Output: %PDF- 1 page
}

// Fill a template and walk the document model.
func ExampleRenderer_Fill() {
	r, err := policyexport.New(policyexport.Options{})
	if err != nil {
		log.Fatal(err)
	}
	doc, err := r.Fill(r.Default(), acme)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("title:", doc.Meta.Title)
	model.WalkBlocks(doc.Blocks, func(n model.Node) bool {
		switch n := n.(type) {
		case *model.Heading:
			if n.Level == 2 && strings.HasPrefix(model.PlainText(n.Inlines), "1") {
				fmt.Println("section:", model.PlainText(n.Inlines))
			}
		case *model.Text:
			if n.Text == acme["email"] {
				fmt.Println("email filled in at", n.Pos())
			}
		}
		return true
	})
	// Output:
	// title: Privacy Policy
	// section: 1. Information We Collect
	// section: 10. Contact Us
	// email filled in at 111:10
}

// A program reacts to missing values without parsing the message.
func ExampleMissingValuesError() {
	r, err := policyexport.New(policyexport.Options{})
	if err != nil {
		log.Fatal(err)
	}
	_, err = r.Render(r.Default(), map[string]string{"siteName": "Acme"}, policyexport.HTML)
	var missing *policyexport.MissingValuesError
	if errors.As(err, &missing) {
		for _, p := range missing.Missing {
			fmt.Printf("{%s} at line %d, column %d\n", p.Name, p.Pos.Line, p.Pos.Col)
		}
	}
	// Output:
	// {lastUpdated} at line 3, column 17
	// {email} at line 111, column 10
}

// A program finds where a template, a values file or a manifest is wrong
// without parsing the message.
func ExampleSourceError() {
	r, err := policyexport.New(policyexport.Options{})
	if err != nil {
		log.Fatal(err)
	}
	_, err = r.Parse("terms.md", []byte("---\ntitle: [Terms\n---\n# Terms\n"))
	var se *policyexport.SourceError
	if errors.As(err, &se) {
		fmt.Printf("%s, line %d, column %d: %s\n", se.File, se.Pos.Line, se.Pos.Col, se.Msg)
	}
	// Output:
	// terms.md, line 2, column 8: did not find expected ',' or ']' (close the list or map: add the ']')
}

// Compare two versions of a template and list what changed.
func ExampleRenderer_Diff() {
	r, err := policyexport.New(policyexport.Options{})
	if err != nil {
		log.Fatal(err)
	}
	old, err := r.Parse("terms-v1.md", []byte("# Terms\n\n## Ending\n\nWe may end these terms at any time.\n"))
	if err != nil {
		log.Fatal(err)
	}
	new, err := r.Parse("terms-v2.md", []byte("# Terms\n\n## Ending\n\nWe may end these terms with a month's notice.\n"))
	if err != nil {
		log.Fatal(err)
	}
	d, err := r.Diff(old, new, nil, nil, policyexport.DiffOptions{Formats: []policyexport.Format{policyexport.Text}})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range d.Changes {
		fmt.Printf("%s in %q: %q -> %q\n", c.Kind, c.Section, c.Old, c.New)
	}
	fmt.Println(strings.Contains(string(d.Outputs[policyexport.Text]), "[-at any time-]"))
	// Output:
	// replace in ["Ending"]: "at any time" -> "with a month’s notice"
	// true
}

// Print the JSON Schema that batch manifests are checked against.
func ExampleSchema() {
	s, err := policyexport.Schema("manifest")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(bytes.Contains(s, []byte(`"$schema": "https://json-schema.org/draft/2020-12/schema"`)))
	// Output: true
}
