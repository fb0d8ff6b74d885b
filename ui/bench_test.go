package ui_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/internal/testkit"
	"indsigt/model"
	"indsigt/search/corpusgen"
	"indsigt/store"
	"indsigt/store/storetest"
	"indsigt/ui"
)

// bigProject stores n generated Danish notes in one project, with an
// insight that has evidence, a test and an indicator with measurements,
// a highlight on every fifth note, and indexes them.
func bigProject(b *testing.B, n int) (*gin.Engine, string, model.Project, int64, int64) {
	b.Helper()
	ctx := context.Background()
	s := storetest.Open(b, store.SQLite)
	st := testkit.New(s, slog.New(slog.DiscardHandler))
	a := st.Auth
	u, err := a.AddUser(ctx, model.User{Email: "bench@kolding.dk", Name: "Bente Bench", Role: model.RoleAdmin}, "benchmark-kodeord")
	if err != nil {
		b.Fatal(err)
	}
	p, err := s.CreateProject(ctx, model.Project{Slug: "stor", Name: "Stort projekt", RetentionDays: 365}, u)
	if err != nil {
		b.Fatal(err)
	}
	docs := corpusgen.Generate(7, n)
	var firstSource int64
	var noteIDs []int64
	for start := 0; start < len(docs); {
		end := start
		for end < len(docs) && docs[end].SourceID == docs[start].SourceID {
			end++
		}
		group := docs[start:end]
		err := s.InTx(ctx, func(tx *store.Tx) error {
			d := group[0].Date
			src, err := tx.CreateSource(ctx, model.Source{ProjectID: p.ID, Kind: model.SourceKind(group[0].SourceKind), Title: group[0].SourceTitle,
				Filename: group[0].SourceTitle + ".txt", Format: "txt", ContentHash: fmt.Sprintf("h%d", start), OccurredOn: &d})
			if err != nil {
				return err
			}
			if firstSource == 0 {
				firstSource = src.ID
			}
			for i, doc := range group {
				role := "participant"
				if doc.SpeakerRole == "interviewer" {
					role = "interviewer"
				}
				note := model.Note{ProjectID: p.ID, SourceID: src.ID, Position: i, Speaker: doc.Participant, SpeakerRole: role, Text: doc.Text}
				if err := tx.AddNote(ctx, &note); err != nil {
					return err
				}
				if len(noteIDs) < 12 {
					noteIDs = append(noteIDs, note.ID)
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		start = end
	}
	addHighlights(b, s, p, u.ID, n/5, 5)
	var insightID int64
	err = s.InTx(ctx, func(tx *store.Tx) error {
		in, err := tx.CreateInsight(ctx, model.Insight{ProjectID: p.ID, Title: "Mad om natten", Statement: "Hun er bange for, at der ikke er mad nok til i morgen."}, noteIDs, u.ID)
		if err != nil {
			return err
		}
		insightID = in.ID
		if _, err := tx.MovePhase(ctx, p.ID, in.ID, model.PhaseVirk, "Køleskabet virker", u.ID); err != nil {
			return err
		}
		if _, err := tx.CreateTest(ctx, model.Test{ProjectID: p.ID, InsightID: in.ID, Title: "Fyldt køleskab"}, u.ID); err != nil {
			return err
		}
		ind, err := tx.CreateIndicator(ctx, model.Indicator{ProjectID: p.ID, InsightID: in.ID, Name: "Gange oppe om natten", Direction: "down", Baseline: 12, Target: 2}, u.ID)
		if err != nil {
			return err
		}
		for w := range 8 {
			m := model.Measurement{IndicatorID: ind.ID, Value: float64(12 - w), MeasuredAt: time.Date(2026, 9, 1+7*w, 0, 0, 0, 0, time.UTC)}
			if _, err := tx.AddMeasurement(ctx, p.ID, m, u.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	idx := testkit.Index(b, s, "", st.Log)
	if err := idx.CatchUp(ctx); err != nil {
		b.Fatal(err)
	}
	r := st.WithIndex(idx).Shell(b, true).Engine
	tok, err := a.StartSession(ctx, u)
	if err != nil {
		b.Fatal(err)
	}
	return r, tok, p, firstSource, insightID
}

// BenchmarkPages renders each main page of a project with 10,000 notes
// and 2,000 highlights, in process, so ns/op is server time without the
// network.
func BenchmarkPages(b *testing.B) {
	r, tok, p, src, insight := bigProject(b, 10_000)
	base := "/p/" + p.Slug
	pages := []struct{ name, path string }{
		{"projects", "/"},
		{"overview", base},
		{"source", fmt.Sprintf("%s/sources/%d", base, src)},
		{"search", base + "/search?q=borger"},
		{"search_facet", base + "/search?q=mad&source_kind=interview"},
		{"search_highlight_tag", base + "/search?q=tag:Ensomhed"},
		{"board", base + "/board"},
		{"board_query", base + "/board?q=borger"},
		{"insight", fmt.Sprintf("%s/insights/%d", base, insight)},
		{"progress", base + "/progress"},
		{"reports", base + "/reports"},
	}
	for _, pg := range pages {
		b.Run(pg.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, pg.path, nil)
				req.AddCookie(&http.Cookie{Name: ui.SessionCookie, Value: tok})
				w := httptest.NewRecorder()
				r.ServeHTTP(w, req)
				if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "</html>") {
					b.Fatalf("%s: %d %.300s", pg.path, w.Code, w.Body.String())
				}
			}
		})
	}
}
