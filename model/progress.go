package model

import "time"

// Progress is the lead's view of a project: where the insights are, how
// long they have been there and what is stuck.
type Progress struct {
	PerPhase       map[Phase]int    `json:"per_phase"`
	Insights       []InsightInPhase `json:"insights"`
	Stuck          []InsightInPhase `json:"stuck"`
	StuckAfterDays int              `json:"stuck_after_days"`
	// StuckAfter is the threshold of each phase (the project's own, see
	// StuckThresholds).
	StuckAfter          map[Phase]int `json:"stuck_after"`
	TestsWithoutOutcome []Test        `json:"tests_without_outcome"`
	StaleIndicators     []Indicator   `json:"stale_indicators"`
	StaleAfterDays      int           `json:"stale_after_days"`
}

// InsightInPhase is an insight with the whole days spent in its current
// phase, and the days that count towards "stuck": in Virk/effekt the days
// since the last measurement (or the move, if nothing was measured since).
// Owner is who answers for its next step: the user who moved it into its
// current phase, or who created it when it was never moved (OwnerOf).
type InsightInPhase struct {
	Insight
	DaysInPhase int      `json:"days_in_phase"`
	IdleDays    int      `json:"idle_days"`
	Stuck       bool     `json:"stuck"`
	OwnerID     int64    `json:"owner_id,string,omitempty"`
	Owner       string   `json:"owner"`
	NextStep    NextStep `json:"next_step"`
}

// MaxStuckDays bounds a "står stille" threshold (ten years).
const MaxStuckDays = 3650

// StuckThresholds are the days after which an insight stands still, per
// phase; each project has its own (columns stale_*_days of projects).
type StuckThresholds struct {
	Opdag int `db:"stale_opdag_days" json:"opdag"`
	Skab  int `db:"stale_skab_days" json:"skab"`
	Virk  int `db:"stale_virk_days" json:"virk"`
}

// DefaultStuckThresholds are a new project's thresholds.
func DefaultStuckThresholds() StuckThresholds { return StuckPerPhase(30) }

// StuckPerPhase gives each phase its own threshold from the Opdag/forstå
// one: making and testing a prototype takes longer than understanding, and
// measuring an effect longer still (30 → 30, 60 and 90 days). The API's
// ?stuck_days= override uses it.
func StuckPerPhase(opdag int) StuckThresholds {
	return StuckThresholds{Opdag: opdag, Skab: 2 * opdag, Virk: 3 * opdag}
}

// Validate checks each threshold: a whole number of days from 1 to
// MaxStuckDays, named by its form and JSON field.
func (t StuckThresholds) Validate() error {
	for _, f := range []struct {
		field string
		days  int
	}{{"stale_opdag_days", t.Opdag}, {"stale_skab_days", t.Skab}, {"stale_virk_days", t.Virk}} {
		if f.days < 1 || f.days > MaxStuckDays {
			fe := Invalid(f.field, RuleRange, "%s must be a number of days from 1 to %d", f.field, MaxStuckDays)
			fe.Limit = MaxStuckDays
			return fe
		}
	}
	return nil
}

// For is the threshold of one phase.
func (t StuckThresholds) For(p Phase) int {
	switch p {
	case PhaseSkab:
		return t.Skab
	case PhaseVirk:
		return t.Virk
	}
	return t.Opdag
}

// Map is the thresholds by phase, as Progress.StuckAfter shows them.
func (t StuckThresholds) Map() map[Phase]int {
	return map[Phase]int{PhaseOpdag: t.Opdag, PhaseSkab: t.Skab, PhaseVirk: t.Virk}
}

// Person is a user named on a card: id and display name.
type Person struct {
	ID   int64  `db:"user_id"`
	Name string `db:"name"`
}

// ProgressInput is what the lead's board is computed from at a moment.
type ProgressInput struct {
	Now        time.Time
	Insights   []Insight
	Tests      []Test
	Indicators []Indicator // all of the project's, to know which insights have one
	// Stale are the indicators without a recent measurement, found by the store.
	Stale []Indicator
	// LastMeasured is each insight's latest measurement, for Virk/effekt.
	LastMeasured   map[int64]time.Time
	Owners         map[int64]Person // by insight id
	StuckAfter     StuckThresholds
	StaleAfterDays int
}

// ComputeProgress summarises insights and tests at a moment.
func ComputeProgress(in ProgressInput) Progress {
	p := Progress{PerPhase: map[Phase]int{PhaseOpdag: 0, PhaseSkab: 0, PhaseVirk: 0}, StuckAfterDays: in.StuckAfter.Opdag,
		StuckAfter: in.StuckAfter.Map(), StaleAfterDays: in.StaleAfterDays,
		Insights: []InsightInPhase{}, Stuck: []InsightInPhase{}, TestsWithoutOutcome: []Test{}, StaleIndicators: in.Stale}
	if p.StaleIndicators == nil {
		p.StaleIndicators = []Indicator{}
	}
	facts := factsOf(in)
	for _, ins := range in.Insights {
		p.PerPhase[ins.Phase]++
		ip := inPhase(in, ins)
		ip.NextStep = NextStepOf(ip, facts[ins.ID], in.StuckAfter.For(ins.Phase))
		p.Insights = append(p.Insights, ip)
		if ip.Stuck {
			p.Stuck = append(p.Stuck, ip)
		}
	}
	for _, t := range in.Tests {
		if t.Outcome == OutcomeOpen {
			p.TestsWithoutOutcome = append(p.TestsWithoutOutcome, t)
		}
	}
	return p
}

// inPhase counts an insight's days: in Virk/effekt a measurement after the
// move restarts the count, because measuring is the work of that phase.
func inPhase(in ProgressInput, ins Insight) InsightInPhase {
	ip := InsightInPhase{Insight: ins, DaysInPhase: days(in.Now.Sub(ins.PhaseChangedAt))}
	ip.IdleDays = ip.DaysInPhase
	if m, ok := in.LastMeasured[ins.ID]; ok && ins.Phase == PhaseVirk && m.After(ins.PhaseChangedAt) {
		ip.IdleDays = days(in.Now.Sub(m))
	}
	ip.Stuck = ip.IdleDays > in.StuckAfter.For(ins.Phase)
	if o, ok := in.Owners[ins.ID]; ok {
		ip.OwnerID, ip.Owner = o.ID, o.Name
	}
	return ip
}

func days(d time.Duration) int { return int(d.Hours() / 24) }

func factsOf(in ProgressInput) map[int64]InsightFacts {
	out := map[int64]InsightFacts{}
	for _, t := range in.Tests {
		f := out[t.InsightID]
		f.Tests++
		switch t.Outcome {
		case OutcomeOpen:
			f.OpenTests++
		case OutcomeConfirmed:
			f.Confirmed++
		}
		out[t.InsightID] = f
	}
	for _, x := range in.Indicators {
		f := out[x.InsightID]
		f.Indicators++
		out[x.InsightID] = f
	}
	for id, m := range in.LastMeasured {
		f := out[id]
		f.Measured = !m.IsZero()
		out[id] = f
	}
	return out
}
