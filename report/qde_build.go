package report

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"indsigt/model"
)

// CodedSource is a source with its notes (and their tags) in order, its
// highlights, and the participant codes linked to it.
type CodedSource struct {
	Source       model.Source
	Notes        []model.Note
	Highlights   []model.Highlight
	Participants []string
}

// QDAInput is what a REFI-QDA export is made from.
type QDAInput struct {
	Project model.Project
	At      time.Time
	Tags    []model.Tag
	Sources []CodedSource
	Memos   []model.Memo
	// MemoHighlights maps a memo written on a highlight to the highlight.
	MemoHighlights map[int64]int64
	Insights       []model.InsightDetail
}

// SourceSeparator joins the notes of a source into its exported plain
// text: each note is its text, after "Speaker: " when it has a speaker,
// and notes are separated by one blank line. Offsets of selections count
// characters (code points) of exactly that text, so they are exact.
const SourceSeparator = "\n\n"

// QDAOf is a project's coded sources for a REFI-QDA export: each source's
// notes make its text (see SourceSeparator), each tagged note is a
// selection of its text coded with its tags, and each highlight a
// selection of its span coded with its tags. Memos become Notes: a code's,
// a source's, a coded note's and a highlight's are referred to from it; a
// memo on an uncoded note is referred to from its source. Each participant
// code is a Case with the sources it appears in; each insight is a Set of
// the sources its evidence comes from, described by its statement, with
// its memos as member notes.
func QDAOf(in QDAInput) QDAProject {
	q := QDAProject{Name: in.Project.Name, Origin: "indsigt", CreatedAt: in.At}
	titles := make(map[int64]string, len(in.Insights))
	for _, d := range in.Insights {
		titles[d.ID] = d.Title
	}
	refs := map[string][]string{} // memo target "kind:id" → note GUIDs
	for _, m := range in.Memos {
		on := m.On().String()
		if h, ok := in.MemoHighlights[m.ID]; ok {
			on = "highlight:" + id(h)
		}
		name := fmt.Sprintf("Memo %d (%s)", m.ID, m.Author)
		if m.InsightID != nil {
			name = fmt.Sprintf("Memo %d (%s) · %s", m.ID, m.Author, titles[*m.InsightID])
		}
		n := QDANote{GUID: GUIDFor("memo", id(m.ID)), Name: name, Text: m.Body, CreatedAt: m.CreatedAt}
		q.Notes = append(q.Notes, n)
		refs[on] = append(refs[on], n.GUID)
	}
	q.Codes = codeTree(in.Tags, refs)
	codeByName := map[string]string{}
	for _, t := range in.Tags {
		codeByName[t.Name] = GUIDFor("code", id(t.ID))
	}
	for _, src := range in.Sources {
		q.Sources = append(q.Sources, qdaSource(src, codeByName, refs))
	}
	sort.Slice(q.Sources, func(i, j int) bool { return q.Sources[i].Name < q.Sources[j].Name })
	q.Cases = qdaCases(in.Sources)
	q.Sets = qdaSets(in.Insights, refs)
	return q
}

func qdaSource(cs CodedSource, codeByName map[string]string, refs map[string][]string) QDASource {
	src := cs.Source
	qs := QDASource{GUID: GUIDFor("source", id(src.ID)), Name: fmt.Sprintf("%s (%d)", src.Title, src.ID)}
	qs.NoteRefs = append(qs.NoteRefs, refs["source:"+id(src.ID)]...)
	byNote := map[int64][]model.Highlight{}
	for _, h := range cs.Highlights {
		byNote[h.NoteID] = append(byNote[h.NoteID], h)
	}
	var b strings.Builder
	for _, n := range cs.Notes {
		if b.Len() > 0 {
			b.WriteString(SourceSeparator)
		}
		if n.Speaker != "" {
			b.WriteString(n.Speaker + ": ")
		}
		start := b.Len()
		b.WriteString(n.Text)
		from, to := RuneRange(b.String(), start, b.Len())
		for _, h := range byNote[n.ID] {
			qs.Selections = append(qs.Selections, QDASelection{GUID: GUIDFor("highlight", id(h.ID)), Name: fmt.Sprintf("highlight %d", h.ID),
				Start: from + h.Start, End: from + h.End, CodeGUIDs: codesOf(h.Tags, codeByName), NoteRefs: refs["highlight:"+id(h.ID)]})
		}
		memos := refs["note:"+id(n.ID)]
		if len(n.Tags) == 0 {
			qs.NoteRefs = append(qs.NoteRefs, memos...)
			continue
		}
		qs.Selections = append(qs.Selections, QDASelection{GUID: GUIDFor("selection", id(n.ID)), Name: fmt.Sprintf("note %d", n.ID),
			Start: from, End: to, CodeGUIDs: codesOf(n.Tags, codeByName), NoteRefs: memos})
	}
	qs.Text = b.String()
	return qs
}

func codesOf(tags []string, codeByName map[string]string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if g, ok := codeByName[t]; ok {
			out = append(out, g)
		}
	}
	return out
}

// qdaCases makes a Case per participant code with the sources it is in.
func qdaCases(sources []CodedSource) []QDACase {
	bySource := map[string][]string{}
	var codes []string
	for _, cs := range sources {
		for _, c := range cs.Participants {
			if bySource[c] == nil {
				codes = append(codes, c)
			}
			bySource[c] = append(bySource[c], GUIDFor("source", id(cs.Source.ID)))
		}
	}
	sort.Strings(codes)
	out := make([]QDACase, 0, len(codes))
	for _, c := range codes {
		out = append(out, QDACase{GUID: GUIDFor("case", c), Name: c, SourceGUIDs: bySource[c]})
	}
	return out
}

// qdaSets makes a Set per insight: its evidence's sources and its memos.
func qdaSets(insights []model.InsightDetail, refs map[string][]string) []QDASet {
	out := make([]QDASet, 0, len(insights))
	for _, d := range insights {
		set := QDASet{GUID: GUIDFor("insight", id(d.ID)), Name: d.Title, Description: d.Statement, NoteGUIDs: refs["insight:"+id(d.ID)]}
		seen := map[int64]bool{}
		for _, e := range d.Evidence {
			if !seen[e.SourceID] {
				seen[e.SourceID] = true
				set.SourceGUIDs = append(set.SourceGUIDs, GUIDFor("source", id(e.SourceID)))
			}
		}
		out = append(out, set)
	}
	return out
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
