package fpdfout

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// Page content streams are compressed here, not by fpdf. fpdf makes a new
// zlib writer for every page, and a writer allocates and clears about
// 1 MB before it compresses anything: for a short document that was a
// third of the time of a render. So fpdf writes the pages uncompressed
// and compressPages compresses them with writers that the Writer keeps
// in a free list, then rebuilds the cross-reference table. A reset writer
// writes the same bytes as a new one, so the output is what fpdf's own
// compression at the same level gives, byte for byte.

// zlibPool holds zlib writers for page streams: a small free list rather
// than a sync.Pool, which a garbage collection empties (and a writer is
// about 1 MB to make). It keeps at most cap(free) writers.
type zlibPool struct {
	once sync.Once
	free chan *zlib.Writer
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
	zw, err := zlib.NewWriterLevel(w, pageCompression)
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

// errLayout reports fpdf output that compressPages does not understand.
var errLayout = errors.New("unexpected structure of fpdf's output")

// compressPages takes a PDF as fpdf writes it with compression off and
// returns it with every page content stream compressed.
func (w *Writer) compressPages(pdf []byte) ([]byte, error) {
	out, err := w.compressPagesErr(pdf)
	if err != nil {
		return nil, fmt.Errorf("compressing pages: %w", err)
	}
	return out, nil
}

func (w *Writer) compressPagesErr(pdf []byte) ([]byte, error) {
	// The cross-reference table: "xref\n0 N\n" and N entries of 20 bytes.
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if sx < 0 {
		return nil, errLayout
	}
	tail := pdf[sx+len("\nstartxref\n"):]
	end := bytes.IndexByte(tail, '\n')
	if end < 0 {
		return nil, errLayout
	}
	xref, err := strconv.Atoi(string(tail[:end]))
	if err != nil || xref <= 0 || xref >= sx || !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		return nil, errLayout
	}
	line := pdf[xref+len("xref\n0 "):]
	nl := bytes.IndexByte(line, '\n')
	if nl < 0 {
		return nil, errLayout
	}
	n, err := strconv.Atoi(string(line[:nl]))
	entries := xref + len("xref\n0 ") + nl + 1
	if err != nil || n < 1 || entries+20*n > sx {
		return nil, errLayout
	}
	type object struct {
		num, off, end int
	}
	objs := make([]object, 0, n-1)
	for i := 1; i < n; i++ {
		e := pdf[entries+20*i : entries+20*i+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off <= 0 || off >= xref {
			return nil, errLayout
		}
		objs = append(objs, object{num: i, off: off})
	}
	slices.SortFunc(objs, func(a, b object) int { return a.off - b.off })
	for i := range objs {
		objs[i].end = xref
		if i+1 < len(objs) {
			objs[i].end = objs[i+1].off
		}
	}
	// Page content streams are the objects that pages name in /Contents.
	contents := map[int]bool{}
	for _, o := range objs {
		body := pdf[o.off:o.end]
		if !bytes.Contains(body[:min(len(body), 40)], []byte("<</Type /Page\n")) {
			continue
		}
		i := bytes.Index(body, []byte("/Contents "))
		if i < 0 {
			return nil, errLayout
		}
		rest := body[i+len("/Contents "):]
		j := bytes.Index(rest, []byte(" 0 R>>"))
		c, err := strconv.Atoi(string(rest[:max(j, 0)]))
		if j < 0 || err != nil {
			return nil, errLayout
		}
		contents[c] = true
	}
	var out bytes.Buffer
	out.Grow(len(pdf) / 2)
	out.Write(pdf[:objs[0].off])
	offsets := make([]int, n)
	var z bytes.Buffer
	for _, o := range objs {
		offsets[o.num] = out.Len()
		body := pdf[o.off:o.end]
		if !contents[o.num] {
			out.Write(body)
			continue
		}
		head := strconv.Itoa(o.num) + " 0 obj\n<</Length "
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
		zw := w.zlib.get(&z)
		if _, err := zw.Write(data[:length]); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		w.zlib.put(zw)
		out.WriteString(strconv.Itoa(o.num) + " 0 obj\n<</Filter /FlateDecode /Length " + strconv.Itoa(z.Len()) + ">>\nstream\n")
		out.Write(z.Bytes())
		out.WriteString("\nendstream\nendobj\n")
	}
	newXref := out.Len()
	out.Write(pdf[xref:entries])
	out.Write(pdf[entries : entries+20])
	for i := 1; i < n; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[i])
	}
	out.Write(pdf[entries+20*n : sx])
	out.WriteString("\nstartxref\n" + strconv.Itoa(newXref) + "\n%%EOF\n")
	if rest := tail[end+1:]; string(rest) != "%%EOF\n" {
		return nil, errLayout
	}
	return out.Bytes(), nil
}
