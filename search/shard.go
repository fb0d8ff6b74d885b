package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Keys of the values a shard keeps with SetInternal.
var (
	schemaKey     = []byte("indsigt_schema_version")
	checkpointKey = []byte("indsigt_checkpoint")
	projectKey    = []byte("indsigt_project")
)

// shard is the Bleve index of one project's notes.
type shard struct {
	project  string
	dir      string
	bi       bleve.Index
	analyzer analysis.Analyzer // the notes analyzer, for query terms and more-like-this
	// suspect is set when a search failed in a way only damaged files
	// explain; the indexer then rebuilds the shard.
	suspect atomic.Pointer[error]
	// writes counts applied batches; hist is the date histogram
	// (window.go) read at some count.
	writes atomic.Uint64
	hist   atomic.Pointer[histogram]
}

// searchBleve runs req on the shard. A failure that is not the context's,
// or a panic in Bleve while decoding a damaged segment, marks the shard
// suspect and is answered as an error, never a crash.
func (sh *shard) searchBleve(ctx context.Context, req *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("search: project %s: %w: panic: %v", sh.project, ErrCorrupt, r)
		}
		if err != nil && ctx.Err() == nil {
			e := err
			sh.suspect.Store(&e)
		}
	}()
	return sh.bi.SearchInContext(ctx, req)
}

// openShard opens the project's index in dir, or creates it when dir does
// not exist or is empty. It fails with an error wrapping ErrSchemaMismatch
// when the stored schema version or project differs, and with another
// error when dir cannot be opened; a bleve panic on damaged files is turned
// into an error too.
func openShard(dir, project string) (sh *shard, err error) {
	defer func() {
		if r := recover(); r != nil {
			sh, err = nil, fmt.Errorf("search: open %s: %w: %v", dir, ErrCorrupt, r)
		}
	}()
	fresh, err := isFresh(dir)
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w", dir, err)
	}
	var bi bleve.Index
	if fresh {
		bi, err = createShard(dir, project)
	} else {
		bi, err = openExistingShard(dir, project)
	}
	if err != nil {
		return nil, err
	}
	an := bi.Mapping().AnalyzerNamed(notesAnalyzer)
	if an == nil {
		_ = bi.Close()
		return nil, fmt.Errorf("search: open %s: analyzer %q missing", dir, notesAnalyzer)
	}
	return &shard{project: project, dir: dir, bi: bi, analyzer: an}, nil
}

// isFresh reports whether dir holds nothing yet (missing or empty).
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

func createShard(dir, project string) (bleve.Index, error) {
	bi, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, shardConfig(dir))
	if err != nil {
		return nil, fmt.Errorf("search: create index %s: %w", dir, err)
	}
	b := bi.NewBatch()
	b.SetInternal(schemaKey, []byte(strconv.Itoa(SchemaVersion)))
	b.SetInternal(projectKey, []byte(project))
	if err := bi.Batch(b); err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("search: store schema version in %s: %w", dir, err)
	}
	return bi, nil
}

func openExistingShard(dir, project string) (bleve.Index, error) {
	// Without a timeout, opening an index another process holds waits forever.
	bi, err := bleve.OpenUsing(dir, map[string]interface{}{"bolt_timeout": "2s"})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("search: open %s: %w", dir, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("search: open index %s: %w: %v", dir, ErrCorrupt, err)
	}
	v, err := bi.GetInternal(schemaKey)
	if err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("search: read schema version in %s: %w: %v", dir, ErrCorrupt, err)
	}
	if string(v) != strconv.Itoa(SchemaVersion) {
		_ = bi.Close()
		return nil, fmt.Errorf("search: open %s: found version %q, want %d: %w", dir, v, SchemaVersion, ErrSchemaMismatch)
	}
	p, err := bi.GetInternal(projectKey)
	if err != nil || string(p) != project {
		_ = bi.Close()
		return nil, fmt.Errorf("search: open %s: holds project %q, want %q: %w", dir, p, project, ErrSchemaMismatch)
	}
	return bi, nil
}

func (sh *shard) close() error {
	if err := sh.bi.Close(); err != nil {
		return fmt.Errorf("search: close index of project %s: %w", sh.project, err)
	}
	return nil
}

// apply writes upserts and deletes in one Bleve batch together with the
// checkpoint, so that a crash never leaves the shard ahead of or behind its
// checkpoint. A nil checkpoint leaves the stored one unchanged.
func (sh *shard) apply(upserts []NoteDoc, deletes []string, checkpoint []byte) error {
	b := sh.bi.NewBatch()
	for _, d := range upserts {
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
	defer sh.writes.Add(1)
	if err := sh.bi.Batch(b); err != nil {
		return fmt.Errorf("search: apply batch of %d upserts, %d deletes to project %s: %w", len(upserts), len(deletes), sh.project, err)
	}
	return nil
}

// docCount returns the number of notes in the shard.
func (sh *shard) docCount() (uint64, error) {
	n, err := sh.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("search: count documents of project %s: %w", sh.project, err)
	}
	return n, nil
}
