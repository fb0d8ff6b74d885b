package sidebyside_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"indsigt/internal/barebleve"
	"indsigt/internal/pgfts"
	"indsigt/internal/testkit"
	"indsigt/model"
	"indsigt/search"
	"indsigt/search/corpusgen"
	"indsigt/store"
	"indsigt/store/storetest"
)

// pgTable is the PostgreSQL baseline's table, a name of its own so that
// the search package's PostgreSQL benchmarks may run beside this one.
const pgTable = "sidebyside_fts"

// engines is one corpus in the three engines: indsigt served over HTTP,
// a bare Bleve index and, when configured, a PostgreSQL table, all of the
// notes as indsigt stored them (pseudonymized text, source dates, tags).
type engines struct {
	url, token, slug string
	project          string // the project id: the bare index's project_id
	bare             bleve.Index
	pg               *sql.DB // nil without INDSIGT_TEST_DATABASE_URL
	docs             []search.NoteDoc
}

// build loads docs through indsigt's API (one upload per source, with its
// kind and date, then its tags) into a server wired as serve wires it
// over SQLite, waits for the indexer to catch up, and indexes what the
// store holds into bare Bleve and PostgreSQL.
func build(tb testing.TB, docs []search.NoteDoc) *engines {
	tb.Helper()
	s := storetest.Open(tb, store.SQLite)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	x := testkit.StartIndex(tb, s, "", log)
	st := testkit.Wire(s, x, log)
	e := &engines{url: st.Serve(tb, false).URL, token: st.DesignerToken(tb, "side@kolding.dk", "Side"), slug: "side"}
	var p model.Project
	e.call(tb, "POST", "/api/v1/projects", `{"slug":"side","name":"Side om side"}`, http.StatusCreated, &p)
	e.project = strconv.FormatInt(p.ID, 10)
	ids := e.upload(tb, s, p.ID, docs)
	waitReady(tb, x)
	e.docs = storedDocs(tb, s, ids)
	e.bare = bareIndex(tb, e.docs)
	e.pg = pgBaseline(tb, e.docs)
	return e
}

