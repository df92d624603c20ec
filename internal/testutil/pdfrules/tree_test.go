package pdfrules

import (
	"fmt"
	"strings"
)

// nest builds a structure tree from a compact spec such as
// "Table(THead(TR(TH)) TBody(TR(TD)))": each element becomes an object
// 6, 7, ... with P pointing at its parent (the root is object 5).
func nest(spec string) minimal {
	var objs []string
	var parse func(s string, parent int) (refs []string, rest string)
	parse = func(s string, parent int) ([]string, string) {
		var refs []string
		for {
			s = strings.TrimLeft(s, " ")
			if s == "" || s[0] == ')' {
				return refs, s
			}
			i := strings.IndexAny(s, " ()")
			if i < 0 {
				i = len(s)
			}
			typ := s[:i]
			s = s[i:]
			nr := 6 + len(objs)
			objs = append(objs, "")
			var kids []string
			if strings.HasPrefix(s, "(") {
				kids, s = parse(s[1:], nr)
				s = strings.TrimPrefix(s, ")")
			}
			objs[nr-6] = fmt.Sprintf("<< /Type /StructElem /S /%s /P %d 0 R /K [%s] >>", typ, parent, strings.Join(kids, " "))
			refs = append(refs, fmt.Sprintf("%d 0 R", nr))
		}
	}
	refs, _ := parse(spec, 5)
	return minimal{catalog: "/StructTreeRoot 5 0 R",
		extra: append([]string{"<< /Type /StructTreeRoot /K [" + strings.Join(refs, " ") + "] >>"}, objs...)}
}
