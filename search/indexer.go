package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"indsigt/store"
)

// Indexer follows the store's change_log and keeps the Bleve index in step.
// The index is a derived cache: when it is missing, from another schema
// version or unreadable, the indexer rebuilds it from the store into a new
// directory and swaps it in.
type Indexer struct {
	store *store.Store
	dir   string
	log   *slog.Logger

	mu    sync.RWMutex // guards ix against a swap during a search
	ix    *Index
	apply sync.Mutex // one writer at a time: the loop, a rebuild or a catch-up

	ready atomic.Bool
	wake  chan struct{}
	done  chan struct{} // closed when the loop started by Start ends
	// PollInterval bounds how late a note written by another process
	// (another server on the same PostgreSQL, the CLI) becomes searchable.
	PollInterval time.Duration
	// BatchSize is how many change_log rows go into one Bleve batch.
	BatchSize int
}

// NewIndexer makes an indexer for the index in dir; Open starts it.
func NewIndexer(s *store.Store, dir string, log *slog.Logger) *Indexer {
	return &Indexer{store: s, dir: dir, log: log, wake: make(chan struct{}, 1), PollInterval: 200 * time.Millisecond, BatchSize: 1000}
}

// Open opens the index, rebuilding it when it cannot be used as it is.
func (x *Indexer) Open(ctx context.Context) error {
	ix, err := Open(x.dir)
	if errors.Is(err, ErrLocked) {
		return err
	}
	if err != nil {
		x.log.Warn("search index unusable: rebuilding it from the store", "dir", x.dir, "err", err)
		if err := x.moveAside(); err != nil {
			return err
		}
		return x.Rebuild(ctx)
	}
	x.mu.Lock()
	x.ix = ix
	x.mu.Unlock()
	return nil
}

// Start opens the index and follows the change log in the background until
// ctx ends. A missing or unusable index is rebuilt in the background while
// Ready reports not ready; only an index held by another process is an
// error here.
func (x *Indexer) Start(ctx context.Context) error {
	ix, err := Open(x.dir)
	if errors.Is(err, ErrLocked) {
		return err
	}
	x.done = make(chan struct{})
	go func() {
		defer close(x.done)
		if err == nil {
			x.mu.Lock()
			x.ix = ix
			x.mu.Unlock()
		} else {
			x.log.Warn("search index unusable: rebuilding it from the store", "dir", x.dir, "err", err)
			if err := x.moveAside(); err != nil {
				x.log.Error("search index", "err", err)
				return
			}
			if err := x.Rebuild(ctx); err != nil {
				x.log.Error("search index rebuild failed", "err", err)
				return
			}
		}
		x.Run(ctx)
	}()
	return nil
}

// Stop waits for the loop started by Start to end (cancel its context
// first) and closes the index.
func (x *Indexer) Stop() error {
	if x.done != nil {
		<-x.done
	}
	return x.Close()
}

// moveAside keeps a broken index out of the way rather than deleting what
// a person may want to look at; a rebuild replaces it.
func (x *Indexer) moveAside() error {
	if _, err := os.Stat(x.dir); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	broken := fmt.Sprintf("%s.broken-%d", x.dir, time.Now().UnixNano())
	if err := os.Rename(x.dir, broken); err != nil {
		return fmt.Errorf("search: move unusable index aside: %w", err)
	}
	return nil
}

// Index returns the current index for searching.
func (x *Indexer) Index() *Index {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.ix
}

// Close stops using the index.
func (x *Indexer) Close() error {
	x.apply.Lock()
	defer x.apply.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.ix == nil {
		return nil
	}
	err := x.ix.Close()
	x.ix = nil
	return err
}

// Poke wakes the loop after this process committed a change, so that it is
// searchable at once instead of at the next poll.
func (x *Indexer) Poke() {
	select {
	case x.wake <- struct{}{}:
	default:
	}
}

