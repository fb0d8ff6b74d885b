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

	"indsigt/model"
	"indsigt/store"
)

// Indexer follows the store's change_log and keeps the index in step. The
// index is a derived cache: when it is missing, from another schema or
// layout version, unreadable, or from another (e.g. restored) database, the
// indexer rebuilds it from the store into a new directory and swaps it in.
type Indexer struct {
	store *store.Store
	dir   string
	log   *slog.Logger

	lock *dirLock // held from Open or Start until Close

	mu    sync.RWMutex // guards ix against a swap during a search
	ix    *Index
	apply sync.Mutex // one writer at a time: the loop, a rebuild or a catch-up

	ready      atomic.Bool
	rebuilding atomic.Bool                // a rebuild holds apply (Rebuilding)
	fault      atomic.Pointer[faultState] // the last write error, nil when writes succeed
	wake       chan struct{}
	done       chan struct{} // closed when the loop started by Start ends
	// PollInterval bounds how late a note written by another process
	// (another server on the same PostgreSQL, the CLI) becomes searchable.
	PollInterval time.Duration
	// BatchSize bounds a Bleve batch: how many change_log rows are read
	// at a time, and how many notes of a source's row are indexed at a
	// time.
	BatchSize int
	// Trim bounds the change log (changelog.go).
	Trim      TrimPolicy
	trimmedAt time.Time // the Run loop's last trim
	reader    string    // this index's name in the store's reader table

	suspectRebuilt map[string]time.Time // used by the Run loop only
}

type faultState struct {
	err   error
	since time.Time
}

// NewIndexer makes an indexer for the index in dir; Open or Start starts it.
func NewIndexer(s *store.Store, dir string, log *slog.Logger) *Indexer {
	return &Indexer{store: s, dir: dir, log: log, wake: make(chan struct{}, 1), PollInterval: 200 * time.Millisecond, BatchSize: 1000, Trim: defaultTrim()}
}

// lockPath is the lock file beside the index directory.
func (x *Indexer) lockPath() string { return filepath.Clean(x.dir) + ".lock" }

func (x *Indexer) acquire() error {
	if x.lock != nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Clean(x.dir)), 0o700); err != nil {
		return fmt.Errorf("search: create parent of %s: %w", x.dir, err)
	}
	l, err := lockDir(x.lockPath())
	if err != nil {
		return err
	}
	x.lock = l
	// Holding the lock, nothing else builds here: what a crashed rebuild or
	// swap left beside the index can go.
	leftovers, _ := filepath.Glob(filepath.Clean(x.dir) + ".*-*")
	for _, d := range leftovers {
		if isBuildLeftover(filepath.Base(d)) {
			_ = os.RemoveAll(d)
		}
	}
	return nil
}

// Open opens the index, rebuilding it when it cannot be used as it is.
// It fails with ErrLocked when another process holds the index.
func (x *Indexer) Open(ctx context.Context) error {
	if err := x.acquire(); err != nil {
		return err
	}
	ix, err := x.openChecked(ctx)
	if errors.Is(err, ErrLocked) {
		return err
	}
	if err != nil {
		return x.recoverFrom(ctx, err)
	}
	x.mu.Lock()
	x.ix = ix
	x.mu.Unlock()
	return nil
}

// OpenRebuilt takes the index directory and rebuilds the whole index from
// the store, without opening the old one first: Open would rebuild an
// unusable index only for it to be rebuilt again. It fails with ErrLocked
// when another process holds the index.
func (x *Indexer) OpenRebuilt(ctx context.Context) error {
	if err := x.acquire(); err != nil {
		return err
	}
	return x.Rebuild(ctx)
}

