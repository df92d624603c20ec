package ast

import "fmt"

// UnknownNodeError reports a node that is none of this package's kinds: a
// nil Block or Inline, or a type of another package that embeds one of
// ours. Every backend and the template filler return it for such a node,
// rather than drop the node or panic.
type UnknownNodeError struct {
	// Node is the node; nil for a nil Block or Inline.
	Node Node
	// Pos is where it is: its own position, else that of the nearest
	// enclosing node with one; the zero Pos when neither is known.
	Pos Pos
}

// Error reads "unknown node kind *pkg.Type at line:col" (without " at …"
// when the position is not known).
func (e *UnknownNodeError) Error() string {
	msg := fmt.Sprintf("unknown node kind %T", e.Node)
	if e.Pos.IsValid() {
		msg += " at " + e.Pos.String()
	}
	return msg
}

// Unknown returns the *UnknownNodeError for n, at n's own position when it
// has one, else at near (the position of the enclosing node).
func Unknown(n Node, near Pos) *UnknownNodeError {
	if n != nil {
		if p := n.Pos(); p.IsValid() {
			near = p
		}
	}
	return &UnknownNodeError{Node: n, Pos: near}
}
