package model

import "time"

// Progress is the lead's view of a project: where the insights are, how
// long they have been there and what is stuck.
type Progress struct {
	PerPhase       map[Phase]int    `json:"per_phase"`
	Insights       []InsightInPhase `json:"insights"`
	Stuck          []InsightInPhase `json:"stuck"`
	StuckAfterDays int              `json:"stuck_after_days"`
	// StuckAfter is the threshold of each phase (StuckPerPhase).
	StuckAfter          map[Phase]int `json:"stuck_after"`
	TestsWithoutOutcome []Test        `json:"tests_without_outcome"`
	StaleIndicators     []Indicator   `json:"stale_indicators"`
	StaleAfterDays      int           `json:"stale_after_days"`
}

// InsightInPhase is an insight with the whole days spent in its current
// phase, and the days that count towards "stuck": in Virk/effekt the days
// since the last measurement (or the move, if nothing was measured since).
type InsightInPhase struct {
	Insight
	DaysInPhase int  `json:"days_in_phase"`
	IdleDays    int  `json:"idle_days"`
	Stuck       bool `json:"stuck"`
}

// StuckPerPhase gives each phase its own threshold from the Opdag/forstå
// one: making and testing a prototype takes longer than understanding, and
// measuring an effect longer still (30 → 30, 60 and 90 days).
func StuckPerPhase(opdag int) map[Phase]int {
	return map[Phase]int{PhaseOpdag: opdag, PhaseSkab: 2 * opdag, PhaseVirk: 3 * opdag}
}

// ComputeProgress summarises insights and tests at a moment. stale are the
// indicators without a recent measurement, found by the store.
// lastMeasured is each insight's latest measurement, for Virk/effekt.
func ComputeProgress(now time.Time, insights []Insight, tests []Test, stale []Indicator, lastMeasured map[int64]time.Time, stuckAfterDays, staleAfterDays int) Progress {
	after := StuckPerPhase(stuckAfterDays)
	p := Progress{PerPhase: map[Phase]int{PhaseOpdag: 0, PhaseSkab: 0, PhaseVirk: 0}, StuckAfterDays: stuckAfterDays, StuckAfter: after, StaleAfterDays: staleAfterDays,
		Insights: []InsightInPhase{}, Stuck: []InsightInPhase{}, TestsWithoutOutcome: []Test{}, StaleIndicators: stale}
	if p.StaleIndicators == nil {
		p.StaleIndicators = []Indicator{}
	}
	for _, in := range insights {
		p.PerPhase[in.Phase]++
		ip := InsightInPhase{Insight: in, DaysInPhase: int(now.Sub(in.PhaseChangedAt).Hours() / 24)}
		ip.IdleDays = ip.DaysInPhase
		if m, ok := lastMeasured[in.ID]; ok && in.Phase == PhaseVirk && m.After(in.PhaseChangedAt) {
			ip.IdleDays = int(now.Sub(m).Hours() / 24)
		}
		ip.Stuck = ip.IdleDays > after[in.Phase]
		p.Insights = append(p.Insights, ip)
		if ip.Stuck {
			p.Stuck = append(p.Stuck, ip)
		}
	}
	for _, t := range tests {
		if t.Outcome == OutcomeOpen {
			p.TestsWithoutOutcome = append(p.TestsWithoutOutcome, t)
		}
	}
	return p
}
