package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// fixture is a project with an owner (a designer) and an analyst member.
func fixture(t *testing.T, s *store.Store) (*App, Scope, Scope) {
	t.Helper()
	ctx := context.Background()
	a := New(Deps{Store: s})
	var users []model.User
	for _, u := range []model.User{{Email: "sara@kolding.dk", Name: "Sara", Role: model.RoleDesigner}, {Email: "anna@kolding.dk", Name: "Anna", Role: model.RoleAnalyst}} {
		u, err := s.CreateUser(ctx, u, "")
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	p, err := s.CreateProject(ctx, model.Project{Slug: "p", Name: "Projekt"}, users[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.AddMember(ctx, p.ID, users[1].ID, model.RoleAnalyst) }); err != nil {
		t.Fatal(err)
	}
	designer, err := a.Enter(ctx, UserActor(users[0]), "p")
	if err != nil {
		t.Fatal(err)
	}
	analyst, err := a.Enter(ctx, UserActor(users[1]), "p")
	if err != nil {
		t.Fatal(err)
	}
	return a, designer, analyst
}

func TestInsightUseCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, designer, analyst := fixture(t, s)
		if _, err := a.CreateInsight(ctx, analyst, NewInsight{Title: "x"}); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("analyst creates an insight: %v", err)
		}
		in, err := a.CreateInsight(ctx, designer, NewInsight{Title: "  Mad om natten  ", Statement: " Hun er bange. "})
		if err != nil || in.Title != "Mad om natten" || in.Statement != "Hun er bange." || in.Phase != model.PhaseOpdag {
			t.Fatalf("create: %+v %v", in, err)
		}
		if _, err := a.CreateInsight(ctx, designer, NewInsight{Title: " "}); !isField(err, "title", model.RuleRequired) {
			t.Fatalf("empty title: %v", err)
		}
		title := "Nyt navn"
		if in, err = a.UpdateInsight(ctx, designer, in.ID, InsightPatch{Title: &title}); err != nil || in.Statement != "Hun er bange." {
			t.Fatalf("patch: %+v %v", in, err)
		}
		if _, _, err := a.MovePhase(ctx, designer, in.ID, model.PhaseSkab, " "); !isField(err, "reason", model.RuleRequired) {
			t.Fatalf("move without reason: %v", err)
		}
		moved, hist, err := a.MovePhase(ctx, designer, in.ID, model.PhaseSkab, "Vi tester")
		if err != nil || moved.Phase != model.PhaseSkab || len(hist) != 2 || hist[1].Reason != "Vi tester" {
			t.Fatalf("move: %+v %+v %v", moved, hist, err)
		}
		d, err := a.Insight(ctx, analyst, in.ID)
		if err != nil || d.Title != "Nyt navn" || len(d.History) != 2 || d.Evidence == nil || d.Tests == nil || d.Indicators == nil {
			t.Fatalf("detail: %+v %v", d, err)
		}
		es, _ := s.AuditLog(ctx, designer.Project.ID, 10)
		if len(es) == 0 || es[0].Action != "insight.read" || es[0].Object != target("insight", in.ID) || *es[0].UserID != analyst.User.ID {
			t.Fatalf("the read is not audited: %+v", es)
		}
	})
}

func TestEffectUseCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, designer, analyst := fixture(t, s)
		in, err := a.CreateInsight(ctx, designer, NewInsight{Title: "Mad om natten"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.CreateIndicator(ctx, analyst, in.ID, NewIndicator{Name: "x", Direction: model.DirectionUp}); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("analyst creates an indicator: %v", err)
		}
		op, err := a.Enter(ctx, Operator(), "p")
		if err != nil {
			t.Fatal(err)
		}
		ind, err := a.CreateIndicator(ctx, op, in.ID, NewIndicator{Name: " Gange oppe ", Direction: model.DirectionDown, Baseline: 12, Target: 2})
		if err != nil || ind.Name != "Gange oppe" {
			t.Fatalf("indicator: %+v %v", ind, err)
		}
		es, _ := s.AuditLog(ctx, op.Project.ID, 1)
		if es[0].Action != "indicator.create" || es[0].UserID != nil {
			t.Fatalf("the operator is audited as %+v", es[0])
		}
		m, _, err := a.AddMeasurement(ctx, op, ind.ID, NewMeasurement{Value: 7, Comment: " talt "})
		if err != nil || !m.MeasuredAt.Equal(a.Today()) || m.Comment != "talt" {
			t.Fatalf("measurement: %+v %v", m, err)
		}
		tt, err := a.CreateTest(ctx, designer, in.ID, NewTest{Title: "Prototype", Method: "Observation"})
		if err != nil || tt.Outcome != model.OutcomeOpen {
			t.Fatalf("test: %+v %v", tt, err)
		}
		confirmed := model.OutcomeConfirmed
		if tt, err = a.UpdateTest(ctx, designer, tt.ID, TestPatch{Outcome: &confirmed}); err != nil || tt.Title != "Prototype" || tt.Method != "Observation" {
			t.Fatalf("outcome only: %+v %v", tt, err)
		}
		pr, err := a.Progress(ctx, analyst, ProgressQuery{StaleDays: DefaultStaleDays})
		if err != nil || pr.PerPhase[model.PhaseOpdag] != 1 || len(pr.TestsWithoutOutcome) != 0 {
			t.Fatalf("progress: %+v %v", pr, err)
		}
		if _, err := a.AuditLog(ctx, analyst); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("analyst reads the audit log: %v", err)
		}
	})
}

// TestTodayIsTheDanishDay: just after midnight in Denmark it is still the
// day before in UTC; the default measurement date is the Danish one.
func TestTodayIsTheDanishDay(t *testing.T) {
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 3, 4, 23, 30, 0, 0, time.UTC), "2026-03-05"}, // 00:30 in Copenhagen (winter)
		{time.Date(2026, 7, 4, 21, 59, 0, 0, time.UTC), "2026-07-04"}, // 23:59 in Copenhagen (summer)
		{time.Date(2026, 7, 4, 22, 0, 0, 0, time.UTC), "2026-07-05"},
	} {
		got := localDay(tc.at)
		if got.Format("2006-01-02") != tc.want || got.Location() != time.UTC || got.Hour() != 0 {
			t.Errorf("localDay(%v) = %v, want %s", tc.at, got, tc.want)
		}
	}
}

func isField(err error, field, rule string) bool {
	fe, ok := model.AsFieldError(err)
	return ok && fe.Field == field && fe.Rule == rule
}
