package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"indsigt/model"
)

const userCols = `id, email, name, role, created_at`

// CreateUser stores a new user with an already hashed password.
func (s *Store) CreateUser(ctx context.Context, u model.User, passwordHash string) (model.User, error) {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	if err := u.Validate(); err != nil {
		return u, err
	}
	u.CreatedAt = s.now()
	err := get(ctx, s.db, &u.ID, `INSERT INTO users (email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		u.Email, u.Name, u.Role, passwordHash, u.CreatedAt)
	if err != nil {
		return u, fmt.Errorf("store: create user: %w", err)
	}
	return u, nil
}

// UserByEmail finds a user and their password hash.
func (s *Store) UserByEmail(ctx context.Context, email string) (model.User, string, error) {
	var row struct {
		model.User
		Hash string `db:"password_hash"`
	}
	err := get(ctx, s.db, &row, `SELECT `+userCols+`, password_hash FROM users WHERE email = ?`, strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		return model.User{}, "", fmt.Errorf("store: user %s: %w", email, err)
	}
	return row.User, row.Hash, nil
}

// UserByID finds a user.
func (s *Store) UserByID(ctx context.Context, id int64) (model.User, error) {
	var u model.User
	if err := get(ctx, s.db, &u, `SELECT `+userCols+` FROM users WHERE id = ?`, id); err != nil {
		return u, fmt.Errorf("store: user %d: %w", id, err)
	}
	return u, nil
}

// SetPassword replaces a user's password hash and signs out every browser
// of the user except the session whose hash is keepSession (the one that
// made the change, if any). mustChange asks for a new password at the next
// sign-in: an operator's reset hands out a one-time password.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string, mustChange bool, keepSession string) error {
	return s.InTx(ctx, func(tx *Tx) error {
		if err := execOne(ctx, tx.tx, "store: set password", fmt.Errorf("store: user %d: %w", userID, model.ErrNotFound),
			`UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?`, hash, mustChange, userID); err != nil {
			return err
		}
		if _, err := exec(ctx, tx.tx, `DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, userID, keepSession); err != nil {
			return fmt.Errorf("store: end sessions: %w", err)
		}
		return nil
	})
}

// CreateToken stores the hash of a new API token with write scope that
// never expires (what tokens were before scopes); see CreateScopedToken.
func (s *Store) CreateToken(ctx context.Context, userID int64, name, hash string) error {
	_, err := s.CreateScopedToken(ctx, NewToken{UserID: userID, Name: name, Hash: hash, Scope: ScopeWrite})
	return err
}

// UserByTokenHash finds the user an API token belongs to and notes its use.
func (s *Store) UserByTokenHash(ctx context.Context, hash string) (model.User, error) {
	t, err := s.TokenByHash(ctx, hash)
	return t.User, err
}

// Session is a signed-in browser.
type Session struct {
	User      model.User
	CSRFToken string
	Lang      string
	ExpiresAt time.Time
	// MustChangePassword is set after an operator's reset: the web app
	// asks for a new password before anything else.
	MustChangePassword bool
}

// CreateSession stores the hash of a new session token.
func (s *Store) CreateSession(ctx context.Context, userID int64, hash, csrf string, expires time.Time) error {
	_, err := exec(ctx, s.db, `INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		userID, hash, csrf, s.now(), expires)
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// SessionByHash finds an unexpired session.
func (s *Store) SessionByHash(ctx context.Context, hash string) (Session, error) {
	var row struct {
		model.User
		CSRF       string    `db:"csrf_token"`
		Lang       string    `db:"lang"`
		Expires    time.Time `db:"expires_at"`
		MustChange bool      `db:"must_change_password"`
	}
	err := get(ctx, s.db, &row, `SELECT u.id, u.email, u.name, u.role, u.created_at, u.must_change_password, s.csrf_token, s.lang, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`, hash, s.now())
	if err != nil {
		return Session{}, fmt.Errorf("store: session: %w", err)
	}
	return Session{User: row.User, CSRFToken: row.CSRF, Lang: row.Lang, ExpiresAt: row.Expires, MustChangePassword: row.MustChange}, nil
}

// SetSessionLang remembers the language a browser chose.
func (s *Store) SetSessionLang(ctx context.Context, hash, lang string) error {
	_, err := exec(ctx, s.db, `UPDATE sessions SET lang = ? WHERE token_hash = ?`, lang, hash)
	return err
}

// DeleteSession signs a browser out.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	_, err := exec(ctx, s.db, `DELETE FROM sessions WHERE token_hash = ? OR expires_at < ?`, hash, s.now())
	return err
}
