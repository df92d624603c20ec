package policyexport_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync"

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

// A web service renders each shop's policy on request from a template
// stored in its database (bytes, not a file), writing the HTML straight
// to the response. One Renderer serves every request; a template is
// parsed once and kept. RenderTo writes nothing when rendering fails,
// so the handler can still answer with an error.
func ExampleRenderer_RenderTo() {
	r, err := policyexport.New(policyexport.Options{Fragment: true, NoLocalImages: true})
	if err != nil {
		log.Fatal(err)
	}
	db := map[string][]byte{ // the templates, as a database returns them
		"acme": []byte("# Privacy at {siteName}\n\nWrite to {email}.\n"),
	}
	var (
		mu     sync.Mutex
		parsed = map[string]*policyexport.Template{}
	)
	template := func(shop string) (*policyexport.Template, error) {
		mu.Lock()
		defer mu.Unlock()
		if t, ok := parsed[shop]; ok {
			return t, nil
		}
		src, ok := db[shop]
		if !ok {
			return nil, fmt.Errorf("no shop %q", shop)
		}
		t, err := r.Parse("shop "+shop, src) // the name its errors give
		if err == nil {
			parsed[shop] = t
		}
		return t, err
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		shop := req.URL.Query().Get("shop")
		t, err := template(shop)
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		vals := map[string]string{"siteName": "Acme", "email": "privacy@acme.example"}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// The request's context: when the client goes away, the
		// rendering stops and nothing is written.
		if err := r.RenderToContext(req.Context(), t, vals, map[policyexport.Format]io.Writer{policyexport.HTML: w}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})

	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest("GET", "/privacy?shop=acme", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Print(rec.Body.String())
	// Output:
	// 200 text/html; charset=utf-8
	// <h1 id="privacy-at-acme">Privacy at Acme<a class="anchor" href="#privacy-at-acme" aria-hidden="true" tabindex="-1">#</a></h1>
	// <p>Write to privacy@acme.example.</p>
}

// The warnings the command prints are data: send them to your own
// logger, with the shop they are about.
func ExampleRenderer_RenderResult() {
	r, err := policyexport.New(policyexport.Options{})
	if err != nil {
		log.Fatal(err)
	}
	t, err := r.Parse("shop 42", []byte("# Terms of {siteName}\n\nSee [our prices](/prices).\n"))
	if err != nil {
		log.Fatal(err)
	}
	res, err := r.RenderResult(t, map[string]string{"siteName": "Acme", "city": "Berlin"}, policyexport.Text)
	if err != nil {
		log.Fatal(err)
	}
	// A handler without the time, so that the example's output is the
	// same on every run.
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	for _, w := range res.Warnings {
		logger.Warn("policy", "shop", 42, "kind", w.Kind, "line", w.Pos.Line, "col", w.Pos.Col, "names", w.Names)
	}
	// Output:
	// level=WARN msg=policy shop=42 kind=unused-values line=0 col=0 names=[city]
	// level=WARN msg=policy shop=42 kind=relative-link line=3 col=5 names=[]
}

// A nightly job renders every shop in parallel with one Renderer, and
// stops starting documents when its context ends (Render itself takes no
// context: MaxBytes, MaxCost and MaxPages bound each document's work).
func ExampleRenderer_Render_concurrent() {
	r, err := policyexport.New(policyexport.Options{Formats: []policyexport.Format{policyexport.Text}})
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	shops := []string{"Acme", "Globex", "Initech", "Umbrella"}
	firstLines := make([]string, len(shops))
	errs := make([]error, len(shops))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range jobs {
				vals := map[string]string{"siteName": shops[i], "email": "privacy@example.com", "lastUpdated": "2026-11-28"}
				out, err := r.Render(r.Default(), vals, policyexport.Text)
				if err != nil {
					errs[i] = err
					continue
				}
				firstLines[i], _, _ = strings.Cut(string(out[policyexport.Text]), "\n")
			}
		})
	}
send:
	for i := range shops {
		select {
		case jobs <- i:
		case <-ctx.Done(): // the job was cancelled: start no other shop
			break send
		}
	}
	close(jobs)
	wg.Wait()
	for i, shop := range shops {
		fmt.Println(shop, firstLines[i], errs[i])
	}
	// Output:
	// Acme PRIVACY POLICY <nil>
	// Globex PRIVACY POLICY <nil>
	// Initech PRIVACY POLICY <nil>
	// Umbrella PRIVACY POLICY <nil>
}
