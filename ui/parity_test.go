package ui_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"indsigt/model"
	"indsigt/store"
)

// apiClient calls the JSON API of the same server with a token.
type apiClient struct {
	e   *env
	tok string
}

func (e *env) apiAs(role model.Role) apiClient {
	e.t.Helper()
	tok, err := e.auth.CreateToken(context.Background(), e.logins[role].Email, "parity")
	if err != nil {
		e.t.Fatal(err)
	}
	return apiClient{e: e, tok: tok}
}

func (a apiClient) do(method, path, body string, out any) int {
	a.e.t.Helper()
	req, _ := http.NewRequest(method, a.e.srv.URL+"/api/v1/projects/"+a.e.proj.Slug+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+a.tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			a.e.t.Fatalf("%s %s: %v %s", method, path, err, b)
		}
	}
	if resp.StatusCode >= 300 {
		a.e.t.Logf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	return resp.StatusCode
}

// lastAudit is the newest audit row of an action in the demo project.
func (e *env) lastAudit(action string) store.AuditEntry {
	e.t.Helper()
	es, err := e.store.AuditLog(context.Background(), e.proj.ID, 500)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, a := range es {
		if a.Action == action {
			return a
		}
	}
	e.t.Fatalf("no audit row %s", action)
	return store.AuditEntry{}
}

func sid(n int64) string { return strconv.FormatInt(n, 10) }

