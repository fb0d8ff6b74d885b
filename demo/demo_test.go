package demo_test

import (
	"context"
	"strings"
	"testing"

	"indsigt/auth"
	"indsigt/demo"
	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

func TestDemoShowsEveryFeature(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, ing := auth.New(s), ingest.New(s, parse.DefaultLimits())
		res, err := demo.Load(ctx, s, a, ing)
		if err != nil || !res.Created || len(res.Logins) != 4 {
			t.Fatalf("load: %+v %v", res, err)
		}
		if _, err := a.Login(ctx, res.Logins[0].Email, res.Logins[0].Password); err != nil {
			t.Fatalf("printed login does not work: %v", err)
		}
		again, err := demo.Load(ctx, s, a, ing)
		if err != nil || again.Created {
			t.Fatalf("second load: %+v %v", again, err)
		}
		p := res.Project
		srcs, _ := s.Sources(ctx, p.ID, 0, 100)
		kinds, formats := map[model.SourceKind]bool{}, map[string]bool{}
		for _, src := range srcs {
			kinds[src.Kind], formats[src.Format] = true, true
		}
		for _, k := range []model.SourceKind{model.KindInterview, model.KindObservation, model.KindWorkshop, model.KindTest} {
			if !kinds[k] {
				t.Errorf("no source of kind %s", k)
			}
		}
		for _, f := range []string{"txt", "md", "docx", "vtt", "csv", "xlsx", "pdf"} {
			if !formats[f] {
				t.Errorf("no source in format %s", f)
			}
		}
		ins, _ := s.Insights(ctx, p.ID, "")
		phases := map[model.Phase]int{}
		for _, in := range ins {
			phases[in.Phase]++
		}
		if phases[model.PhaseOpdag] == 0 || phases[model.PhaseSkab] == 0 || phases[model.PhaseVirk] == 0 {
			t.Errorf("insights per phase: %v", phases)
		}
		hist, _ := s.PhaseHistory(ctx, ins[0].ID)
		if len(hist) < 4 {
			t.Errorf("the first story's history has %d moves", len(hist))
		}
		inds, _ := s.Indicators(ctx, p.ID, 0)
		ms, _ := s.Measurements(ctx, []int64{inds[0].ID})
		tests, _ := s.Tests(ctx, p.ID, 0)
		tags, _ := s.Tags(ctx, p.ID)
		if len(inds) < 3 || len(ms[inds[0].ID]) < 8 || len(tests) < 4 || len(tags) < 15 {
			t.Errorf("indicators %d, measurements %d, tests %d, tags %d", len(inds), len(ms[inds[0].ID]), len(tests), len(tags))
		}
		dump, _ := s.DumpText(ctx, "pseudonym_keys")
		for table, text := range dump {
			for _, name := range []string{"Else Marie", "Kjær", "120339-1234", "28 45 67 12", "Birthe Skovgaard", "Jørgen Høeg", "Sofie Ærenlund"} {
				if strings.Contains(text, name) {
					t.Errorf("demo table %s holds %q", table, name)
				}
			}
		}
	})
}
