package app

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
)

// Shell completion. The scripts (bash, zsh, fish) know no command or flag:
// at each TAB they run the program with the words of the command line,
// the word being completed last (even when it is empty), and then
// completeFlag, urfave/cli's completion flag; the program answers from the
// command tree, the one definition of the commands and flags (complete).
//
// urfave/cli v3 (v3.14.0, the newest) answers that flag itself, and its
// completion scripts and fish generator were the first to be tried. They
// cannot do what users of git, kubectl and gh expect: its scripts pass the
// word being completed only when it starts with "-", so "render --out
// <TAB>" asks the same as "render --out<TAB>" and gets flag names back;
// its completion hooks (Command.ShellComplete) are per command, never per
// flag, and are not called after "--"; its fish script turns off file
// completion, and ToFishCompletion lists every command twice (once from
// the command list, once from the completion flag). So the completion
// command is ours (completionCommand), and Main answers the completion
// flag before urfave/cli parses anything (answerCompletion).

// completeFlag is urfave/cli's completion flag (the protocol of its
// scripts, kept), the last argument of a completion request.
const completeFlag = "--generate-shell-completion"

// What a completion answer asks the shell for, instead of words: the
// names of files, or of directories, that start with the value being
// completed.
const (
	completeFiles = ":files"
	completeDirs  = ":dirs"
)

// flagChoices are the values of the flags that take one of a few names,
// as normalize (and batch's --log) checks them; completion offers them.
var flagChoices = map[string][]string{
	"profile":        {"default", "commonmark"},
	"missing":        {"error", "keep"},
	"links":          {"reference", "inline"},
	"paper":          {"a4", "letter"},
	"pdf-links":      {"footnote", "inline", "none"},
	"missing-images": {"error", "alt"},
	"log":            {"text", "json"},
}

// flagValue says what the value of a flag that takes one is, for
// completion: a file, a directory, one of a list of names (a comma list of
// them with list), or free text (kind "": nothing is offered).
type flagValue struct {
	kind  string // completeFiles, completeDirs, "choices" or ""
	names []string
	list  bool // a comma-separated list of names (-f, --pdf-standard)
}

// valueOf returns what flag name of cmd takes. TestCompletionKnowsEveryFlag
// checks that every flag that takes a value is named here or is a number,
// so that a new flag cannot be left to complete as nothing by mistake.
func valueOf(cmd *cli.Command, name string) (flagValue, bool) {
	switch name {
	case "out", "dir":
		return flagValue{kind: completeDirs}, true
	case "values", "new-values", "css", "font", "output", "o":
		return flagValue{kind: completeFiles}, true
	case "format", "f":
		names := formatNames()
		if cmd.Name == "diff" {
			names = append(names, notice)
		}
		return flagValue{kind: "choices", names: names, list: true}, true
	case "pdf-standard":
		return flagValue{kind: "choices", names: pdf.StandardNames(), list: true}, true
	case "lang":
		return flagValue{kind: "choices", names: l10n.Languages()}, true
	case "shard":
		return flagValue{kind: "choices", names: []string{"auto"}}, true
	case "set", "new-set", "footer", "date", "pattern", "git", "base-url":
		return flagValue{}, true // free text
	}
	if names, ok := flagChoices[name]; ok {
		return flagValue{kind: "choices", names: names}, true
	}
	return flagValue{}, false
}

// formatNames are render's format names: pdf, html, txt, json.
func formatNames() []string {
	var names []string
	for _, f := range render.All() {
		names = append(names, string(f))
	}
	return names
}

// argsOf returns what the arguments of cmd are, for completion.
func argsOf(cmd *cli.Command) flagValue {
	switch cmd.Name {
	case "schema":
		return flagValue{kind: "choices", names: policyexport.SchemaNames()}
	case "completion":
		return flagValue{kind: "choices", names: shells}
	case "init":
		return flagValue{kind: completeDirs}
	case "man", "version":
		return flagValue{}
	}
	return flagValue{kind: completeFiles}
}

// answerCompletion answers a completion request, args being the program's
// arguments after its name, completeFlag last: each candidate on a line,
// "word" or "word<TAB>description", or one line completeFiles or
// completeDirs.
func answerCompletion(w io.Writer, root *cli.Command, args []string) {
	for _, line := range complete(root, args[:len(args)-1]) {
		fmt.Fprintln(w, line)
	}
}

