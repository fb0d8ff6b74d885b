package server

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// LimitsFromEnv overrides def with INDSIGT_<CLASS>_CONCURRENCY (a whole
// number), INDSIGT_<CLASS>_QUEUE_WAIT, INDSIGT_<CLASS>_OVERLOAD_WAIT,
// INDSIGT_<CLASS>_REFUSE_BY, INDSIGT_<CLASS>_TARGET and
// INDSIGT_SHED_INTERVAL (Go durations); unset values keep def, malformed
// ones are an error so that an operator's setting is never ignored.
func LimitsFromEnv(prefix string, def Limits) (Limits, error) {
	l := def
	if s := os.Getenv(prefix + "_CONCURRENCY"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100000 {
			return l, fmt.Errorf("%s_CONCURRENCY=%q must be a whole number from 1", prefix, s)
		}
		l.Max = n
	}
	for _, v := range []struct {
		env string
		set *time.Duration
	}{
		{prefix + "_QUEUE_WAIT", &l.Wait},
		{prefix + "_OVERLOAD_WAIT", &l.OverloadWait},
		{prefix + "_REFUSE_BY", &l.RefuseBy},
		{prefix + "_TARGET", &l.Target},
		{"INDSIGT_SHED_INTERVAL", &l.Interval},
	} {
		d, err := DurationEnv(v.env, *v.set)
		if err != nil {
			return l, err
		}
		*v.set = d
	}
	return l, nil
}

// DurationEnv reads a Go duration (such as 500ms or 2s) from env, def when unset.
func DurationEnv(env string, def time.Duration) (time.Duration, error) {
	s := os.Getenv(env)
	if s == "" {
		return def, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return def, fmt.Errorf("%s=%q must be a duration such as 500ms or 2s", env, s)
	}
	return d, nil
}
