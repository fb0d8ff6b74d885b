package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"indsigt/internal/refiqda"
	"indsigt/model"
)

func ptr(n int64) *int64 { return &n }

// TestQDPXCarriesMemos: memos become REFI-QDA Notes referred to from their
// code, source or coded selection; the file still validates.
func TestQDPXCarriesMemos(t *testing.T) {
	at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	tags := []model.Tag{{ID: 1, Name: "Mad", Color: "#1b6e3a"}}
	src := CodedSource{Source: model.Source{ID: 1, Title: "Nattevagt"}, Notes: []model.Note{
		{ID: 1, Speaker: "Borger-1", Text: "Er der mad nok til i morgen?", Tags: []string{"Mad"}},
		{ID: 2, Text: "Hun går i seng igen."},
	}}
	memos := []model.Memo{
		{ID: 1, Author: "Åse", Body: "Koden dækker *frygt* for mangel", TagID: ptr(1), CreatedAt: at},
		{ID: 2, Author: "Åse", Body: "Spørg nattevagten", NoteID: ptr(1), CreatedAt: at},
		{ID: 3, Author: "Bo", Body: "Ukodet note: <b>vigtig</b>", NoteID: ptr(2), CreatedAt: at},
		{ID: 4, Author: "Bo", Body: "Hele vagten", SourceID: ptr(1), CreatedAt: at},
		{ID: 5, Author: "Bo", Body: "- test køleskabet\n- mål", InsightID: ptr(9), CreatedAt: at},
	}
	p := QDAOf(QDAInput{Project: model.Project{Name: "Plejehjem"}, At: at, Tags: tags, Sources: []CodedSource{src}, Memos: memos,
		Insights: []model.InsightDetail{{Insight: model.Insight{ID: 9, Title: "Er der mad nok?"}}}})
	files, doc := exportQDPX(t, p)
	if doc.Notes == nil || len(doc.Notes.Note) != 5 {
		t.Fatalf("notes: %+v", doc.Notes)
	}
	byGUID := map[string]refiqda.TextSource{}
	for _, n := range doc.Notes.Note {
		byGUID[n.GUID] = n
	}
	text := func(refs []refiqda.Ref) []string {
		var out []string
		for _, r := range refs {
			if c := byGUID[r.Target].PlainTextContent; c != nil {
				out = append(out, *c)
			}
		}
		return out
	}
	ts := doc.Sources.Source[0]
	for what, c := range map[string]struct {
		got  []string
		want string
	}{
		"code":      {text(doc.CodeBook.Codes.Code[0].NoteRefs), "Koden dækker *frygt* for mangel"},
		"selection": {text(ts.Selections[0].NoteRefs), "Spørg nattevagten"},
		"source":    {text(ts.NoteRefs), "Hele vagten|Ukodet note: <b>vigtig</b>"},
	} {
		if got := strings.Join(c.got, "|"); got != c.want {
			t.Errorf("%s notes = %q, want %q", what, got, c.want)
		}
	}
	if n := byGUID[GUIDFor("memo", "5")]; !strings.Contains(n.Name, "Er der mad nok?") || n.CreationDateTime != "2026-11-23T09:30:00Z" {
		t.Errorf("insight memo = %+v", n)
	}
	validateWithXmllint(t, files["project.qde"])

	p.Sources[0].Selections[0].NoteRefs = []string{"00000000-0000-4000-8000-000000000000"}
	if err := WriteQDPX(&bytes.Buffer{}, p); err == nil {
		t.Error("a dangling note reference was written")
	}
}

// TestInsightExportsCarryMemos: the JSON and HTML insight exports list an
// insight's memos; HTML renders them escaped.
func TestInsightExportsCarryMemos(t *testing.T) {
	at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	d := model.InsightDetail{Insight: model.Insight{ID: 9, Title: "Er der mad nok?", Phase: model.PhaseOpdag},
		Memos: []model.Memo{{ID: 1, Author: "Åse", Body: "Spørg *datteren* <script>x</script>", InsightID: ptr(9), CreatedAt: at}}}
	r := InsightsOf(model.Project{Name: "P"}, at, []model.InsightDetail{d})
	var js bytes.Buffer
	if err := WriteInsightsJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Insights []struct {
			Memos []struct{ Author, Body string } `json:"memos"`
		} `json:"insights"`
	}
	if err := json.Unmarshal(js.Bytes(), &out); err != nil || len(out.Insights[0].Memos) != 1 || out.Insights[0].Memos[0].Author != "Åse" {
		t.Fatalf("json memos: %s %v", js.String(), err)
	}
	var h bytes.Buffer
	if err := WriteInsightsHTML(&h, r, "da"); err != nil {
		t.Fatal(err)
	}
	if s := h.String(); !strings.Contains(s, "<em>datteren</em>") || strings.Contains(s, "<script>x") || !strings.Contains(s, "Memoer") {
		t.Errorf("html memos not rendered escaped:\n%s", s)
	}
}
