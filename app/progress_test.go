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

// TestStuckThresholdsPerProject: each project has its own "står stille"
// days per phase (30/60/90 until its owner changes them), and an insight in
// Virk/effekt counts from its last measurement, not from the phase move.
func TestStuckThresholdsPerProject(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tm := team{t: t, s: s, uc: app.New(app.Deps{Store: s})}
		sara, lars, anna := tm.user("sara", model.RoleDesigner), tm.user("lars", model.RoleLead), tm.user("anna", model.RoleAnalyst)
		tm.project("p", sara, map[model.Role][]model.User{model.RoleLead: {lars}, model.RoleAnalyst: {anna}})
		tm.project("q", sara, nil)
		owner, lead, analyst := tm.enter(sara, "p"), tm.enter(lars, "p"), tm.enter(anna, "p")
		if th, err := tm.uc.StuckThresholds(ctx, analyst); err != nil || th != model.DefaultStuckThresholds() {
			t.Fatalf("a new project's thresholds: %+v %v", th, err)
		}
		measured := tm.insight(lead, "Målt for nylig", model.PhaseVirk, 200)
		unmeasured := tm.insight(lead, "Aldrig målt", model.PhaseVirk, 200)
		young := tm.insight(owner, "Ung", model.PhaseOpdag, 15)
		ind, err := tm.uc.CreateIndicator(ctx, lead, measured.ID, app.NewIndicator{Name: "Fremmøde", Direction: model.DirectionUp, Baseline: 1, Target: 2})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := tm.uc.AddMeasurement(ctx, lead, ind.ID, app.NewMeasurement{Value: 1.5, MeasuredAt: tm.uc.Now().AddDate(0, 0, -10)}); err != nil {
			t.Fatal(err)
		}
		stuck := func(sc app.Scope) map[int64]model.InsightInPhase {
			t.Helper()
			pr, err := tm.uc.Progress(ctx, sc, app.ProgressQuery{StaleDays: app.DefaultStaleDays})
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]model.InsightInPhase{}
			for _, ip := range pr.Insights {
				out[ip.ID] = ip
			}
			return out
		}
		got := stuck(analyst)
		if ip := got[measured.ID]; ip.Stuck || ip.IdleDays != 10 || ip.DaysInPhase != 200 || ip.NextStep != model.StepFollow {
			t.Errorf("measured 10 days ago, moved 200 days ago: %+v", ip)
		}
		if ip := got[unmeasured.ID]; !ip.Stuck || ip.IdleDays != 200 || ip.NextStep != model.StepAddIndicator {
			t.Errorf("never measured: %+v", ip)
		}
		if ip := got[young.ID]; ip.Stuck || ip.Owner != "sara" || ip.NextStep != model.StepAddEvidence {
			t.Errorf("15 days in Opdag/forstå with 30 days allowed: %+v", ip)
		}
		if ip := got[measured.ID]; ip.Owner != "lars" || ip.OwnerID != lars.ID {
			t.Errorf("the owner is who moved it last: %+v", ip)
		}

		// The owner lowers the thresholds; others may not, and a bad value names its field.
		lower := model.StuckThresholds{Opdag: 10, Skab: 20, Virk: 5}
		if err := tm.uc.SetStuckThresholds(ctx, lead, lower); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("a lead who does not own the project: %v", err)
		}
		if err := tm.uc.SetStuckThresholds(ctx, owner, model.StuckThresholds{Opdag: 10, Skab: 0, Virk: 5}); !isField(err, "stale_skab_days") {
			t.Fatalf("0 days: %v", err)
		}
		if err := tm.uc.SetStuckThresholds(ctx, owner, lower); err != nil {
			t.Fatal(err)
		}
		got = stuck(analyst)
		if !got[young.ID].Stuck || !got[measured.ID].Stuck || got[measured.ID].NextStep != model.StepMeasureAgain {
			t.Errorf("after lowering to %+v: %+v", lower, got)
		}
		if th, _ := tm.uc.StuckThresholds(ctx, tm.enter(sara, "q")); th != model.DefaultStuckThresholds() {
			t.Errorf("the other project's thresholds changed: %+v", th)
		}
		// The API's ?stuck_days= still overrides the project's thresholds.
		days := 30
		pr, err := tm.uc.Progress(ctx, analyst, app.ProgressQuery{StuckDays: &days})
		if err != nil || pr.StuckAfter[model.PhaseVirk] != 90 || len(pr.Stuck) != 1 {
			t.Errorf("override: %+v %v", pr.StuckAfter, err)
		}
		log, _ := s.AuditLog(ctx, owner.Project.ID, 1)
		if len(log) != 1 || log[0].Action != "project.thresholds" || log[0].Detail != "10/20/5" {
			t.Errorf("audit: %+v", log)
		}
	})
}
