package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"indsigt/search"
)

// defaultGrace is how long a stopping server lets requests in flight run:
// an upload of the largest allowed file takes a few seconds on busy cores.
const defaultGrace = 30 * time.Second

// shutdownGrace reads INDSIGT_SHUTDOWN_GRACE (a Go duration).
func shutdownGrace() (time.Duration, error) {
	s := os.Getenv("INDSIGT_SHUTDOWN_GRACE")
	if s == "" {
		return defaultGrace, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%w: INDSIGT_SHUTDOWN_GRACE=%q must be a positive duration such as 30s", errUsage, s)
	}
	return d, nil
}

// shutdown stops accepting, lets requests in flight (uploads) finish
// within grace, and then indexes what they committed, so that the index
// on disk is current when the process exits. An upload still running when
// grace ends is cut off: each file is its own transaction, so a file is
// either stored whole or not at all, and the client sees the connection
// end rather than a 201.
func shutdown(srv *http.Server, idx *search.Indexer, grace time.Duration, log *slog.Logger) error {
	log.Info("shutting down: finishing requests in flight", "grace", grace.String())
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		_ = srv.Close()
		err = fmt.Errorf("shutdown: requests still running after %s were cut off", grace)
	}
	fctx, fcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer fcancel()
	if ferr := idx.CatchUp(fctx); ferr != nil {
		// Not lost: the next start catches up from the index's checkpoint.
		log.Warn("shutdown: the index was not brought up to date", "err", ferr)
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