// complete returns the answer to a completion request for words, the
// command line after the program's name, the word being completed last.
// It walks the words as urfave/cli parses them: flags anywhere before
// "--", a flag's value in the next word unless given with "=", the first
// argument of the root naming a command.
func complete(root *cli.Command, words []string) []string {
	if len(words) == 0 {
		words = []string{""}
	}
	cur, before := words[len(words)-1], words[:len(words)-1]
	cmd := root
	var wants cli.Flag // the flag whose value is the next word
	args, dashdash := 0, false
	for _, w := range before {
		switch {
		case wants != nil:
			wants = nil
		case dashdash:
			args++
		case w == "--":
			dashdash = true
		case strings.HasPrefix(w, "-") && w != "-":
			if cmd == nil {
				continue // help's flags take no value
			}
			name, _, given := strings.Cut(strings.TrimLeft(w, "-"), "=")
			if f := lookupFlag(cmd, name); f != nil && takesValue(f) && !given {
				wants = f
			}
		default:
			if cmd == root && args == 0 {
				if sub := cmd.Command(w); sub != nil || w == "help" || w == "h" {
					cmd = sub // nil for help, which urfave/cli adds when it runs
					continue
				}
			}
			args++
		}
	}
	switch {
	case wants != nil:
		v, _ := valueOf(cmd, wants.Names()[0])
		return valueWords(v, "", cur)
	case !dashdash && strings.HasPrefix(cur, "-") && cmd == nil:
		// help: it shows a command's flags, and has none to offer.
		return nil
	case !dashdash && strings.HasPrefix(cur, "-"):
		// "-" alone (standard input, as an argument) is also how every
		// flag name starts: "render -<TAB>" lists the flags.
		if name, value, ok := strings.Cut(cur, "="); ok {
			f := lookupFlag(cmd, strings.TrimLeft(name, "-"))
			if f == nil || !takesValue(f) {
				return nil
			}
			v, _ := valueOf(cmd, f.Names()[0])
			return valueWords(v, name+"=", value)
		}
		return flagNames(cmd, cur)
	case cmd == root:
		if args > 0 {
			return nil
		}
		return commandNames(root, cur)
	case cmd == nil:
		// help: the commands it can show.
		if args > 0 {
			return nil
		}
		return commandNames(root, cur)
	case (cmd.Name == "schema" || cmd.Name == "completion") && args > 0:
		return nil
	}
	return valueWords(argsOf(cmd), "", cur)
}

// valueWords returns the answer for a value v being completed, typed as
// value after prefix ("--format=" for --format=VALUE, else "").
func valueWords(v flagValue, prefix, value string) []string {
	if v.kind != "choices" {
		if v.kind == "" {
			return nil
		}
		return []string{v.kind}
	}
	done := ""
	if v.list {
		// The names already given in a comma list stay as typed, and
		// are not offered again.
		if i := strings.LastIndexByte(value, ','); i >= 0 {
			done, value = value[:i+1], value[i+1:]
		}
	}
	given := strings.Split(strings.ToLower(done), ",")
	var out []string
	for _, n := range v.names {
		if strings.HasPrefix(n, strings.ToLower(value)) && !slices.Contains(given, n) {
			out = append(out, prefix+done+n)
		}
	}
	return out
}

// flagNames returns cmd's flags that start with cur, each with its usage:
// a one-letter name after "-", a longer one after "--".
func flagNames(cmd *cli.Command, cur string) []string {
	var out []string
	for _, f := range completionFlags(cmd) {
		usage := ""
		if d, ok := f.(cli.DocGenerationFlag); ok {
			usage = strings.ReplaceAll(d.GetUsage(), "`", "")
		}
		for _, n := range f.Names() {
			word := "--" + n
			if len(n) == 1 {
				word = "-" + n
			}
			if strings.HasPrefix(word, cur) {
				out = append(out, word+"\t"+usage)
			}
		}
	}
	return out
}

// commandNames returns root's commands that start with cur, with their
// usage, and help, which urfave/cli adds when it runs.
func commandNames(root *cli.Command, cur string) []string {
	var out []string
	for _, c := range root.VisibleCommands() {
		if strings.HasPrefix(c.Name, cur) {
			out = append(out, c.Name+"\t"+c.Usage)
		}
	}
	if !root.HideHelpCommand && root.Command("help") == nil && strings.HasPrefix("help", cur) {
		out = append(out, "help\tshow the commands, or one command's help")
	}
	return out
}

// completionFlags are cmd's visible flags with -h/--help (and, on the
// root, -v/--version), which urfave/cli adds when it runs.
func completionFlags(cmd *cli.Command) []cli.Flag {
	flags := slices.Clone(cmd.VisibleFlags())
	if !cmd.HideHelp && !slices.ContainsFunc(flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), "help") }) {
		flags = append(flags, cli.HelpFlag)
	}
	if cmd.Root() == cmd && !cmd.HideVersion && cmd.Version != "" {
		flags = append(flags, cli.VersionFlag)
	}
	return flags
}

// lookupFlag returns cmd's flag named name (without dashes), or nil.
func lookupFlag(cmd *cli.Command, name string) cli.Flag {
	for _, f := range completionFlags(cmd) {
		if slices.Contains(f.Names(), name) {
			return f
		}
	}
	return nil
}

// takesValue reports whether f takes a value (every flag but a boolean).
func takesValue(f cli.Flag) bool {
	d, ok := f.(cli.DocGenerationFlag)
	return ok && d.TakesValue()
}

