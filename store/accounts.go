package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"indsigt/model"
)

// Account is a user as the account pages and the operator see it: the
// user plus the state of their sign-in. It never carries the hash.
type Account struct {
	model.User
	DisabledAt         *time.Time `db:"disabled_at" json:"disabled_at,omitempty"`
	MustChangePassword bool       `db:"must_change_password" json:"must_change_password"`
	HasPassword        bool       `db:"has_password" json:"has_password"`
	OIDC               bool       `db:"oidc" json:"oidc"`
}

// Disabled reports whether the account may not sign in.
func (a Account) Disabled() bool { return a.DisabledAt != nil }

const accountCols = `u.id, u.email, u.name, u.role, u.created_at, u.disabled_at, u.must_change_password,
	CASE WHEN u.password_hash <> '' THEN 1 ELSE 0 END AS has_password,
	CASE WHEN u.oidc_subject IS NOT NULL THEN 1 ELSE 0 END AS oidc`

// Accounts lists every user, by e-mail.
func (s *Store) Accounts(ctx context.Context) ([]Account, error) {
	var as []Account
	if err := sel(ctx, s.db, &as, `SELECT `+accountCols+` FROM users u ORDER BY u.email`); err != nil {
		return nil, fmt.Errorf("store: accounts: %w", err)
	}
	return as, nil
}

// AccountByID finds one account.
func (s *Store) AccountByID(ctx context.Context, id int64) (Account, error) {
	var a Account
	if err := get(ctx, s.db, &a, `SELECT `+accountCols+` FROM users u WHERE u.id = ?`, id); err != nil {
		return a, fmt.Errorf("store: account %d: %w", id, err)
	}
	return a, nil
}

// AccountByEmail finds an account and its password hash, for signing in.
func (s *Store) AccountByEmail(ctx context.Context, email string) (Account, string, error) {
	var row struct {
		Account
		Hash string `db:"password_hash"`
	}
	err := get(ctx, s.db, &row, `SELECT `+accountCols+`, u.password_hash FROM users u WHERE u.email = ?`, strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		return Account{}, "", fmt.Errorf("store: account %s: %w", email, err)
	}
	return row.Account, row.Hash, nil
}

// PasswordHash returns a user's password hash ("" when they have none).
func (s *Store) PasswordHash(ctx context.Context, userID int64) (string, error) {
	var h string
	if err := get(ctx, s.db, &h, `SELECT password_hash FROM users WHERE id = ?`, userID); err != nil {
		return "", fmt.Errorf("store: user %d: %w", userID, err)
	}
	return h, nil
}

// SetDisabled disables or enables a user. Disabling ends every session and
// revokes every API token of the user in the same transaction, so nothing
// the user held keeps working; enabling gives back only the password.
func (s *Store) SetDisabled(ctx context.Context, userID int64, disabled bool) error {
	return s.InTx(ctx, func(tx *Tx) error {
		var at *time.Time
		if disabled {
			now := tx.now
			at = &now
		}
		if err := execOne(ctx, tx.tx, "store: disable user", fmt.Errorf("store: user %d: %w", userID, model.ErrNotFound),
			`UPDATE users SET disabled_at = ? WHERE id = ?`, at, userID); err != nil {
			return err
		}
		if !disabled {
			return nil
		}
		return endCredentials(ctx, tx.tx, userID)
	})
}

