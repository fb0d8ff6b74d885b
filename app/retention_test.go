package app_test

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"indsigt/app"
	"indsigt/store"
	"indsigt/store/storetest"
)

func TestRetentionErasesExactlyTheExpired(t *testing.T) {
	storetest.Each(t, func(t *testing.T, _ *store.Store) {
		var now atomic.Int64
		t0 := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
		now.Store(t0.UnixNano())
		r := newRig(t, dialectOf(t), func() time.Time { return time.Unix(0, now.Load()).UTC() })
		ctx := context.Background()
		old := r.ingest(t, "gammel.txt", "Interviewer: Hvordan var vinteren?\n\nBorger: Kold, men vi havde brændeovnsaften.\n")
		now.Store(t0.AddDate(0, 0, 20).UnixNano())
		young := r.ingest(t, "ny.txt", "Interviewer: Og foråret?\n\nBorger: Vi plantede solsikkefrø.\n")
		now.Store(t0.AddDate(0, 0, 31).UnixNano()) // the project keeps sources 30 days

		listed, err := r.app.Retention(ctx, app.Operator(), true)
		if err != nil {
			t.Fatal(err)
		}
		if len(listed) != 1 || listed[0].SourceID != strconv.FormatInt(old, 10) || !listed[0].ExpiresAt.Equal(t0.AddDate(0, 0, 30)) {
			t.Fatalf("dry run listed %+v, want only source %d", listed, old)
		}
		if n := r.total(t, "brændeovnsaften"); n != 1 {
			t.Fatalf("the dry run erased something (%d)", n)
		}
		if _, err := r.app.Retention(ctx, app.UserActor(r.scope.User), false); err == nil {
			t.Fatal("a user ran retention")
		}
		erased, err := r.app.Retention(ctx, app.Operator(), false)
		if err != nil || len(erased) != 1 {
			t.Fatalf("retention: %+v %v", erased, err)
		}
		if n := r.total(t, "brændeovnsaften"); n != 0 {
			t.Errorf("the expired source is still found (%d)", n)
		}
		if n := r.total(t, "solsikkefrø"); n != 1 {
			t.Errorf("source %d, not yet expired, is gone (%d)", young, n)
		}
		if hits := onDisk(t, r.dir, "brændeovnsaften"); len(hits) > 0 {
			t.Errorf("the expired text is still on disk in %v", hits)
		}
		if again, _ := r.app.Retention(ctx, app.Operator(), true); len(again) != 0 {
			t.Errorf("after the run, %+v still expired", again)
		}
	})
}
