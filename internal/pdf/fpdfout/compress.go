package fpdfout

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// Page content streams are compressed here, not by fpdf. fpdf makes a new
// zlib writer for every page, and a writer allocates and clears about
// 1 MB before it compresses anything: for a short document that was a
// third of the time of a render. So fpdf writes the pages uncompressed,
// compressPages compresses them with writers that the Writer keeps in a
// free list, and the finishing stage writes the file with a new
// cross-reference table. A reset writer writes the same bytes as a new
// one.
//
// The compressor is github.com/klauspost/compress, not compress/zlib:
// its level 1 deflates a seed document's pages 2.3 times as fast, into
// slightly fewer bytes (5,292 against 5,325 for the seed's 20,716 bytes
// of page content), and took the seed's deflate from 1.9 to 0.95
// million instructions a document. Its output is deterministic for a
// given version and level (go.mod pins the version): the inflated
// streams are fpdf's bytes (TestCompressPagesMatchesFpdf).

// zlibPool holds zlib writers of one level: a small free list rather
// than a sync.Pool, which a garbage collection empties (and a writer is
// about 1 MB to make). It keeps at most cap(free) writers. The Writer
// has one for page streams and one for the fonts it cuts.
type zlibPool struct {
	level int // the zlib level of its writers
	once  sync.Once
	free  chan *zlib.Writer
}

// maxIdleWriters bounds the zlib writers a Writer keeps between documents.
const maxIdleWriters = 8

func (p *zlibPool) init() { p.free = make(chan *zlib.Writer, maxIdleWriters) }

func (p *zlibPool) get(w *bytes.Buffer) *zlib.Writer {
	p.once.Do(p.init)
	select {
	case zw := <-p.free:
		zw.Reset(w)
		return zw
	default:
	}
	zw, err := zlib.NewWriterLevel(w, p.level)
	if err != nil {
		panic(err) // only for an invalid level
	}
	return zw
}

func (p *zlibPool) put(zw *zlib.Writer) {
	p.once.Do(p.init)
	select {
	case p.free <- zw:
	default:
	}
}

// pageCompression is the zlib level of page content streams: fpdf's.
const pageCompression = zlib.BestSpeed

// fontCompression is the zlib level of the 8-bit fonts cut for a
// document (cp1252.go).
const fontCompression = zlib.BestCompression

// errLayout reports fpdf output that the finishing stage does not
// understand.
var errLayout = errors.New("unexpected structure of fpdf's output")

// compressPages compresses every page content stream of f, which fpdf
// wrote with compression off.
func (w *Writer) compressPages(f *pdfFile) error {
	if err := w.compressPagesErr(f); err != nil {
		return fmt.Errorf("compressing pages: %w", err)
	}
	return nil
}

func (w *Writer) compressPagesErr(f *pdfFile) error {
	var z bytes.Buffer
	// Page content streams are the objects that pages name in /Contents.
	for _, num := range f.order {
		body := f.objs[num]
		if !bytes.Contains(body[:min(len(body), 40)], []byte("<</Type /Page\n")) {
			continue
		}
		i := bytes.Index(body, []byte("/Contents "))
		if i < 0 {
			return errLayout
		}
		rest := body[i+len("/Contents "):]
		j := bytes.Index(rest, []byte(" 0 R>>"))
		c, err := strconv.Atoi(string(rest[:max(j, 0)]))
		if j < 0 || err != nil || c <= 0 || c >= len(f.objs) || f.objs[c] == nil {
			return errLayout
		}
		if f.objs[c], err = w.compressObject(c, f.objs[c], &z); err != nil {
			return err
		}
	}
	return nil
}

// compressObject returns object num, an uncompressed stream as fpdf
// writes it ("num 0 obj\n<</Length n>>\nstream\n…\nendstream\nendobj\n"),
// with its data compressed, using z as scratch space.
func (w *Writer) compressObject(num int, body []byte, z *bytes.Buffer) ([]byte, error) {
	head := strconv.Itoa(num) + " 0 obj\n<</Length "
	if !bytes.HasPrefix(body, []byte(head)) {
		return nil, errLayout
	}
	rest := body[len(head):]
	k := bytes.Index(rest, []byte(">>\nstream\n"))
	length, err := strconv.Atoi(string(rest[:max(k, 0)]))
	if k < 0 || err != nil {
		return nil, errLayout
	}
	data := rest[k+len(">>\nstream\n"):]
	if length > len(data) || string(data[length:]) != "\nendstream\nendobj\n" {
		return nil, errLayout
	}
	z.Reset()
	zw := w.pageZlib.get(z)
	if _, err := zw.Write(data[:length]); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	w.pageZlib.put(zw)
	const tail = "\nendstream\nendobj\n"
	out := make([]byte, 0, len(head)+z.Len()+len(tail)+40)
	out = strconv.AppendInt(out, int64(num), 10)
	out = append(out, " 0 obj\n<</Filter /FlateDecode /Length "...)
	out = strconv.AppendInt(out, int64(z.Len()), 10)
	out = append(out, ">>\nstream\n"...)
	out = append(out, z.Bytes()...)
	return append(out, tail...), nil
}
