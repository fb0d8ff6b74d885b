package report

import (
	"strconv"
	"time"

	"indsigt/model"
)

// EffectRowOf is one indicator of an insight as an effect row, from the
// read model the web pages and the API show too (model.IndicatorEffect),
// so the report cannot compute a different effect.
func EffectRowOf(in model.Insight, ie model.IndicatorEffect) EffectRow {
	return EffectRow{InsightID: id(in.ID), InsightTitle: in.Title, Phase: string(in.Phase), IndicatorID: id(ie.ID), Indicator: ie.Name,
		Unit: ie.Unit, Direction: string(ie.Direction), Baseline: ie.Baseline, Target: ie.Target, StartDate: ie.StartDate,
		Measurements: ie.Measurements, Summary: ie.Effect}
}

// EffectsOf is the effect report of a project's insights.
func EffectsOf(p model.Project, at time.Time, insights []model.InsightDetail) EffectReport {
	r := EffectReport{ProjectName: p.Name, ProjectSlug: p.Slug, GeneratedAt: at}
	for _, d := range insights {
		for _, ie := range d.Indicators {
			r.Rows = append(r.Rows, EffectRowOf(d.Insight, ie))
		}
	}
	return r
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// InsightsOf is the insight report of a project's insights.
func InsightsOf(p model.Project, at time.Time, insights []model.InsightDetail) InsightReport {
	r := InsightReport{ProjectName: p.Name, GeneratedAt: at}
	for _, d := range insights {
		r.Insights = append(r.Insights, insightEntry(d))
	}
	return r
}

func insightEntry(d model.InsightDetail) InsightEntry {
	e := InsightEntry{ID: id(d.ID), Title: d.Title, Statement: d.Statement, Phase: string(d.Phase), LIX: d.LIX}
	for _, q := range d.Evidence {
		e.Evidence = append(e.Evidence, Quote{NoteID: id(q.NoteID), SourceTitle: q.SourceTitle, Speaker: q.Speaker, Text: q.Text, Stance: string(q.Stance)})
	}
	for _, h := range d.History {
		pe := PhaseEvent{To: string(h.To), Reason: h.Reason, By: h.By, At: h.At}
		if h.From != nil {
			pe.From = string(*h.From)
		}
		e.History = append(e.History, pe)
	}
	for _, t := range d.Tests {
		e.Tests = append(e.Tests, TestEntry{Title: t.Title, Hypothesis: t.Hypothesis, Method: t.Method, Participants: t.Participants, Result: t.Result, Outcome: string(t.Outcome)})
	}
	for _, ie := range d.Indicators {
		e.Indicators = append(e.Indicators, EffectRowOf(d.Insight, ie))
	}
	for _, m := range d.Memos {
		e.Memos = append(e.Memos, MemoEntry{Author: m.Author, Body: m.Body, At: m.CreatedAt})
	}
	return e
}
