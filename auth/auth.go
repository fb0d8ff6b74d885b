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
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/time/rate"

	"indsigt/model"
	"indsigt/store"
)

// ErrUnauthenticated means the credentials were missing or wrong.
var ErrUnauthenticated = errors.New("unauthenticated")

// ErrThrottled means too many failed logins for one account in a short
// time; the person must wait before trying again.
var ErrThrottled = errors.New("too many failed logins: wait a minute and try again")

// Login throttling: a burst of failures is allowed, then one try per interval.
const (
	loginBurst    = 10
	loginInterval = 30 * time.Second
)

// SessionTTL is how long a browser stays signed in.
const SessionTTL = 12 * time.Hour

// tokenPrefix makes leaked tokens easy to recognise in code and logs.
const tokenPrefix = "ind_"

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// Service signs people in against the store.
type Service struct {
	store *store.Store
	// failures throttles password guessing per account (lower-cased e-mail).
	mu       sync.Mutex
	failures map[string]*rate.Limiter
	// dummyHash lets a login for an unknown e-mail cost as much as one for a
	// known one, so response times do not reveal which addresses exist.
	dummyHash []byte
}

// New makes a Service.
func New(s *store.Store) *Service {
	h, _ := bcrypt.GenerateFromPassword([]byte("dummy password for timing"), bcrypt.DefaultCost)
	return &Service{store: s, dummyHash: h, failures: map[string]*rate.Limiter{}}
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

// Login checks an e-mail and password. Failed attempts for an account are
// throttled, so passwords cannot be guessed at speed.
func (a *Service) Login(ctx context.Context, email, password string) (model.User, error) {
	key := strings.ToLower(strings.TrimSpace(email))
	if a.throttled(key) {
		return model.User{}, ErrThrottled
	}
	u, hash, err := a.store.UserByEmail(ctx, email)
	if err != nil || hash == "" {
		_ = bcrypt.CompareHashAndPassword(a.dummyHash, []byte(password))
		a.failed(key)
		return model.User{}, ErrUnauthenticated
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil {
		a.failed(key)
		return model.User{}, ErrUnauthenticated
	}
	return u, nil
}

// throttled reports whether an account has used up its failed attempts.
func (a *Service) throttled(key string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	l, ok := a.failures[key]
	return ok && l.Tokens() < 1
}

func (a *Service) failed(key string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	l, ok := a.failures[key]
	if !ok {
		if len(a.failures) > 100000 { // bound memory under a spray of unknown addresses
			a.failures = map[string]*rate.Limiter{}
		}
		l = rate.NewLimiter(rate.Every(loginInterval), loginBurst)
		a.failures[key] = l
	}
	l.Allow()
}

// CreateToken makes a new API token for a user and returns it; only its
// hash is stored, so this is the one time it can be seen.
func (a *Service) CreateToken(ctx context.Context, email, name string) (string, error) {
	u, _, err := a.store.UserByEmail(ctx, email)
	if err != nil {
		return "", err
	}
	tok := tokenPrefix + Random(32)
	if err := a.store.CreateToken(ctx, u.ID, name, Hash(tok)); err != nil {
		return "", err
	}
	return tok, nil
}

// UserForToken authenticates an API token.
func (a *Service) UserForToken(ctx context.Context, tok string) (model.User, error) {
	if !strings.HasPrefix(tok, tokenPrefix) || len(tok) > 200 {
		return model.User{}, ErrUnauthenticated
	}
	u, err := a.store.UserByTokenHash(ctx, Hash(tok))
	if err != nil {
		return model.User{}, ErrUnauthenticated
	}
	return u, nil
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
	if err != nil {
		return s, ErrUnauthenticated
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
