// Package pdfrules checks a PDF against rules of the PDF/A-2 and PDF/A-3
// (levels B and U) and PDF/UA-1 validation profiles of veraPDF
// (veraPDF-validation-profiles: PDF_A/PDFA-2B.xml, PDFA-2U.xml, PDFA-3B.xml,
// PDFA-3U.xml, PDF_UA/PDFUA-1.xml), one Go function per rule, each citing
// the profile's rule id ("6.6.4-1", "7.18.5-1").
//
// It is our own, independent checker for the archive outputs: it reads the
// file with pdfcpu's object reader (it writes no PDF parser of its own, only
// a small content-stream tokenizer, an XMP reader and a TrueType table
// reader) and never trusts the writer's intentions, only the bytes. It is test support: no product code
// imports it. RULES.md lists every rule of those profiles and says which
// are checked and why the others are not. A rule that is checked here only
// in part says so in its description and in RULES.md.
//
// Use:
//
//	for _, v := range pdfrules.Check(data, pdfrules.PDFUA1) {
//		t.Error(v) // "7.18.5-1: 12 0 obj: Link annotation's structure parent is none"
//	}
//
// How it reads a file: pdfcpu (api.ReadContext with a stateless
// configuration, so nothing is read from or written to the user's config
// directory) gives the cross-reference table; the rules walk the catalog,
// the page tree with inherited resources, every indirect object, the
// structure tree through the RoleMap, and the ParentTree. Page content is
// tokenized here (content.go), enough for marked content, colour operators,
// text-showing operators and resource names; form XObjects are not
// entered. XMP is read with encoding/xml, prefixes kept (xmp.go); TrueType
// programs with a small reader of its own (truetype.go), never the
// writer's internal/pdf/ttf.
//
// Adding a rule: one add(...) call in the rule file of its clause, with the
// profile's id and a one-line description, a failing and a passing file in
// TestRules, and its row in RULES.md turned to "checked" (TestRulesTable
// holds the three together).
package pdfrules
