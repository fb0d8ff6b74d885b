package app_test

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"indsigt/app"
	"indsigt/ingest"
	"indsigt/internal/testkit"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

// rig is the use-case layer over a real store and a real index on disk,
// with the indexer running as in serve.
type rig struct {
	app   *app.App
	store *store.Store
	ix    *search.Indexer
	dir   string // the data directory: database files (SQLite) and index
	scope app.Scope
}

func newRig(t *testing.T, dialect string, clock ...func() time.Time) *rig {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	s := storetest.OpenAt(t, storetest.DSN(t, dialect), dir)
	if len(clock) > 0 {
		s.SetClock(clock[0])
	}
	log := slog.New(slog.DiscardHandler)
	ix := testkit.StartIndex(t, s, filepath.Join(dir, "index"), log)
	a := testkit.Wire(s, ix, log).App
	if _, err := s.CreateProject(ctx, model.Project{Slug: "slet", Name: "Sletning", Purpose: "test", RetentionDays: 30}, model.User{Role: model.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	sc, err := a.Enter(ctx, app.Operator(), "slet")
	if err != nil {
		t.Fatal(err)
	}
	return &rig{app: a, store: s, ix: ix, dir: dir, scope: sc}
}

func (r *rig) ingest(t *testing.T, name, text string, participants ...string) int64 {
	t.Helper()
	res := r.app.Ingest.File(context.Background(), r.scope.Project, name, []byte(text), ingest.Options{Kind: "interview", Participants: participants})
	if res.Status != ingest.StatusIngested {
		t.Fatalf("%s: %+v", name, res)
	}
	id, _ := strconv.ParseInt(res.SourceID, 10, 64)
	r.ix.Poke()
	return id
}

func (r *rig) total(t *testing.T, q string) int {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := r.ix.Ready(context.Background()); err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	res, err := r.ix.Index().Search(strconv.FormatInt(r.scope.Project.ID, 10), search.Request{Query: q, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	return int(res.Total)
}

// onDisk lists the files under the data directory that hold s.
func onDisk(t *testing.T, dir, s string) []string {
	t.Helper()
	var hits []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte(s)) {
			hits = append(hits, p)
		}
		return nil
	})
	return hits
}

func TestEraseParticipantLeavesNothingOnDisk(t *testing.T) {
	storetest.Each(t, func(t *testing.T, _ *store.Store) {
		r := newRig(t, dialectOf(t))
		ctx := context.Background()
		r.ingest(t, "samtale.txt", "Interviewer: Hvordan går det med maden?\n\nKaren Hansen: Jeg spiser zebrafinkesuppe hver tirsdag.\n\nInterviewer: Og om aftenen?\n\nKaren Hansen: Så ringer jeg til kvindehusetsvagten.\n", "Karen Hansen")
		other := r.ingest(t, "andre.txt", "Interviewer: Hvad med dig?\n\nOle Bak: Jeg laver havregrød til naboerne.\n", "Ole Bak")
		if n := r.total(t, "zebrafinkesuppe"); n != 1 {
			t.Fatalf("before erasure the note is found %d times", n)
		}
		notes, err := r.store.ParticipantNotes(ctx, r.scope.Project.ID, "Borger-1")
		if err != nil || len(notes) != 2 {
			t.Fatalf("participant notes %v %v", notes, err)
		}
		var in int64
		err = r.store.InTx(ctx, func(tx *store.Tx) error {
			created, err := tx.CreateInsight(ctx, model.Insight{ProjectID: r.scope.Project.ID, Title: "Mad om tirsdagen"}, notes[:1], 0)
			in = created.ID
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		e, err := r.app.EraseParticipant(ctx, r.scope, "[Borger-1]")
		if err != nil {
			t.Fatal(err)
		}
		if e.Notes != 2 || e.Participants != 1 || e.Keys < 1 || len(e.FlaggedInsights) != 1 || e.FlaggedInsights[0] != strconv.FormatInt(in, 10) {
			t.Fatalf("erased %+v", e)
		}
		for _, q := range []string{"zebrafinkesuppe", "kvindehusetsvagten", "participant:Borger-1"} {
			if n := r.total(t, q); n != 0 {
				t.Errorf("after erasure %q finds %d", q, n)
			}
		}
		if n := r.total(t, "havregrød"); n != 1 {
			t.Errorf("another participant's note is gone too (%d)", n)
		}
		for _, s := range []string{"zebrafinkesuppe", "kvindehusetsvagten", "Karen Hansen"} {
			if hits := onDisk(t, r.dir, s); len(hits) > 0 {
				t.Errorf("%q is still on disk in %v", s, hits)
			}
		}
		if _, err := r.app.EraseSource(ctx, r.scope, other); err != nil {
			t.Fatal(err)
		}
		if hits := onDisk(t, r.dir, "havregrød"); len(hits) > 0 {
			t.Errorf("an erased source is still on disk in %v", hits)
		}
	})
}

func dialectOf(t *testing.T) string { return filepath.Base(t.Name()) }
