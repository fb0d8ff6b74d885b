package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// A shard being built by a rebuild is not searched and not in service
// until it is swapped in, and a crash during the build throws it away (the
// build directory is a leftover that acquire removes). So it is created
// with unsafe_batch: a Bleve batch returns once its segment is in memory
// instead of waiting for the persister to write and fsync it, which lets
// the persister merge and write in the background while the next batch is
// analysed. Before the build's shards are closed, waitPersisted waits until
// everything is on disk, and finishBuild removes the setting from the
// shards' stored configuration, so that the index in service writes each
// batch durably again.
var buildOnlyConfig = map[string]interface{}{"unsafe_batch": true}

// buildConfig is the scorch configuration of a shard being built.
func buildConfig() map[string]interface{} {
	m := make(map[string]interface{}, len(buildOnlyConfig))
	for k, v := range buildOnlyConfig {
		m[k] = v
	}
	return m
}

// waitPersisted waits until every shard of ix has written all it holds to
// disk: with unsafe_batch, closing a shard would drop what is still only in
// memory.
func (ix *Index) waitPersisted(ctx context.Context) error {
	for _, p := range ix.Projects() {
		sh, err := ix.shardFor(p, false)
		if err != nil {
			return err
		}
		if sh == nil {
			continue
		}
		if err := waitShardPersisted(ctx, sh.bi); err != nil {
			return fmt.Errorf("search: project %s: %w", p, err)
		}
	}
	return nil
}

// waitShardPersisted waits until the persister has written the snapshot
// that is current now (and so every batch introduced before it).
func waitShardPersisted(ctx context.Context, bi bleve.Index) error {
	adv, err := bi.Advanced()
	if err != nil {
		return err
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil // not scorch: batches were written durably
	}
	st, ok := sc.Stats().(*scorch.Stats)
	if !ok {
		return errors.New("search: scorch stats of an unknown type")
	}
	want := atomic.LoadUint64(&st.CurRootEpoch)
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for atomic.LoadUint64(&st.LastPersistedEpoch) < want {
		if n := atomic.LoadUint64(&st.TotPersistLoopErr); n > 0 {
			return fmt.Errorf("search: the index could not be written to disk (%d failed attempts)", n)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

// finishBuild removes the build-only settings from the stored
// configuration of every shard under dir (closed), so that once swapped in
// they open with Bleve's durable defaults.
func finishBuild(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || d.Name() != "index_meta.json" {
			return nil
		}
		return stripBuildConfig(path)
	})
}

func stripBuildConfig(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("search: finish build: %w", err)
	}
	var meta map[string]json.RawMessage
	if err := json.Unmarshal(b, &meta); err != nil {
		return fmt.Errorf("search: finish build: read %s: %w", path, err)
	}
	var config map[string]json.RawMessage
	if raw, ok := meta["config"]; ok {
		if err := json.Unmarshal(raw, &config); err != nil {
			return fmt.Errorf("search: finish build: read %s: %w", path, err)
		}
	}
	for k := range buildOnlyConfig {
		delete(config, k)
	}
	if len(config) == 0 {
		delete(meta, "config")
	} else if meta["config"], err = json.Marshal(config); err != nil {
		return err
	}
	out, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, out)
}
