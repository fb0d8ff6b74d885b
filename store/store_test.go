package store_test

import (
	"context"
	"errors"
	"testing"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

func TestMigrateTwiceIsNoop(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if err := s.Migrate(context.Background()); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
	})
}

func TestUsersProjectsMembership(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ann, err := s.CreateUser(ctx, model.User{Email: "Ann@Kolding.dk", Name: "Ann Søgaard", Role: model.RoleDesigner}, "h")
		if err != nil {
			t.Fatal(err)
		}
		bo, err := s.CreateUser(ctx, model.User{Email: "bo@kolding.dk", Name: "Bo Ærø", Role: model.RoleAnalyst}, "h")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, model.User{Email: "ann@kolding.dk", Name: "Dup", Role: model.RoleLead}, "h"); !errors.Is(err, model.ErrConflict) {
			t.Fatalf("duplicate email: got %v, want conflict", err)
		}
		p, err := s.CreateProject(ctx, model.Project{Slug: "mad-nok", Name: "Er der mad nok?"}, ann)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateProject(ctx, model.Project{Slug: "mad-nok", Name: "Igen"}, ann); !errors.Is(err, model.ErrConflict) {
			t.Fatalf("duplicate slug: got %v, want conflict", err)
		}
		// Who may create projects is app's check (app.TestCreateProjectRoles).
		if _, _, err := s.ProjectFor(ctx, bo, "mad-nok"); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("non-member: got %v, want not found", err)
		}
		got, acc, err := s.ProjectFor(ctx, ann, "mad-nok")
		if err != nil || got.ID != p.ID || acc.Role != model.RoleDesigner || !acc.Owner {
			t.Fatalf("member: got %+v %+v %v", got, acc, err)
		}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.AddMember(ctx, p.ID, bo.ID, model.RoleAnalyst) }); err != nil {
			t.Fatal(err)
		}
		ps, err := s.ProjectsFor(ctx, bo, 0, 10)
		if err != nil || len(ps) != 1 || ps[0].Name != "Er der mad nok?" {
			t.Fatalf("projects for bo: %+v %v", ps, err)
		}
		ms, err := s.Members(ctx, p.ID)
		if err != nil || len(ms) != 2 || !ms[0].Owner || ms[0].Email != "ann@kolding.dk" {
			t.Fatalf("members: %+v %v", ms, err)
		}
	})
}

func TestTokensAndSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, err := s.CreateUser(ctx, model.User{Email: "lea@kolding.dk", Name: "Lea", Role: model.RoleLead}, "h")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CreateToken(ctx, u.ID, "ci", "abc"); err != nil {
			t.Fatal(err)
		}
		got, err := s.UserByTokenHash(ctx, "abc")
		if err != nil || got.ID != u.ID {
			t.Fatalf("token: %+v %v", got, err)
		}
		if _, err := s.UserByTokenHash(ctx, "nope"); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("unknown token: %v", err)
		}
		if err := s.CreateSession(ctx, u.ID, "sess", "csrf", s.Now().Add(3600e9)); err != nil {
			t.Fatal(err)
		}
		sess, err := s.SessionByHash(ctx, "sess")
		if err != nil || sess.User.Email != "lea@kolding.dk" || sess.CSRFToken != "csrf" {
			t.Fatalf("session: %+v %v", sess, err)
		}
		if err := s.DeleteSession(ctx, "sess"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionByHash(ctx, "sess"); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("deleted session: %v", err)
		}
	})
}

func TestTagParentMustBeInProject(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		op := model.User{Role: model.RoleAdmin}
		a, _ := s.CreateProject(ctx, model.Project{Slug: "a", Name: "A"}, op)
		b, _ := s.CreateProject(ctx, model.Project{Slug: "b", Name: "B"}, op)
		var foreign model.Tag
		err := s.InTx(ctx, func(tx *store.Tx) (err error) {
			foreign, err = tx.CreateTag(ctx, model.Tag{ProjectID: b.ID, Name: "Hemmelig"}, 0)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		err = s.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateTag(ctx, model.Tag{ProjectID: a.ID, Name: "Barn", ParentID: &foreign.ID}, 0)
			return err
		})
		if !errors.Is(err, model.ErrInvalid) {
			t.Fatalf("parent from another project: %v", err)
		}
	})
}
