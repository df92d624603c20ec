package fpdfout

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"slices"
	"strconv"
)

// The one object model of fpdf's output, read once per document by the
// finishing stage (finish.go): the file is split at its cross-reference
// table into numbered objects, each pass edits or adds objects in place,
// and the file is written once, with a new table and the trailer's /ID.
// It reads only what fpdf writes: one cross-reference section ("xref\n0
// N\n", N entries of 20 bytes, every object in use, generation 0), a
// trailer with /Root and /Info, startxref and %%EOF.

// pdfFile is a PDF split into its objects. Objects that no pass changed
// are slices of the file as fpdf wrote it: nothing is copied until the
// file is written.
type pdfFile struct {
	head  []byte   // everything before the first object: the header lines
	objs  [][]byte // by number: the whole "N 0 obj\n…endobj\n"; nil for none
	order []int    // object numbers in file order
	root  int
	info  int
}

// splitFile splits a PDF as fpdf writes it into objects.
func splitFile(pdf []byte) (*pdfFile, error) {
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
	type at struct{ num, off int }
	offs := make([]at, 0, n-1)
	for i := 1; i < n; i++ {
		e := pdf[entries+20*i : entries+20*i+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off <= 0 || off >= xref {
			return nil, errLayout
		}
		offs = append(offs, at{i, off})
	}
	slices.SortFunc(offs, func(a, b at) int { return a.off - b.off })
	f := &pdfFile{head: pdf[:offs[0].off], objs: make([][]byte, n), order: make([]int, 0, n)}
	for i, o := range offs {
		stop := xref
		if i+1 < len(offs) {
			stop = offs[i+1].off
		}
		f.objs[o.num] = pdf[o.off:stop]
		f.order = append(f.order, o.num)
	}
	trailer := pdf[entries+20*n : sx]
	if f.root, err = trailerRef(trailer, "/Root "); err != nil {
		return nil, err
	}
	if f.info, err = trailerRef(trailer, "/Info "); err != nil {
		return nil, err
	}
	return f, nil
}

// trailerRef reads "/Key N 0 R" from the trailer.
func trailerRef(trailer []byte, key string) (int, error) {
	i := bytes.Index(trailer, []byte(key))
	if i < 0 {
		return 0, errLayout
	}
	rest := trailer[i+len(key):]
	j := bytes.Index(rest, []byte(" 0 R"))
	if j < 0 {
		return 0, errLayout
	}
	return strconv.Atoi(string(rest[:j]))
}

// add appends a new object made of dict (and, when stream is not nil, a
// stream) and returns its number.
func (f *pdfFile) add(dict []byte, stream []byte) int {
	num := len(f.objs)
	f.objs = append(f.objs, nil)
	f.order = append(f.order, num)
	f.set(num, dict, stream)
	return num
}

// set replaces object num by dict and, when stream is not nil, a stream.
// A stream's /Length must be in dict.
func (f *pdfFile) set(num int, dict []byte, stream []byte) {
	var b bytes.Buffer
	b.Grow(len(dict) + len(stream) + 48)
	b.WriteString(strconv.Itoa(num) + " 0 obj\n")
	b.Write(dict)
	if stream != nil {
		b.WriteString("\nstream\n")
		b.Write(stream)
		b.WriteString("\nendstream")
	}
	b.WriteString("\nendobj\n")
	f.objs[num] = b.Bytes()
}

// body returns object num without its "N 0 obj\n" and "endobj\n": its
// dictionary (or other value) and its stream, if any.
func (f *pdfFile) body(num int) (value []byte, stream []byte, err error) {
	if num <= 0 || num >= len(f.objs) || f.objs[num] == nil {
		return nil, nil, fmt.Errorf("%w: no object %d", errLayout, num)
	}
	o := f.objs[num]
	head := strconv.Itoa(num) + " 0 obj\n"
	if !bytes.HasPrefix(o, []byte(head)) {
		return nil, nil, errLayout
	}
	o = o[len(head):]
	end, err := skipValue(o, skipSpace(o, 0))
	if err != nil {
		return nil, nil, fmt.Errorf("object %d: %w", num, err)
	}
	value = o[skipSpace(o, 0):end]
	rest := o[end:]
	if s := bytes.Index(rest, []byte("stream\n")); s >= 0 && s < 4 {
		data := rest[s+len("stream\n"):]
		e := bytes.LastIndex(data, []byte("endstream"))
		if e < 0 {
			return nil, nil, errLayout
		}
		data = bytes.TrimSuffix(data[:e], []byte("\n"))
		return value, data, nil
	}
	return value, nil, nil
}

// setHead replaces the header line ("%PDF-1.n") by line, keeping fpdf's
// binary comment line after it.
func (f *pdfFile) setHead(line string) error {
	nl := bytes.IndexByte(f.head, '\n')
	if nl < 0 || !bytes.HasPrefix(f.head, []byte("%PDF-")) {
		return errLayout
	}
	f.head = append([]byte(line), f.head[nl:]...)
	return nil
}

// version returns the minor version of the header ("%PDF-1.n"), -1 when
// the header is not of that form.
func (f *pdfFile) version() int {
	if nl := bytes.IndexByte(f.head, '\n'); nl != len("%PDF-1.n") || !bytes.HasPrefix(f.head, []byte("%PDF-1.")) || f.head[7] < '0' || f.head[7] > '9' {
		return -1
	}
	return int(f.head[7] - '0')
}

// bytes writes the file with a new cross-reference table and trailer.
func (f *pdfFile) bytes() ([]byte, error) {
	out, _, err := f.write(false)
	return out, err
}

// write writes the file, once: its objects in order, a new
// cross-reference table and the trailer; with id, the trailer's /ID is
// the first 16 bytes of the SHA-256 of the file written without it (the
// trailer follows the table, so the /ID moves no offset), and sum is the
// SHA-256 of the file written: the two share all but the trailer, which
// is hashed once (a batch's index needs the file's hash, and the seed's
// 70 KB took 2 % of a document's time to hash). Without id, sum is zero.
func (f *pdfFile) write(id bool) (out []byte, sum [sha256.Size]byte, err error) {
	n := len(f.objs)
	size := len(f.head) + 20*n + 300 // the trailer and its /ID
	for _, num := range f.order {
		size += len(f.objs[num])
	}
	out = make([]byte, 0, size)
	out = append(out, f.head...)
	offsets := make([]int, n)
	for _, num := range f.order {
		offsets[num] = len(out)
		out = append(out, f.objs[num]...)
	}
	xref := len(out)
	out = append(out, "xref\n0 "...)
	out = strconv.AppendInt(out, int64(n), 10)
	out = append(out, "\n0000000000 65535 f \n"...)
	var e [20]byte
	copy(e[10:], " 00000 n \n")
	for i := 1; i < n; i++ {
		v := offsets[i]
		if v == 0 {
			return nil, sum, fmt.Errorf("%w: object %d was not written", errLayout, i)
		}
		for k := 9; k >= 0; k-- {
			e[k] = byte('0' + v%10)
			v /= 10
		}
		out = append(out, e[:]...)
	}
	out = append(out, "trailer\n<<\n"...)
	tail := fmt.Appendf(nil, "/Size %d\n/Root %d 0 R\n/Info %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", n, f.root, f.info, xref)
	if !id {
		return append(out, tail...), sum, nil
	}
	h := sha256.New()
	h.Write(out)
	c, err := h.(hash.Cloner).Clone()
	if err != nil {
		return nil, sum, fmt.Errorf("hashing the file: %w", err)
	}
	h.Write(tail)
	var idSum [sha256.Size]byte
	hexID := hex.EncodeToString(h.Sum(idSum[:0])[:16])
	start := len(out)
	out = append(out, "/ID [<"+hexID+"><"+hexID+">]\n"...)
	out = append(out, tail...)
	c.Write(out[start:])
	c.Sum(sum[:0])
	return out, sum, nil
}

// Dictionaries are edited as text: entries are found by scanning values
// with skipValue, which knows PDF's syntax of names, numbers, references,
// strings, arrays and dictionaries.

// entry is one key of a dictionary: the key's name (with its slash),
// where it starts and where its value starts and ends in the dictionary's bytes.
type entry struct {
	key        string
	kstart     int // where the key's slash is
	start, end int
}

// eachEntry calls fn with each top-level entry of the dictionary d, which
// is exactly one dictionary ("<<…>>"), in order: where its key's slash
// is and where the key ends, where its value starts and ends, and where
// what follows starts (the next key's slash, or the closing ">>"). It
// allocates nothing. When d is not a dictionary it says so, and what fn
// was given does not count.
func eachEntry(d []byte, fn func(kstart, kend, start, end, next int)) error {
	if !bytes.HasPrefix(d, []byte("<<")) {
		return fmt.Errorf("%w: not a dictionary", errLayout)
	}
	i := skipSpace(d, 2)
	for i < len(d) && !bytes.HasPrefix(d[i:], []byte(">>")) {
		if d[i] != '/' {
			return fmt.Errorf("%w: dictionary key expected at %d", errLayout, i)
		}
		k := nameEnd(d, i+1)
		v := skipSpace(d, k)
		e, err := skipValue(d, v)
		if err != nil {
			return err
		}
		next := skipSpace(d, e)
		fn(i, k, v, e, next)
		i = next
	}
	if i >= len(d) {
		return fmt.Errorf("%w: unterminated dictionary", errLayout)
	}
	if i+2 != len(d) {
		return fmt.Errorf("%w: bytes after the dictionary", errLayout)
	}
	return nil
}

// entries returns the top-level entries of the dictionary d, which is
// exactly one dictionary ("<<…>>").
func entries(d []byte) ([]entry, error) {
	var out []entry
	err := eachEntry(d, func(kstart, kend, start, end, _ int) {
		out = append(out, entry{string(d[kstart:kend]), kstart, start, end})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// find returns the entry of key in the dictionary d and where what
// follows it starts; found is false when d has no such key, err not nil
// when d is not exactly one dictionary. The finishing stage looks keys up
// many times a document: building every entry and its key for each
// lookup (entries) was 4 % of a seed document's time.
func find(d []byte, key string) (e entry, next int, found bool, err error) {
	err = eachEntry(d, func(kstart, kend, start, end, after int) {
		if !found && string(d[kstart:kend]) == key {
			e, next, found = entry{key, kstart, start, end}, after, true
		}
	})
	if err != nil {
		return entry{}, 0, false, err
	}
	return e, next, found, nil
}

// get returns the value of key in dictionary d, nil when absent.
func get(d []byte, key string) []byte {
	if e, _, found, err := find(d, key); found && err == nil {
		return d[e.start:e.end]
	}
	return nil
}

// getRef returns the object number of an indirect reference "N 0 R"
// under key, 0 when there is none.
func getRef(d []byte, key string) int {
	return parseRef(get(d, key))
}

// parseRef returns N of "N 0 R", 0 for anything else.
func parseRef(v []byte) int {
	num, ok := bytes.CutSuffix(v, []byte(" 0 R"))
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(string(num))
	if err != nil {
		return 0
	}
	return n
}

// with returns dictionary d with key set to value: replaced where it is,
// else added at the end.
func with(d []byte, key, value string) []byte {
	e, _, found, err := find(d, key)
	if err != nil {
		return d
	}
	if found {
		return slices.Concat(d[:e.start], []byte(value), d[e.end:])
	}
	end := len(d) - 2 // d ends in ">>"
	sep := ""
	if end > 0 && !isSpace(d[end-1]) {
		sep = "\n"
	}
	return slices.Concat(d[:end], []byte(sep+key+" "+value+"\n"), d[end:])
}

// without returns dictionary d without key.
func without(d []byte, key string) []byte {
	if e, next, found, err := find(d, key); found && err == nil {
		return slices.Concat(d[:e.kstart], d[next:])
	}
	return d
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func skipSpace(d []byte, i int) int {
	for i < len(d) && isSpace(d[i]) {
		i++
	}
	return i
}

// nameEnd returns where the name or keyword starting at i ends.
func nameEnd(d []byte, i int) int {
	for i < len(d) && !isSpace(d[i]) && !isDelim(d[i]) {
		i++
	}
	return i
}

// skipValue returns where the value starting at i ends. A number followed
// by "0 R" is one value, an indirect reference.
// skipItems skips the values of a dictionary or an array (what, for
// messages) from d[i] to its closing delimiter end, and returns the index
// after end.
func skipItems(d []byte, i int, end, what string) (int, error) {
	j := skipSpace(d, i)
	for j < len(d) && !bytes.HasPrefix(d[j:], []byte(end)) {
		var err error
		if j, err = skipValue(d, j); err != nil {
			return 0, err
		}
		j = skipSpace(d, j)
	}
	if j >= len(d) {
		return 0, fmt.Errorf("%w: unterminated %s", errLayout, what)
	}
	return j + len(end), nil
}

func skipValue(d []byte, i int) (int, error) {
	if i >= len(d) {
		return 0, fmt.Errorf("%w: value expected", errLayout)
	}
	switch c := d[i]; {
	case c == '/':
		return nameEnd(d, i+1), nil
	case c == '(':
		depth := 0
		for j := i; j < len(d); j++ {
			switch d[j] {
			case '\\':
				j++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, fmt.Errorf("%w: unterminated string", errLayout)
	case c == '<' && i+1 < len(d) && d[i+1] == '<':
		return skipItems(d, i+2, ">>", "dictionary")
	case c == '<':
		j := bytes.IndexByte(d[i:], '>')
		if j < 0 {
			return 0, fmt.Errorf("%w: unterminated hex string", errLayout)
		}
		return i + j + 1, nil
	case c == '[':
		return skipItems(d, i+1, "]", "array")
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		j := nameEnd(d, i)
		// "N G R": an indirect reference.
		k := skipSpace(d, j)
		if k > j {
			if g := nameEnd(d, k); g > k && isInt(d[k:g]) {
				if r := skipSpace(d, g); r > g && r < len(d) && d[r] == 'R' && nameEnd(d, r) == r+1 {
					return r + 1, nil
				}
			}
		}
		return j, nil
	default:
		j := nameEnd(d, i)
		if j == i {
			return 0, fmt.Errorf("%w: unexpected %q", errLayout, c)
		}
		return j, nil
	}
}

func isInt(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}
