package app_test

import (
	"context"
	"testing"
	"time"

	"indsigt/app"
	"indsigt/model"
	"indsigt/store"
)

// team sets up users and projects with memberships on a store, for the
// tests that span projects.
type team struct {
	t  *testing.T
	s  *store.Store
	uc *app.App
}

// user creates a user with a global role.
func (tm team) user(name string, role model.Role) model.User {
	tm.t.Helper()
	u, err := tm.s.CreateUser(context.Background(), model.User{Email: name + "@kolding.dk", Name: name, Role: role}, "h")
	if err != nil {
		tm.t.Fatal(err)
	}
	return u
}

// project creates a project owned by owner, with the members in the roles given.
func (tm team) project(slug string, owner model.User, members map[model.Role][]model.User) model.Project {
	tm.t.Helper()
	ctx := context.Background()
	p, err := tm.s.CreateProject(ctx, model.Project{Slug: slug, Name: "Projekt " + slug}, owner)
	if err != nil {
		tm.t.Fatal(err)
	}
	err = tm.s.InTx(ctx, func(tx *store.Tx) error {
		for role, us := range members {
			for _, u := range us {
				if err := tx.AddMember(ctx, p.ID, u.ID, role); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		tm.t.Fatal(err)
	}
	return p
}

// enter is the user's scope in a project.
func (tm team) enter(u model.User, slug string) app.Scope {
	tm.t.Helper()
	return mustEnter(tm.t, tm.uc, app.UserActor(u), slug)
}

// insight creates an insight, moves it to phase (when not Opdag/forstå)
// and dates its history so that it entered its phase daysAgo days ago.
func (tm team) insight(sc app.Scope, title string, phase model.Phase, daysAgo int) model.Insight {
	tm.t.Helper()
	ctx := context.Background()
	in, err := tm.uc.CreateInsight(ctx, sc, app.NewInsight{Title: title})
	if err != nil {
		tm.t.Fatal(err)
	}
	at := []time.Time{tm.uc.Now().AddDate(0, 0, -daysAgo)}
	if phase != model.PhaseOpdag {
		if _, _, err := tm.uc.MovePhase(ctx, sc, in.ID, phase, "videre"); err != nil {
			tm.t.Fatal(err)
		}
		at = append([]time.Time{at[0].AddDate(0, 0, -1)}, at...)
	}
	if err := tm.s.InTx(ctx, func(tx *store.Tx) error { return tx.BackdatePhaseEvents(ctx, in.ID, at) }); err != nil {
		tm.t.Fatal(err)
	}
	return in
}
