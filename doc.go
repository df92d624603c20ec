// Package policyexport renders Markdown legal documents — a privacy
// policy, terms of service, a cookie notice — with {placeholders} filled
// in, to PDF, HTML, plain text and JSON. It is the library behind the
// policyexport command, for programs that render documents themselves: a
// web service that renders a tenant's policy on request, a site generator
// that publishes legal pages.
//
// The simplest use renders the embedded privacy policy to plain text:
//
//	r, err := policyexport.New(policyexport.Options{})
//	if err != nil { ... }
//	out, err := r.Render(r.Default(), map[string]string{
//		"siteName": "Acme", "email": "privacy@acme.example", "lastUpdated": "2026-11-28",
//	}, policyexport.Text)
//	if err != nil { ... }
//	os.Stdout.Write(out[policyexport.Text])
//
// Prepare once, render many: a Renderer prepares each font (the
// expensive part) once, when a document first draws from it, and is
// safe for concurrent use, so a service keeps one and renders every
// request with it. Parse a template
// once too (Renderer.Parse for bytes, Renderer.ParseFile for a file,
// Renderer.Default for the embedded one) and fill it with any number of
// values. Render returns every requested format as bytes, RenderTo writes
// each to its io.Writer, and either writes nothing when any format fails.
// Fill returns the filled document model (package model) for a program
// to walk. Batch renders a whole manifest, as "policyexport batch" does.
// RenderResult returns the outputs with the warnings the command prints
// (values no placeholder uses, raw HTML the outputs drop) as data: the
// package never prints. Diff compares two versions of a template (the
// same values or each its own) and returns the changes and the redlines,
// as "policyexport diff" does.
//
// A value is always literal text: filled into the parsed tree, it never
// becomes markup, a link, HTML or another placeholder. The same template,
// values and Options give the same bytes, on any machine, any day: the
// clock is never read (Options.Date, else the document's own date), nor
// any environment variable (SOURCE_DATE_EPOCH, TZ), and nothing is
// printed. A template is Markdown, not code, but it names the local
// image files the PDF embeds, at any path: a service that renders
// templates its host does not trust (a tenant's, from a database) sets
// Options.NoLocalImages.
//
// A service renders each request with its context: RenderContext,
// RenderResultContext and RenderToContext stop soon after the context
// ends (the client went away, a deadline passed), checking it before
// each block of the document and each page the PDF draws, never per
// character, and return an error that wraps ctx.Err() (errors.Is(err,
// context.Canceled)), no output, nothing written to RenderToContext's
// writers and no goroutine left behind. Render, RenderResult and
// RenderTo are them with context.Background(): once begun, a document
// finishes (Options.MaxBytes, MaxCost and MaxPages bound its work).
// DiffContext is Diff stopping the same way, checking the context
// between blocks of the comparison too; a cancelled DiffContext returns
// no DiffResult.
// Batch stops between documents when its context ends, and stops
// waiting for a named pipe its manifest names.
//
// Errors name the template, line and column. A program can react to them
// without parsing messages: a *SourceError is a problem at a place in a
// template, a values file or a manifest (its File, line and column, and
// what is wrong), a *MissingValuesError lists each placeholder
// without a value and where it is, a *GlyphError names the character no
// font has and where it is, a *ShapingError a character whose script the
// PDF does not shape yet (Tibetan, Lao, Mongolian, …), an
// *UnusedValuesError (Options.Strict) names
// the values no placeholder uses, a *FooterFieldError a field of
// Options.Footer that names no value, a *ValueError a value refused for
// its content (a NUL byte, a bidirectional override), by its Name, and
// an *OptionError a field of Options that New refuses (its Option,
// Value and Reason).
// A program may make any of them from their fields too (a test double of
// a renderer): Error then builds the message from them.
// Schema returns the JSON Schemas of
// manifests, the JSON output, batch indexes and Diff's change list.
//
// Messages name the Options field to set where a setting is the fix
// ("raise it with Options.MaxPages", "(set Options.MissingImagesAlt to
// write the alt text instead)", "add a font that has it to
// Options.Fonts", "Options.PDFStandard ua-1: …"), so a program may show
// them to its own users; the command rewrites each into its flag. The
// flags and their fields: --max-size is MaxBytes,
// --max-depth MaxDepth, --max-cost MaxCost, --max-pages MaxPages,
// --font Fonts, --pdf-standard PDFStandard, --pdf-links PDFLinks,
// --base-url BaseURL,
// --footer and --no-footer Footer and NoFooter, --toc TOC,
// --no-title-block NoTitleBlock, --missing-images MissingImagesAlt,
// --embed-images EmbedImages, --unsafe-html UnsafeHTML, --date Date,
// --lang Lang; --set and
// --values are the values given to Render, "-f html,txt" its formats.
//
// # Stability
//
// This package and package model are the API, at version APIVersion:
// until 1.0 a minor release may change them, and says how. Everything
// under internal/ may change at any time. The command line is a user of
// this package: render and diff build Options from their flags and call
// New, RenderResult and Diff; batch takes its parse, fill and backend
// options from the same mapping.
package policyexport
