package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"indsigt/api"
	"indsigt/app"
	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// note ingests one text file into a project, as an upload would.
func (h *harness) note(slug, text string) {
	h.t.Helper()
	ctx := context.Background()
	p, err := h.s.ProjectBySlug(ctx, slug)
	if err != nil {
		h.t.Fatal(err)
	}
	res := ingest.New(h.s, parse.DefaultLimits()).File(ctx, p, slug+".txt", []byte(text), ingest.Options{Kind: "interview"})
	if res.Status != ingest.StatusIngested {
		h.t.Fatalf("%s: %+v", slug, res)
	}
}

// TestSearchAcrossAndPortfolioAPI: GET /api/v1/search reads only the
// caller's projects, whatever the request names, and counts per project;
// GET /api/v1/portfolio covers the projects the caller owns.
func TestSearchAcrossAndPortfolioAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		h := newHarness(t, s)
		ann, bo := h.user("ann@kolding.dk", model.RoleDesigner), h.user("bo@kolding.dk", model.RoleDesigner)
		for _, c := range []struct{ tok, slug, text string }{
			{ann, "a", "Borger-1: Bussen kommer for sent.\n\nBorger-2: Cykelstien er for smal.\n"},
			{bo, "b", "Borger-1: Bussen kører ikke om aftenen.\n\nBorger-2: Jeg venter på bussen hver dag.\n"},
			{bo, "c", "Borger-1: Bussen holder ved zebraovergang i byen.\n"},
		} {
			if code := h.do("POST", "/api/v1/projects", c.tok, fmt.Sprintf(`{"slug":%q,"name":"Projekt %s"}`, c.slug, c.slug), nil); code != 201 {
				t.Fatalf("create %s: %d", c.slug, code)
			}
			h.note(c.slug, c.text)
		}
		if code := h.do("POST", "/api/v1/projects/b/members", bo, `{"email":"ann@kolding.dk","role":"analyst"}`, nil); code != 201 {
			t.Fatalf("add ann to b: %d", code)
		}
		h.catchUp()
		var res api.AcrossAnswer
		if code := h.do("GET", "/api/v1/search?q=bussen", ann, "", &res); code != 200 || res.Searched != 2 || res.Total != 3 || len(res.Projects) != 2 {
			t.Fatalf("ann: %d %+v", code, res)
		}
		if b := res.Projects[0]; b.Project.Slug != "b" || b.Total != 2 || len(b.Items) != 2 || !strings.HasPrefix(b.SearchURL, "/api/v1/projects/b/search?q=") {
			t.Errorf("b first: %+v", b)
		}
		for _, q := range []string{"q=zebraovergang", "q=zebraovergang&project=c", "q=zebraovergang&p=c", "q=zebraovergang&slug=c&projects=c"} {
			res = api.AcrossAnswer{}
			if code := h.do("GET", "/api/v1/search?"+q, ann, "", &res); code != 200 || res.Total != 0 || len(res.Projects) != 0 || res.Searched != 2 {
				t.Errorf("ann, %s: %d %+v", q, code, res)
			}
		}
		if code := h.do("GET", "/api/v1/search?q=zebraovergang", bo, "", &res); code != 200 || res.Total != 1 || res.Projects[0].Project.Slug != "c" {
			t.Errorf("bo finds it in c: %d %+v", code, res)
		}
		if code := h.do("GET", "/api/v1/search?q=bussen&limit=51", ann, "", nil); code != 400 {
			t.Errorf("limit 51: %d", code)
		}
		if code := h.do("GET", "/api/v1/search", ann, "", nil); code != 400 {
			t.Errorf("no q: %d", code)
		}
		if code := h.do("GET", "/api/v1/search?q=bussen", "", "", nil); code != 401 {
			t.Errorf("no token: %d", code)
		}

		var pf app.Portfolio
		if code := h.do("POST", "/api/v1/projects/c/insights", bo, `{"title":"Bussen er for sen"}`, nil); code != 201 {
			t.Fatalf("insight: %d", code)
		}
		if code := h.do("GET", "/api/v1/portfolio", bo, "", &pf); code != 200 || len(pf.Projects) != 2 || len(pf.Items) != 1 ||
			pf.Items[0].ProjectSlug != "c" || pf.Items[0].NextStep != model.StepAddEvidence || pf.PerPhase[model.PhaseOpdag] != 1 {
			t.Errorf("bo's portfolio: %d %+v", code, pf)
		}
		if code := h.do("GET", "/api/v1/portfolio?project=c", ann, "", nil); code != 400 {
			t.Errorf("ann asks for c: %d", code)
		}
		if code := h.do("GET", "/api/v1/portfolio?stuck=true&phase=skab", bo, "", &pf); code != 200 || len(pf.Items) != 0 {
			t.Errorf("stuck in Skab/test: %d %+v", code, pf)
		}
	})
}
