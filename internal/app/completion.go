package app

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

// bashCompletion asks the program itself for candidates
// (--generate-bash-completion), as urfave/cli's completion protocol does.
const bashCompletion = `# bash completion for policyexport; load with: source <(policyexport completion bash)
_policyexport() {
  local cur words
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  if [[ "$cur" == -* ]]; then
    words=$("${COMP_WORDS[@]:0:$COMP_CWORD}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    words=$("${COMP_WORDS[@]:0:$COMP_CWORD}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
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

func completionCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash, zsh or fish)",
		ArgsUsage: "bash|zsh|fish",
		Description: `Examples:
   source <(policyexport completion bash)
   policyexport completion fish > ~/.config/fish/completions/policyexport.fish`,
		Action: func(ctx *cli.Context) error {
			if ctx.NArg() != 1 {
				return usagef("completion takes one shell name: bash, zsh or fish")
			}
			var script string
			switch shell := ctx.Args().First(); shell {
			case "bash":
				script = bashCompletion
			case "zsh":
				script = zshCompletion
			case "fish":
				s, err := ctx.App.ToFishCompletion()
				if err != nil {
					return fmt.Errorf("fish completion: %w", err)
				}
				script = s
			default:
				return usagef("completion: unknown shell %q (want bash, zsh or fish)", shell)
			}
			_, err := fmt.Fprint(env.Stdout, script)
			return err
		},
	}
}
