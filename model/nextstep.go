package model

// NextStep is what an insight needs next, derived from its phase and what
// it holds; the web app shows it as "next.<step>" from its message files,
// the API answers the key.
type NextStep string

const (
	StepAddEvidence    NextStep = "add_evidence"    // Opdag/forstå without evidence
	StepMoreEvidence   NextStep = "more_evidence"   // Opdag/forstå, young
	StepMoveSkab       NextStep = "move_skab"       // Opdag/forstå with evidence, old
	StepCreateTest     NextStep = "create_test"     // Skab/test without tests
	StepFinishTest     NextStep = "finish_test"     // Skab/test with a test without outcome
	StepMoveVirk       NextStep = "move_virk"       // Skab/test with a confirmed test
	StepNewTest        NextStep = "new_test"        // Skab/test whose tests were all refuted
	StepAddIndicator   NextStep = "add_indicator"   // Virk/effekt without indicators
	StepAddMeasurement NextStep = "add_measurement" // Virk/effekt without a measurement
	StepMeasureAgain   NextStep = "measure_again"   // Virk/effekt whose last measurement is old
	StepFollow         NextStep = "follow"          // Virk/effekt, measured recently
)

// NextSteps lists every step, for the check that each has a message.
var NextSteps = []NextStep{StepAddEvidence, StepMoreEvidence, StepMoveSkab, StepCreateTest, StepFinishTest, StepMoveVirk,
	StepNewTest, StepAddIndicator, StepAddMeasurement, StepMeasureAgain, StepFollow}

// InsightFacts are what an insight's next step depends on beside the
// insight itself.
type InsightFacts struct {
	Tests, OpenTests, Confirmed int
	Indicators                  int
	Measured                    bool // any of its indicators has a measurement
}

// NextStepOf derives the next step. An insight in Opdag/forstå with
// evidence is "old" once it has spent half its phase's threshold there:
// the lead should hear "move it on" before it is marked as standing still.
func NextStepOf(ip InsightInPhase, f InsightFacts, stuckAfter int) NextStep {
	switch ip.Phase {
	case PhaseSkab:
		switch {
		case f.Tests == 0:
			return StepCreateTest
		case f.OpenTests > 0:
			return StepFinishTest
		case f.Confirmed > 0:
			return StepMoveVirk
		}
		return StepNewTest
	case PhaseVirk:
		switch {
		case f.Indicators == 0:
			return StepAddIndicator
		case !f.Measured:
			return StepAddMeasurement
		case ip.Stuck:
			return StepMeasureAgain
		}
		return StepFollow
	}
	switch {
	case ip.EvidenceCount == 0:
		return StepAddEvidence
	case 2*ip.IdleDays >= stuckAfter:
		return StepMoveSkab
	}
	return StepMoreEvidence
}
