package app_test

import (
	"context"
	"testing"

	"indsigt/app"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestPortfolioOfTwoProjects: the portfolio shows the insights of the
// projects a user leads or owns, with each project's thresholds, filters
// by project, phase and stuck, and counts per phase.
func TestPortfolioOfTwoProjects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tm := team{t: t, s: s, uc: app.New(app.Deps{Store: s})}
		sara, lars, anna := tm.user("sara", model.RoleDesigner), tm.user("lars", model.RoleLead), tm.user("anna", model.RoleAnalyst)
		admin := tm.user("admin", model.RoleAdmin)
		tm.project("p", sara, map[model.Role][]model.User{model.RoleLead: {lars}, model.RoleAnalyst: {anna}})
		tm.project("q", sara, map[model.Role][]model.User{model.RoleDesigner: {lars}})
		p, q := tm.enter(sara, "p"), tm.enter(sara, "q")
		tm.insight(p, "P gammel", model.PhaseOpdag, 40)
		tm.insight(p, "P ny", model.PhaseOpdag, 2)
		tm.insight(p, "P test", model.PhaseSkab, 70)
		tm.insight(q, "Q ny", model.PhaseOpdag, 40)
		tm.insight(q, "Q test", model.PhaseSkab, 70)
		if err := tm.uc.SetStuckThresholds(ctx, q, model.StuckThresholds{Opdag: 50, Skab: 100, Virk: 90}); err != nil {
			t.Fatal(err)
		}
		titles := func(pf app.Portfolio) []string {
			var out []string
			for _, it := range pf.Items {
				out = append(out, it.Title)
			}
			return out
		}
		pf, err := tm.uc.Portfolio(ctx, app.UserActor(sara), app.PortfolioQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if got := titles(pf); len(pf.Projects) != 2 || len(got) != 5 || got[0] != "P gammel" || got[4] == "" {
			t.Fatalf("sara's portfolio: %v", got)
		}
		if pf.PerPhase[model.PhaseOpdag] != 3 || pf.PerPhase[model.PhaseSkab] != 2 || pf.StuckPerPhase[model.PhaseOpdag] != 1 || pf.StuckPerPhase[model.PhaseSkab] != 1 {
			t.Errorf("counts (q allows 50 and 100 days): %v stuck %v", pf.PerPhase, pf.StuckPerPhase)
		}
		for _, it := range pf.Items {
			if it.Owner != "sara" || it.NextStep == "" || (it.ProjectSlug == "q") != (it.StuckAfter == 50 || it.StuckAfter == 100) {
				t.Errorf("item %+v", it)
			}
		}
		pf, _ = tm.uc.Portfolio(ctx, app.UserActor(sara), app.PortfolioQuery{StuckOnly: true, Phase: "skab"})
		if got := titles(pf); len(got) != 1 || got[0] != "P test" || pf.PerPhase[model.PhaseOpdag] != 1 {
			t.Errorf("stuck in Skab/test: %v, counts %v", got, pf.PerPhase)
		}
		pf, _ = tm.uc.Portfolio(ctx, app.UserActor(sara), app.PortfolioQuery{Project: "q"})
		if got := titles(pf); len(got) != 2 || pf.Items[0].ProjectSlug != "q" {
			t.Errorf("project q: %v", got)
		}
		if pf, _ := tm.uc.Portfolio(ctx, app.UserActor(lars), app.PortfolioQuery{}); len(pf.Projects) != 1 || len(pf.Items) != 3 {
			t.Errorf("lars leads only p: %+v", pf.Projects)
		}
		if _, err := tm.uc.Portfolio(ctx, app.UserActor(lars), app.PortfolioQuery{Project: "q"}); !isField(err, "project") {
			t.Errorf("lars asks for q, where he designs: %v", err)
		}
		if pf, err := tm.uc.Portfolio(ctx, app.UserActor(anna), app.PortfolioQuery{}); err != nil || len(pf.Items) != 0 {
			t.Errorf("an analyst leads nothing: %+v %v", pf, err)
		}
		if pf, _ := tm.uc.Portfolio(ctx, app.UserActor(admin), app.PortfolioQuery{}); len(pf.Projects) != 2 || len(pf.Items) != 5 {
			t.Errorf("an admin sees every project: %d", len(pf.Items))
		}
		if _, err := tm.uc.Portfolio(ctx, app.UserActor(sara), app.PortfolioQuery{Phase: "gæt"}); !isField(err, "phase") {
			t.Errorf("unknown phase: %v", err)
		}
		log, _ := s.AuditLog(ctx, q.Project.ID, 1)
		if len(log) != 1 || log[0].Action != "portfolio.read" {
			t.Errorf("audit: %+v", log)
		}
	})
}
