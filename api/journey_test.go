package api_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"indsigt/api"
	"indsigt/ingest"
	"indsigt/internal/testkit"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
)

// upload posts files as multipart form data.
func (h *harness) upload(path, token string, files ...string) (int, []ingest.Result) {
	h.t.Helper()
	parts := make([]testkit.File, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			h.t.Fatal(err)
		}
		parts = append(parts, testkit.File{Name: f, Body: data})
	}
	return h.uploadFiles(path, token, nil, parts...)
}

// mustUpload uploads files and fails the test unless the answer is 201.
func (h *harness) mustUpload(path, token string, files ...string) {
	h.t.Helper()
	if code, _ := h.upload(path, token, files...); code != 201 {
		h.t.Fatalf("upload to %s: %d", path, code)
	}
}

func (h *harness) raw(path, token string) (int, []byte) {
	h.t.Helper()
	return testkit.Call(h.t, "GET", h.url+path, token, nil)
}

// TestJourney walks the whole design-thinking journey through the HTTP API.
func TestJourney(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		designer := h.user("sara@kolding.dk", model.RoleDesigner)
		lead := h.user("lars@kolding.dk", model.RoleLead)
		analyst := h.user("anna@kolding.dk", model.RoleAnalyst)
		P := h.project(designer, "mad", "Er der mad nok?")
		h.join(P, designer, "lars@kolding.dk", model.RoleLead)
		h.join(P, designer, "anna@kolding.dk", model.RoleAnalyst)

		// Opdag/forstå: ingest interviews and observations.
		code, results := h.upload(P+"/sources", designer, "interview-grethe.txt", "observation-nat.md", "samtale-marie.vtt", "natlige-noter.csv")
		if code != 201 || len(results) != 4 {
			t.Fatalf("upload: %d %+v", code, results)
		}
		for _, r := range results {
			if r.Status != ingest.StatusIngested {
				t.Fatalf("upload %s: %+v", r.Name, r)
			}
		}
		if code, again := h.upload(P+"/sources", designer, "interview-grethe.txt"); code != 200 || again[0].Status != ingest.StatusDuplicate {
			t.Fatalf("duplicate upload: %d %+v", code, again)
		}
		if code, _ := h.upload(P+"/sources", analyst, "interview-grethe.txt"); code != 403 {
			t.Fatalf("analyst upload: %d", code)
		}
		h.catchUp()

		var found api.SearchAnswer
		if code := h.do("GET", P+"/search?q=k%C3%B8leskab", designer, "", &found); code != 200 || found.Total < 5 {
			t.Fatalf("search: %d %+v", code, found)
		}
		for _, it := range found.Items {
			for _, leak := range []string{"Grethe", "Ærtebjerg", "Marie Lund", "Kræmmer"} {
				if strings.Contains(it.Snippet, leak) || strings.Contains(it.Participant, leak) {
					t.Fatalf("search answer leaks %q: %+v", leak, it)
				}
			}
		}
		first := found.Items[0].NoteID

		// Tag one note, then the whole result at once.
		var tagged model.Note
		if code := h.do("POST", P+"/notes/"+first+"/tags", designer, `{"tags":["Tryghed"]}`, &tagged); code != 200 || !contains(tagged.Tags, "Tryghed") {
			t.Fatalf("tag: %d %+v", code, tagged)
		}
		var ids []string
		for _, it := range found.Items {
			ids = append(ids, `"`+it.NoteID+`"`)
		}
		if code := h.do("POST", P+"/tags", designer, `{"tags":["Mad og måltider"],"note_ids":[`+strings.Join(ids, ",")+`]}`, nil); code != 200 {
			t.Fatalf("bulk tag: %d", code)
		}
		h.catchUp()
		var byTag api.SearchAnswer
		h.do("GET", P+"/search?q=tag:Tryghed", designer, "", &byTag)
		if byTag.Total != 1 || byTag.Items[0].NoteID != first {
			t.Fatalf("tag search: %+v", byTag)
		}

		// Suggestions, then an insight from one.
		var sugg api.Page[search.Suggestion]
		if code := h.do("GET", P+"/suggestions", designer, "", &sugg); code != 200 || len(sugg.Items) == 0 {
			t.Fatalf("suggestions: %d %+v", code, sugg)
		}
		var noteIDs []string
		for _, n := range sugg.Items[0].Notes {
			noteIDs = append(noteIDs, fmt.Sprintf(`"%d"`, n.ID))
		}
		var insight model.Insight
		body := `{"title":"Hun er bange for, at der ikke er mad nok til i morgen","statement":"Beboerne tjekker køleskabet om natten for at føle sig trygge.","note_ids":[` + strings.Join(noteIDs, ",") + `]}`
		if code := h.do("POST", P+"/insights", designer, body, &insight); code != 201 || insight.Phase != model.PhaseOpdag || insight.EvidenceCount != len(noteIDs) {
			t.Fatalf("insight: %d %+v", code, insight)
		}
		I := fmt.Sprintf("%s/insights/%d", P, insight.ID)
		if code := h.do("POST", I+"/evidence", designer, `{"note_id":"`+first+`","stance":"contradicts"}`, nil); code != 201 {
			t.Fatalf("evidence: %d", code)
		}

		// Skab/test, then Virk/effekt. A move must say why.
		if code := h.do("POST", I+"/phase", designer, `{"phase":"skab","reason":"  "}`, nil); code != 400 {
			t.Fatalf("move without a reason: %d, want 400", code)
		}
		if code := h.do("POST", I+"/phase", designer, `{"phase":"skab","reason":"Vi tester et eget køleskab."}`, nil); code != 200 {
			t.Fatalf("to skab: %d", code)
		}
		if code := h.do("POST", I+"/tests", designer, `{"title":"Eget køleskab","hypothesis":"Hun falder til ro","method":"To nætter","result":"Hun går hurtigt i seng","outcome":"confirmed"}`, nil); code != 201 {
			t.Fatalf("test: %d", code)
		}
		if code := h.do("POST", I+"/phase", lead, `{"phase":"virk","reason":"Testen virkede."}`, nil); code != 200 {
			t.Fatalf("to virk: %d", code)
		}
		if code := h.do("POST", I+"/indicators", designer, `{"name":"Gange oppe om natten","unit":"gange","direction":"down","baseline":12,"target":2}`, nil); code != 403 {
			t.Fatalf("designer setting indicator: %d, want 403", code)
		}
		var ind model.Indicator
		if code := h.do("POST", I+"/indicators", lead, `{"name":"Gange oppe om natten pr. uge","unit":"gange","direction":"down","baseline":12,"target":2,"start_date":"2026-04-01"}`, &ind); code != 201 {
			t.Fatalf("indicator: %d", code)
		}
		for i, v := range []string{"10", "7", "4"} {
			m := fmt.Sprintf(`{"value":%s,"measured_at":"2026-04-%02d","note":"Uge %d"}`, v, 8+7*i, i+1)
			if code := h.do("POST", fmt.Sprintf("%s/indicators/%d/measurements", P, ind.ID), lead, m, nil); code != 201 {
				t.Fatalf("measurement: %d", code)
			}
		}
		var detail model.InsightDetail
		h.do("GET", I, analyst, "", &detail)
		eff := detail.Indicators[0].Effect
		if detail.Phase != model.PhaseVirk || *eff.Change != -8 || *eff.TargetReached != 80 || eff.Trend != "improving" || len(detail.Tests) != 1 || detail.LIX <= 0 {
			t.Fatalf("detail: %+v effect %+v", detail, eff)
		}

		checkEffectsCSV(t, h, P, analyst)
		checkEffectsXLSX(t, h, P, analyst)
		checkEffectsJSON(t, h, P, analyst)
		if code, b := h.raw(P+"/reports/effects.html", analyst); code != 200 || !bytes.Contains(b, []byte("<svg")) {
			t.Fatalf("effects.html: %d", code)
		}
		for phase, want := range map[string]string{"virk": `"indicator_id"`, "opdag": `"indicators": []`} {
			if code, b := h.raw(P+"/reports/effects.json?phase="+phase, analyst); code != 200 || !bytes.Contains(b, []byte(want)) {
				t.Fatalf("effects.json?phase=%s: %d %s", phase, code, b)
			}
		}
		if code, _ := h.raw(P+"/reports/effects.csv?phase=sommer", analyst); code != 400 {
			t.Fatalf("unknown phase filter: %d", code)
		}
		if code, b := h.raw(P+"/reports/project.qdpx", analyst); code != 200 || !bytes.HasPrefix(b, []byte("PK")) {
			t.Fatalf("qdpx: %d", code)
		}

		// Back to the start: virk → opdag is a normal move and shows in the history.
		var moved struct {
			History []model.PhaseEvent `json:"history"`
		}
		if code := h.do("POST", I+"/phase", lead, `{"phase":"opdag","reason":"Effekten holdt ikke; vi observerer igen."}`, &moved); code != 200 {
			t.Fatalf("back to opdag: %d", code)
		}
		last := moved.History[len(moved.History)-1]
		if len(moved.History) != 4 || *last.From != model.PhaseVirk || last.To != model.PhaseOpdag || last.By == "" || last.Reason == "" {
			t.Fatalf("history: %+v", moved.History)
		}
		if code := h.do("POST", I+"/phase", lead, `{"phase":"opdag","reason":"igen"}`, nil); code != 400 {
			t.Fatalf("move to the same phase: %d", code)
		}
		var prog model.Progress
		h.do("GET", P+"/progress", lead, "", &prog)
		if prog.PerPhase[model.PhaseOpdag] != 1 || len(prog.TestsWithoutOutcome) != 0 {
			t.Fatalf("progress: %+v", prog)
		}
		var audit api.Page[store.AuditEntry]
		h.do("GET", P+"/audit", designer, "", &audit)
		exports, actions := 0, map[string]bool{}
		for _, e := range audit.Items {
			actions[e.Action] = true
			if e.Action == "report.export" {
				exports++
			}
		}
		for _, a := range []string{"source.ingest", "note.tag", "insight.create", "insight.evidence", "insight.phase", "test.create", "indicator.create", "measurement.create", "search"} {
			if !actions[a] {
				t.Errorf("audit log lacks %s", a)
			}
		}
		if exports != 7 {
			t.Fatalf("audit has %d report.export entries, want 7", exports)
		}
		for _, leak := range []string{"Grethe", "Ærtebjerg", "Kræmmer", "køleskab"} {
			if strings.Contains(h.logs.String(), leak) {
				t.Fatalf("logs contain note text or personal data %q", leak)
			}
		}
	})
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func checkEffectsCSV(t *testing.T, h *harness, P, tok string) {
	code, b := h.raw(P+"/reports/effects.csv", tok)
	if code != 200 || !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatalf("effects.csv: %d, BOM missing", code)
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("effects.csv rows: %v %v", rows, err)
	}
	col := map[string]string{}
	for i, name := range rows[0] {
		col[name] = rows[1][i]
	}
	want := map[string]string{"Baseline": "12", "Mål": "2", "Seneste": "4", "Ændring": "-8", "Målopfyldelse %": "80", "Antal målinger": "3", "Indikator": "Gange oppe om natten pr. uge"}
	for k, v := range want {
		if col[k] != v {
			t.Errorf("effects.csv %s = %q, want %q (row %v)", k, col[k], v, rows[1])
		}
	}
}

