package app_test

import (
	"context"
	"errors"
	"testing"

	"indsigt/app"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

func TestRemoveMemberAndChangeRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		uc := app.New(app.Deps{Store: s})
		ann, _ := s.CreateUser(ctx, model.User{Email: "ann@kolding.dk", Name: "Ann", Role: model.RoleDesigner}, "h")
		bo, _ := s.CreateUser(ctx, model.User{Email: "bo@kolding.dk", Name: "Bo", Role: model.RoleAnalyst}, "h")
		cy, _ := s.CreateUser(ctx, model.User{Email: "cy@kolding.dk", Name: "Cy", Role: model.RoleAdmin}, "h")
		p, err := uc.CreateProject(ctx, app.UserActor(ann), app.NewProject{Slug: "p", Name: "P"})
		if err != nil {
			t.Fatal(err)
		}
		owner := mustEnter(t, uc, app.UserActor(ann), "p")
		if _, err := uc.AddMember(ctx, owner, app.NewMember{Email: bo.Email}); err != nil {
			t.Fatal(err)
		}
		if err := uc.RemoveMember(ctx, owner, ann.ID); !errors.Is(err, model.ErrConflict) {
			t.Fatalf("removing the last owner: %v", err)
		}
		if _, err := uc.SetMemberRole(ctx, owner, bo.ID, "admin"); err == nil {
			t.Fatal("a designer owner made a member admin")
		}
		m, err := uc.SetMemberRole(ctx, owner, bo.ID, "lead")
		if err != nil || m.Role != model.RoleLead {
			t.Fatalf("role change: %+v %v", m, err)
		}
		analyst := mustEnter(t, uc, app.UserActor(bo), "p")
		if err := uc.RemoveMember(ctx, analyst, ann.ID); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("a member who does not manage removes: %v", err)
		}
		if _, err := uc.SetMemberRole(ctx, owner, cy.ID, "analyst"); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("role of a non-member: %v", err)
		}
		if err := uc.RemoveMember(ctx, owner, bo.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.Enter(ctx, app.UserActor(bo), "p"); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("a removed member still enters: %v", err)
		}
		log, _ := s.AuditLog(ctx, p.ID, 10)
		if len(log) < 2 || log[0].Action != "member.remove" || log[1].Action != "member.role" || log[1].Detail != "analyst → lead" || *log[0].UserID != ann.ID {
			t.Fatalf("audit: %+v", log)
		}
	})
}
