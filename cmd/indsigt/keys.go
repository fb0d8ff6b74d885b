package main

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"crypto/rand"

	"indsigt/store"
)

// installationKey finds the key that seals the key table: INDSIGT_KEY (hex)
// or the file INDSIGT_KEY_FILE names, else indsigt.key in the data
// directory, created with mode 0600 on first use (and said so on stderr).
// The key lives outside the database: a copy of the database alone
// reveals no original. Back it up apart from the database.
func installationKey(c *config, stderr io.Writer) ([]byte, error) {
	if v := os.Getenv("INDSIGT_KEY"); v != "" {
		return decodeKey(strings.TrimSpace(v), "INDSIGT_KEY")
	}
	path := os.Getenv("INDSIGT_KEY_FILE")
	if path == "" {
		path = filepath.Join(c.dataDir, "indsigt.key")
	}
	b, err := os.ReadFile(path)
	if err == nil {
		return decodeKey(strings.TrimSpace(string(b)), path)
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read the installation key: %w", err)
	}
	key := make([]byte, store.KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create the installation key: %w", err)
	}
	if _, err := fmt.Fprintln(f, hex.EncodeToString(key)); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "indsigt: created the installation key %s (mode 0600): it seals the personal data in the key table; back it up apart from the database, and give every server on the same database this file (INDSIGT_KEY_FILE)\n", path)
	return key, nil
}

func decodeKey(s, from string) ([]byte, error) {
	key, err := hex.DecodeString(s)
	if err != nil || len(key) != store.KeySize {
		return nil, fmt.Errorf("the installation key in %s must be %d bytes written as hex", from, store.KeySize)
	}
	return key, nil
}
