package app

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"indsigt/store"
)

// ExpiredSource is a source past its project's retention.
type ExpiredSource struct {
	Project   string    `json:"project"`
	SourceID  string    `json:"source_id"`
	Title     string    `json:"title"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Retention lists the sources past their project's retention and, unless
// dryRun, erases them (each audited as retention.erase), then purges the
// erased text from disk once. Only the operator runs it: the CLI, or the
// daily job in serve, once across the servers sharing a PostgreSQL.
func (a *App) Retention(ctx context.Context, act Actor, dryRun bool) ([]ExpiredSource, error) {
	if !act.Operator {
		return nil, fmt.Errorf("app: retention runs as the operator")
	}
	var out []ExpiredSource
	_, err := a.Store.RunOnce(ctx, "retention", func(ctx context.Context) error {
		exp, err := a.Store.ExpiredSources(ctx, a.Now())
		if err != nil {
			return err
		}
		out = make([]ExpiredSource, 0, len(exp))
		for _, e := range exp {
			out = append(out, ExpiredSource{Project: e.ProjectSlug, SourceID: strconv.FormatInt(e.SourceID, 10), Title: e.Title,
				CreatedAt: e.CreatedAt, ExpiresAt: e.ExpiresAt})
		}
		if dryRun || len(exp) == 0 {
			return nil
		}
		var projects []int64
		for _, e := range exp {
			if len(projects) == 0 || projects[len(projects)-1] != e.ProjectID {
				projects = append(projects, e.ProjectID) // exp is ordered by project
			}
			s := Scope{Actor: act}
			s.Project.ID = e.ProjectID
			err := a.write(ctx, func(tx *store.Tx) error {
				er, err := tx.EraseSource(ctx, e.ProjectID, e.SourceID)
				if err != nil {
					return err
				}
				return audit(ctx, tx, s, "retention.erase", target("source", e.SourceID), fmt.Sprintf("notes=%d flagged=%d", er.Notes, len(er.FlaggedInsights)))
			})
			if err != nil {
				return fmt.Errorf("app: retention: source %d: %w", e.SourceID, err)
			}
		}
		return a.purge(ctx, projects...)
	})
	return out, err
}

// RetentionEvery runs Retention(dryRun=false) once a day until ctx ends,
// the first time after delay; errors go to the log.
func (a *App) RetentionEvery(ctx context.Context, delay time.Duration) {
	t := time.NewTimer(delay)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		exp, err := a.Retention(ctx, Operator(), false)
		if err != nil {
			a.Log.Error("retention", "err", err)
		} else if len(exp) > 0 {
			a.Log.Info("retention erased expired sources", "sources", len(exp))
		}
		if n, err := a.TrimAccessLog(ctx); err != nil {
			a.Log.Error("retention: access log", "err", err)
		} else if n > 0 {
			a.Log.Info("retention trimmed the access log", "rows", n)
		}
		t.Reset(24 * time.Hour)
	}
}
