package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
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

// CodedSource is a source with its notes (and their tags), in order.
type CodedSource struct {
	Source model.Source
	Notes  []model.Note
}

// QDAOf is a project's coded sources for a REFI-QDA export: each source's
// notes make its text, one paragraph per note, and each tagged note is a
// selection coded with its tags. Memos become Notes: a code's, a source's
// and a coded note's are referred to from it; a memo on an uncoded note
// is referred to from its source; a memo on an insight (the insights are
// not exported as objects yet) stands alone, named after the insight.
func QDAOf(p model.Project, at time.Time, tags []model.Tag, sources []CodedSource, memos []model.Memo, insightTitles map[int64]string) QDAProject {
	q := QDAProject{Name: p.Name, Origin: "indsigt", CreatedAt: at}
	refs := map[string][]string{} // memo target "kind:id" → note GUIDs
	for _, m := range memos {
		on := m.On()
		name := fmt.Sprintf("Memo %d (%s)", m.ID, m.Author)
		if on.Kind == "insight" {
			name = fmt.Sprintf("Memo %d (%s) · %s", m.ID, m.Author, insightTitles[on.ID])
		}
		n := QDANote{GUID: GUIDFor("memo", id(m.ID)), Name: name, Text: m.Body, CreatedAt: m.CreatedAt}
		q.Notes = append(q.Notes, n)
		refs[on.String()] = append(refs[on.String()], n.GUID)
	}
	q.Codes = codeTree(tags, refs)
	codeByName := map[string]string{}
	for _, t := range tags {
		codeByName[t.Name] = GUIDFor("code", id(t.ID))
	}
	for _, src := range sources {
		q.Sources = append(q.Sources, qdaSource(src, codeByName, refs))
	}
	sort.Slice(q.Sources, func(i, j int) bool { return q.Sources[i].Name < q.Sources[j].Name })
	return q
}

func qdaSource(cs CodedSource, codeByName map[string]string, refs map[string][]string) QDASource {
	src := cs.Source
	qs := QDASource{GUID: GUIDFor("source", id(src.ID)), Name: fmt.Sprintf("%s (%d)", src.Title, src.ID)}
	qs.NoteRefs = append(qs.NoteRefs, refs["source:"+id(src.ID)]...)
	var b strings.Builder
	for _, n := range cs.Notes {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		if n.Speaker != "" {
			b.WriteString(n.Speaker + ": ")
		}
		start := b.Len()
		b.WriteString(n.Text)
		memos := refs["note:"+id(n.ID)]
		if len(n.Tags) == 0 {
			qs.NoteRefs = append(qs.NoteRefs, memos...)
			continue
		}
		sel := QDASelection{GUID: GUIDFor("selection", id(n.ID)), Name: fmt.Sprintf("note %d", n.ID), NoteRefs: memos}
		sel.Start, sel.End = RuneRange(b.String(), start, b.Len())
		for _, t := range n.Tags {
			sel.CodeGUIDs = append(sel.CodeGUIDs, codeByName[t])
		}
		qs.Selections = append(qs.Selections, sel)
	}
	qs.Text = b.String()
	return qs
}

// codeTree nests tags under their parents.
func codeTree(tags []model.Tag, refs map[string][]string) []QDACode {
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
			out = append(out, QDACode{GUID: GUIDFor("code", id(t.ID)), Name: t.Name, Description: t.Description, Color: t.Color, Children: build(t.ID), NoteRefs: refs["tag:"+id(t.ID)]})
		}
		return out
	}
	return build(0)
}
