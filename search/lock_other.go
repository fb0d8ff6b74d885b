//go:build !unix

package search

// dirLock is a no-op where flock is missing; Bleve's own bolt lock on each
// shard still refuses a second process.
type dirLock struct{}

func lockDir(string) (*dirLock, error) { return &dirLock{}, nil }

func (*dirLock) unlock() error { return nil }