func checkEffectsXLSX(t *testing.T, h *harness, P, tok string) {
	code, b := h.raw(P+"/reports/effects.xlsx", tok)
	if code != 200 {
		t.Fatalf("effects.xlsx: %d", code)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Effekt", excelize.Options{RawCellValue: true})
	if err != nil || len(rows) < 2 {
		t.Fatalf("xlsx rows: %v %v", rows, err)
	}
	col := map[string]string{}
	for i, name := range rows[0] {
		if i < len(rows[1]) {
			col[name] = rows[1][i]
		}
	}
	for k, v := range map[string]string{"Baseline": "12", "Seneste": "4", "Ændring": "-8", "Målopfyldelse %": "80"} {
		if col[k] != v {
			t.Errorf("effects.xlsx %s = %q, want %q", k, col[k], v)
		}
	}
	if ms, _ := f.GetRows("Målinger"); len(ms) != 4 {
		t.Errorf("xlsx Målinger has %d rows, want header + 3", len(ms))
	}
}

func checkEffectsJSON(t *testing.T, h *harness, P, tok string) {
	code, b := h.raw(P+"/reports/effects.json", tok)
	var r struct {
		Indicators []struct {
			Measurements []json.RawMessage   `json:"measurements"`
			Summary      model.EffectSummary `json:"summary"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal(b, &r); code != 200 || err != nil || len(r.Indicators) != 1 {
		t.Fatalf("effects.json: %d %v %s", code, err, b)
	}
	s := r.Indicators[0].Summary
	if *s.Latest != 4 || *s.Change != -8 || *s.TargetReached != 80 || len(r.Indicators[0].Measurements) != 3 {
		t.Fatalf("effects.json summary: %+v", s)
	}
}
