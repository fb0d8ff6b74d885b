package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// KeySize is the length of the installation key in bytes.
const KeySize = 32

// sealedPrefix marks a value sealed with the installation key; the digit
// is the scheme's version.
const sealedPrefix = "v1:"

// keyring protects the key table at rest: values are sealed with
// AES-256-GCM and looked up by an HMAC-SHA256 of the value, both keyed by
// the installation key, which lives outside the database. A copy of the
// database alone reveals no original and cannot confirm a guessed CPR
// number (a plain SHA-256 of ten digits is quickly brute-forced).
type keyring struct {
	aead cipher.AEAD
	mac  []byte
}

func newKeyring(key []byte) (*keyring, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("store: the installation key must be %d bytes, not %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("indsigt lookup key"))
	return &keyring{aead: aead, mac: mac.Sum(nil)}, nil
}

type keys struct {
	once sync.Once
	ring *keyring
}

// UseKey sets the installation key that seals the key table. Call it right
// after Open, before the store is used; a store without a key uses a
// random one that dies with the process (tests, one-off tools).
func (s *Store) UseKey(key []byte) error {
	ring, err := newKeyring(key)
	if err != nil {
		return err
	}
	s.keys.once.Do(func() {})
	s.keys.ring = ring
	return nil
}

func (s *Store) ring() *keyring {
	s.keys.once.Do(func() {
		if s.keys.ring != nil {
			return
		}
		key := make([]byte, KeySize)
		_, _ = rand.Read(key)
		s.keys.ring, _ = newKeyring(key)
	})
	return s.keys.ring
}

func (k *keyring) seal(plain, aad string) string {
	nonce := make([]byte, k.aead.NonceSize())
	_, _ = rand.Read(nonce)
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(k.aead.Seal(nonce, nonce, []byte(plain), []byte(aad)))
}

var errSealed = errors.New("store: a sealed value cannot be opened with this installation key")

func (k *keyring) open(sealed, aad string) (string, error) {
	raw, ok := strings.CutPrefix(sealed, sealedPrefix)
	if !ok {
		return "", errSealed
	}
	b, err := base64.RawStdEncoding.DecodeString(raw)
	if err != nil || len(b) < k.aead.NonceSize() {
		return "", errSealed
	}
	plain, err := k.aead.Open(nil, b[:k.aead.NonceSize()], b[k.aead.NonceSize():], []byte(aad))
	if err != nil {
		return "", errSealed
	}
	return string(plain), nil
}

// lookup is the keyed hash by which a value is found again.
func (k *keyring) lookup(projectID int64, kind, value string) string {
	m := hmac.New(sha256.New, k.mac)
	m.Write([]byte(strconv.FormatInt(projectID, 10) + "\x00" + kind + "\x00" + strings.ToLower(strings.TrimSpace(value))))
	return hex.EncodeToString(m.Sum(nil))
}

// ContentHash identifies an uploaded file within a project for duplicate
// detection: an HMAC with a per-project secret derived from the
// installation key, so the stored hash cannot confirm a guessed document.
func (s *Store) ContentHash(projectID int64, data []byte) string {
	m := hmac.New(sha256.New, s.ring().mac)
	m.Write([]byte("content\x00" + strconv.FormatInt(projectID, 10)))
	secret := m.Sum(nil)
	c := hmac.New(sha256.New, secret)
	c.Write(data)
	return "h1:" + hex.EncodeToString(c.Sum(nil))
}

// aadFor binds a sealed value to its row's place, so a value cannot be
// moved to another project or code.
func aadFor(projectID int64, kind, pseudonym string) string {
	return strconv.FormatInt(projectID, 10) + "\x00" + kind + "\x00" + pseudonym
}

// Original opens the original value behind a pseudonym code. Only the use
// case that lets admins read it (audited) calls this.
func (s *Store) Original(ctx context.Context, projectID int64, pseudonym string) (kind, value string, err error) {
	var row struct {
		Kind  string `db:"kind"`
		Value string `db:"value"`
	}
	if err := get(ctx, s.db, &row, `SELECT kind, value FROM pseudonym_keys WHERE project_id = ? AND pseudonym = ? ORDER BY id LIMIT 1`, projectID, pseudonym); err != nil {
		return "", "", fmt.Errorf("store: original of %s: %w", pseudonym, err)
	}
	v, err := s.ring().open(row.Value, aadFor(projectID, row.Kind, pseudonym))
	return row.Kind, v, err
}

// SealKeys seals key-table values written before values were sealed, and
// rehashes them with the keyed lookup; serve runs it at start. It returns
// how many rows it sealed.
func (s *Store) SealKeys(ctx context.Context) (int, error) {
	var rows []struct {
		ID        int64  `db:"id"`
		ProjectID int64  `db:"project_id"`
		Kind      string `db:"kind"`
		Value     string `db:"value"`
		Pseudonym string `db:"pseudonym"`
	}
	if err := sel(ctx, s.db, &rows, `SELECT id, project_id, kind, value, pseudonym FROM pseudonym_keys WHERE value NOT LIKE 'v1:%'`); err != nil {
		return 0, fmt.Errorf("store: seal keys: %w", err)
	}
	ring := s.ring()
	err := s.InTx(ctx, func(tx *Tx) error {
		for _, r := range rows {
			_, err := exec(ctx, tx.tx, `UPDATE pseudonym_keys SET value = ?, value_hash = ? WHERE id = ?`,
				ring.seal(r.Value, aadFor(r.ProjectID, r.Kind, r.Pseudonym)), ring.lookup(r.ProjectID, r.Kind, r.Value), r.ID)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: seal keys: %w", err)
	}
	return len(rows), nil
}

// ErrOtherKey means the database was sealed with another installation key.
var ErrOtherKey = errors.New("store: the key table was sealed with another installation key")

// CheckKey records the installation key's check value on first use and
// afterwards refuses a different key: several servers on one PostgreSQL
// must share one key file.
func (s *Store) CheckKey(ctx context.Context) error {
	m := hmac.New(sha256.New, s.ring().mac)
	m.Write([]byte("indsigt key check"))
	check := hex.EncodeToString(m.Sum(nil))
	if _, err := exec(ctx, s.db, `INSERT INTO installation (id, key_check, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING`, check, s.now()); err != nil {
		return fmt.Errorf("store: check key: %w", err)
	}
	var got string
	if err := get(ctx, s.db, &got, `SELECT key_check FROM installation WHERE id = 1`); err != nil {
		return fmt.Errorf("store: check key: %w", err)
	}
	if got != check {
		return ErrOtherKey
	}
	return nil
}

// KnownNames opens the names already coded in a project, participants and
// staff apart, so that text typed later gives the same person the same code.
func (tx *Tx) KnownNames(ctx context.Context, projectID int64) (names, staff []string, err error) {
	var rows []struct {
		Value     string `db:"value"`
		Pseudonym string `db:"pseudonym"`
	}
	if err := sel(ctx, tx.tx, &rows, `SELECT value, pseudonym FROM pseudonym_keys WHERE project_id = ? AND kind = 'name' ORDER BY id`, projectID); err != nil {
		return nil, nil, fmt.Errorf("store: known names: %w", err)
	}
	ring := tx.s.ring()
	for _, r := range rows {
		v, err := ring.open(r.Value, aadFor(projectID, "name", r.Pseudonym))
		if err != nil {
			return nil, nil, err
		}
		if strings.HasPrefix(r.Pseudonym, "Medarbejder-") {
			staff = append(staff, v)
		} else {
			names = append(names, v)
		}
	}
	return names, staff, nil
}