// Start opens the index and follows the change log in the background until
// ctx ends. A missing or unusable index is rebuilt in the background while
// Ready reports not ready; only an index held by another process is an
// error here.
func (x *Indexer) Start(ctx context.Context) error {
	if err := x.acquire(); err != nil {
		return err
	}
	ix, err := x.openChecked(ctx)
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
			for ctx.Err() == nil {
				rerr := x.recoverFrom(ctx, err)
				if rerr == nil {
					break
				}
				// E.g. the disk is full: keep serving nothing, say why, and
				// try again rather than exit.
				x.setFault(rerr)
				x.log.Error("search index rebuild failed; retrying", "err", rerr)
				select {
				case <-ctx.Done():
					return
				case <-time.After(5 * time.Second):
				}
			}
		}
		x.Run(ctx)
	}()
	return nil
}

// openChecked opens the index and checks that it belongs to this store's
// history: an index ahead of the store, or whose checkpoint names a change
// the store does not hold, was built from another (restored) database.
func (x *Indexer) openChecked(ctx context.Context) (*Index, error) {
	ix, err := Open(x.dir)
	if err != nil {
		return nil, err
	}
	if err := x.verify(ctx, ix); err != nil {
		_ = ix.Close()
		return nil, err
	}
	return ix, nil
}

// errStale means the index does not belong to the store's current history.
var errStale = errors.New("search: the index is ahead of the database (was an older database restored?)")

func (x *Indexer) verify(ctx context.Context, ix *Index) error {
	cp, err := checkpointOf(ix)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	latest, err := x.store.LatestCheckpoint(ctx)
	if err != nil {
		return fmt.Errorf("search: check index against the store: %w", err)
	}
	if latest.Before(cp.Checkpoint) {
		return errStale
	}
	if trimmed, err := x.store.Trimmed(ctx); err != nil {
		return fmt.Errorf("search: check index against the store: %w", err)
	} else if cp.Before(trimmed) {
		return fmt.Errorf("search: the index is behind the trimmed change log: %w", store.ErrTrimmed)
	}
	if cp.Entity == 0 {
		return nil // written before checkpoints carried the change they end at
	}
	c, err := x.store.ChangeByID(ctx, cp.ID)
	if errors.Is(err, model.ErrNotFound) {
		// Below the store's latest change, yet gone: the change log was
		// trimmed below the checkpoint, which is how trimming works.
		return nil
	}
	if err != nil {
		return fmt.Errorf("search: check index against the store: %w", err)
	}
	if !cp.names(c) {
		return errStale
	}
	return nil
}

// recoverFrom handles an index that failed to open with err: it moves the
// directory aside and rebuilds it.
func (x *Indexer) recoverFrom(ctx context.Context, err error) error {
	x.log.Warn("search index unusable: rebuilding it from the store", "dir", x.dir, "err", err)
	keep := errors.Is(err, ErrCorrupt)
	if err := x.moveAside(keep); err != nil {
		return err
	}
	return x.Rebuild(ctx)
}

// Stop waits for the loop started by Start to end (cancel its context
// first) and closes the index.
func (x *Indexer) Stop() error {
	if x.done != nil {
		<-x.done
	}
	return x.Close()
}

// moveAside gets an unusable index out of the way. A damaged one is kept
// as dir.broken-N (only the latest) for a person to look at; one of another
// version or database is removed once moved.
func (x *Indexer) moveAside(keep bool) error {
	if _, err := os.Stat(x.dir); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	dir := filepath.Clean(x.dir)
	if keep {
		old, _ := filepath.Glob(dir + ".broken-*")
		for _, o := range old {
			_ = os.RemoveAll(o)
		}
		broken := fmt.Sprintf("%s.broken-%d", dir, time.Now().UnixNano())
		if err := os.Rename(dir, broken); err != nil {
			return fmt.Errorf("search: move unusable index aside: %w", err)
		}
		return nil
	}
	old := fmt.Sprintf("%s.old-%d", dir, time.Now().UnixNano())
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("search: move old index aside: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("search: remove old index: %w", err)
	}
	return nil
}

// Index returns the current index for searching.
func (x *Indexer) Index() *Index {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.ix
}

