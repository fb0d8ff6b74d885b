// Package auth signs people in: password hashes, API tokens and browser
// sessions. Secrets are stored only as hashes and shown once.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"indsigt/model"
	"indsigt/store"
)

// ErrUnauthenticated means the credentials were missing or wrong.
var ErrUnauthenticated = errors.New("unauthenticated")

// ErrDisabled means the password was right but an admin has disabled the
// account. It is said only to someone who knew the password.
var ErrDisabled = errors.New("the account is disabled")

// Session is a signed-in browser as the store keeps it, named here so
// that the adapters reach it through this service, not the store.
type Session = store.Session

// SessionTTL is how long a browser stays signed in.
const SessionTTL = 12 * time.Hour

// tokenPrefix makes leaked tokens easy to recognise in code and logs.
const tokenPrefix = "ind_"

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// Service signs people in against the store.
type Service struct {
	store    *store.Store
	throttle *throttle
	// dummyHash lets a login for an unknown e-mail cost as much as one for a
	// known one, so response times do not reveal which addresses exist.
	dummyHash []byte
}

// New makes a Service.
func New(s *store.Store) *Service {
	h, _ := bcrypt.GenerateFromPassword([]byte("dummy password for timing"), bcrypt.DefaultCost)
	return &Service{store: s, dummyHash: h, throttle: newThrottle(time.Now)}
}

// HashPassword hashes a password with bcrypt.
func HashPassword(pw string) (string, error) {
	if len([]rune(pw)) < MinPasswordLen {
		return "", fmt.Errorf("%w: password must be at least %d characters", model.ErrInvalid, MinPasswordLen)
	}
	if len(pw) > 72 {
		return "", fmt.Errorf("%w: password longer than 72 bytes", model.ErrInvalid)
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	return string(h), err
}

// AddUser creates a user; an empty password leaves the user unable to sign
// in with a password (tokens still work).
func (a *Service) AddUser(ctx context.Context, u model.User, password string) (model.User, error) {
	hash := ""
	if password != "" {
		var err error
		if hash, err = HashPassword(password); err != nil {
			return u, err
		}
	}
	return a.store.CreateUser(ctx, u, hash)
}

// Login checks an e-mail and password from a client that is not known
// (the CLI, tests); the web app calls LoginFrom with the client's address.
func (a *Service) Login(ctx context.Context, email, password string) (model.User, error) {
	return a.LoginFrom(ctx, "", email, password)
}

// LoginFrom checks an e-mail and password sent from a client address.
// Failures are throttled per account and per client (see throttle.go): a
// refused attempt answers a *ThrottledError saying how long to wait, and is
// not checked at all.
func (a *Service) LoginFrom(ctx context.Context, client, email, password string) (model.User, error) {
	key := strings.ToLower(strings.TrimSpace(email))
	client = ClientKey(client)
	if wait := a.throttle.check(key, client); wait > 0 {
		return model.User{}, &ThrottledError{Wait: wait}
	}
	acc, hash, err := a.store.AccountByEmail(ctx, email)
	if err != nil || hash == "" {
		if err != nil && !errors.Is(err, model.ErrNotFound) {
			return model.User{}, err
		}
		_ = bcrypt.CompareHashAndPassword(a.dummyHash, []byte(password))
		a.throttle.failed(key, client)
		return model.User{}, ErrUnauthenticated
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil {
		a.throttle.failed(key, client)
		return model.User{}, ErrUnauthenticated
	}
	if acc.Disabled() {
		return model.User{}, ErrDisabled
	}
	a.throttle.succeeded(key, client)
	_ = a.store.Audit(ctx, acc.ID, 0, "user.login", fmt.Sprintf("user:%d", acc.ID), "password")
	return acc.User, nil
}

// StartSession signs a browser in and returns the cookie value.
func (a *Service) StartSession(ctx context.Context, u model.User) (string, error) {
	tok := Random(32)
	if err := a.store.CreateSession(ctx, u.ID, Hash(tok), Random(32), a.store.Now().Add(SessionTTL)); err != nil {
		return "", err
	}
	return tok, nil
}

// Session finds the signed-in browser for a cookie value.
func (a *Service) Session(ctx context.Context, cookie string) (store.Session, error) {
	if cookie == "" || len(cookie) > 200 {
		return store.Session{}, ErrUnauthenticated
	}
	s, err := a.store.SessionByHash(ctx, Hash(cookie))
	if errors.Is(err, model.ErrNotFound) {
		return s, ErrUnauthenticated
	}
	if err != nil {
		// The database does not answer: the browser is not signed out.
		return s, fmt.Errorf("auth: session: %w", err)
	}
	return s, nil
}

// EndSession signs a browser out.
func (a *Service) EndSession(ctx context.Context, cookie string) error {
	return a.store.DeleteSession(ctx, Hash(cookie))
}

// SetLang remembers a session's language.
func (a *Service) SetLang(ctx context.Context, cookie, lang string) error {
	return a.store.SetSessionLang(ctx, Hash(cookie), lang)
}

// Random returns n random bytes, base64url encoded.
func Random(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // the OS has no randomness: nothing safe can go on
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Hash is the stored form of a token: SHA-256 is enough because tokens are
// long and random, unlike passwords.
func Hash(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// Equal compares secrets in constant time.
func Equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
