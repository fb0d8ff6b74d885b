package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ErrSchemaMismatch means the index on disk was built with another mapping
// version or layout; the caller rebuilds it.
var ErrSchemaMismatch = errors.New("search: index schema version differs")

// ErrCorrupt means index files could not be read; the caller moves the
// index aside and rebuilds it.
var ErrCorrupt = errors.New("search: index files are damaged")

// ErrLocked means another process (a running server) holds the index.
var ErrLocked = errors.New("search: the index is in use by another process (a running indsigt serve)")

// Names inside the index directory (see the package comment).
const (
	metaFile    = "indsigt-index.json"
	projectsDir = "projects"
	// bleveMeta marks a Bleve index; at the root of the index directory it
	// is the single index of layout 1.
	bleveMeta = "index_meta.json"
)

// LayoutVersion is the layout of the index directory: 2 is one Bleve
// index per project under projects/. Layout 1 (one Bleve index for all
// projects directly in the directory) is rebuilt into layout 2 on open.
const LayoutVersion = 2

// meta is the index directory's own state, written atomically after every
// applied batch.
type meta struct {
	Layout     int    `json:"layout"`
	Schema     int    `json:"schema"`
	Checkpoint string `json:"checkpoint,omitempty"` // opaque to Index: the indexer's position
}

// Index is the set of per-project Bleve indexes (shards) in one directory.
// A search touches only its project's shard, so scores use only that
// project's statistics. It is safe for concurrent use.
type Index struct {
	dir string

	// mu guards shards and cp. Searches hold it for reading while they run,
	// so that a shard is never closed under them; creating and dropping a
	// shard takes it for writing.
	mu     sync.RWMutex
	shards map[string]*shard
	down   map[string]error // shards that could not be opened again after a failed write
	cp     []byte
	closed bool

	write sync.Mutex // one Apply at a time

	// gens holds, per project, the stamps of the writes to its shard
	// (Apply, rebuild, drop) and the recent adds (appends.go); its base is
	// the stamp taken when this Index was opened. Stamps come from one
	// process-wide counter, so they never repeat, not even across a full
	// rebuild's new Index.
	gens gens
}

// stamps is the process-wide counter behind Index.Generation.
var stamps atomic.Uint64

// Generation returns a number that changes whenever the project's notes in
// the index change (an applied batch, a rebuilt or dropped shard, a new
// Index). Equal generations mean equal answers, so a cache of facets or
// suggestions can key on it. A write changes it when it starts and again
// when it has finished: a search that read the same generation before and
// after it ran saw that generation's notes and no others.
func (ix *Index) Generation(projectID string) uint64 { return ix.gens.generation(projectID) }

func (ix *Index) touch(projectID string) { ix.gens.reset(projectID) }

// Open opens the index directory dir, or creates it when dir does not
// exist or is empty. It returns an error wrapping ErrSchemaMismatch if the
// layout or schema differs (a layout-1 single index included), one
// wrapping ErrCorrupt if a file cannot be read, and ErrLocked if another
// process holds a shard; except for ErrLocked the caller then rebuilds.
func Open(dir string) (*Index, error) {
	fresh, err := isFresh(dir)
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w", dir, err)
	}
	ix := &Index{dir: dir, shards: map[string]*shard{}, down: map[string]error{}, gens: gens{m: map[string]*projectGen{}, base: stamps.Add(1)}}
	if fresh {
		if err := os.MkdirAll(filepath.Join(dir, projectsDir), 0o700); err != nil {
			return nil, fmt.Errorf("search: create index %s: %w", dir, err)
		}
		if err := ix.writeMeta(nil); err != nil {
			return nil, err
		}
		return ix, nil
	}
	if _, err := os.Stat(filepath.Join(dir, bleveMeta)); err == nil {
		return nil, fmt.Errorf("search: open %s: a single index of layout 1: %w", dir, ErrSchemaMismatch)
	}
	b, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w: %v", dir, ErrCorrupt, err)
	}
	var m meta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("search: open %s: %s: %w: %v", dir, metaFile, ErrCorrupt, err)
	}
	if m.Layout != LayoutVersion || m.Schema != SchemaVersion {
		return nil, fmt.Errorf("search: open %s: layout %d schema %d, want %d and %d: %w", dir, m.Layout, m.Schema, LayoutVersion, SchemaVersion, ErrSchemaMismatch)
	}
	if m.Checkpoint != "" {
		ix.cp = []byte(m.Checkpoint)
	}
	entries, err := os.ReadDir(filepath.Join(dir, projectsDir))
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w: %v", dir, ErrCorrupt, err)
	}
	for _, e := range entries {
		if e.IsDir() && isBuildLeftover(e.Name()) {
			// A project rebuild that a crash interrupted: never swapped in.
			_ = os.RemoveAll(filepath.Join(dir, projectsDir, e.Name()))
			continue
		}
		if !e.IsDir() || !validProject(e.Name()) {
			continue
		}
		sh, err := openShard(filepath.Join(dir, projectsDir, e.Name()), e.Name())
		if err != nil {
			_ = ix.Close()
			return nil, err
		}
		ix.shards[e.Name()] = sh
	}
	return ix, nil
}

