package model

import "time"

// Progress is the lead's view of a project: where the insights are, how
// long they have been there and what is stuck.
type Progress struct {
	PerPhase            map[Phase]int    `json:"per_phase"`
	Insights            []InsightInPhase `json:"insights"`
	Stuck               []InsightInPhase `json:"stuck"`
	StuckAfterDays      int              `json:"stuck_after_days"`
	TestsWithoutOutcome []Test           `json:"tests_without_outcome"`
	StaleIndicators     []Indicator      `json:"stale_indicators"`
	StaleAfterDays      int              `json:"stale_after_days"`
}

// InsightInPhase is an insight with the whole days spent in its current phase.
type InsightInPhase struct {
	Insight
	DaysInPhase int `json:"days_in_phase"`
}

// ComputeProgress summarises insights and tests at a moment. stale are the
// indicators without a recent measurement, found by the store.
func ComputeProgress(now time.Time, insights []Insight, tests []Test, stale []Indicator, stuckAfterDays, staleAfterDays int) Progress {
	p := Progress{PerPhase: map[Phase]int{PhaseOpdag: 0, PhaseSkab: 0, PhaseVirk: 0}, StuckAfterDays: stuckAfterDays, StaleAfterDays: staleAfterDays,
		Insights: []InsightInPhase{}, Stuck: []InsightInPhase{}, TestsWithoutOutcome: []Test{}, StaleIndicators: stale}
	if p.StaleIndicators == nil {
		p.StaleIndicators = []Indicator{}
	}
	for _, in := range insights {
		p.PerPhase[in.Phase]++
		ip := InsightInPhase{Insight: in, DaysInPhase: int(now.Sub(in.PhaseChangedAt).Hours() / 24)}
		p.Insights = append(p.Insights, ip)
		if ip.DaysInPhase > stuckAfterDays {
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
