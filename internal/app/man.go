package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v3"
)

func manCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: "print the manual page (roff), made from the commands' own help",
		Description: `Prints policyexport(1) as roff, made from the same command and flag
definitions as --help: every command with its description, examples and
flags.

Examples:
   policyexport man | man -l -
   policyexport man > /usr/local/share/man/man1/policyexport.1`,
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.NArg() > 0 {
				return usagef("man takes no arguments, got %q", cmd.Args().Slice())
			}
			return writeStdout(env, manPage(cmd.Root()))
		},
	}
}

// manPage writes policyexport(1) in roff with the man(7) macros, from
// root's commands and flags: the text --help shows, never another copy
// of it. Help text is plain text, not Markdown: a paragraph is filled,
// lines indented in it (examples, the exit codes) are kept as they are
// (.EX/.EE), and every character that roff would take for markup is
// escaped (roffEscape), so "<html>" and "\" come out as written.
func manPage(root *cli.Command) []byte {
	var b strings.Builder
	b.WriteString(".TH policyexport 1\n")
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", root.Name, roffEscape(root.Usage))

	b.WriteString(".SH SYNOPSIS\n")
	for i, c := range manCommands(root) {
		if i > 0 {
			b.WriteString(".br\n")
		}
		fmt.Fprintf(&b, "\\fB%s %s\\fR [\\fIoptions\\fR]", root.Name, roffEscape(c.Name))
		if c.ArgsUsage != "" {
			b.WriteString(" " + roffEscape(c.ArgsUsage))
		}
		b.WriteString("\n")
	}

	b.WriteString(".SH DESCRIPTION\n")
	writeRoffText(&b, root.Description)
	b.WriteString(".SH OPTIONS\n")
	writeRoffFlags(&b, root, false)

	b.WriteString(".SH COMMANDS\n")
	for _, c := range manCommands(root) {
		title := c.Name
		if c.ArgsUsage != "" {
			title += " " + c.ArgsUsage
		}
		fmt.Fprintf(&b, ".SS \"%s\"\n", strings.ReplaceAll(roffEscape(title), `"`, `\(dq`))
		b.WriteString(".PP\n" + roffLine(roffEscape(sentence(c.Usage))) + "\n")
		writeRoffText(&b, c.Description)
		writeRoffFlags(&b, c, true)
	}
	return []byte(b.String())
}

// manCommands are the commands of root the page describes: the visible
// ones but help, which --help stands for everywhere.
func manCommands(root *cli.Command) []*cli.Command {
	var cs []*cli.Command
	for _, c := range root.VisibleCommands() {
		if c.Name != "help" {
			cs = append(cs, c)
		}
	}
	return cs
}

// writeRoffText writes help text: paragraphs of lines, separated by
// blank lines; a run of indented lines is kept as written, in an
// example block.
func writeRoffText(b *strings.Builder, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	state := "" // "", "para" or "ex": what the last line written was in
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			if state == "ex" {
				b.WriteString(".EE\n")
			}
			state = ""
		case line[0] == ' ' || line[0] == '\t':
			if state == "" {
				b.WriteString(".PP\n")
			}
			if state != "ex" {
				b.WriteString(".EX\n")
			}
			b.WriteString(roffLine(roffEscape(line)) + "\n")
			state = "ex"
		default:
			switch state {
			case "ex":
				b.WriteString(".EE\n")
			case "":
				b.WriteString(".PP\n")
			}
			b.WriteString(roffLine(roffEscape(line)) + "\n")
			state = "para"
		}
	}
	if state == "ex" {
		b.WriteString(".EE\n")
	}
}

// writeRoffFlags writes c's visible flags (but --help, with noHelp,
// since every command has it) as --help groups them: those without a
// category first, then each category by name, each flag with its usage
// and default as --help gives them.
func writeRoffFlags(b *strings.Builder, c *cli.Command, noHelp bool) {
	byCategory := map[string][]cli.Flag{}
	for _, f := range c.VisibleFlags() {
		if noHelp && f.Names()[0] == "help" {
			continue
		}
		cat := ""
		if cf, ok := f.(cli.CategorizableFlag); ok {
			cat = cf.GetCategory()
		}
		byCategory[cat] = append(byCategory[cat], f)
	}
	cats := make([]string, 0, len(byCategory))
	for cat := range byCategory {
		cats = append(cats, cat)
	}
	slices.Sort(cats)
	for _, cat := range cats {
		if cat != "" {
			fmt.Fprintf(b, ".PP\n\\fI%s\\fR\n", roffEscape(cat))
		}
		flags := byCategory[cat]
		slices.SortFunc(flags, func(x, y cli.Flag) int { return strings.Compare(x.Names()[0], y.Names()[0]) })
		for _, f := range flags {
			writeRoffFlag(b, f)
		}
	}
}

// writeRoffFlag writes one flag as a tagged paragraph: its names and the
// name of its value ("--values FILE"), then the text --help gives it.
func writeRoffFlag(b *strings.Builder, f cli.Flag) {
	value := ""
	if df, ok := f.(cli.DocGenerationFlag); ok && df.TakesValue() {
		value = df.TypeName()
		usage := df.GetUsage()
		if i := strings.IndexByte(usage, '`'); i >= 0 {
			if j := strings.IndexByte(usage[i+1:], '`'); j >= 0 {
				value = usage[i+1 : i+1+j]
			}
		}
	}
	var names []string
	for _, n := range f.Names() {
		names = append(names, `\fB`+roffEscape(dashes(n))+`\fR`)
	}
	tag := strings.Join(names, ", ")
	if value != "" {
		tag += ` \fI` + roffEscape(value) + `\fR`
	}
	// The flag's help line is "NAMES\tTEXT (default: …)", as --help
	// prints it; the text is what this page gives.
	_, text, _ := strings.Cut(f.String(), "\t")
	fmt.Fprintf(b, ".TP\n%s\n%s\n", roffLine(tag), roffLine(roffEscape(text)))
}

// sentence is s with a capital letter and a full stop, for a command's
// one-line usage standing alone.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// roffEscape escapes text for roff: a backslash is \e, and the hyphen-minus, the
// apostrophe and the grave accent are written as the characters they are
// (\-, \(aq, \(ga), which groff would otherwise draw as a hyphen and curly
// quotes, so that options and examples copied from the page work. Other
// characters beyond ASCII are written \[uXXXX], which groff and mandoc
// read whatever the locale.
func roffEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r == '\'':
			b.WriteString(`\(aq`)
		case r == '`':
			b.WriteString(`\(ga`)
		case r > 0x7E:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		case r < ' ' && r != '\t':
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// roffLine makes an escaped line safe to start a roff line: one that
// starts with "." or "'" would be a request, so it gets a zero-width
// \& in front.
func roffLine(s string) string {
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		return `\&` + s
	}
	return s
}
