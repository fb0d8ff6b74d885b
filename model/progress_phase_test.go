package model

import (
	"testing"
	"time"
)

// TestStuckPerPhase: each phase has its own threshold, and an insight in
// Virk/effekt counts from its last measurement, not from the phase move.
func TestStuckPerPhase(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	ago := func(d int) time.Time { return now.AddDate(0, 0, -d) }
	ins := []Insight{
		{ID: 1, Phase: PhaseOpdag, PhaseChangedAt: ago(31)},
		{ID: 2, Phase: PhaseSkab, PhaseChangedAt: ago(45)},
		{ID: 3, Phase: PhaseSkab, PhaseChangedAt: ago(61)},
		{ID: 4, Phase: PhaseVirk, PhaseChangedAt: ago(200)},
		{ID: 5, Phase: PhaseVirk, PhaseChangedAt: ago(100)},
		{ID: 6, Phase: PhaseVirk, PhaseChangedAt: ago(200)},
	}
	last := map[int64]time.Time{4: ago(10), 6: ago(95)}
	p := ComputeProgress(ProgressInput{Now: now, Insights: ins, LastMeasured: last, StuckAfter: StuckPerPhase(30), StaleAfterDays: 30})
	want := map[int64]bool{1: true, 2: false, 3: true, 4: false, 5: true, 6: true}
	for _, ip := range p.Insights {
		if ip.Stuck != want[ip.ID] {
			t.Errorf("insight %d (%s, %d days in phase, %d idle): stuck %v, want %v", ip.ID, ip.Phase, ip.DaysInPhase, ip.IdleDays, ip.Stuck, want[ip.ID])
		}
	}
	if len(p.Stuck) != 4 || p.StuckAfter[PhaseVirk] != 90 || p.StuckAfterDays != 30 {
		t.Errorf("stuck %d, thresholds %v", len(p.Stuck), p.StuckAfter)
	}
}

// TestNextStep: the step follows from the phase and what the insight holds.
func TestNextStep(t *testing.T) {
	for _, c := range []struct {
		phase    Phase
		evidence int
		idle     int
		stuck    bool
		f        InsightFacts
		want     NextStep
	}{
		{PhaseOpdag, 0, 40, true, InsightFacts{}, StepAddEvidence},
		{PhaseOpdag, 2, 3, false, InsightFacts{}, StepMoreEvidence},
		{PhaseOpdag, 2, 15, false, InsightFacts{}, StepMoveSkab},
		{PhaseSkab, 2, 5, false, InsightFacts{}, StepCreateTest},
		{PhaseSkab, 2, 5, false, InsightFacts{Tests: 2, OpenTests: 1, Confirmed: 1}, StepFinishTest},
		{PhaseSkab, 2, 5, false, InsightFacts{Tests: 2, Confirmed: 1}, StepMoveVirk},
		{PhaseSkab, 2, 5, false, InsightFacts{Tests: 1}, StepNewTest},
		{PhaseVirk, 2, 5, false, InsightFacts{}, StepAddIndicator},
		{PhaseVirk, 2, 5, false, InsightFacts{Indicators: 1}, StepAddMeasurement},
		{PhaseVirk, 2, 95, true, InsightFacts{Indicators: 1, Measured: true}, StepMeasureAgain},
		{PhaseVirk, 2, 10, false, InsightFacts{Indicators: 1, Measured: true}, StepFollow},
	} {
		ip := InsightInPhase{Insight: Insight{Phase: c.phase, EvidenceCount: c.evidence}, IdleDays: c.idle, Stuck: c.stuck}
		if got := NextStepOf(ip, c.f, 30); got != c.want {
			t.Errorf("%s, %d evidence, %d days, %+v: %s, want %s", c.phase, c.evidence, c.idle, c.f, got, c.want)
		}
	}
}

func TestStuckThresholdsValidate(t *testing.T) {
	if err := DefaultStuckThresholds().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		t     StuckThresholds
		field string
	}{{StuckThresholds{0, 60, 90}, "stale_opdag_days"}, {StuckThresholds{30, 3651, 90}, "stale_skab_days"}, {StuckThresholds{30, 60, -1}, "stale_virk_days"}} {
		fe, ok := AsFieldError(c.t.Validate())
		if !ok || fe.Field != c.field || fe.Rule != RuleRange || fe.Limit != MaxStuckDays {
			t.Errorf("%+v: %+v", c.t, fe)
		}
	}
}
