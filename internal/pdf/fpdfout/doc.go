// Package fpdfout is the writer stage of the PDF backend: the only code
// that talks to codeberg.org/go-pdf/fpdf or touches the bytes it writes.
// The layout in internal/pdf decides where everything goes; this package
// draws it with fpdf and finishes fpdf's output into the file.
//
// It owns the fonts as fpdf sees them (each face cut to what a document
// draws, through an 8-bit font for text in code page 1252 and a UTF-8
// font for the rest: cp1252.go, cut.go), the PDF text strings fpdf gets
// (UTF-16 where fpdf would garble them), and the finishing stage
// (finish.go), the one step that rewrites what fpdf wrote. It reads
// fpdf's object table once into one object model (pdfobj.go), and its
// passes edit that model in turn: page streams compressed with reused
// writers (compress.go), the structure tree of a tagged PDF and the link
// annotations (structtree.go), for every file what ISO 32000-1 asks and
// fpdf omits (outline counts, outline destinations when files are
// attached: strict, so that pdfcpu's strict validation passes), with a
// Standard the PDF/A and PDF/UA pass (pdfa.go: XMP metadata, output
// intent, fonts, associated files); then the file is written once, with
// the trailer's file identifier. Anything else that has to change fpdf's
// objects belongs in that step.
//
// A Writer holds what is shared between documents (the faces, each
// prepared when a document first draws from it, a
// cache of cut fonts, idle compressors) and is safe for concurrent use; a
// Doc is one document being drawn, used by one goroutine. The package
// knows nothing of the document model or of layout: it is given faces by
// index, positions in millimetres and strings to draw. It never reads the
// clock, and never copies fpdf's code: fpdf stays a module dependency.
package fpdfout