func endCredentials(ctx context.Context, q queryer, userID int64) error {
	if _, err := exec(ctx, q, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("store: end sessions: %w", err)
	}
	if _, err := exec(ctx, q, `DELETE FROM api_tokens WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("store: revoke tokens: %w", err)
	}
	return nil
}

// DeleteUser removes a user with their sessions, tokens and memberships.
// What they made stays, with no author (the schema sets it to NULL).
func (s *Store) DeleteUser(ctx context.Context, userID int64) error {
	return s.InTx(ctx, func(tx *Tx) error {
		if err := endCredentials(ctx, tx.tx, userID); err != nil {
			return err
		}
		return execOne(ctx, tx.tx, "store: delete user", fmt.Errorf("store: user %d: %w", userID, model.ErrNotFound),
			`DELETE FROM users WHERE id = ?`, userID)
	})
}

// AccountByOIDCSubject finds the user linked to an identity provider's
// subject ("issuer subject").
func (s *Store) AccountByOIDCSubject(ctx context.Context, subject string) (Account, error) {
	var a Account
	if err := get(ctx, s.db, &a, `SELECT `+accountCols+` FROM users u WHERE u.oidc_subject = ?`, subject); err != nil {
		return a, fmt.Errorf("store: oidc account: %w", err)
	}
	return a, nil
}

// LinkOIDC links a user to an identity provider's subject and, when role
// is set, gives the user that global role (the provider decides it).
func (s *Store) LinkOIDC(ctx context.Context, userID int64, subject string, role model.Role) error {
	q, args := `UPDATE users SET oidc_subject = ? WHERE id = ?`, []any{subject, userID}
	if role != "" {
		q, args = `UPDATE users SET oidc_subject = ?, role = ? WHERE id = ?`, []any{subject, role, userID}
	}
	if _, err := exec(ctx, s.db, q, args...); err != nil {
		return fmt.Errorf("store: link oidc: %w", err)
	}
	return nil
}

// Token scopes: a read token may only read.
const (
	ScopeRead  = "read"
	ScopeWrite = "write"
)

// NewToken is what CreateScopedToken stores: the hash, never the token.
type NewToken struct {
	UserID    int64
	Name      string
	Hash      string
	Scope     string
	ExpiresAt *time.Time
}

// Token is an API token as its owner and the admin see it.
type Token struct {
	ID         int64      `db:"id" json:"id,string"`
	UserID     int64      `db:"user_id" json:"user_id,string"`
	Email      string     `db:"email" json:"email"`
	Name       string     `db:"name" json:"name"`
	Scope      string     `db:"scope" json:"scope"`
	CreatedAt  time.Time  `db:"created_at" json:"created_at"`
	LastUsedAt *time.Time `db:"last_used_at" json:"last_used_at"`
	ExpiresAt  *time.Time `db:"expires_at" json:"expires_at"`
}

// Expired reports whether the token has expired at now.
func (t Token) Expired(now time.Time) bool { return t.ExpiresAt != nil && !now.Before(*t.ExpiresAt) }

// CreateScopedToken stores a new API token's hash, scope and expiry.
func (s *Store) CreateScopedToken(ctx context.Context, t NewToken) (Token, error) {
	if t.Scope != ScopeRead && t.Scope != ScopeWrite {
		return Token{}, model.Invalid("scope", model.RuleFormat, "scope must be read or write")
	}
	var id int64
	now := s.now()
	err := get(ctx, s.db, &id, `INSERT INTO api_tokens (user_id, name, token_hash, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		t.UserID, t.Name, t.Hash, t.Scope, now, t.ExpiresAt)
	if err != nil {
		return Token{}, fmt.Errorf("store: create token: %w", err)
	}
	return Token{ID: id, UserID: t.UserID, Name: t.Name, Scope: t.Scope, CreatedAt: now, ExpiresAt: t.ExpiresAt}, nil
}

// AuthToken is a valid token with the user it acts as.
type AuthToken struct {
	Token
	User model.User
}

const tokenCols = `t.id, t.user_id, u.email, t.name, t.scope, t.created_at, t.last_used_at, t.expires_at`

// TokenByHash finds an unexpired token of an enabled user and notes its
// use (at most once a minute, so that reads do not all become writes).
func (s *Store) TokenByHash(ctx context.Context, hash string) (AuthToken, error) {
	var row struct {
		Token
		UID     int64      `db:"uid"`
		UName   string     `db:"uname"`
		URole   model.Role `db:"urole"`
		UCreate time.Time  `db:"ucreated"`
	}
	now := s.now()
	err := get(ctx, s.db, &row, `SELECT `+tokenCols+`, u.id AS uid, u.name AS uname, u.role AS urole, u.created_at AS ucreated
		FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = ? AND (t.expires_at IS NULL OR t.expires_at > ?) AND u.disabled_at IS NULL`, hash, now)
	if err != nil {
		return AuthToken{}, fmt.Errorf("store: token: %w", err)
	}
	if row.LastUsedAt == nil || now.Sub(*row.LastUsedAt) > time.Minute {
		_, _ = exec(ctx, s.db, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, now, row.ID)
		row.LastUsedAt = &now
	}
	return AuthToken{Token: row.Token, User: model.User{ID: row.UID, Email: row.Email, Name: row.UName, Role: row.URole, CreatedAt: row.UCreate}}, nil
}

// Tokens lists API tokens, newest first: a user's when userID is set, else
// everyone's (for the admin page and the operator).
func (s *Store) Tokens(ctx context.Context, userID int64) ([]Token, error) {
	q, args := `SELECT `+tokenCols+` FROM api_tokens t JOIN users u ON u.id = t.user_id`, []any{}
	if userID != 0 {
		q += ` WHERE t.user_id = ?`
		args = append(args, userID)
	}
	var ts []Token
	if err := sel(ctx, s.db, &ts, q+` ORDER BY t.created_at DESC, t.id DESC`, args...); err != nil {
		return nil, fmt.Errorf("store: tokens: %w", err)
	}
	return ts, nil
}

// RevokeToken deletes a token; when userID is set, only that user's.
func (s *Store) RevokeToken(ctx context.Context, tokenID, userID int64) (Token, error) {
	var t Token
	q, args := `SELECT `+tokenCols+` FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?`, []any{tokenID}
	if userID != 0 {
		q += ` AND t.user_id = ?`
		args = append(args, userID)
	}
	if err := get(ctx, s.db, &t, q, args...); err != nil {
		return t, fmt.Errorf("store: token %d: %w", tokenID, err)
	}
	if _, err := exec(ctx, s.db, `DELETE FROM api_tokens WHERE id = ?`, tokenID); err != nil {
		return t, fmt.Errorf("store: revoke token: %w", err)
	}
	return t, nil
}
