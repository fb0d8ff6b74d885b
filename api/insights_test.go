package api_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"indsigt/model"
	"indsigt/server"
	"indsigt/store"
	"indsigt/store/storetest"
)

// insightFixture is a project "p" with one insight, a test and an
// indicator, made by a designer (who owns it) with a lead as member.
type insightFixture struct {
	h              *harness
	designer, lead string
	P              string
	insight, test  string
	indicator      string
}

func newInsightFixture(t *testing.T, h *harness) insightFixture {
	f := insightFixture{h: h, designer: h.user("sara@kolding.dk", model.RoleDesigner), lead: h.user("lars@kolding.dk", model.RoleLead)}
	f.P = h.project(f.designer, "p", "Projekt")
	h.join(f.P, f.designer, "lars@kolding.dk", model.RoleLead)
	var in model.Insight
	if code := h.do("POST", f.P+"/insights", f.designer, `{"title":"Mad om natten","statement":"Hun er bange for, at maden slipper op."}`, &in); code != 201 {
		t.Fatalf("insight: %d", code)
	}
	var tt model.Test
	if code := h.do("POST", f.P+"/insights/"+id(in.ID)+"/tests", f.designer, `{"title":"Fyldt køleskab","hypothesis":"Hun sover bedre","method":"Observation"}`, &tt); code != 201 {
		t.Fatalf("test: %d", code)
	}
	var ind model.Indicator
	if code := h.do("POST", f.P+"/insights/"+id(in.ID)+"/indicators", f.lead, `{"name":"Gange oppe","direction":"down","baseline":12,"target":2}`, &ind); code != 201 {
		t.Fatalf("indicator: %d", code)
	}
	f.insight, f.test, f.indicator = id(in.ID), id(tt.ID), id(ind.ID)
	return f
}

func id(n int64) string { return fmt.Sprint(n) }

func TestPatchInsightKeepsOmittedFields(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		f := newInsightFixture(t, h)
		var in model.Insight
		if code := f.h.do("PATCH", f.P+"/insights/"+f.insight, f.designer, `{"title":"Mad nok om natten"}`, &in); code != 200 {
			t.Fatalf("patch title: %d", code)
		}
		if in.Title != "Mad nok om natten" || in.Statement != "Hun er bange for, at maden slipper op." {
			t.Fatalf("title only: %+v", in)
		}
		if code := f.h.do("PATCH", f.P+"/insights/"+f.insight, f.designer, `{"statement":"Ny."}`, &in); code != 200 || in.Title != "Mad nok om natten" || in.Statement != "Ny." {
			t.Fatalf("statement only: %d %+v", code, in)
		}
		var d model.InsightDetail
		f.h.do("GET", f.P+"/insights/"+f.insight, f.designer, "", &d)
		if d.Title != "Mad nok om natten" || d.Statement != "Ny." {
			t.Fatalf("stored: %+v", d.Insight)
		}
		var e server.ErrorBody
		f.h.do("PATCH", f.P+"/insights/"+f.insight, f.designer, `{"title":""}`, &e)
		if e.Error.Code == "" || e.Error.Field != "title" {
			t.Fatalf("empty title: %+v", e)
		}
	})
}

func TestPatchTestKeepsOmittedFields(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		f := newInsightFixture(t, h)
		var tt model.Test
		if code := f.h.do("PATCH", f.P+"/tests/"+f.test, f.designer, `{"outcome":"confirmed"}`, &tt); code != 200 {
			t.Fatalf("outcome only: %d", code)
		}
		if tt.Outcome != model.OutcomeConfirmed || tt.Title != "Fyldt køleskab" || tt.Hypothesis != "Hun sover bedre" || tt.Method != "Observation" {
			t.Fatalf("outcome only: %+v", tt)
		}
		if code := f.h.do("PATCH", f.P+"/tests/"+f.test, f.designer, `{"result":"Hun sov igennem"}`, &tt); code != 200 || tt.Outcome != model.OutcomeConfirmed || tt.Result != "Hun sov igennem" {
			t.Fatalf("result only: %d %+v", code, tt)
		}
		var d model.InsightDetail
		f.h.do("GET", f.P+"/insights/"+f.insight, f.designer, "", &d)
		if len(d.Tests) != 1 || d.Tests[0].Title != "Fyldt køleskab" || d.Tests[0].Outcome != model.OutcomeConfirmed || d.Tests[0].Result != "Hun sov igennem" {
			t.Fatalf("stored: %+v", d.Tests)
		}
		if code := f.h.do("PATCH", f.P+"/tests/"+f.test, f.designer, `{"outcome":"måske"}`, nil); code != 400 {
			t.Fatalf("unknown outcome: %d", code)
		}
	})
}

// TestInsightFieldErrorsNameTheField: invalid input answers 400 with a code and
// the field as the JSON spells it.
func TestInsightFieldErrorsNameTheField(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		f := newInsightFixture(t, h)
		for _, tc := range []struct {
			name, path, token, body, field string
		}{
			{"move without reason", "/insights/" + f.insight + "/phase", f.lead, `{"phase":"skab"}`, "reason"},
			{"move to the same phase", "/insights/" + f.insight + "/phase", f.lead, `{"phase":"opdag","reason":"igen"}`, "phase"},
			{"unknown phase", "/insights/" + f.insight + "/phase", f.lead, `{"phase":"sommer","reason":"x"}`, "phase"},
			{"measurement without value", "/indicators/" + f.indicator + "/measurements", f.lead, `{"measured_at":"2026-03-01"}`, "value"},
			{"measurement with a bad date", "/indicators/" + f.indicator + "/measurements", f.lead, `{"value":3,"measured_at":"i går"}`, "measured_at"},
			{"indicator with a bad direction", "/insights/" + f.insight + "/indicators", f.lead, `{"name":"x","direction":"sidelæns","baseline":1,"target":2}`, "direction"},
			{"test without title", "/insights/" + f.insight + "/tests", f.designer, `{"title":" "}`, "title"},
		} {
			var e server.ErrorBody
			if code := f.h.do("POST", f.P+tc.path, tc.token, tc.body, &e); code != 400 || e.Error.Code == "" || e.Error.Field != tc.field {
				b, _ := json.Marshal(e)
				t.Errorf("%s: %d %s, want 400 naming %s", tc.name, code, b, tc.field)
			}
		}
	})
}

// TestMeasurementDefaultsToToday: without measured_at a measurement is
// dated today, a date (00:00 UTC), as in the web app.
func TestMeasurementDefaultsToToday(t *testing.T) {
	f := newInsightFixture(t, newHarness(t, storetest.Open(t, store.SQLite)))
	var m model.Measurement
	if code := f.h.do("POST", f.P+"/indicators/"+f.indicator+"/measurements", f.lead, `{"value":7}`, &m); code != 201 {
		t.Fatalf("measurement: %d", code)
	}
	if h, mi, sec := m.MeasuredAt.Clock(); h != 0 || mi != 0 || sec != 0 || m.MeasuredAt.Location().String() != "UTC" {
		t.Fatalf("measured_at %v is not a date", m.MeasuredAt)
	}
}