// Close stops using the index and releases the directory lock.
func (x *Indexer) Close() error {
	x.apply.Lock()
	defer x.apply.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	var err error
	if x.ix != nil {
		err = x.ix.Close()
		x.ix = nil
	}
	if lerr := x.lock.unlock(); err == nil {
		err = lerr
	}
	x.lock = nil
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
// PollInterval. Errors (a full disk, a database outage) are logged, kept
// for Healthy and Ready, and retried; the checkpoint makes that safe, and
// the fault clears by itself once a write succeeds again.
func (x *Indexer) Run(ctx context.Context) {
	t := time.NewTicker(x.PollInterval)
	defer t.Stop()
	var lastLog time.Time
	var lastErr string
	for {
		err := x.safeCatchUp(ctx)
		if errors.Is(err, store.ErrTrimmed) {
			err = x.rebuildBehind(ctx, err)
		}
		if err == nil {
			x.keepLog(ctx)
		}
		if err != nil && ctx.Err() == nil {
			// A lasting fault (a full disk) is logged when it changes and
			// then once a minute, not at every poll.
			if err.Error() != lastErr || time.Since(lastLog) > time.Minute {
				x.log.Error("search indexer", "err", err)
				lastErr, lastLog = err.Error(), time.Now()
			}
		} else if err == nil && lastErr != "" {
			x.log.Info("search indexer writes again")
			lastErr = ""
		}
		x.rebuildSuspects(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-x.wake:
		}
	}
}

// rebuildSuspects rebuilds the shards that failed a search because their
// files are damaged; until then their searches answer errors.
func (x *Indexer) rebuildSuspects(ctx context.Context) {
	ix := x.Index()
	if ix == nil {
		return
	}
	for p, serr := range ix.Suspects() {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil || time.Since(x.suspectRebuilt[p]) < 10*time.Minute {
			continue // at most one rebuild per project in ten minutes
		}
		if x.suspectRebuilt == nil {
			x.suspectRebuilt = map[string]time.Time{}
		}
		x.suspectRebuilt[p] = time.Now()
		x.log.Warn("search index of a project failed a search: rebuilding it", "project", p, "err", serr)
		if err := x.RebuildProject(ctx, id); err != nil && ctx.Err() == nil {
			x.log.Error("search index: rebuild of a project failed", "project", p, "err", err)
		}
	}
}

// safeCatchUp is CatchUp that turns a panic below it into an error, so a
// fault in the index never takes the server down.
func (x *Indexer) safeCatchUp(ctx context.Context) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("search: indexer panic: %v", r)
			x.setFault(err)
		}
	}()
	return x.CatchUp(ctx)
}

func (x *Indexer) setFault(err error) {
	if f := x.fault.Load(); f != nil {
		x.fault.Store(&faultState{err: err, since: f.since})
		return
	}
	x.fault.Store(&faultState{err: err, since: time.Now()})
}

// CatchUp applies every change committed so far and marks the index ready.
func (x *Indexer) CatchUp(ctx context.Context) error {
	x.apply.Lock()
	defer x.apply.Unlock()
	err := x.catchUp(ctx)
	if err != nil && ctx.Err() == nil {
		x.setFault(err)
	} else if err == nil {
		x.fault.Store(nil)
	}
	return err
}