// bashCompletion runs the program for candidates (see complete). Bash
// splits a word at "=" and ":" (COMP_WORDBREAKS), so the pieces that touch
// in the line are joined back into the word the program parses, and the
// candidates are cut to the piece being completed. It needs no
// bash-completion package, and no mapfile, which the bash 3.2 of macOS
// lacks.
const bashCompletion = `# bash completion for policyexport; load with: source <(policyexport completion bash)
_policyexport() {
  local i w lead rest pos=0 cut line
  local -a words=() out=()
  for ((i = 0; i <= COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    rest=${COMP_LINE:pos}
    lead=${rest%%"$w"*}
    if ((i > 0)) && [[ -n $w && -z $lead ]]; then
      words[${#words[@]}-1]+=$w
    else
      words+=("$w")
    fi
    pos=$((pos + ${#lead} + ${#w}))
  done
  local cur=${words[${#words[@]}-1]}
  local piece=${cur##*[=:]}
  cut=$((${#cur} - ${#piece}))
  local cmd=${words[0]}
  [[ $cmd == "~/"* ]] && cmd=$HOME/${cmd:2}
  while IFS= read -r line; do
    out+=("$line")
  done < <("$cmd" "${words[@]:1}" --generate-shell-completion 2>/dev/null)
  COMPREPLY=()
  case ${out[0]-} in
  :files | :dirs)
    compopt -o filenames 2>/dev/null
    local kind=-f
    [[ ${out[0]} == :dirs ]] && kind=-d
    while IFS= read -r line; do
      COMPREPLY+=("$line")
    done < <(compgen "$kind" -- "$piece")
    ;;
  *)
    for line in "${out[@]}"; do
      line=${line%%$'\t'*}
      [[ -n $line && $line == "$cur"* ]] && COMPREPLY+=("${line:cut}")
    done
    ;;
  esac
}
complete -F _policyexport policyexport
`

// zshCompletion runs the program for candidates (see complete), shown
// with their descriptions.
const zshCompletion = `#compdef policyexport
# zsh completion for policyexport; load with: source <(policyexport completion zsh)
# (after compinit), or save as _policyexport in a directory of $fpath.
_policyexport() {
  local line cmd=${(Q)words[1]}
  local -a out cands
  [[ $cmd == '~/'* ]] && cmd=$HOME/${cmd#'~/'}
  out=("${(@f)$("$cmd" "${(@Q)words[2,CURRENT]}" --generate-shell-completion 2>/dev/null)}")
  case ${out[1]-} in
  (:files|:dirs)
    [[ $PREFIX == -*=* ]] && compset -P '*='
    if [[ ${out[1]} == :dirs ]]; then _files -/; else _files; fi
    return
    ;;
  esac
  for line in "${out[@]}"; do
    [[ -z $line ]] && continue
    if [[ $line == *$'\t'* ]]; then
      cands+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
    else
      cands+=("${line//:/\\:}")
    fi
  done
  (( ${#cands} )) && _describe -t values policyexport cands
}
if [[ ${funcstack[1]-} == _policyexport ]]; then
  _policyexport "$@"
else
  compdef _policyexport policyexport
fi
`

// fishCompletion runs the program for candidates (see complete); fish
// takes "word<TAB>description" lines as they are. File names come from
// fish's own file completion (complete -C on a command that has none of
// its own, as __fish_complete_directories does), which reads the token as
// fish does: __fish_complete_path globs it as written, so my\ v, "my v
// and ~/ completed no file name.
const fishCompletion = `# fish completion for policyexport; save as ~/.config/fish/completions/policyexport.fish
function __policyexport_complete
    set -l words (commandline -opc)
    set words[1] (string replace -r -- '^~/' "$HOME/" $words[1])
    set -l cur (commandline -ct)
    set -l out ($words $cur --generate-shell-completion 2>/dev/null)
    set -l prefix (string match -r -- '^-[^=]*=' $cur)
    set -l value (string replace -r -- '^-[^=]*=' '' $cur)
    switch "$out[1]"
        case :files
            # As __fish_complete_directories does: fish's own file
            # completion reads the token as fish does (my\ v, "my v, ~/).
            complete -C"__policyexport_no_such_command $value" | string replace -r -- '^' "$prefix"
        case :dirs
            __fish_complete_directories $value | string replace -r -- '^' "$prefix"
        case '*'
            printf '%s\n' $out
    end
end
complete -c policyexport -e
complete -c policyexport -f -a '(__policyexport_complete)'
`

// shells are the shells completionCommand writes a script for.
var shells = []string{"bash", "zsh", "fish"}

// completionCommand prints a completion script.
func completionCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash, zsh or fish)",
		ArgsUsage: "bash|zsh|fish",
		Description: `After a flag that takes a file or a directory (--values, --out), the
scripts complete file or directory names; after one that takes a name
(-f, --paper, --lang, --pdf-standard, ...), its names; else the commands,
the flags, or the command's arguments.

Examples:
   source <(policyexport completion bash)
   source <(policyexport completion zsh)
   policyexport completion fish > ~/.config/fish/completions/policyexport.fish`,
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return usagef("completion takes one shell name: bash, zsh or fish")
			}
			shell, err := choice("completion", cmd.Args().First(), shells...)
			if err != nil {
				return usagef("completion: unknown shell %q (want bash, zsh or fish)", cmd.Args().First())
			}
			script := map[string]string{"bash": bashCompletion, "zsh": zshCompletion, "fish": fishCompletion}[shell]
			return writeStdout(env, []byte(script))
		},
	}
}
