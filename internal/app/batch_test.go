package app

import (
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/batch"
)

// TestShardAuto checks --shard auto against each runner's variables.
func TestShardAuto(t *testing.T) {
	cases := []struct {
		env   map[string]string
		total int
		want  batch.Shard
		err   string
	}{
		{env: map[string]string{"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"}, want: batch.Shard{Index: 2, Total: 3}},
		{env: map[string]string{"JOB_COMPLETION_INDEX": "0"}, total: 4, want: batch.Shard{Index: 1, Total: 4}},
		{env: map[string]string{"JOB_COMPLETION_INDEX": "3", "POLICYEXPORT_SHARD_TOTAL": "4"}, want: batch.Shard{Index: 4, Total: 4}},
		{env: map[string]string{"CIRCLE_NODE_INDEX": "1", "CIRCLE_NODE_TOTAL": "2"}, want: batch.Shard{Index: 2, Total: 2}},
		{env: map[string]string{"BUILDKITE_PARALLEL_JOB": "0", "BUILDKITE_PARALLEL_JOB_COUNT": "5"}, want: batch.Shard{Index: 1, Total: 5}},
		{env: map[string]string{"JOB_COMPLETION_INDEX": "0"}, err: "number of shards is not"},
		{env: map[string]string{"JOB_COMPLETION_INDEX": "4"}, total: 4, err: "1 <= K <= N"},
		{env: map[string]string{"CI_NODE_INDEX": "x", "CI_NODE_TOTAL": "3"}, err: "not a number"},
		{env: map[string]string{}, err: "no CI shard variable"},
	}
	for _, c := range cases {
		cfg := batchConfig{shard: "auto", shardTotal: c.total}
		got, err := cfg.parseShard(Env{Getenv: func(k string) string { return c.env[k] }})
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%v: got %v, %v; want error %q", c.env, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%v: got %v, %v; want %v", c.env, got, err, c.want)
		}
	}
}
