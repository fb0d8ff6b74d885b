package app

import (
	"context"
	"fmt"
	"strings"

	"indsigt/model"
	"indsigt/store"
)

// RemoveMember ends a user's membership in the project (owners and admins
// may); the project's last owner cannot be removed, so that someone can
// always manage it. Their access ends with the next request.
func (a *App) RemoveMember(ctx context.Context, s Scope, userID int64) error {
	if err := s.require(model.PermManage); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		if err := tx.LockProject(ctx, s.Project.ID); err != nil {
			return err
		}
		m, err := tx.Member(ctx, s.Project.ID, userID)
		if err != nil {
			return err
		}
		if err := outranks(s, m); err != nil {
			return err
		}
		if m.Owner {
			n, err := tx.Owners(ctx, s.Project.ID)
			if err != nil {
				return err
			}
			if n <= 1 {
				return fmt.Errorf("%w: %s is the project's last owner: make another member owner first", model.ErrConflict, m.Email)
			}
		}
		if err := tx.RemoveMember(ctx, s.Project.ID, userID); err != nil {
			return err
		}
		return audit(ctx, tx, s, "member.remove", target("user", userID), string(m.Role))
	})
}

// SetMemberRole changes a member's role (owners and admins may): an owner
// grants at most his own role, and cannot change the role of a member
// who ranks above him.
func (a *App) SetMemberRole(ctx context.Context, s Scope, userID int64, role string) (model.Member, error) {
	if err := s.require(model.PermManage); err != nil {
		return model.Member{}, err
	}
	r, err := model.ParseRole(strings.TrimSpace(role))
	if err != nil {
		return model.Member{}, err
	}
	if err := grantable(s, r); err != nil {
		return model.Member{}, err
	}
	var m model.Member
	err = a.write(ctx, func(tx *store.Tx) error {
		if m, err = tx.Member(ctx, s.Project.ID, userID); err != nil {
			return err
		}
		if err := outranks(s, m); err != nil {
			return err
		}
		if m.Role == r {
			return nil
		}
		if err := tx.SetMemberRole(ctx, s.Project.ID, userID, r); err != nil {
			return err
		}
		old := m.Role
		m.Role = r
		return audit(ctx, tx, s, "member.role", target("user", userID), string(old)+" → "+string(r))
	})
	return m, err
}

// outranks refuses a change to a member whose role ranks above the
// actor's: a designer owner cannot demote or remove an admin.
func outranks(s Scope, m model.Member) error {
	if grantable(s, m.Role) != nil {
		return fmt.Errorf("%w: %s has a higher role (%s) than yours", model.ErrForbidden, m.Email, m.Role)
	}
	return nil
}
