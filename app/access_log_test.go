package app_test

import (
	"context"
	"testing"
	"time"

	"indsigt/app"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

func TestAccessLogFiltersAndTrim(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		uc := app.New(app.Deps{Store: s, AuditRetentionDays: 30})
		ann, _ := s.CreateUser(ctx, model.User{Email: "ann@kolding.dk", Name: "Ann", Role: model.RoleDesigner}, "h")
		if _, err := uc.CreateProject(ctx, app.UserActor(ann), app.NewProject{Slug: "p", Name: "P"}); err != nil {
			t.Fatal(err)
		}
		sc := mustEnter(t, uc, app.UserActor(ann), "p")
		now = now.AddDate(0, 0, 40)
		if _, err := uc.AccessLog(ctx, sc, app.AccessQuery{}); err != nil { // audit.read, 40 days later
			t.Fatal(err)
		}
		page, err := uc.AccessLog(ctx, sc, app.AccessQuery{User: "ann@kolding.dk", Action: "project.create"})
		if err != nil || len(page.Items) != 1 || page.Items[0].Email == nil || *page.Items[0].Email != "ann@kolding.dk" {
			t.Fatalf("filter: %+v %v", page, err)
		}
		if page, _ := uc.AccessLog(ctx, sc, app.AccessQuery{From: "2026-04-01"}); len(page.Items) != 3 { // the audit.read rows of the three reads
			t.Fatalf("from: %+v", page.Items)
		}
		if _, err := uc.AccessLog(ctx, sc, app.AccessQuery{To: "31-03-2026"}); err == nil {
			t.Fatal("a malformed date was accepted")
		}
		n, err := uc.TrimAccessLog(ctx)
		if err != nil || n != 1 {
			t.Fatalf("trim: %d %v", n, err)
		}
		page, _ = uc.AccessLog(ctx, sc, app.AccessQuery{Action: "project.create"})
		if len(page.Items) != 0 {
			t.Fatalf("the 40-day-old row survived a 30-day retention: %+v", page.Items)
		}
		if _, err := uc.AccessLogAll(ctx, app.UserActor(ann), app.AccessQuery{}); err == nil {
			t.Fatal("a designer read the whole log")
		}
	})
}
