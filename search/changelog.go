package search

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Keeping the change log bounded (see store/changelog_trim.go): after a
// successful catch-up the indexer records its checkpoint under its reader
// name and trims what every index has passed, at most once per TrimEvery.

// Defaults of the trim, documented in docs/operations.md.
const (
	defaultTrimEvery  = time.Minute
	defaultTrimKeep   = time.Hour      // rows younger than this stay
	defaultTrimForget = 24 * time.Hour // a reader silent this long stops holding the log back
)

// TrimPolicy says how often and how much of the change log is trimmed.
type TrimPolicy struct {
	Every  time.Duration // 0: never record or trim
	Keep   time.Duration
	Forget time.Duration
}

func defaultTrim() TrimPolicy {
	return TrimPolicy{Every: defaultTrimEvery, Keep: defaultTrimKeep, Forget: defaultTrimForget}
}

// keepLog records the index's checkpoint and trims the log, when due.
// Failures are only logged: an untrimmed log is merely longer.
func (x *Indexer) keepLog(ctx context.Context) {
	if x.Trim.Every <= 0 || time.Since(x.trimmedAt) < x.Trim.Every {
		return
	}
	x.trimmedAt = time.Now()
	if n, err := x.TrimNow(ctx); err != nil && ctx.Err() == nil {
		x.log.Warn("search indexer: change log not trimmed", "err", err)
	} else if n > 0 {
		x.log.Info("change log trimmed", "rows", n)
	}
}

// TrimNow records this index's checkpoint and trims the change log below
// every recent reader's, returning how many rows went.
func (x *Indexer) TrimNow(ctx context.Context) (int64, error) {
	ix := x.Index()
	if ix == nil {
		return 0, errors.New("search: index is closed")
	}
	cp, err := checkpointOf(ix)
	if err != nil {
		return 0, err
	}
	reader, err := x.readerName()
	if err != nil {
		return 0, err
	}
	if err := x.store.RecordCheckpoint(ctx, reader, cp.Checkpoint); err != nil {
		return 0, err
	}
	return x.store.TrimChangeLog(ctx, x.Trim.Keep, x.Trim.Forget)
}

// rebuildBehind rebuilds an index whose next changes were trimmed away.
func (x *Indexer) rebuildBehind(ctx context.Context, cause error) error {
	x.log.Warn("search index is behind the trimmed change log: rebuilding it from the notes", "err", cause)
	if err := x.Rebuild(ctx); err != nil {
		return fmt.Errorf("search: rebuild after trim: %w", err)
	}
	return nil
}

// readerName names this index directory in the store's reader table: a
// random name kept in a file beside the index, so that it survives
// rebuilds and restarts but differs between servers.
func (x *Indexer) readerName() (string, error) {
	if x.reader != "" {
		return x.reader, nil
	}
	path := filepath.Clean(x.dir) + ".reader"
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) > 0 {
		x.reader = strings.TrimSpace(string(b))
		return x.reader, nil
	}
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	host, _ := os.Hostname()
	name := fmt.Sprintf("%.40s-%s", host, hex.EncodeToString(b))
	if err := os.WriteFile(path, []byte(name+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("search: reader name: %w", err)
	}
	x.reader = name
	return name, nil
}
