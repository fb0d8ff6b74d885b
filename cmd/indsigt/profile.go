package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
)

// rebuildGC trades memory for CPU in the reindex process, which does
// nothing but build the index: a rebuild allocates a great deal of
// short-lived garbage (analysed tokens, segment buffers), and at the default
// GOGC the collector takes about a tenth of its CPU. The soft limit makes
// the collector work harder again before the heap grows past 2 GiB.
func rebuildGC() {
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(2 << 30)
}

// startCPUProfile writes a CPU profile to path until the returned function
// is called; reindex uses it to show where a rebuild spends its time.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}, nil
}
