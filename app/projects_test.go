package app_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"indsigt/app"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

func TestCreateProjectRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		uc := app.New(app.Deps{Store: s})
		ann, err := s.CreateUser(ctx, model.User{Email: "ann@kolding.dk", Name: "Ann", Role: model.RoleDesigner}, "h")
		if err != nil {
			t.Fatal(err)
		}
		bo, err := s.CreateUser(ctx, model.User{Email: "bo@kolding.dk", Name: "Bo", Role: model.RoleAnalyst}, "h")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.CreateProject(ctx, app.UserActor(bo), app.NewProject{Slug: "x", Name: "Analytiker"}); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("analyst creating a project: %v, want forbidden", err)
		}
		if _, err := uc.CreateProject(ctx, app.UserActor(ann), app.NewProject{Slug: "y", Name: "Y", Owner: "bo@kolding.dk"}); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("a user creating a project for another: %v, want forbidden", err)
		}
		p, err := uc.CreateProject(ctx, app.UserActor(ann), app.NewProject{Slug: "mad-nok", Name: "  Er der mad nok?  ", Purpose: " At forstå natten "})
		if err != nil || p.Name != "Er der mad nok?" || p.Purpose != "At forstå natten" {
			t.Fatalf("designer: %+v %v", p, err)
		}
		sc, err := uc.Enter(ctx, app.UserActor(ann), "mad-nok")
		if err != nil || !sc.Access.Owner {
			t.Fatalf("the creator is not the owner: %+v %v", sc.Access, err)
		}
		if _, err := uc.CreateProject(ctx, app.Operator(), app.NewProject{Slug: "z", Name: "Z", Owner: "ingen@kolding.dk"}); err == nil {
			t.Fatal("an unknown owner was accepted")
		} else if fe, ok := model.AsFieldError(err); !ok || fe.Field != "owner" || fe.Rule != model.RuleUnknown {
			t.Fatalf("unknown owner: %v", err)
		}
		op, err := uc.CreateProject(ctx, app.Operator(), app.NewProject{Slug: "drift", Name: "Drift"})
		if err != nil {
			t.Fatal(err)
		}
		if ms, _ := uc.Members(ctx, mustEnter(t, uc, app.Operator(), "drift")); len(ms) != 0 {
			t.Fatalf("the operator's project has members: %+v", ms)
		}
		log, _ := s.AuditLog(ctx, op.ID, 10)
		if len(log) != 1 || log[0].Action != "project.create" || log[0].Object != "project:"+itoa(op.ID) || log[0].UserID != nil {
			t.Fatalf("operator's project.create: %+v", log)
		}
	})
}

func TestAddMemberNeedsManage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		uc := app.New(app.Deps{Store: s})
		ann, _ := s.CreateUser(ctx, model.User{Email: "ann@kolding.dk", Name: "Ann", Role: model.RoleDesigner}, "h")
		bo, _ := s.CreateUser(ctx, model.User{Email: "bo@kolding.dk", Name: "Bo", Role: model.RoleLead}, "h")
		if _, err := uc.CreateProject(ctx, app.UserActor(ann), app.NewProject{Slug: "p", Name: "P"}); err != nil {
			t.Fatal(err)
		}
		owner := mustEnter(t, uc, app.UserActor(ann), "p")
		cy, _ := s.CreateUser(ctx, model.User{Email: "cy@kolding.dk", Name: "Cy", Role: model.RoleAdmin}, "h")
		for _, email := range []string{"ann@kolding.dk", "bo@kolding.dk"} {
			if _, err := uc.AddMember(ctx, owner, app.NewMember{Email: email, Role: "admin"}); err == nil {
				t.Fatalf("a designer owner made %s project admin", email)
			} else if fe, ok := model.AsFieldError(err); !ok || fe.Field != "role" {
				t.Fatalf("admin beyond the owner's role: %v", err)
			}
		}
		if m, err := uc.AddMember(ctx, owner, app.NewMember{Email: cy.Email}); err != nil || m.Role != model.RoleDesigner {
			t.Fatalf("an admin added without a role, capped at the owner's: %+v %v", m, err)
		}
		m, err := uc.AddMember(ctx, owner, app.NewMember{Email: " BO@kolding.dk "})
		if err != nil || m.Role != model.RoleLead {
			t.Fatalf("add with the user's own role: %+v %v", m, err)
		}
		lead := mustEnter(t, uc, app.UserActor(bo), "p")
		if _, err := uc.AddMember(ctx, lead, app.NewMember{Email: "ann@kolding.dk", Role: "analyst"}); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("a lead who is not owner adding members: %v", err)
		}
	})
}

func mustEnter(t *testing.T, uc *app.App, act app.Actor, slug string) app.Scope {
	t.Helper()
	sc, err := uc.Enter(context.Background(), act, slug)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// operatorProject is the use cases over s (without an index) and the
// operator's scope in a new project p.
func operatorProject(t *testing.T, s *store.Store) (*app.App, app.Scope) {
	t.Helper()
	uc := app.New(app.Deps{Store: s})
	if _, err := uc.CreateProject(context.Background(), app.Operator(), app.NewProject{Slug: "p", Name: "P"}); err != nil {
		t.Fatal(err)
	}
	return uc, mustEnter(t, uc, app.Operator(), "p")
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
