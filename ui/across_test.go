package ui_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"indsigt/app"
	"indsigt/ingest"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store/storetest"
)

// secretProject is a project the demo's lead owns and no one else is a
// member of, with a word found nowhere else.
func (e *env) secretProject(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	p, err := e.uc.CreateProject(ctx, app.Operator(), app.NewProject{Slug: "hemmelig", Name: "Hemmeligt projekt", Owner: e.logins[model.RoleLead].Email})
	if err != nil {
		t.Fatal(err)
	}
	res := e.ingest.File(ctx, p, "zebra.txt", []byte("Borger-1: Vi mødes ved zebraovergangen hver morgen.\n"), ingest.Options{Kind: "interview"})
	if res.Status != ingest.StatusIngested {
		t.Fatalf("%+v", res)
	}
	if _, err := e.uc.CreateInsight(ctx, mustEnterAs(t, e, model.RoleLead, "hemmelig"), app.NewInsight{Title: "Zebraer om morgenen"}); err != nil {
		t.Fatal(err)
	}
	e.catchUp()
}

func mustEnterAs(t *testing.T, e *env, role model.Role, slug string) app.Scope {
	t.Helper()
	u, _, err := e.store.UserByEmail(context.Background(), e.logins[role].Email)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := e.uc.Enter(context.Background(), app.UserActor(u), slug)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestSearchAcrossInTheWebApp: /search shows the hits of the user's own
// projects, grouped and counted, and never a note of a project they are not
// a member of, whatever the address names.
func TestSearchAcrossInTheWebApp(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			e := newEnvOn(t, d, false)
			e.secretProject(t)
			analyst := e.login(model.RoleAnalyst)
			_, body := analyst.get("/")
			if !strings.Contains(body, `href="/search"`) || strings.Contains(body, `href="/portfolio"`) {
				t.Errorf("the analyst's header: %s", between(body, `<header`, `</header>`))
			}
			for _, path := range []string{"/search?q=zebraovergangen", "/search?q=zebraovergangen&project=hemmelig", "/search?q=zebraovergangen&slug=hemmelig&p=hemmelig"} {
				code, body := analyst.get(path)
				if code != http.StatusOK || strings.Contains(body, "Hemmeligt") || strings.Contains(body, "/p/hemmelig") || !strings.Contains(body, "Ingen noter matcher i dine projekter.") {
					t.Errorf("%s: %d %s", path, code, between(body, "<main", "</main>"))
				}
			}
			want, err := e.uc.Search(context.Background(), mustEnterAs(t, e, model.RoleAnalyst, e.proj.Slug), search.Request{Query: "køleskab"})
			if err != nil || want.Total < 6 {
				t.Fatalf("the demo's hits for køleskab: %d %v", want.Total, err)
			}
			_, body = analyst.get("/search?q=k%C3%B8leskab")
			group := between(body, `id="across-`+e.proj.Slug+`"`, "</section>")
			if !strings.Contains(group, "("+itoa(int64(want.Total))+" noter matcher)") || strings.Count(group, `class="hit"`) != app.DefaultAcrossLimit ||
				!strings.Contains(group, `href="/p/`+e.proj.Slug+`/sources/`) || !strings.Contains(group, `href="/p/`+e.proj.Slug+`/search?q=k%C3%B8leskab"`) {
				t.Errorf("the demo project's group: %s", group)
			}

			lead := e.login(model.RoleLead)
			_, body = lead.get("/search?q=zebraovergangen")
			if !strings.Contains(body, `<a href="/p/hemmelig">Hemmeligt projekt</a> <span class="count">(1 note matcher)</span>`) ||
				!strings.Contains(body, "Søgt i 2 projekter") || !strings.Contains(body, `href="/p/hemmelig/sources/`) {
				t.Errorf("the lead's search: %s", between(body, "<main", "</main>"))
			}
		})
	}
}

// TestPortfolioInTheWebApp: the lead's portfolio covers the projects they
// lead or own, with filters and a count per phase; others lead nothing.
func TestPortfolioInTheWebApp(t *testing.T) {
	e := newEnv(t, false)
	e.secretProject(t)
	lead := e.login(model.RoleLead)
	code, body := lead.get("/portfolio")
	if code != http.StatusOK || !strings.Contains(body, `href="/portfolio" aria-current="page"`) || !strings.Contains(body, "Zebraer om morgenen") ||
		!strings.Contains(body, `<option value="hemmelig">Hemmeligt projekt</option>`) || !strings.Contains(body, `<option value="`+e.proj.Slug+`">`) {
		t.Fatalf("the lead's portfolio: %d %s", code, between(body, "<main", "</main>"))
	}
	if !strings.Contains(body, `<tr class="counts">`) || !strings.Contains(body, "Tilføj evidens") {
		t.Errorf("counts and next steps: %s", between(body, "<main", "</main>"))
	}
	_, body = lead.get("/portfolio?project=hemmelig&phase=opdag")
	if rows := strings.Count(between(body, `<table class="data portfolio">`, "</table>"), "<tr"); rows != 2 {
		t.Errorf("one insight in hemmelig and a header row, got %d rows", rows)
	}
	_, body = lead.get("/portfolio?project=hemmelig&phase=skab&stuck=1")
	if !strings.Contains(body, "Ingen indsigter matcher.") || !strings.Contains(body, `value="skab" selected`) {
		t.Errorf("nothing stuck in Skab/test: %s", between(body, "<main", "</main>"))
	}
	code, body = lead.get("/portfolio?project=findes-ikke")
	if code != http.StatusBadRequest || !strings.Contains(body, `aria-describedby="pf-err"`) || !strings.Contains(body, `id="pf-err" class="error-detail">Findes ikke`) {
		t.Errorf("an unknown project: %d %s", code, between(body, "<main", "</main>"))
	}
	analyst := e.login(model.RoleAnalyst)
	if _, body := analyst.get("/portfolio"); !strings.Contains(body, "Du leder eller ejer ingen projekter.") || strings.Contains(body, "Zebraer") {
		t.Errorf("the analyst's portfolio: %s", between(body, "<main", "</main>"))
	}
}
