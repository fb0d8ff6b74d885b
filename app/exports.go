package app

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"indsigt/model"
	"indsigt/report"
	"indsigt/store"
)

// Export is a report ready to send: what an adapter writes to a response
// or a file, with no further decisions to make.
type Export struct {
	Name        string // the report, e.g. "effects.csv"
	Filename    string // <slug>-<YYYY-MM-DD>-<name>, for Content-Disposition
	ContentType string
	// Printable is true for HTML reports, shown inline in the browser; their
	// inline style is allowed by StyleHash in the Content-Security-Policy.
	Printable bool
	StyleHash string
	Body      []byte
}

// ExportOptions reads the options of an export as people give them: the
// language ("en…" is English, anything else Danish) and an optional phase.
func ExportOptions(lang, phase string) (report.Options, error) {
	opt := report.Options{Lang: "da"}
	if strings.HasPrefix(lang, "en") {
		opt.Lang = "en"
	}
	if phase != "" {
		ph, err := model.ParsePhase(phase)
		if err != nil {
			return opt, err
		}
		opt.Phase = ph
	}
	return opt, nil
}

// Export builds a report of the project, in memory so that a failure gives
// an error rather than half a file. Audited as report.export on
// report:<name>, the phase filter in the detail, from every adapter alike.
func (a *App) Export(ctx context.Context, s Scope, name string, opt report.Options) (Export, error) {
	if err := s.require(model.PermExport); err != nil {
		return Export{}, err
	}
	f, err := report.FormatNamed(name)
	if err != nil {
		return Export{}, err
	}
	var d report.Data
	now := a.Now()
	switch f.Kind {
	case report.KindEffects, report.KindInsights:
		ds, err := a.insightDetails(ctx, s)
		if err != nil {
			return Export{}, err
		}
		d.Effects, d.Insights = report.EffectsOf(s.Project, now, ds), report.InsightsOf(s.Project, now, ds)
	case report.KindQDA:
		if d.QDA, err = a.qda(ctx, s); err != nil {
			return Export{}, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf, d, opt); err != nil {
		return Export{}, fmt.Errorf("app: export %s: %w", name, err)
	}
	if err := a.auditRead(ctx, s, "report.export", "report:"+name, string(opt.Phase)); err != nil {
		return Export{}, err
	}
	e := Export{Name: name, Filename: fmt.Sprintf("%s-%s-%s", s.Project.Slug, now.Format("2006-01-02"), name),
		ContentType: f.ContentType, Printable: f.Printable(), Body: buf.Bytes()}
	if e.Printable {
		e.StyleHash = report.StyleHash()
	}
	return e, nil
}

// insightDetails is every insight of the project with what backs it.
func (a *App) insightDetails(ctx context.Context, s Scope) ([]model.InsightDetail, error) {
	ins, err := a.Store.Insights(ctx, s.Project.ID, "")
	if err != nil {
		return nil, err
	}
	out := make([]model.InsightDetail, 0, len(ins))
	for _, in := range ins {
		d, err := a.insightDetail(ctx, s, in)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// qda gathers the project's codebook, coded sources with their
// highlights and participants, memos and insights.
func (a *App) qda(ctx context.Context, s Scope) (report.QDAProject, error) {
	in := report.QDAInput{Project: s.Project, At: a.Now()}
	var err error
	if in.Tags, err = a.Store.Tags(ctx, s.Project.ID); err != nil {
		return report.QDAProject{}, err
	}
	if in.Sources, err = a.codedSources(ctx, s); err != nil {
		return report.QDAProject{}, err
	}
	if in.Memos, err = a.Store.Memos(ctx, s.Project.ID, store.MemoFilter{}); err != nil {
		return report.QDAProject{}, err
	}
	if in.MemoHighlights, err = a.Store.MemoHighlights(ctx, s.Project.ID); err != nil {
		return report.QDAProject{}, err
	}
	if in.Insights, err = a.insightDetails(ctx, s); err != nil {
		return report.QDAProject{}, err
	}
	return report.QDAOf(in), nil
}

// codedSources is every source of the project with its notes, highlights
// and participants.
func (a *App) codedSources(ctx context.Context, s Scope) ([]report.CodedSource, error) {
	people, err := a.Store.SourceParticipants(ctx, s.Project.ID)
	if err != nil {
		return nil, err
	}
	var coded []report.CodedSource
	var before int64
	for {
		srcs, err := a.Store.Sources(ctx, s.Project.ID, before, 200)
		if err != nil || len(srcs) == 0 {
			return coded, err
		}
		for _, src := range srcs {
			notes, err := a.Store.SourceNotes(ctx, s.Project.ID, src.ID)
			if err != nil {
				return nil, err
			}
			hs, err := a.sourceHighlights(ctx, s, src.ID)
			if err != nil {
				return nil, err
			}
			coded = append(coded, report.CodedSource{Source: src, Notes: notes, Highlights: hs, Participants: people[src.ID]})
		}
		before = srcs[len(srcs)-1].ID
	}
}

// sourceHighlights pages through a source's highlights.
func (a *App) sourceHighlights(ctx context.Context, s Scope, sourceID int64) ([]model.Highlight, error) {
	var out []model.Highlight
	var after int64
	for {
		hs, err := a.Store.Highlights(ctx, s.Project.ID, store.HighlightFilter{SourceID: sourceID, AfterID: after, Limit: MaxHighlightList})
		if err != nil || len(hs) == 0 {
			return out, err
		}
		out = append(out, hs...)
		after = hs[len(hs)-1].ID
	}
}