// TestAuditParityAPIAndWebApp: every action that both the API and the web
// app offer writes the same audit row: action, target (kind:id of the
// object acted on), project and user.
func TestAuditParityAPIAndWebApp(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	api, web := e.apiAs(model.RoleLead), e.login(model.RoleLead)
	lead, _, err := e.store.UserByEmail(ctx, e.logins[model.RoleLead].Email)
	if err != nil {
		t.Fatal(err)
	}
	ins, _ := e.store.Insights(ctx, e.proj.ID, "")
	ev, _ := e.store.InsightEvidence(ctx, ins[0].ID)
	note := ev[0].NoteID
	form := func(kv ...string) url.Values {
		v := url.Values{"csrf_token": {web.csrf}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Add(kv[i], kv[i+1])
		}
		return v
	}
	mustWeb := func(code int, body string) {
		t.Helper()
		if code != http.StatusSeeOther && code != http.StatusOK {
			t.Fatalf("web: %d %.300s", code, body)
		}
	}
	check := func(adapter, action, wantObject, wantDetail string) {
		t.Helper()
		a := e.lastAudit(action)
		if a.Object != wantObject || a.ProjectID == nil || *a.ProjectID != e.proj.ID || a.UserID == nil || *a.UserID != lead.ID {
			t.Errorf("%s %s: audit %+v, want object %s in project %d by %d", adapter, action, a, wantObject, e.proj.ID, lead.ID)
		}
		if wantDetail != "-" && a.Detail != wantDetail {
			t.Errorf("%s %s: detail %q, want %q", adapter, action, a.Detail, wantDetail)
		}
	}

	// insight.create
	var created model.Insight
	if code := api.do("POST", "/insights", fmt.Sprintf(`{"title":"Fra API","note_ids":["%d"]}`, note), &created); code != 201 {
		t.Fatalf("api create: %d", code)
	}
	check("api", "insight.create", "insight:"+sid(created.ID), "")
	code, body, h := web.post(e.path("/insights"), form("title", "Fra web", "note_id", sid(note)))
	mustWeb(code, body)
	webID := h.Get("Location")[strings.LastIndex(h.Get("Location"), "/")+1:]
	check("web", "insight.create", "insight:"+webID, "")
	webIns, _ := strconv.ParseInt(webID, 10, 64)

	// insight.evidence
	if code := api.do("POST", "/insights/"+sid(created.ID)+"/evidence", fmt.Sprintf(`{"note_id":"%d","stance":"contradicts"}`, note), nil); code != 201 {
		t.Fatalf("api evidence: %d", code)
	}
	check("api", "insight.evidence", "insight:"+sid(created.ID), fmt.Sprintf("note:%d contradicts", note))
	code, body, _ = web.post(e.path("/insights/"+webID+"/evidence"), form("note_id", sid(note), "stance", "contradicts"))
	mustWeb(code, body)
	check("web", "insight.evidence", "insight:"+webID, fmt.Sprintf("note:%d contradicts", note))

	// insight.evidence.remove
	if code := api.do("DELETE", fmt.Sprintf("/insights/%d/evidence/%d", created.ID, note), "", nil); code != 204 {
		t.Fatalf("api remove evidence: %d", code)
	}
	check("api", "insight.evidence.remove", "insight:"+sid(created.ID), fmt.Sprintf("note:%d", note))
	code, body, _ = web.post(e.path(fmt.Sprintf("/insights/%d/evidence/%d/remove", webIns, note)), form())
	mustWeb(code, body)
	check("web", "insight.evidence.remove", "insight:"+webID, fmt.Sprintf("note:%d", note))

	// insight.phase
	if code := api.do("POST", "/insights/"+sid(created.ID)+"/phase", `{"phase":"skab","reason":"Vi prøver det af"}`, nil); code != 200 {
		t.Fatalf("api phase: %d", code)
	}
	check("api", "insight.phase", "insight:"+sid(created.ID), "skab")
	code, body, _ = web.post(e.path("/insights/"+webID+"/phase"), form("phase", "skab", "reason", "Vi prøver det af"))
	mustWeb(code, body)
	check("web", "insight.phase", "insight:"+webID, "skab")

	// test.create and test.update
	var tt model.Test
	if code := api.do("POST", "/insights/"+sid(created.ID)+"/tests", `{"title":"Prototype"}`, &tt); code != 201 {
		t.Fatalf("api test: %d", code)
	}
	check("api", "test.create", "test:"+sid(tt.ID), "insight:"+sid(created.ID))
	code, body, _ = web.post(e.path("/insights/"+webID+"/tests"), form("title", "Prototype"))
	mustWeb(code, body)
	webTests, _ := e.store.Tests(ctx, e.proj.ID, webIns)
	webTest := webTests[len(webTests)-1].ID
	check("web", "test.create", "test:"+sid(webTest), "insight:"+webID)
	if code := api.do("PATCH", "/tests/"+sid(tt.ID), `{"outcome":"confirmed"}`, nil); code != 200 {
		t.Fatalf("api test update: %d", code)
	}
	check("api", "test.update", "test:"+sid(tt.ID), "confirmed")
	code, body, _ = web.post(e.path(fmt.Sprintf("/insights/%d/tests/%d", webIns, webTest)), form("outcome", "confirmed", "result", "Det virkede"))
	mustWeb(code, body)
	check("web", "test.update", "test:"+sid(webTest), "confirmed")

	// indicator.create and measurement.create
	var ind model.Indicator
	if code := api.do("POST", "/insights/"+sid(created.ID)+"/indicators", `{"name":"Nætter","direction":"down","baseline":5,"target":1}`, &ind); code != 201 {
		t.Fatalf("api indicator: %d", code)
	}
	check("api", "indicator.create", "indicator:"+sid(ind.ID), "insight:"+sid(created.ID))
	code, body, _ = web.post(e.path("/insights/"+webID+"/indicators"), form("name", "Nætter", "direction", "down", "baseline", "5", "target", "1"))
	mustWeb(code, body)
	webInds, _ := e.store.Indicators(ctx, e.proj.ID, webIns)
	webInd := webInds[0].ID
	check("web", "indicator.create", "indicator:"+sid(webInd), "insight:"+webID)
	if code := api.do("POST", "/indicators/"+sid(ind.ID)+"/measurements", `{"value":3}`, nil); code != 201 {
		t.Fatalf("api measurement: %d", code)
	}
	check("api", "measurement.create", "indicator:"+sid(ind.ID), "")
	code, body, _ = web.post(e.path("/indicators/"+sid(webInd)+"/measurements"), form("value", "3"))
	mustWeb(code, body)
	check("web", "measurement.create", "indicator:"+sid(webInd), "")

	// insight.read
	if code := api.do("GET", "/insights/"+sid(created.ID), "", nil); code != 200 {
		t.Fatalf("api read: %d", code)
	}
	check("api", "insight.read", "insight:"+sid(created.ID), "")
	code, body = web.get(e.path("/insights/" + webID))
	mustWeb(code, body)
	check("web", "insight.read", "insight:"+webID, "")

	// report.export
	if code := api.do("GET", "/reports/effects.csv?phase=skab", "", nil); code != 200 {
		t.Fatalf("api export: %d", code)
	}
	check("api", "report.export", "report:effects.csv", "skab")
	code, body = web.get(e.path("/reports/effects.csv?phase=skab"))
	mustWeb(code, body)
	check("web", "report.export", "report:effects.csv", "skab")
}

