package fpdfout

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
)

// finish is the finishing stage: it takes the file as fpdf wrote it and
// returns the file policyexport writes. It is the one place where fpdf's
// objects are rewritten, one pass after the other, each keeping the file
// valid (qpdf --check) and the output a function of the input:
//
//  1. compressPages: page content streams compressed with reused zlib
//     writers (compress.go), the cross-reference table rebuilt;
//  2. tagStructure: the structure tree of a tagged PDF, the link
//     annotations and the catalog and page keys that refer to them
//     (structtree.go);
//  3. conform, with a --pdf-standard only (c not nil): XMP metadata,
//     output intent, fonts, outline counts, associated files (pdfa.go),
//     on the tagged file;
//  4. addTrailerID: the trailer's /ID, a hash of the file so far.
//
// A pass that changes objects goes before addTrailerID, so that the ID
// covers it.
func (w *Writer) finish(raw []byte, d *Doc, pageH float64, c *conformance) ([]byte, error) {
	out, err := w.compressPages(raw)
	if err != nil {
		return nil, err
	}
	if out, err = w.tagStructure(out, d.tags, d.annots, d.dests, pageH); err != nil {
		return nil, err
	}
	if c != nil {
		if out, err = w.conform(out, c); err != nil {
			return nil, err
		}
	}
	return addTrailerID(out), nil
}

// addTrailerID inserts a file identifier computed from the content into
// the trailer dictionary. The trailer follows the cross-reference table,
// so no byte offset changes.
func addTrailerID(pdf []byte) []byte {
	i := bytes.LastIndex(pdf, []byte("\ntrailer\n<<\n"))
	if i < 0 {
		return pdf
	}
	sum := sha256.Sum256(pdf)
	id := hex.EncodeToString(sum[:16])
	at := i + len("\ntrailer\n<<\n")
	out := make([]byte, 0, len(pdf)+80)
	out = append(out, pdf[:at]...)
	out = append(out, "/ID [<"+id+"><"+id+">]\n"...)
	return append(out, pdf[at:]...)
}
