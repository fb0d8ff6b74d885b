package search

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrSchemaMismatch means the index on disk was built with another mapping
// version; the caller rebuilds it.
var ErrSchemaMismatch = errors.New("search: index schema version differs")

// Keys of the values kept with SetInternal.
var (
	schemaKey     = []byte("indsigt_schema_version")
	checkpointKey = []byte("indsigt_checkpoint")
)

// Index is one Bleve index of notes. It is safe for concurrent use.
type Index struct {
	bi       bleve.Index
	analyzer analysis.Analyzer // the "da" analyzer, for query terms and more-like-this
}

// Open opens the index in dir, or creates it with the mapping when dir does
// not exist or is empty. It returns an error wrapping ErrSchemaMismatch if the
// stored schema version differs (or is missing), and another error if dir
// cannot be opened; either way the caller then rebuilds.
func Open(dir string) (*Index, error) {
	fresh, err := isFresh(dir)
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w", dir, err)
	}
	var bi bleve.Index
	if fresh {
		bi, err = create(dir)
	} else {
		bi, err = openExisting(dir)
	}
	if err != nil {
		return nil, err
	}
	an := bi.Mapping().AnalyzerNamed(da.AnalyzerName)
	if an == nil {
		_ = bi.Close()
		return nil, fmt.Errorf("search: open %s: analyzer %q missing", dir, da.AnalyzerName)
	}
	return &Index{bi: bi, analyzer: an}, nil
}

// isFresh reports whether dir holds no index yet (missing or empty).
func isFresh(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return len(entries) == 0, nil
}

func create(dir string) (bleve.Index, error) {
	bi, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("search: create index %s: %w", dir, err)
	}
	if err := bi.SetInternal(schemaKey, []byte(strconv.Itoa(SchemaVersion))); err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("search: store schema version in %s: %w", dir, err)
	}
	return bi, nil
}

// ErrLocked means another process (a running server) holds the index.
var ErrLocked = errors.New("search: the index is in use by another process (a running indsigt serve)")

func openExisting(dir string) (bleve.Index, error) {
	// Without a timeout, opening an index another process holds waits forever.
	bi, err := bleve.OpenUsing(dir, map[string]interface{}{"bolt_timeout": "2s"})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("search: open %s: %w", dir, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("search: open index %s: %w", dir, err)
	}
	v, err := bi.GetInternal(schemaKey)
	if err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("search: read schema version in %s: %w", dir, err)
	}
	if string(v) != strconv.Itoa(SchemaVersion) {
		_ = bi.Close()
		return nil, fmt.Errorf("search: open %s: found version %q, want %d: %w", dir, v, SchemaVersion, ErrSchemaMismatch)
	}
	return bi, nil
}

// Close flushes and closes the index.
func (ix *Index) Close() error {
	if err := ix.bi.Close(); err != nil {
		return fmt.Errorf("search: close index: %w", err)
	}
	return nil
}

// Apply writes upserts and deletes in one Bleve batch together with the
// checkpoint, so that a crash never leaves the index ahead of or behind its
// checkpoint. A nil checkpoint leaves the stored one unchanged.
func (ix *Index) Apply(upserts []NoteDoc, deletes []string, checkpoint []byte) error {
	b := ix.bi.NewBatch()
	for _, d := range upserts {
		if d.ID == "" {
			return errors.New("search: apply: note without id")
		}
		if err := b.Index(d.ID, d.fields()); err != nil {
			return fmt.Errorf("search: apply: index note %s: %w", d.ID, err)
		}
	}
	for _, id := range deletes {
		b.Delete(id)
	}
	if checkpoint != nil {
		b.SetInternal(checkpointKey, checkpoint)
	}
	if err := ix.bi.Batch(b); err != nil {
		return fmt.Errorf("search: apply batch of %d upserts, %d deletes: %w", len(upserts), len(deletes), err)
	}
	return nil
}

// Checkpoint returns the checkpoint stored by the last Apply, nil when none.
func (ix *Index) Checkpoint() ([]byte, error) {
	v, err := ix.bi.GetInternal(checkpointKey)
	if err != nil {
		return nil, fmt.Errorf("search: read checkpoint: %w", err)
	}
	if len(v) == 0 {
		return nil, nil
	}
	return v, nil
}

// DocCount returns the number of notes in the index.
func (ix *Index) DocCount() (uint64, error) {
	n, err := ix.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("search: count documents: %w", err)
	}
	return n, nil
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