// TestInvalidFormsKeepInput: a measurement "ca. 22" and a phase move
// without a reason show the page again (422) with the message in the
// page's language next to the field and what was typed kept; so do the
// add-indicator and add-test forms.
func TestInvalidFormsKeepInput(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	c := e.login(model.RoleLead)
	invalidIndicatorAndTestForms(t, e, c)
	ins, _ := e.store.Insights(ctx, e.proj.ID, "")
	var ind model.Indicator
	for _, in := range ins {
		if inds, _ := e.store.Indicators(ctx, e.proj.ID, in.ID); len(inds) > 0 {
			ind = inds[0]
		}
	}
	if ind.ID == 0 {
		t.Fatal("the demo has no indicator")
	}
	for _, lang := range []struct{ code, value, reason string }{
		{"da", "Skriv et tal, fx 22 eller 12,5 (uden »ca.«)", "Skriv hvorfor indsigten flyttes"},
		{"en", "", ""},
	} {
		if lang.code == "en" {
			if code, _, _ := c.post("/lang", url.Values{"csrf_token": {c.csrf}, "lang": {"en"}, "back": {"/"}}); code >= 400 {
				t.Fatalf("switch to English: %d", code)
			}
			lang.value, lang.reason = e.message("en", "field.value.number"), e.message("en", "field.reason.required")
		}
		code, body, _ := c.post(e.path(fmt.Sprintf("/indicators/%d/measurements", ind.ID)),
			url.Values{"csrf_token": {c.csrf}, "value": {"ca. 22"}, "measured_at": {"2026-03-04"}, "comment": {"Talt af nattevagten"}})
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("%s: measurement ca. 22: %d, want 422", lang.code, code)
		}
		for _, want := range []string{lang.value, `value="ca. 22"`, `value="2026-03-04"`, `value="Talt af nattevagten"`, `aria-invalid="true"`,
			fmt.Sprintf(`aria-describedby="m-val-%d-error"`, ind.ID), fmt.Sprintf(`id="m-val-%d-error"`, ind.ID)} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: measurement page lacks %q", lang.code, want)
			}
		}
		code, body, _ = c.post(e.path(fmt.Sprintf("/insights/%d/phase", ind.InsightID)), url.Values{"csrf_token": {c.csrf}, "phase": {otherPhase(ins, ind.InsightID)}, "reason": {"  "}})
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("%s: move without reason: %d, want 422", lang.code, code)
		}
		for _, want := range []string{lang.reason, `aria-describedby="reason-error"`, `checked`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: phase page lacks %q", lang.code, want)
			}
		}
	}
}

func otherPhase(ins []model.Insight, id int64) string {
	for _, in := range ins {
		if in.ID == id && in.Phase != model.PhaseSkab {
			return string(model.PhaseSkab)
		}
	}
	return string(model.PhaseOpdag)
}

// message is a text from the message files.
func (e *env) message(lang, key string) string {
	e.t.Helper()
	b, err := os.ReadFile("locales/" + lang + ".json")
	if err != nil {
		e.t.Fatal(err)
	}
	var kv map[string]string
	if err := json.Unmarshal(b, &kv); err != nil {
		e.t.Fatal(err)
	}
	return kv[key]
}

// invalidIndicatorAndTestForms: the add-indicator and add-test forms come
// back with the message and what was typed.
func invalidIndicatorAndTestForms(t *testing.T, e *env, c *client) {
	ins, _ := e.store.Insights(context.Background(), e.proj.ID, "")
	p := e.path(fmt.Sprintf("/insights/%d", ins[0].ID))
	code, body, _ := c.post(p+"/indicators", url.Values{"csrf_token": {c.csrf}, "name": {"Nætter oppe"}, "direction": {"down"}, "baseline": {"12"}, "target": {"cirka 2"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("indicator with target cirka 2: %d", code)
	}
	for _, want := range []string{e.message("da", "field.number"), `value="Nætter oppe"`, `value="cirka 2"`, `<option value="down" selected>`, `aria-describedby="i-target-error"`} {
		if !strings.Contains(body, want) {
			t.Errorf("indicator form lacks %q", want)
		}
	}
	code, body, _ = c.post(p+"/tests", url.Values{"csrf_token": {c.csrf}, "title": {" "}, "hypothesis": {"Hun sover bedre"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("test without title: %d", code)
	}
	for _, want := range []string{e.message("da", "field.required"), "Hun sover bedre</textarea>", `aria-describedby="t-title-error"`} {
		if !strings.Contains(body, want) {
			t.Errorf("test form lacks %q", want)
		}
	}
}
