// Package ctxtest gives tests a context that ends at a point they
// choose, with no timer: a cancellation that comes while a document is
// being rendered or compared.
package ctxtest

import (
	"context"
	"sync"
	"sync/atomic"
)

// EndsAt is a context that ends at its limit-th call of Err (its
// Background parent has no deadline and no values). Checks counts the
// calls, so that a test can see how often the code under test looked.
type EndsAt struct {
	context.Context
	limit  int64
	checks atomic.Int64
	once   sync.Once
	done   chan struct{}
}

// New returns an EndsAt whose Err is context.Canceled from its
// limit-th call on.
func New(limit int64) *EndsAt {
	return &EndsAt{Context: context.Background(), limit: limit, done: make(chan struct{})}
}

// Done is closed once Err has reported the end.
func (c *EndsAt) Done() <-chan struct{} { return c.done }

// Err returns nil before the limit-th call and context.Canceled from it on.
func (c *EndsAt) Err() error {
	if c.checks.Add(1) < c.limit {
		return nil
	}
	c.once.Do(func() { close(c.done) })
	return context.Canceled
}

// Checks returns how many times Err was called.
func (c *EndsAt) Checks() int64 { return c.checks.Load() }
