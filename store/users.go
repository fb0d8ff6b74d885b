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

// SetPassword replaces a user's password hash.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	_, err := exec(ctx, s.db, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
	return err
}

// CreateToken stores the hash of a new API token.
func (s *Store) CreateToken(ctx context.Context, userID int64, name, hash string) error {
	_, err := exec(ctx, s.db, `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)`,
		userID, name, hash, s.now())
	if err != nil {
		return fmt.Errorf("store: create token: %w", err)
	}
	return nil
}

// UserByTokenHash finds the user an API token belongs to and notes its use.
func (s *Store) UserByTokenHash(ctx context.Context, hash string) (model.User, error) {
	var u model.User
	err := get(ctx, s.db, &u, `SELECT u.id, u.email, u.name, u.role, u.created_at FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = ?`, hash)
	if err != nil {
		return u, fmt.Errorf("store: token: %w", err)
	}
	_, _ = exec(ctx, s.db, `UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?`, s.now(), hash)
	return u, nil
}

// Session is a signed-in browser.
type Session struct {
	User      model.User
	CSRFToken string
	Lang      string
	ExpiresAt time.Time
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
		CSRF    string    `db:"csrf_token"`
		Lang    string    `db:"lang"`
		Expires time.Time `db:"expires_at"`
	}
	err := get(ctx, s.db, &row, `SELECT u.id, u.email, u.name, u.role, u.created_at, s.csrf_token, s.lang, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`, hash, s.now())
	if err != nil {
		return Session{}, fmt.Errorf("store: session: %w", err)
	}
	return Session{User: row.User, CSRFToken: row.CSRF, Lang: row.Lang, ExpiresAt: row.Expires}, nil
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
