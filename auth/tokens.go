package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"indsigt/model"
	"indsigt/store"
)

// Token scopes: a read token may only read; a write token may do what its
// user may.
const (
	ScopeRead  = store.ScopeRead
	ScopeWrite = store.ScopeWrite
)

// Token is an API token's record (never its secret) as the store keeps it,
// named here so that the adapters reach it through this service, not the store.
type Token = store.Token

// MaxTokenTTL is the longest life a new token may be given.
const MaxTokenTTL = 2 * 365 * 24 * time.Hour

// ErrInsufficientScope means a read token asked to change something; the
// API answers 403.
var ErrInsufficientScope = errors.New("this API token may only read")

// Principal is who an API request acts as: the user and what the token
// lets them do.
type Principal struct {
	User    model.User
	TokenID int64
	Scope   string
}

// CanWrite reports whether the token may change things.
func (p Principal) CanWrite() bool { return p.Scope == ScopeWrite }

// Allows reports whether the token's scope permits a request with this
// HTTP method: read tokens only GET, HEAD and OPTIONS.
func (p Principal) Allows(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return true
	}
	return p.CanWrite()
}

// TokenRequest is a new token: a label, its scope and how long it lives
// (0 = until revoked).
type TokenRequest struct {
	Name  string
	Scope string
	TTL   time.Duration
}

// CreateToken makes a new write token for a user that never expires and
// returns it (the contract of `indsigt token create`).
func (a *Service) CreateToken(ctx context.Context, email, name string) (string, error) {
	u, _, err := a.store.UserByEmail(ctx, email)
	if err != nil {
		return "", err
	}
	tok, _, err := a.CreateScopedToken(ctx, u.ID, TokenRequest{Name: name, Scope: ScopeWrite})
	return tok, err
}

// CreateScopedToken makes a new API token and returns it with its record;
// only its hash is stored, so this is the one time it can be seen.
func (a *Service) CreateScopedToken(ctx context.Context, userID int64, r TokenRequest) (string, store.Token, error) {
	if r.Scope == "" {
		r.Scope = ScopeWrite
	}
	if r.Scope != ScopeRead && r.Scope != ScopeWrite {
		return "", store.Token{}, model.Invalid("scope", model.RuleFormat, "scope must be read or write")
	}
	if r.TTL < 0 || r.TTL > MaxTokenTTL {
		return "", store.Token{}, model.Invalid("expires", model.RuleRange, "a token lives at most %d days", int(MaxTokenTTL.Hours()/24))
	}
	if len(r.Name) > 200 {
		return "", store.Token{}, model.Invalid("name", model.RuleRange, "the label is longer than 200 characters")
	}
	var exp *time.Time
	if r.TTL > 0 {
		t := a.store.Now().Add(r.TTL)
		exp = &t
	}
	tok := tokenPrefix + Random(32)
	rec, err := a.store.CreateScopedToken(ctx, store.NewToken{UserID: userID, Name: r.Name, Hash: Hash(tok), Scope: r.Scope, ExpiresAt: exp})
	if err != nil {
		return "", rec, err
	}
	_ = a.store.Audit(ctx, userID, 0, "token.create", fmt.Sprintf("token:%d", rec.ID), r.Scope)
	return tok, rec, nil
}

// UserForToken authenticates an API token.
func (a *Service) UserForToken(ctx context.Context, tok string) (model.User, error) {
	p, err := a.Principal(ctx, tok)
	return p.User, err
}

// Principal authenticates an API token: expired tokens, revoked tokens and
// tokens of disabled users are refused.
func (a *Service) Principal(ctx context.Context, tok string) (Principal, error) {
	if !strings.HasPrefix(tok, tokenPrefix) || len(tok) > 200 {
		return Principal{}, ErrUnauthenticated
	}
	t, err := a.store.TokenByHash(ctx, Hash(tok))
	if errors.Is(err, model.ErrNotFound) {
		return Principal{}, ErrUnauthenticated
	}
	if err != nil {
		// The database does not answer: that is not a bad token.
		return Principal{}, fmt.Errorf("auth: token: %w", err)
	}
	return Principal{User: t.User, TokenID: t.ID, Scope: t.Scope}, nil
}

// Authenticate is what the API adapter calls per request: the principal of
// the token, or ErrUnauthenticated (401), or ErrInsufficientScope (403)
// when a read token asks for anything but GET, HEAD or OPTIONS.
func (a *Service) Authenticate(ctx context.Context, tok, method string) (Principal, error) {
	p, err := a.Principal(ctx, tok)
	if err != nil {
		return p, err
	}
	if !p.Allows(method) {
		return p, ErrInsufficientScope
	}
	return p, nil
}

// Tokens lists a user's tokens (userID 0: everyone's, for admins and the
// operator; the adapter checks who may ask).
func (a *Service) Tokens(ctx context.Context, userID int64) ([]store.Token, error) {
	return a.store.Tokens(ctx, userID)
}

// RevokeToken revokes a token. An actor who is not an admin (or the
// Operator) may revoke only their own; anyone else's answers not
// found, so token ids cannot be probed.
func (a *Service) RevokeToken(ctx context.Context, actor model.User, tokenID int64) (store.Token, error) {
	owner := actor.ID
	if isAdmin(actor) {
		owner = 0
	}
	t, err := a.store.RevokeToken(ctx, tokenID, owner)
	if err != nil {
		return t, err
	}
	_ = a.store.Audit(ctx, actor.ID, 0, "token.revoke", fmt.Sprintf("token:%d", t.ID), fmt.Sprintf("user:%d", t.UserID))
	return t, nil
}

// RevokeOwnToken revokes one of the user's own tokens (the account page,
// admins included); anyone else's answers not found.
func (a *Service) RevokeOwnToken(ctx context.Context, userID, tokenID int64) (store.Token, error) {
	t, err := a.store.RevokeToken(ctx, tokenID, userID)
	if err != nil {
		return t, err
	}
	_ = a.store.Audit(ctx, userID, 0, "token.revoke", fmt.Sprintf("token:%d", t.ID), fmt.Sprintf("user:%d", t.UserID))
	return t, nil
}

// Operator is the local operator of the CLI: an admin with no user, so
// audit rows carry no user.
var Operator = model.User{Role: model.RoleAdmin}

func isAdmin(u model.User) bool { return u.Role == model.RoleAdmin }
