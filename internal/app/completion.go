package app

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v3"
)

// bashCompletion asks the program itself for candidates
// (--generate-shell-completion), as urfave/cli's completion protocol does.
const bashCompletion = `# bash completion for policyexport; load with: source <(policyexport completion bash)
_policyexport() {
  local cur out line
  local -a words
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  if [[ "$cur" == -* ]]; then
    out=$("${COMP_WORDS[@]:0:$COMP_CWORD}" "$cur" --generate-shell-completion 2>/dev/null)
  else
    out=$("${COMP_WORDS[@]:0:$COMP_CWORD}" --generate-shell-completion 2>/dev/null)
  fi
  # Each line is "candidate" or "candidate:description".
  while IFS= read -r line; do
    [[ -n "$line" ]] && words+=("${line%%:*}")
  done <<< "$out"
  COMPREPLY=( $(compgen -W "${words[*]}" -- "$cur") )
  if [[ ${#COMPREPLY[@]} -eq 0 ]]; then
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o filenames -F _policyexport policyexport
`

// zshCompletion reuses the bash function through bashcompinit.
const zshCompletion = `# zsh completion for policyexport; load with: source <(policyexport completion zsh)
autoload -U +X bashcompinit && bashcompinit
` + bashCompletion

// configureCompletion turns urfave/cli's completion command (which it adds
// so that it can answer --generate-shell-completion) into ours: visible, with
// our scripts and usage errors.
func configureCompletion(env Env) func(*cli.Command) {
	return func(c *cli.Command) {
		c.Hidden = false
		c.Commands = nil
		c.Usage = "print a shell completion script (bash, zsh or fish)"
		c.ArgsUsage = "bash|zsh|fish"
		c.DisableSliceFlagSeparator = true
		c.OnUsageError = onUsageError(env.Args)
		c.Description = `Examples:
   source <(policyexport completion bash)
   policyexport completion fish > ~/.config/fish/completions/policyexport.fish`
		c.Action = func(_ context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return usagef("completion takes one shell name: bash, zsh or fish")
			}
			shell, err := choice("completion", cmd.Args().First(), "bash", "zsh", "fish")
			if err != nil {
				return usagef("completion: unknown shell %q (want bash, zsh or fish)", cmd.Args().First())
			}
			var script string
			switch shell {
			case "bash":
				script = bashCompletion
			case "zsh":
				script = zshCompletion
			case "fish":
				s, err := cmd.Root().ToFishCompletion()
				if err != nil {
					return fmt.Errorf("fish completion: %w", err)
				}
				script = s
			}
			return writeStdout(env, []byte(script))
		}
		withHelp(c)
	}
}
