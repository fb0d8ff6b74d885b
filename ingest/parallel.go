package ingest

import (
	"runtime"
	"sync"
)

// maxWorkers bounds the goroutines of one file's per-note work: uploads
// run side by side, and each may take at most this many cores.
const maxWorkers = 4

// minPerWorker keeps small files on one goroutine, where starting
// workers would cost more than it saves.
const minPerWorker = 64

// inParallel calls work(w, lo, hi) over [0, n) cut into contiguous ranges,
// one per worker (w numbers the worker from 0), and returns when all are
// done. work must only write what belongs to its own range or worker.
func inParallel(n int, work func(w, lo, hi int)) {
	workers := min(maxWorkers, runtime.GOMAXPROCS(0), max(1, n/minPerWorker))
	if workers <= 1 {
		work(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	step := (n + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*step, min(n, (w+1)*step)
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(w, lo, hi)
		}()
	}
	wg.Wait()
}