// Run applies changes until ctx ends: at once when poked, else every
// PollInterval. Errors are logged and retried; the checkpoint makes that safe.
func (x *Indexer) Run(ctx context.Context) {
	t := time.NewTicker(x.PollInterval)
	defer t.Stop()
	for {
		if err := x.CatchUp(ctx); err != nil && ctx.Err() == nil {
			x.log.Error("search indexer", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-x.wake:
		}
	}
}

// CatchUp applies every change committed so far and marks the index ready.
func (x *Indexer) CatchUp(ctx context.Context) error {
	x.apply.Lock()
	defer x.apply.Unlock()
	ix := x.Index()
	if ix == nil {
		return errors.New("search: index is closed")
	}
	cp, err := checkpointOf(ix)
	if err != nil {
		return err
	}
	// Reading the next batch from the store overlaps with writing the
	// current one to Bleve; the checkpoint still advances only with Apply.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan pending, 1)
	go x.read(ctx, cp, batches)
	for b := range batches {
		if b.err != nil {
			return b.err
		}
		if b.n > 0 {
			next, _ := json.Marshal(b.cp)
			if err := ix.Apply(b.docs, b.deletes, next); err != nil {
				return err
			}
		}
		if b.n < x.BatchSize {
			x.ready.Store(true)
			return nil
		}
	}
	return ctx.Err()
}

// pending is one batch read from the store, not yet in the index.
type pending struct {
	docs    []NoteDoc
	deletes []string
	cp      store.Checkpoint // the position after this batch
	n       int              // change_log rows read
	err     error
}

// read sends batches after cp until one is short, an error occurs or ctx ends.
func (x *Indexer) read(ctx context.Context, cp store.Checkpoint, out chan<- pending) {
	defer close(out)
	for {
		b := x.batch(ctx, cp)
		select {
		case out <- b:
		case <-ctx.Done():
			return
		}
		if b.err != nil || b.n < x.BatchSize {
			return
		}
		cp = b.cp
	}
}

func (x *Indexer) batch(ctx context.Context, cp store.Checkpoint) pending {
	changes, err := x.store.ChangesAfter(ctx, cp, x.BatchSize)
	if err != nil || len(changes) == 0 {
		return pending{err: err, cp: cp}
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, c := range changes {
		if !seen[c.EntityID] {
			seen[c.EntityID] = true
			ids = append(ids, c.EntityID)
		}
	}
	notes, err := x.store.IndexNotes(ctx, ids)
	if err != nil {
		return pending{err: err}
	}
	b := pending{docs: make([]NoteDoc, len(notes)), n: len(changes)}
	for i, n := range notes {
		b.docs[i] = docOf(n)
		delete(seen, n.ID)
	}
	for id := range seen { // changed, and gone from the store
		b.deletes = append(b.deletes, strconv.FormatInt(id, 10))
	}
	last := changes[len(changes)-1]
	b.cp = store.Checkpoint{Tx: last.Tx, ID: last.ID}
	return b
}

func checkpointOf(ix *Index) (store.Checkpoint, error) {
	var cp store.Checkpoint
	b, err := ix.Checkpoint()
	if err != nil || b == nil {
		return cp, err
	}
	if err := json.Unmarshal(b, &cp); err != nil {
		return cp, fmt.Errorf("search: checkpoint %q: %w", b, err)
	}
	return cp, nil
}

func docOf(n store.IndexNote) NoteDoc {
	d := NoteDoc{
		ID: strconv.FormatInt(n.ID, 10), ProjectID: strconv.FormatInt(n.ProjectID, 10), SourceID: strconv.FormatInt(n.SourceID, 10),
		SourceTitle: n.SourceTitle, Text: n.Text, Tags: n.Tags, SourceKind: n.SourceKind, Participant: n.Speaker,
		SpeakerRole: n.SpeakerRole, Phases: n.Phases, Position: n.Position, Date: n.CreatedAt,
	}
	if n.OccurredOn != nil {
		d.Date = *n.OccurredOn
	}
	for _, id := range n.InsightIDs {
		d.InsightIDs = append(d.InsightIDs, strconv.FormatInt(id, 10))
	}
	return d
}

// Ready reports whether the index has caught up with the store.
func (x *Indexer) Ready(ctx context.Context) error {
	if !x.ready.Load() {
		return errors.New("search index is being built or caught up")
	}
	ix := x.Index()
	if ix == nil {
		return errors.New("search index is closed")
	}
	cp, err := checkpointOf(ix)
	if err != nil {
		return err
	}
	pending, err := x.store.ChangesAfter(ctx, cp, 1)
	if err != nil {
		return err
	}
	if len(pending) > 0 {
		return errors.New("search index is catching up")
	}
	return nil
}

// Healthy reports whether the index answers.
func (x *Indexer) Healthy(context.Context) error {
	ix := x.Index()
	if ix == nil {
		return errors.New("search index is not open")
	}
	_, err := ix.DocCount()
	return err
}

// Rebuild builds a new index from the store in a fresh directory and swaps
// it in atomically; searches keep using the old index until the swap.
func (x *Indexer) Rebuild(ctx context.Context) error {
	x.apply.Lock()
	defer x.apply.Unlock()
	x.ready.Store(false)
	built, err := NewBuildDir(x.dir)
	if err != nil {
		return err
	}
	defer os.RemoveAll(built) // left only if the swap did not happen
	nix, err := Open(built)
	if err != nil {
		return err
	}
	if err := x.fill(ctx, nix); err != nil {
		nix.Close()
		return fmt.Errorf("search: rebuild: %w", err)
	}
	if err := nix.Close(); err != nil {
		return err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.ix != nil {
		if err := x.ix.Close(); err != nil {
			return err
		}
		x.ix = nil
	}
	if err := Swap(x.dir, built); err != nil {
		return err
	}
	ix, err := Open(x.dir)
	if err != nil {
		return err
	}
	x.ix = ix
	x.log.Info("search index rebuilt", "dir", filepath.Base(x.dir))
	return nil
}

// fill writes every note into a new index. The checkpoint is taken first:
// notes read afterwards are at least as new, and changes after it are
// applied again later, which is harmless because upserts are idempotent.
func (x *Indexer) fill(ctx context.Context, ix *Index) error {
	cp := store.Checkpoint{}
	for {
		cs, err := x.store.ChangesAfter(ctx, cp, 10000)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			break
		}
		last := cs[len(cs)-1]
		cp = store.Checkpoint{Tx: last.Tx, ID: last.ID}
	}
	var after int64
	for {
		ids, err := x.store.AllNoteIDs(ctx, after, x.BatchSize)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			break
		}
		notes, err := x.store.IndexNotes(ctx, ids)
		if err != nil {
			return err
		}
		docs := make([]NoteDoc, len(notes))
		for i, n := range notes {
			docs[i] = docOf(n)
		}
		if err := ix.Apply(docs, nil, nil); err != nil {
			return err
		}
		after = ids[len(ids)-1]
	}
	b, _ := json.Marshal(cp)
	return ix.Apply(nil, nil, b)
}