// validProject reports whether id can name a shard directory: project ids
// are decimal numbers in the store, and tests use short names.
func validProject(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_') {
			return false
		}
	}
	return true
}

// writeMeta replaces the meta file atomically: a crash leaves the old or
// the new one, never a torn file.
func (ix *Index) writeMeta(cp []byte) error {
	b, err := json.Marshal(meta{Layout: LayoutVersion, Schema: SchemaVersion, Checkpoint: string(cp)})
	if err != nil {
		return fmt.Errorf("search: checkpoint %q: %w", cp, err)
	}
	if err := writeFileAtomic(filepath.Join(ix.dir, metaFile), b); err != nil {
		return fmt.Errorf("search: write index checkpoint: %w", err)
	}
	return nil
}

func writeFileAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Close flushes and closes every shard.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	var errs []error
	for _, sh := range ix.shards {
		errs = append(errs, sh.close())
	}
	ix.shards = nil
	return errors.Join(errs...)
}

// NoteRef names a note to delete: its project routes it to a shard.
type NoteRef struct {
	ProjectID string
	ID        string
}

// Apply writes upserts and deletes, routed to their projects' shards, one
// Bleve batch per shard, each with the checkpoint; then it records the
// checkpoint for the whole directory. A crash in between leaves the
// directory's checkpoint behind some shards, and the changes after it are
// applied again, which is harmless because upserts and deletes are
// idempotent. A nil checkpoint leaves the stored one unchanged.
func (ix *Index) Apply(upserts []NoteDoc, deletes []NoteRef, checkpoint []byte) error {
	ix.write.Lock()
	defer ix.write.Unlock()
	type work struct {
		docs []NoteDoc
		dels []string
	}
	byProject := map[string]*work{}
	get := func(p string) *work {
		w := byProject[p]
		if w == nil {
			w = &work{}
			byProject[p] = w
		}
		return w
	}
	for _, d := range upserts {
		if d.ID == "" || d.ProjectID == "" {
			return fmt.Errorf("search: apply: note %q without id or project", d.ID)
		}
		if !validProject(d.ProjectID) {
			return fmt.Errorf("search: apply: note %s: bad project id %q", d.ID, d.ProjectID)
		}
		w := get(d.ProjectID)
		w.docs = append(w.docs, d)
	}
	for _, r := range deletes {
		w := get(r.ProjectID)
		w.dels = append(w.dels, r.ID)
	}
	projects := make([]string, 0, len(byProject))
	for p := range byProject {
		projects = append(projects, p)
	}
	slices.Sort(projects)
	for _, p := range projects {
		w := byProject[p]
		sh, err := ix.shardFor(p, len(w.docs) > 0)
		if err != nil {
			return err
		}
		if sh == nil {
			continue // deletes in a project that has no shard: nothing to do
		}
		added := sh.newNotes(w.docs, w.dels)
		ix.gens.begin(p, added != nil)
		if err := sh.apply(w.docs, w.dels, checkpoint); err != nil {
			ix.gens.end(p, nil)
			// Bleve leaves a batch that failed to persist (a full disk) in
			// its in-memory state; start again from what is on disk.
			if rerr := ix.reopen(p); rerr != nil {
				return fmt.Errorf("%w (and reopening the project's index failed: %v)", err, rerr)
			}
			return err
		}
		ix.gens.end(p, added)
	}
	if checkpoint == nil {
		return nil
	}
	if err := ix.writeMeta(checkpoint); err != nil {
		return err
	}
	ix.mu.Lock()
	ix.cp = slices.Clone(checkpoint)
	ix.mu.Unlock()
	return nil
}

// shardFor returns the project's shard, creating it when create is set.
func (ix *Index) shardFor(project string, create bool) (*shard, error) {
	ix.mu.RLock()
	sh, closed := ix.shards[project], ix.closed
	ix.mu.RUnlock()
	if closed {
		return nil, errors.New("search: index is closed")
	}
	ix.mu.RLock()
	down := ix.down[project] != nil
	ix.mu.RUnlock()
	if sh != nil || !create && !down {
		return sh, nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if sh := ix.shards[project]; sh != nil {
		return sh, nil
	}
	sh, err := openShard(filepath.Join(ix.dir, projectsDir, project), project)
	if err != nil {
		return nil, err
	}
	delete(ix.down, project)
	ix.shards[project] = sh
	return sh, nil
}

// reopen closes a project's shard and opens it again from its files.
func (ix *Index) reopen(project string) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	sh := ix.shards[project]
	if sh == nil {
		return nil
	}
	_ = sh.close()
	nsh, err := openShard(sh.dir, project)
	if err != nil {
		// Searches in the project fail until a later Apply opens it.
		ix.down[project] = err
		delete(ix.shards, project)
		return err
	}
	ix.shards[project] = nsh
	return nil
}