func (x *Indexer) catchUp(ctx context.Context) error {
	ix := x.Index()
	if ix == nil {
		return errors.New("search: index is closed")
	}
	cp, err := checkpointOf(ix)
	if err != nil {
		return err
	}
	// Reading the next chunk from the store overlaps with writing the
	// current one to Bleve; the checkpoint still advances only with Apply.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan pending, 1)
	go x.read(ctx, cp, chunks)
	for b := range chunks {
		if b.err != nil {
			return b.err
		}
		if b.caughtUp {
			x.ready.Store(true)
			return nil
		}
		var next []byte
		if b.cp != nil {
			next, _ = json.Marshal(*b.cp)
		}
		if err := ix.Apply(b.docs, b.deletes, next); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// checkpoint is the index's position in the change log, with the change
// it ends at, so that an index from another database is recognised.
type checkpoint struct {
	store.Checkpoint
	Project int64 `json:"project,omitempty"`
	Entity  int64 `json:"entity,omitempty"`
	// Kind is what Entity names (store.EntityNote or EntitySource); empty
	// in checkpoints written before sources had change-log rows, which
	// only ever ended at a note.
	Kind string `json:"kind,omitempty"`
}

func checkpointAt(c store.Change) checkpoint {
	return checkpoint{Checkpoint: store.Checkpoint{Tx: c.Tx, ID: c.ID}, Project: c.ProjectID, Entity: c.EntityID, Kind: c.Entity}
}

// names reports whether the checkpoint ends at change c.
func (cp checkpoint) names(c store.Change) bool {
	kind := cp.Kind
	if kind == "" {
		kind = store.EntityNote
	}
	return c.Tx == cp.Tx && c.ProjectID == cp.Project && c.Entity == kind && c.EntityID == cp.Entity
}

// pending is one chunk read from the store, not yet in the index: at most
// BatchSize notes, so that a source's change-log row (a whole uploaded
// file, 50,000 notes) becomes several bounded Bleve batches.
type pending struct {
	docs    []NoteDoc
	deletes []NoteRef
	// cp is the position after this chunk; nil for a chunk inside a
	// source's notes, whose row is passed only with its last chunk.
	cp       *checkpoint
	caughtUp bool // no chunk follows: the change log is read to its end
	err      error
}

// read sends the chunks after cp, in the change log's order, until the
// log is read to its end (a chunk with caughtUp), an error occurs or ctx
// ends. Each chunk reads the store as it is then: a note edited or deleted
// after its source's row has a later row of its own, read later, so the
// last state wins.
func (x *Indexer) read(ctx context.Context, cp checkpoint, out chan<- pending) {
	defer close(out)
	send := func(p pending) bool {
		select {
		case out <- p:
			return p.err == nil
		case <-ctx.Done():
			return false
		}
	}
	k := &chunker{x: x, send: send}
	for {
		changes, err := x.store.ChangesAfter(ctx, cp.Checkpoint, x.BatchSize)
		if err != nil {
			send(pending{err: err})
			return
		}
		if !k.page(ctx, changes) {
			return
		}
		if len(changes) < x.BatchSize {
			if k.flush() {
				send(pending{caughtUp: true})
			}
			return
		}
		cp = checkpointAt(changes[len(changes)-1])
	}
}

// chunker turns pages of the change log into chunks for send, in order:
// each run of note rows is one chunk; a run of source rows is as many
// chunks as their notes need, filled up to BatchSize across sources, also
// across pages (an upload of many small files must not cost a Bleve batch
// each; sources share no notes, so a chunk never holds one note twice).
type chunker struct {
	x    *Indexer
	send func(pending) bool // false: stop
	acc  pending            // sources' notes not yet sent
}

// flush sends the sources' notes gathered so far.
func (k *chunker) flush() bool {
	if k.acc.docs == nil && k.acc.cp == nil {
		return true
	}
	b := k.acc
	k.acc = pending{}
	return k.send(b)
}

// page sends what one page of the change log holds, except the notes of
// its last sources, which may share a chunk with the next page's.
func (k *chunker) page(ctx context.Context, changes []store.Change) bool {
	start := 0 // the first note row not yet sent
	for i, c := range changes {
		if c.Entity != store.EntitySource {
			continue
		}
		if i > start && !k.notes(ctx, changes[start:i]) {
			return false
		}
		if err := k.x.sourceNotes(ctx, c, &k.acc, k.flush); err != nil {
			if !errors.Is(err, errStopped) {
				k.send(pending{err: err})
			}
			return false
		}
		start = i + 1
	}
	if start < len(changes) {
		return k.notes(ctx, changes[start:])
	}
	return true
}

// notes sends a run of note rows, after the sources before it.
func (k *chunker) notes(ctx context.Context, changes []store.Change) bool {
	return k.flush() && k.send(k.x.noteChunk(ctx, changes))
}

// errStopped ends the reading of a source's notes when send has stopped.
var errStopped = errors.New("search: reading stopped")

// sourceNotes adds every note a source has now to acc, flushing it each
// time it holds BatchSize notes; acc's checkpoint moves to the source's
// row once its last note is in. A source gone from the store has no notes
// left: their deletes have rows of their own.
func (x *Indexer) sourceNotes(ctx context.Context, c store.Change, acc *pending, flush func() bool) error {
	after := -1 // positions start at 0
	for {
		limit := x.BatchSize - len(acc.docs) // at least one: a full acc was flushed
		ids, last, err := x.store.SourceNoteIDs(ctx, c.ProjectID, c.EntityID, after, limit)
		if err != nil {
			return err
		}
		if len(ids) > 0 {
			docs, err := x.docsOf(ctx, ids)
			if err != nil {
				return err
			}
			acc.docs = append(acc.docs, docs...)
		}
		if len(ids) < limit {
			cp := checkpointAt(c)
			acc.cp = &cp
			return nil
		}
		if !flush() {
			return errStopped
		}
		after = last
	}
}

// noteChunk indexes the notes that rows of the change log name as they
// are now, and removes those gone from the store.
func (x *Indexer) noteChunk(ctx context.Context, changes []store.Change) pending {
	project := map[int64]int64{} // note → project, for deletes
	var ids []int64
	for _, c := range changes {
		if _, ok := project[c.EntityID]; !ok {
			ids = append(ids, c.EntityID)
		}
		project[c.EntityID] = c.ProjectID
	}
	notes, err := x.store.IndexNotes(ctx, ids)
	if err != nil {
		return pending{err: err}
	}
	b := pending{docs: make([]NoteDoc, len(notes))}
	for i, n := range notes {
		b.docs[i] = docOf(n)
		delete(project, n.ID)
	}
	for id, p := range project { // changed, and gone from the store
		b.deletes = append(b.deletes, NoteRef{ProjectID: strconv.FormatInt(p, 10), ID: strconv.FormatInt(id, 10)})
	}
	cp := checkpointAt(changes[len(changes)-1])
	b.cp = &cp
	return b
}

func checkpointOf(ix *Index) (checkpoint, error) {
	var cp checkpoint
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
		SourceTitle: n.SourceTitle, Text: n.Text, Tags: n.Tags, HighlightTags: n.HighlightTags, SourceKind: n.SourceKind, Participant: n.Speaker,
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
	if f := x.fault.Load(); f != nil {
		return fmt.Errorf("search index cannot be written since %s: %w", f.since.UTC().Format(time.RFC3339), f.err)
	}
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
	pending, err := x.store.ChangesAfter(ctx, cp.Checkpoint, 1)
	if err != nil {
		return err
	}
	if len(pending) > 0 {
		return errors.New("search index is catching up")
	}
	return nil
}

// Healthy reports whether the index answers and can be written.
func (x *Indexer) Healthy(context.Context) error {
	if f := x.fault.Load(); f != nil {
		return fmt.Errorf("search index cannot be written since %s: %w", f.since.UTC().Format(time.RFC3339), f.err)
	}
	ix := x.Index()
	if ix == nil {
		return errors.New("search index is not open")
	}
	_, err := ix.DocCount()
	return err
}

// Rebuilding reports whether a rebuild, of the whole index or of one
// project's shard, is running. Until it ends no change is applied: the
// rebuild holds the indexer's one writer, and searches use the index that
// was there before it.
func (x *Indexer) Rebuilding() bool { return x.rebuilding.Load() }

// Applied is the position in the change log that the index has applied up
// to (zero for an empty index).
func (x *Indexer) Applied() (store.Checkpoint, error) {
	ix := x.Index()
	if ix == nil {
		return store.Checkpoint{}, errors.New("search: index is closed")
	}
	cp, err := checkpointOf(ix)
	return cp.Checkpoint, err
}

// Rebuild builds a new index from the store in a fresh directory and swaps
// it in atomically; searches keep using the old index until the swap.
func (x *Indexer) Rebuild(ctx context.Context) error {
	x.apply.Lock()
	defer x.apply.Unlock()
	x.rebuilding.Store(true)
	defer x.rebuilding.Store(false)
	x.ready.Store(false)
	built, err := NewBuildDir(x.dir + rebuildTag)
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
	if err := nix.waitPersisted(ctx); err != nil {
		nix.Close()
		return fmt.Errorf("search: rebuild: %w", err)
	}
	if err := nix.Close(); err != nil {
		return err
	}
	if err := finishBuild(built); err != nil {
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
	x.fault.Store(nil)
	x.log.Info("search index rebuilt", "dir", filepath.Base(x.dir), "projects", len(ix.Projects()))
	return nil
}

// fill writes every note into a new index, paging through the notes
// table by id, not replaying the change log (which is trimmed). The
// checkpoint is taken first, in one query: notes read afterwards are at
// least as new, and changes after it are applied again later, which is
// harmless because upserts are idempotent.
func (x *Indexer) fill(ctx context.Context, ix *Index) error {
	c, err := x.store.SafeCheckpoint(ctx)
	if err != nil {
		return err
	}
	var cp checkpoint
	if c.ID != 0 {
		cp = checkpointAt(c)
	}
	write := func(docs []NoteDoc) error { return ix.Apply(docs, nil, nil) }
	if err := x.pipeline(ctx, x.allNotes(ctx), write); err != nil {
		return err
	}
	b, _ := json.Marshal(cp)
	return ix.Apply(nil, nil, b)
}

// RebuildProject rebuilds one project's shard from the store beside the
// current one and swaps it in; other projects are not touched, and the
// project's searches use the old shard until the swap.
func (x *Indexer) RebuildProject(ctx context.Context, projectID int64) error {
	x.apply.Lock()
	defer x.apply.Unlock()
	x.rebuilding.Store(true)
	defer x.rebuilding.Store(false)
	ix := x.Index()
	if ix == nil {
		return errors.New("search: index is closed")
	}
	pid := strconv.FormatInt(projectID, 10)
	built, err := ix.newShardBuildDir(pid)
	if err != nil {
		return err
	}
	defer os.RemoveAll(built) // left only if the swap did not happen
	sh, err := openShard(built, pid)
	if err != nil {
		return err
	}
	cp, err := ix.Checkpoint()
	if err != nil {
		_ = sh.close()
		return err
	}
	write := func(docs []NoteDoc) error { return sh.apply(docs, nil, cp) }
	if err := x.pipeline(ctx, x.projectNotes(ctx, projectID), write); err != nil {
		_ = sh.close()
		return fmt.Errorf("search: rebuild project %d: %w", projectID, err)
	}
	if err := waitShardPersisted(ctx, sh.bi); err != nil {
		_ = sh.close()
		return fmt.Errorf("search: rebuild project %d: %w", projectID, err)
	}
	if err := sh.close(); err != nil {
		return err
	}
	if err := finishBuild(built); err != nil {
		return err
	}
	if err := ix.replaceShard(pid, built); err != nil {
		return err
	}
	x.log.Info("search index of one project rebuilt", "project", projectID)
	return nil
}

// DropProject removes a project's shard, files included, e.g. after the
// project was erased from the store. Changes still in the change log for
// the project only delete, so the shard is not made again unless the store
// still holds notes of the project.
func (x *Indexer) DropProject(projectID int64) error {
	x.apply.Lock()
	defer x.apply.Unlock()
	ix := x.Index()
	if ix == nil {
		return errors.New("search: index is closed")
	}
	return ix.DropProject(strconv.FormatInt(projectID, 10))
}
