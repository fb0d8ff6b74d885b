package app

import (
	"context"
	"sort"

	"indsigt/model"
)

// PortfolioQuery filters the lead's portfolio.
type PortfolioQuery struct {
	Project   string // a slug of one of the actor's projects; empty: all
	Phase     string // empty: every phase
	StuckOnly bool
}

// Portfolio is the insights of every project an actor leads or owns (every
// project for admins), with their days in phase, owner and next step.
type Portfolio struct {
	// Projects are those the actor leads, for the project filter.
	Projects []model.Project `json:"projects"`
	// PerPhase and StuckPerPhase count the items of every phase that pass
	// the project and stuck filters, so that the count row stays whole when
	// one phase is shown.
	PerPhase      map[model.Phase]int `json:"per_phase"`
	StuckPerPhase map[model.Phase]int `json:"stuck_per_phase"`
	Items         []PortfolioItem     `json:"items"`
}

// PortfolioItem is one insight with its project.
type PortfolioItem struct {
	ProjectSlug string `json:"project"`
	ProjectName string `json:"project_name"`
	model.InsightInPhase
	// StuckAfter is the project's threshold for the insight's phase.
	StuckAfter int `json:"stuck_after"`
}

// Portfolio reads the lead's view across projects: each project with its
// own "står stille" thresholds, by phase (Opdag/forstå first), stuck items
// first within a phase, the longest idle first. Each project read gets a
// "portfolio.read" audit row.
func (a *App) Portfolio(ctx context.Context, act Actor, q PortfolioQuery) (Portfolio, error) {
	if q.Phase != "" {
		if _, err := model.ParsePhase(q.Phase); err != nil {
			return Portfolio{}, err
		}
	}
	scopes, err := a.readable(ctx, act, true)
	if err != nil {
		return Portfolio{}, err
	}
	out := Portfolio{Projects: []model.Project{}, Items: []PortfolioItem{}, PerPhase: phaseCounts(), StuckPerPhase: phaseCounts()}
	var read []Scope
	for _, s := range scopes {
		out.Projects = append(out.Projects, s.Project)
		if q.Project == "" || q.Project == s.Project.Slug {
			read = append(read, s)
		}
	}
	if q.Project != "" && len(read) == 0 {
		return Portfolio{}, model.Invalid("project", model.RuleUnknown, "you lead no project %q", q.Project)
	}
	for _, s := range read {
		items, err := a.portfolioOf(ctx, s)
		if err != nil {
			return Portfolio{}, err
		}
		for _, it := range items {
			if q.StuckOnly && !it.Stuck {
				continue
			}
			out.PerPhase[it.Phase]++
			if it.Stuck {
				out.StuckPerPhase[it.Phase]++
			}
			if q.Phase == "" || string(it.Phase) == q.Phase {
				out.Items = append(out.Items, it)
			}
		}
	}
	sortPortfolio(out.Items)
	return out, a.auditEach(ctx, read, "portfolio.read", "insights", "")
}

func (a *App) portfolioOf(ctx context.Context, s Scope) ([]PortfolioItem, error) {
	th, err := a.Store.StuckThresholds(ctx, s.Project.ID)
	if err != nil {
		return nil, err
	}
	pr, err := a.progressOf(ctx, s.Project.ID, th, DefaultStaleDays)
	if err != nil {
		return nil, err
	}
	items := make([]PortfolioItem, 0, len(pr.Insights))
	for _, ip := range pr.Insights {
		items = append(items, PortfolioItem{ProjectSlug: s.Project.Slug, ProjectName: s.Project.Name, InsightInPhase: ip, StuckAfter: th.For(ip.Phase)})
	}
	return items, nil
}

func phaseCounts() map[model.Phase]int {
	return map[model.Phase]int{model.PhaseOpdag: 0, model.PhaseSkab: 0, model.PhaseVirk: 0}
}

func sortPortfolio(items []PortfolioItem) {
	order := map[model.Phase]int{}
	for i, p := range model.Phases {
		order[p] = i
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if order[a.Phase] != order[b.Phase] {
			return order[a.Phase] < order[b.Phase]
		}
		if a.Stuck != b.Stuck {
			return a.Stuck
		}
		return a.IdleDays > b.IdleDays
	})
}

// LeadsAny reports whether the actor leads or owns some project (admins
// and the operator lead all); adapters show the portfolio to them.
func (a *App) LeadsAny(ctx context.Context, act Actor) (bool, error) {
	if act.Operator {
		return true, nil
	}
	return a.Store.LeadsAny(ctx, act.User)
}
