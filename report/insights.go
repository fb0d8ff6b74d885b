package report

import "time"

// InsightReport is the input of the insight exports.
type InsightReport struct {
	ProjectName string
	GeneratedAt time.Time
	Insights    []InsightEntry
}

// InsightEntry is one insight with everything that backs it.
type InsightEntry struct {
	ID, Title, Statement, Phase string
	// LIX is the readability of Statement (model.LIX).
	LIX        float64
	Evidence   []Quote
	History    []PhaseEvent
	Tests      []TestEntry
	Indicators []EffectRow
	Memos      []MemoEntry
}

// MemoEntry is a memo written on the insight.
type MemoEntry struct {
	Author, Body string
	At           time.Time
}

// Quote is an evidence note; Stance is "supports" or "contradicts".
type Quote struct{ NoteID, SourceTitle, Speaker, Text, Stance string }

// PhaseEvent is one move of an insight between phases.
type PhaseEvent struct {
	From, To, Reason, By string
	At                   time.Time
}

// TestEntry is a Skab/test session; Outcome is confirmed, refuted or open.
type TestEntry struct{ Title, Hypothesis, Method, Participants, Result, Outcome string }