// Checkpoint returns the checkpoint stored by the last Apply, nil when none.
func (ix *Index) Checkpoint() ([]byte, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, errors.New("search: index is closed")
	}
	return slices.Clone(ix.cp), nil
}

// DocCount returns the number of notes in all shards.
func (ix *Index) DocCount() (uint64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return 0, errors.New("search: index is closed")
	}
	var total uint64
	for _, sh := range ix.shards {
		n, err := sh.docCount()
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// Suspects returns the projects whose shard failed a search in a way only
// damaged files explain, with the error, and clears the marks.
func (ix *Index) Suspects() map[string]error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var out map[string]error
	for p, sh := range ix.shards {
		if e := sh.suspect.Swap(nil); e != nil {
			if out == nil {
				out = map[string]error{}
			}
			out[p] = *e
		}
	}
	return out
}

// Projects returns the ids of the projects that have a shard, sorted.
func (ix *Index) Projects() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]string, 0, len(ix.shards))
	for p := range ix.shards {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// DropProject closes the project's shard and removes its files, e.g. when
// the project is erased. A project without a shard is no error.
func (ix *Index) DropProject(projectID string) error {
	ix.write.Lock()
	defer ix.write.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.dropLocked(projectID)
}

func (ix *Index) dropLocked(projectID string) error {
	if !validProject(projectID) {
		return fmt.Errorf("search: drop project: bad project id %q", projectID)
	}
	defer ix.touch(projectID)
	dir := filepath.Join(ix.dir, projectsDir, projectID)
	if sh := ix.shards[projectID]; sh != nil {
		delete(ix.shards, projectID)
		if err := sh.close(); err != nil {
			return err
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("search: drop project %s: %w", projectID, err)
	}
	return nil
}

// newShardBuildDir returns a fresh directory beside the project's shard for
// building its replacement; Open ignores it.
func (ix *Index) newShardBuildDir(projectID string) (string, error) {
	if !validProject(projectID) {
		return "", fmt.Errorf("search: rebuild project: bad project id %q", projectID)
	}
	parent := filepath.Join(ix.dir, projectsDir)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return "", fmt.Errorf("search: create %s: %w", parent, err)
	}
	d, err := os.MkdirTemp(parent, projectID+".build-")
	if err != nil {
		return "", fmt.Errorf("search: create build dir for project %s: %w", projectID, err)
	}
	return d, nil
}

// replaceShard swaps a shard built (and closed) in built in for the
// project's current one.
func (ix *Index) replaceShard(projectID, built string) error {
	ix.write.Lock()
	defer ix.write.Unlock()
	defer ix.touch(projectID)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err := ix.dropLocked(projectID); err != nil {
		return err
	}
	dir := filepath.Join(ix.dir, projectsDir, projectID)
	if err := os.Rename(built, dir); err != nil {
		return fmt.Errorf("search: swap in rebuilt project %s: %w", projectID, err)
	}
	sh, err := openShard(dir, projectID)
	if err != nil {
		return err
	}
	ix.shards[projectID] = sh
	return nil
}

// NewBuildDir returns a fresh empty directory next to dir (same parent, so
// Swap can rename) for building a replacement index with Open and Apply.
func NewBuildDir(dir string) (string, error) {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return "", fmt.Errorf("search: create parent of %s: %w", dir, err)
	}
	built, err := os.MkdirTemp(parent, filepath.Base(dir)+".build-")
	if err != nil {
		return "", fmt.Errorf("search: create build dir for %s: %w", dir, err)
	}
	return built, nil
}

// Swap replaces dir with built: the old index is renamed away, the new one
// renamed in, then the old one removed. Both indexes must be closed. It is
// safe when dir does not exist. If renaming built in fails, the old index is
// put back.
func Swap(dir, built string) error {
	dir = filepath.Clean(dir)
	old := fmt.Sprintf("%s.old-%d", dir, time.Now().UnixNano())
	hadOld := true
	if err := os.Rename(dir, old); errors.Is(err, os.ErrNotExist) {
		hadOld = false
	} else if err != nil {
		return fmt.Errorf("search: swap: move old index %s away: %w", dir, err)
	}
	if err := os.Rename(built, dir); err != nil {
		if hadOld {
			if rerr := os.Rename(old, dir); rerr != nil {
				return fmt.Errorf("search: swap: move %s in: %w (restoring old index also failed: %v)", built, err, rerr)
			}
		}
		return fmt.Errorf("search: swap: move %s in: %w", built, err)
	}
	if hadOld {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("search: swap: remove old index %s: %w", old, err)
		}
	}
	return nil
}

// isBuildLeftover reports whether name is a directory a crashed build or
// swap left beside an index.
func isBuildLeftover(name string) bool {
	return strings.Contains(name, ".build-") || strings.Contains(name, ".old-")
}