// call sends a JSON request to the API and decodes the answer into out;
// another status than want fails the test.
func (e *engines) call(tb testing.TB, method, path, body string, want int, out any) {
	tb.Helper()
	code, b := testkit.Call(tb, method, e.url+path, e.token, strings.NewReader(body))
	if code != want {
		tb.Fatalf("%s %s: %d %.300s", method, path, code, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
}

// upload posts each source's notes as a text file of speaker turns with
// its kind and date, then tags the stored notes with the generated tags
// (the k-th stored note of a source gets its k-th note's), and answers
// the stored notes' ids.
func (e *engines) upload(tb testing.TB, s *store.Store, projectID int64, docs []search.NoteDoc) []int64 {
	tb.Helper()
	ctx := context.Background()
	var ids []int64
	byTag := map[string][]string{}
	for _, src := range sources(docs) {
		id := e.postSource(tb, src)
		notes, err := s.SourceNotes(ctx, projectID, id)
		if err != nil {
			tb.Fatal(err)
		}
		for k, n := range notes {
			ids = append(ids, n.ID)
			for _, t := range src[k%len(src)].Tags {
				byTag[t] = append(byTag[t], strconv.FormatInt(n.ID, 10))
			}
		}
	}
	for tag, notes := range byTag {
		for c := range slices.Chunk(notes, 5000) {
			body, _ := json.Marshal(map[string]any{"tags": []string{tag}, "note_ids": c})
			var out map[string]any
			e.call(tb, "POST", "/api/v1/projects/"+e.slug+"/tags", string(body), http.StatusOK, &out)
		}
	}
	return ids
}

// sources groups docs (in corpusgen's order) by source.
func sources(docs []search.NoteDoc) [][]search.NoteDoc {
	var out [][]search.NoteDoc
	for i, d := range docs {
		if i == 0 || d.SourceID != docs[i-1].SourceID {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], d)
	}
	return out
}

// postSource uploads one source and answers its id.
func (e *engines) postSource(tb testing.TB, src []search.NoteDoc) int64 {
	tb.Helper()
	var text strings.Builder
	for _, d := range src {
		fmt.Fprintf(&text, "%s: %s\n\n", d.Participant, d.Text)
	}
	fields := map[string]string{"kind": src[0].SourceKind, "date": src[0].Date.Format(time.DateOnly)}
	body, ctype := testkit.Multipart(fields, testkit.Text("kilde-"+src[0].SourceID+".txt", text.String()))
	req, err := http.NewRequest("POST", e.url+"/api/v1/projects/"+e.slug+"/sources", body)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.token)
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct {
		Items []struct {
			Status   string `json:"status"`
			SourceID string `json:"source_id"`
			Error    string `json:"error"`
		} `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || len(page.Items) != 1 || page.Items[0].Status != "ingested" {
		tb.Fatalf("upload source %s: %d %+v %v", src[0].SourceID, resp.StatusCode, page, err)
	}
	id, err := strconv.ParseInt(page.Items[0].SourceID, 10, 64)
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// waitReady waits until the running indexer has caught up with the store.
func waitReady(tb testing.TB, x *search.Indexer) {
	tb.Helper()
	deadline := time.Now().Add(5 * time.Minute)
	for err := x.Ready(context.Background()); err != nil; err = x.Ready(context.Background()) {
		if time.Now().After(deadline) {
			tb.Fatalf("indexer not caught up: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// storedDocs reads the notes back as the indexer reads them, so that the
// baselines index exactly what indsigt indexed.
func storedDocs(tb testing.TB, s *store.Store, ids []int64) []search.NoteDoc {
	tb.Helper()
	var docs []search.NoteDoc
	for c := range slices.Chunk(ids, 2000) {
		notes, err := s.IndexNotes(context.Background(), c)
		if err != nil {
			tb.Fatal(err)
		}
		for _, n := range notes {
			d := search.NoteDoc{ID: strconv.FormatInt(n.ID, 10), ProjectID: strconv.FormatInt(n.ProjectID, 10), SourceID: strconv.FormatInt(n.SourceID, 10),
				SourceTitle: n.SourceTitle, Text: n.Text, Tags: n.Tags, SourceKind: n.SourceKind, Participant: n.Speaker, Date: n.CreatedAt}
			if n.OccurredOn != nil {
				d.Date = *n.OccurredOn
			}
			docs = append(docs, d)
		}
	}
	return docs
}

func bareIndex(tb testing.TB, docs []search.NoteDoc) bleve.Index {
	tb.Helper()
	bare, err := bleve.NewUsing(filepath.Join(tb.TempDir(), "bare"), barebleve.Mapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = bare.Close() })
	for c := range slices.Chunk(docs, 1000) {
		batch := bare.NewBatch()
		for _, d := range c {
			if err := batch.Index(d.ID, barebleve.Doc(d)); err != nil {
				tb.Fatal(err)
			}
		}
		if err := bare.Batch(batch); err != nil {
			tb.Fatal(err)
		}
	}
	barebleve.Settle(bare, time.Minute)
	return bare
}

// pgBaseline loads the notes into PostgreSQL, or answers nil when no
// server is configured: the baseline is a comparison, not a check.
func pgBaseline(tb testing.TB, docs []search.NoteDoc) *sql.DB {
	tb.Helper()
	url := os.Getenv(storetest.EnvURL)
	if url == "" {
		tb.Logf("%s is not set: bare Bleve and indsigt over HTTP only, no PostgreSQL", storetest.EnvURL)
		return nil
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		_, _ = db.Exec(`DROP TABLE IF EXISTS ` + pgTable)
		_ = db.Close()
	})
	if err := pgfts.Load(context.Background(), db, pgTable, docs); err != nil {
		tb.Fatal(err)
	}
	return db
}

// realNotes is corpusgen's notes in one project with real sentences.
func realNotes(sentences []string, n int) []search.NoteDoc {
	return corpusgen.WithSentences(2026, n, corpusgen.Options{}, sentences)
}
