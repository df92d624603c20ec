package template

import (
	"fmt"
	"sort"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
)

// filters are the names a placeholder may give after "|", each with what
// it does to the value: "{lastUpdated|date}" writes the value, a date, as
// the document's language writes a long date. The result is still a
// value: literal text, never markup.
var filters = map[string]func(v string, lang l10n.Lang) (string, error){
	"date": func(v string, lang l10n.Lang) (string, error) {
		t, err := l10n.ParseDate(v)
		if err != nil {
			return "", err
		}
		return lang.FormatDate(t), nil
	},
}

// filterNames returns the names of filters, sorted, for messages.
func filterNames() []string {
	names := make([]string, 0, len(filters))
	for n := range filters {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// checkFilters returns an ErrorList with one error for each live
// placeholder whose filter does not exist, in document order.
func (t *Template) checkFilters() error {
	var errs ErrorList
	for _, p := range t.live {
		if _, ok := filters[p.Filter]; p.Filter == "" || ok {
			continue
		}
		msg := fmt.Sprintf("{%s}: unknown filter %q (known: %s)", placeholderKey(p.Name, p.Filter), p.Filter, strings.Join(filterNames(), ", "))
		if m := Suggest(p.Filter, filterNames()); m != "" {
			msg += fmt.Sprintf("; did you mean {%s}?", placeholderKey(p.Name, m))
		}
		errs = append(errs, &Error{File: t.name, Pos: p.Pos, Msg: msg})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// filterPos returns where the placeholder "{name|filter}" is first
// written, for an error found where the filled node has no position of
// its own (a link destination, front matter).
func (t *Template) filterPos(name, filter string) (pos ast.Pos) {
	for _, p := range t.live {
		if p.Name == name && p.Filter == filter {
			return p.Pos
		}
	}
	return pos
}
