// Package model holds indsigt's domain types and rules. It does no I/O.
package model

// Phase is one of the three design-thinking phases an insight moves between.
type Phase string

const (
	PhaseOpdag Phase = "opdag" // Opdag/forstå: discover and understand
	PhaseSkab  Phase = "skab"  // Skab/test: create and test
	PhaseVirk  Phase = "virk"  // Virk/effekt: run it and measure the effect
)

// Phases lists the phases in their usual order.
var Phases = []Phase{PhaseOpdag, PhaseSkab, PhaseVirk}

var phaseLabels = map[Phase][2]string{
	PhaseOpdag: {"Opdag/forstå", "Discover/understand"},
	PhaseSkab:  {"Skab/test", "Create/test"},
	PhaseVirk:  {"Virk/effekt", "Work/effect"},
}

// ParsePhase validates a phase name.
func ParsePhase(s string) (Phase, error) {
	p := Phase(s)
	if _, ok := phaseLabels[p]; !ok {
		return "", Invalid("phase", RuleOneOf, "unknown phase %q (use opdag, skab or virk)", s)
	}
	return p, nil
}

// Label returns the phase's name for people, in Danish ("da") or English.
func (p Phase) Label(lang string) string {
	l, ok := phaseLabels[p]
	if !ok {
		return string(p)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// PhaseMove is a request to move an insight between phases. Moves go in any
// direction: revisiting an earlier phase is normal in design thinking, so the
// only rules are that the target exists, differs from the current phase and
// that the move says why.
type PhaseMove struct {
	From   Phase
	To     Phase
	Reason string
}

// Validate checks a phase move.
func (m PhaseMove) Validate() error {
	if _, err := ParsePhase(string(m.To)); err != nil {
		return err
	}
	if m.From == m.To {
		return Invalid("phase", RuleSame, "insight is already in phase %s", m.To)
	}
	// The history must say why: a move without a reason teaches nobody.
	return textField("reason", m.Reason, 1, 2000)
}
