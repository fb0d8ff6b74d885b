package search

import (
	"path/filepath"
	"strings"
)

// shardConfig is the scorch configuration a new shard in dir is created
// with; nil keeps Bleve's defaults. A shard created by a rebuild gets the
// build configuration (rebuild_build.go).
func shardConfig(dir string) map[string]interface{} {
	if inBuild(dir) {
		return buildConfig()
	}
	return nil
}

// rebuildTag marks the build directory of Indexer.Rebuild (made with
// NewBuildDir(dir+rebuildTag)), apart from other users of NewBuildDir that
// do not wait for their shards to be persisted.
const rebuildTag = ".rebuild"

// inBuild reports whether dir is a shard of an index being rebuilt by
// Indexer.Rebuild or a shard being rebuilt beside the one in service by
// RebuildProject (newShardBuildDir); both wait for the build to be on disk
// and call finishBuild before the swap.
func inBuild(dir string) bool {
	dir = filepath.Clean(dir)
	if strings.Contains(filepath.Base(dir), ".build-") {
		return true
	}
	for d := filepath.Dir(dir); d != filepath.Dir(d); d = filepath.Dir(d) {
		if strings.Contains(filepath.Base(d), rebuildTag+".build-") {
			return true
		}
	}
	return false
}
