package fpdfout

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
)

// objectFile is a PDF file as fpdf writes it, read far enough to rewrite
// objects: one cross-reference section ("xref\n0 N\n", N entries of 20
// bytes, every object in use), a trailer, startxref. Passes of the
// finishing stage that change objects go through it.
type objectFile struct {
	pdf     []byte
	size    int   // N: objects 0 … N-1
	off     []int // per object number: its offset (0 for object 0)
	end     []int // per object number: where the next object (or the xref) starts
	order   []int // object numbers in file order
	xref    int   // offset of "xref"
	entries int   // offset of the first entry
	sx      int   // offset of "\nstartxref\n"
}

// parseObjects reads the cross-reference table of pdf.
func parseObjects(pdf []byte) (*objectFile, error) {
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if sx < 0 {
		return nil, errLayout
	}
	tail := pdf[sx+len("\nstartxref\n"):]
	end := bytes.IndexByte(tail, '\n')
	if end < 0 || string(tail[end+1:]) != "%%EOF\n" {
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
	if err != nil || n < 2 || entries+20*n > sx {
		return nil, errLayout
	}
	f := &objectFile{pdf: pdf, size: n, off: make([]int, n), end: make([]int, n), order: make([]int, 0, n-1), xref: xref, entries: entries, sx: sx}
	for i := 1; i < n; i++ {
		e := pdf[entries+20*i : entries+20*i+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off <= 0 || off >= xref {
			return nil, errLayout
		}
		f.off[i] = off
		f.order = append(f.order, i)
	}
	slices.SortFunc(f.order, func(a, b int) int { return f.off[a] - f.off[b] })
	for i, num := range f.order {
		f.end[num] = xref
		if i+1 < len(f.order) {
			f.end[num] = f.off[f.order[i+1]]
		}
	}
	return f, nil
}

// body is object num as written, from "num 0 obj" to the next object.
func (f *objectFile) body(num int) []byte { return f.pdf[f.off[num]:f.end[num]] }

// rewrite returns the file with every object passed through edit (which
// returns the body to write, or an error), the objects in extra appended
// after them (offsets gives each one's object number and offset in
// extra), a cross-reference table of size objects and the trailer's
// /Size set to it.
func (f *objectFile) rewrite(edit func(num int, body []byte) ([]byte, error), extra []byte, offsets map[int]int, size int) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(f.pdf) + len(extra) + 20*(size-f.size) + 64)
	out.Write(f.pdf[:f.off[f.order[0]]])
	pos := make([]int, size)
	for _, num := range f.order {
		body, err := edit(num, f.body(num))
		if err != nil {
			return nil, err
		}
		pos[num] = out.Len()
		out.Write(body)
	}
	base := out.Len()
	out.Write(extra)
	for num, o := range offsets {
		pos[num] = base + o
	}
	xref := out.Len()
	out.WriteString("xref\n0 " + strconv.Itoa(size) + "\n")
	out.Write(f.pdf[f.entries : f.entries+20])
	entry := []byte("0000000000 00000 n \n")
	for i := 1; i < size; i++ {
		if pos[i] == 0 {
			return nil, fmt.Errorf("object %d was not written", i)
		}
		for j, v := 9, pos[i]; j >= 0; j, v = j-1, v/10 {
			entry[j] = byte('0' + v%10)
		}
		out.Write(entry)
	}
	trailer := f.pdf[f.entries+20*f.size : f.sx]
	old := []byte("\n/Size " + strconv.Itoa(f.size) + "\n")
	if !bytes.Contains(trailer, old) {
		return nil, errLayout
	}
	out.Write(bytes.Replace(trailer, old, []byte("\n/Size "+strconv.Itoa(size)+"\n"), 1))
	out.WriteString("\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	return out.Bytes(), nil
}
