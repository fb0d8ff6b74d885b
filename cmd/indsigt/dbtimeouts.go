package main

import (
	"fmt"
	"os"
	"time"

	"indsigt/store"
)

// dbTimeouts reads the PostgreSQL session timeouts from the environment
// (Go durations such as 5s or 2m; 0 leaves PostgreSQL's own setting); a
// malformed value is a usage error, like every other setting.
func dbTimeouts() (store.Timeouts, error) {
	t := store.DefaultTimeouts()
	for _, v := range []struct {
		env string
		set *time.Duration
	}{
		{"INDSIGT_DB_LOCK_TIMEOUT", &t.Lock},
		{"INDSIGT_DB_STATEMENT_TIMEOUT", &t.Statement},
		{"INDSIGT_DB_IDLE_TX_TIMEOUT", &t.IdleInTx},
	} {
		s := os.Getenv(v.env)
		if s == "" {
			continue
		}
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return t, fmt.Errorf("%w: %s=%q must be a duration such as 5s or 2m", errUsage, v.env, s)
		}
		*v.set = d
	}
	return t, nil
}
