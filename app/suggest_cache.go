package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"indsigt/search"
	"indsigt/store"
)

// suggestCache keeps each project's board suggestions until the change log
// moves. Clustering a large project takes longer than a page may, so it runs
// in the background: a request waits a little for it, then shows the
// previous suggestions, or none yet and a page that asks again.
type suggestCache struct {
	mu       sync.Mutex
	entries  map[suggestKey]suggestEntry
	inflight map[suggestKey]chan struct{}
}

// suggestKey names one board: a project's notes, or its highlights.
type suggestKey struct {
	project    int64
	highlights bool
}

// compute clusters the board's notes or highlights.
func (k suggestKey) compute(ctx context.Context, s *store.Store) ([]search.Suggestion, error) {
	if k.highlights {
		return search.HighlightSuggestions(ctx, s, k.project, nil)
	}
	return search.Suggestions(ctx, s, k.project, nil)
}

type suggestEntry struct {
	at    store.Checkpoint
	sugg  []search.Suggestion
	err   error
	since time.Time
}

// maxCachedBoards bounds the cache; the oldest entry goes first.
const maxCachedBoards = 16

// boardWait is how long a board request waits for fresh suggestions.
const boardWait = 150 * time.Millisecond

// project returns the project's suggestions and whether there are any to
// show yet (false while the first clustering of the project still runs).
// It waits at most wait for suggestions of the current checkpoint: a
// clustering that started before the last change is followed by another.
func (sc *suggestCache) project(ctx context.Context, s *store.Store, key suggestKey, log *slog.Logger, wait time.Duration) ([]search.Suggestion, bool, error) {
	cp, err := s.LatestCheckpoint(ctx)
	if err != nil {
		return nil, false, err
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		sc.mu.Lock()
		e, ok := sc.entries[key]
		if ok && e.at == cp {
			sc.mu.Unlock()
			return e.sugg, true, e.err
		}
		done := sc.start(s, key, cp, log)
		sc.mu.Unlock()
		select {
		case <-done:
			continue
		case <-timer.C:
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
		sc.mu.Lock()
		defer sc.mu.Unlock()
		e, ok = sc.entries[key]
		return e.sugg, ok, e.err
	}
}

// start clusters a project in the background unless that already runs;
// the caller holds sc.mu.
func (sc *suggestCache) start(s *store.Store, key suggestKey, cp store.Checkpoint, log *slog.Logger) chan struct{} {
	if done, ok := sc.inflight[key]; ok {
		return done
	}
	done := make(chan struct{})
	sc.inflight[key] = done
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		sugg, err := key.compute(ctx, s)
		if err != nil {
			log.Error("board suggestions", "project", key.project, "highlights", key.highlights, "err", err)
		}
		sc.mu.Lock()
		defer sc.mu.Unlock()
		sc.evict()
		sc.entries[key] = suggestEntry{at: cp, sugg: sugg, err: err, since: time.Now()}
		delete(sc.inflight, key)
		close(done)
	}()
	return done
}

// evict drops the oldest entry when the cache is full; the caller holds sc.mu.
func (sc *suggestCache) evict() {
	if len(sc.entries) < maxCachedBoards {
		return
	}
	var oldest suggestKey
	first := true
	for id, e := range sc.entries {
		if first || e.since.Before(sc.entries[oldest].since) {
			oldest, first = id, false
		}
	}
	delete(sc.entries, oldest)
}

func newSuggestCache() *suggestCache {
	return &suggestCache{entries: map[suggestKey]suggestEntry{}, inflight: map[suggestKey]chan struct{}{}}
}
