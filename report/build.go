package report

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"indsigt/model"
	"indsigt/store"
)

// BuildEffects gathers a project's indicators and measurements for the
// effect exports, with each indicator's summary computed.
func BuildEffects(ctx context.Context, s *store.Store, p model.Project) (EffectReport, error) {
	r := EffectReport{ProjectName: p.Name, ProjectSlug: p.Slug, GeneratedAt: s.Now()}
	insights, err := s.Insights(ctx, p.ID, "")
	if err != nil {
		return r, err
	}
	rows, err := effectRows(ctx, s, p.ID, 0, insights)
	if err != nil {
		return r, err
	}
	r.Rows = rows
	return r, nil
}

// effectRows builds one row per indicator of the project (or one insight).
func effectRows(ctx context.Context, s *store.Store, projectID, insightID int64, insights []model.Insight) ([]EffectRow, error) {
	inds, err := s.Indicators(ctx, projectID, insightID)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(inds))
	for i, ind := range inds {
		ids[i] = ind.ID
	}
	ms, err := s.Measurements(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[int64]model.Insight{}
	for _, in := range insights {
		byID[in.ID] = in
	}
	rows := make([]EffectRow, 0, len(inds))
	for _, ind := range inds {
		in := byID[ind.InsightID]
		row := EffectRow{InsightID: id(in.ID), InsightTitle: in.Title, Phase: string(in.Phase), IndicatorID: id(ind.ID), Indicator: ind.Name,
			Unit: ind.Unit, Direction: ind.Direction, Baseline: ind.Baseline, Target: ind.Target, StartDate: ind.StartDate}
		for _, m := range ms[ind.ID] {
			row.Measurements = append(row.Measurements, model.Measurement{Value: m.Value, MeasuredAt: m.MeasuredAt, Comment: m.Comment})
		}
		row.Summary = model.SummarizeEffect(row.Direction, row.Baseline, row.Target, row.Measurements)
		rows = append(rows, row)
	}
	return rows, nil
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// BuildInsights gathers every insight of a project with its evidence
// quotes, phase history, tests and indicators.
func BuildInsights(ctx context.Context, s *store.Store, p model.Project) (InsightReport, error) {
	r := InsightReport{ProjectName: p.Name, GeneratedAt: s.Now()}
	insights, err := s.Insights(ctx, p.ID, "")
	if err != nil {
		return r, err
	}
	for _, in := range insights {
		e, err := insightEntry(ctx, s, p.ID, in, insights)
		if err != nil {
			return r, err
		}
		r.Insights = append(r.Insights, e)
	}
	return r, nil
}

func insightEntry(ctx context.Context, s *store.Store, projectID int64, in model.Insight, all []model.Insight) (InsightEntry, error) {
	e := InsightEntry{ID: id(in.ID), Title: in.Title, Statement: in.Statement, Phase: string(in.Phase), LIX: model.LIX(in.Statement)}
	ev, err := s.InsightEvidence(ctx, in.ID)
	if err != nil {
		return e, err
	}
	for _, q := range ev {
		e.Evidence = append(e.Evidence, Quote{NoteID: id(q.NoteID), SourceTitle: q.SourceTitle, Speaker: q.Speaker, Text: q.Text, Stance: string(q.Stance)})
	}
	hist, err := s.PhaseHistory(ctx, in.ID)
	if err != nil {
		return e, err
	}
	for _, h := range hist {
		pe := PhaseEvent{To: string(h.To), Reason: h.Reason, By: h.By, At: h.At}
		if h.From != nil {
			pe.From = string(*h.From)
		}
		e.History = append(e.History, pe)
	}
	tests, err := s.Tests(ctx, projectID, in.ID)
	if err != nil {
		return e, err
	}
	for _, t := range tests {
		e.Tests = append(e.Tests, TestEntry{Title: t.Title, Hypothesis: t.Hypothesis, Method: t.Method, Participants: t.Participants, Result: t.Result, Outcome: string(t.Outcome)})
	}
	e.Indicators, err = effectRows(ctx, s, projectID, in.ID, all)
	return e, err
}

// BuildQDA gathers a project's coded sources for a REFI-QDA export: each
// source's notes make its text, one paragraph per note, and each tagged
// note is a selection coded with its tags.
func BuildQDA(ctx context.Context, s *store.Store, p model.Project) (QDAProject, error) {
	q := QDAProject{Name: p.Name, Origin: "indsigt", CreatedAt: s.Now()}
	tags, err := s.Tags(ctx, p.ID)
	if err != nil {
		return q, err
	}
	q.Codes = codeTree(tags)
	codeByName := map[string]string{}
	for _, t := range tags {
		codeByName[t.Name] = GUIDFor("code", id(t.ID))
	}
	var before int64
	for {
		srcs, err := s.Sources(ctx, p.ID, before, 200)
		if err != nil {
			return q, err
		}
		if len(srcs) == 0 {
			break
		}
		for _, src := range srcs {
			qs, err := qdaSource(ctx, s, p.ID, src, codeByName)
			if err != nil {
				return q, err
			}
			q.Sources = append(q.Sources, qs)
		}
		before = srcs[len(srcs)-1].ID
	}
	sort.Slice(q.Sources, func(i, j int) bool { return q.Sources[i].Name < q.Sources[j].Name })
	return q, nil
}

func qdaSource(ctx context.Context, s *store.Store, projectID int64, src model.Source, codeByName map[string]string) (QDASource, error) {
	qs := QDASource{GUID: GUIDFor("source", id(src.ID)), Name: fmt.Sprintf("%s (%d)", src.Title, src.ID)}
	notes, err := s.SourceNotes(ctx, projectID, src.ID)
	if err != nil {
		return qs, err
	}
	var b strings.Builder
	for _, n := range notes {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		if n.Speaker != "" {
			b.WriteString(n.Speaker + ": ")
		}
		start := b.Len()
		b.WriteString(n.Text)
		if len(n.Tags) == 0 {
			continue
		}
		sel := QDASelection{GUID: GUIDFor("selection", id(n.ID)), Name: fmt.Sprintf("note %d", n.ID)}
		sel.Start, sel.End = RuneRange(b.String(), start, b.Len())
		for _, t := range n.Tags {
			sel.CodeGUIDs = append(sel.CodeGUIDs, codeByName[t])
		}
		qs.Selections = append(qs.Selections, sel)
	}
	qs.Text = b.String()
	return qs, nil
}

// codeTree nests tags under their parents.
func codeTree(tags []model.Tag) []QDACode {
	children := map[int64][]model.Tag{}
	for _, t := range tags {
		var parent int64
		if t.ParentID != nil {
			parent = *t.ParentID
		}
		children[parent] = append(children[parent], t)
	}
	var build func(parent int64) []QDACode
	build = func(parent int64) []QDACode {
		var out []QDACode
		for _, t := range children[parent] {
			out = append(out, QDACode{GUID: GUIDFor("code", id(t.ID)), Name: t.Name, Description: t.Description, Color: t.Color, Children: build(t.ID)})
		}
		return out
	}
	return build(0)
}
