package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"indsigt/model"
	"indsigt/search"
	"indsigt/search/corpusgen"
	"indsigt/store"
	"indsigt/store/storetest"
)

// BenchmarkAddNotesPostgres writes one 20,000-note file per iteration
// through AddNotes (ids back, the source's change-log row, in one transaction) and,
// in the same run, the same rows with a bare COPY into a scratch copy of
// the notes table (its indexes, checks and foreign keys), and reports both rates and their ratio: the ratio is
// what counts on a shared machine.
func BenchmarkAddNotesPostgres(b *testing.B) {
	if len(storetest.Dialects()) < 2 {
		b.Skip("set " + storetest.EnvURL)
	}
	const perFile = 20000
	ctx := context.Background()
	s := storetest.Open(b, store.Postgres)
	p, err := s.CreateProject(ctx, model.Project{Slug: "bulk", Name: "Bulk"}, model.User{Role: model.RoleAdmin})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Exec(ctx, `CREATE TABLE notes_copy (LIKE notes INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES,
		FOREIGN KEY (project_id) REFERENCES projects(id), FOREIGN KEY (source_id) REFERENCES sources(id))`); err != nil {
		b.Fatal(err)
	}
	texts := corpusgen.Generate(11, perFile)
	var ours, bare time.Duration
	for i := 0; i < b.N; i++ {
		ns := benchNotes(b, s, p.ID, i, texts)
		// Alternate which goes first, so that neither always meets the
		// other's checkpoint or autovacuum.
		runs := []func(){
			func() { bare += timed(b, func() error { return s.CopyNotesBare(ctx, "notes_copy", ns) }) },
			func() {
				ours += timed(b, func() error { return s.InTx(ctx, func(tx *store.Tx) error { return tx.AddNotes(ctx, ns) }) })
			},
		}
		runs[i%2]()
		runs[1-i%2]()
	}
	n := float64(b.N * perFile)
	b.ReportMetric(n/ours.Seconds(), "notes/s")
	b.ReportMetric(n/bare.Seconds(), "copy-notes/s")
	b.ReportMetric(bare.Seconds()/ours.Seconds(), "ratio")
}

func timed(b *testing.B, fn func() error) time.Duration {
	start := time.Now()
	if err := fn(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// benchNotes makes a source and its notes, not yet written.
func benchNotes(b *testing.B, s *store.Store, projectID int64, i int, texts []search.NoteDoc) []*model.Note {
	b.Helper()
	var src model.Source
	err := s.InTx(context.Background(), func(tx *store.Tx) error {
		var err error
		src, err = tx.CreateSource(context.Background(), model.Source{ProjectID: projectID, Kind: model.KindInterview, Format: "txt", ContentHash: fmt.Sprintf("h1:bench-%d", i)})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	ns := make([]*model.Note, len(texts))
	for j, t := range texts {
		ns[j] = &model.Note{ProjectID: projectID, SourceID: src.ID, Position: j, Speaker: t.Participant, Text: t.Text}
	}
	return ns
}
