package auth

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/crypto/bcrypt"

	"indsigt/model"
	"indsigt/store"
)

// Account lifecycle: the use cases behind the account page, the admin
// page and `indsigt user …`. Each checks who acts and writes an audit row
// (without secrets). The actor is the signed-in user, or Operator for the
// CLI.

// Account is a user with their sign-in details as the store keeps them,
// named here so that the adapters reach it through this service, not the store.
type Account = store.Account

// ErrWrongPassword means the current password given to change it was wrong.
var ErrWrongPassword = fmt.Errorf("%w: the current password is wrong", model.ErrInvalid)

// ChangePassword sets a new password for oneself; the current one must be
// given. Every other browser of the user is signed out; the session whose
// cookie is keepCookie (the one making the change) stays.
func (a *Service) ChangePassword(ctx context.Context, userID int64, current, next, keepCookie string) error {
	hash, err := a.store.PasswordHash(ctx, userID)
	if err != nil {
		return err
	}
	if hash == "" || bcrypt.CompareHashAndPassword([]byte(hash), []byte(current)) != nil {
		return ErrWrongPassword
	}
	if current == next {
		return model.Invalid("password", model.RuleSame, "the new password must differ from the current one")
	}
	nh, err := HashPassword(next)
	if err != nil {
		return err
	}
	if err := a.store.SetPassword(ctx, userID, nh, false, Hash(keepCookie)); err != nil {
		return err
	}
	_ = a.store.Audit(ctx, userID, 0, "user.password.change", fmt.Sprintf("user:%d", userID), "")
	return nil
}

// ResetPassword sets a user's password for an admin or the operator. With
// an empty password a one-time password is made, returned, and must be
// changed at the next sign-in. Every session of the user ends.
func (a *Service) ResetPassword(ctx context.Context, actor model.User, userID int64, password string) (string, error) {
	if !isAdmin(actor) {
		return "", model.ErrForbidden
	}
	oneTime := password == ""
	if oneTime {
		password = Random(12) // 16 characters, 96 bits
	}
	h, err := HashPassword(password)
	if err != nil {
		return "", err
	}
	if err := a.store.SetPassword(ctx, userID, h, oneTime, ""); err != nil {
		return "", err
	}
	_ = a.store.Audit(ctx, actor.ID, 0, "user.password.reset", fmt.Sprintf("user:%d", userID), "")
	return password, nil
}

// SetDisabled disables (or enables) a user for an admin or the operator.
// Disabling ends the user's sessions and revokes their tokens at once. An
// admin cannot disable himself (so that one admin always remains).
func (a *Service) SetDisabled(ctx context.Context, actor model.User, userID int64, disabled bool) error {
	if !isAdmin(actor) {
		return model.ErrForbidden
	}
	if disabled && actor.ID == userID {
		return model.Invalid("user", model.RuleSame, "you cannot disable your own account")
	}
	if err := a.store.SetDisabled(ctx, userID, disabled); err != nil {
		return err
	}
	action := "user.enable"
	if disabled {
		action = "user.disable"
	}
	_ = a.store.Audit(ctx, actor.ID, 0, action, fmt.Sprintf("user:%d", userID), "")
	return nil
}

// DeleteUser removes a user for an admin or the operator, with their
// sessions, tokens and memberships. What they wrote stays, without author.
func (a *Service) DeleteUser(ctx context.Context, actor model.User, userID int64) error {
	if !isAdmin(actor) {
		return model.ErrForbidden
	}
	if actor.ID == userID {
		return model.Invalid("user", model.RuleSame, "you cannot delete your own account")
	}
	if err := a.store.DeleteUser(ctx, userID); err != nil {
		return err
	}
	_ = a.store.Audit(ctx, actor.ID, 0, "user.delete", fmt.Sprintf("user:%d", userID), "")
	return nil
}

// Accounts lists every user for an admin or the operator.
func (a *Service) Accounts(ctx context.Context, actor model.User) ([]store.Account, error) {
	if !isAdmin(actor) {
		return nil, model.ErrForbidden
	}
	return a.store.Accounts(ctx)
}

// Account finds one user by e-mail (for the CLI).
func (a *Service) Account(ctx context.Context, email string) (store.Account, error) {
	acc, _, err := a.store.AccountByEmail(ctx, email)
	return acc, err
}

// AccountByID finds one user's account (the account page shows one's own).
func (a *Service) AccountByID(ctx context.Context, id int64) (store.Account, error) {
	return a.store.AccountByID(ctx, id)
}

// Now is the clock tokens expire by.
func (a *Service) Now() time.Time { return a.store.Now() }
