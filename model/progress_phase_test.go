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
	p := ComputeProgress(now, ins, nil, nil, last, 30, 30)
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
