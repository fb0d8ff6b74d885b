package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"indsigt/model"
	"indsigt/store"
)

// Erased is the answer to an erasure: counts and the insights whose owners
// must look, never the erased content.
type Erased struct {
	Sources         int      `json:"sources"`
	Notes           int      `json:"notes"`
	Keys            int      `json:"keys"`
	Participants    int      `json:"participants"`
	FlaggedInsights []string `json:"flagged_insights"`
}

// EraseSource deletes a source and its notes from the store and the index.
func (a *App) EraseSource(ctx context.Context, s Scope, sourceID int64) (Erased, error) {
	return a.erase(ctx, s, "erase.source", target("source", sourceID), func(tx *store.Tx) (store.Erasure, error) {
		return tx.EraseSource(ctx, s.Project.ID, sourceID)
	})
}

// EraseNote deletes one note from the store and the index.
func (a *App) EraseNote(ctx context.Context, s Scope, noteID int64) (Erased, error) {
	return a.erase(ctx, s, "erase.note", target("note", noteID), func(tx *store.Tx) (store.Erasure, error) {
		e, err := tx.EraseNotes(ctx, s.Project.ID, []int64{noteID})
		if err == nil && e.Notes == 0 {
			err = fmt.Errorf("%w: no note %d in this project", model.ErrNotFound, noteID)
		}
		return e, err
	})
}

// EraseParticipant deletes every note a participant speaks in or is named
// in by their code, their rows in the key table and the code itself
// (GDPR art. 17). The code is a pseudonym, so the audit row may name it.
func (a *App) EraseParticipant(ctx context.Context, s Scope, code string) (Erased, error) {
	code = strings.Trim(strings.TrimSpace(code), "[]")
	if code == "" {
		return Erased{}, model.Invalid("participant", model.RuleRequired, "participant code is required")
	}
	return a.erase(ctx, s, "erase.participant", "participant:"+code, func(tx *store.Tx) (store.Erasure, error) {
		return tx.EraseParticipant(ctx, s.Project.ID, code)
	})
}

// erase runs one erasure for the project's owners and admins, audits it
// with counts only, and then makes the erased text unreadable on disk: the
// index is rebuilt without it and the database's freed pages are zeroed.
// When it returns, the text is gone from the data directory.
func (a *App) erase(ctx context.Context, s Scope, action, object string, fn func(*store.Tx) (store.Erasure, error)) (Erased, error) {
	if err := s.require(model.PermManage); err != nil {
		return Erased{}, err
	}
	var e store.Erasure
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		if e, err = fn(tx); err != nil {
			return err
		}
		detail := fmt.Sprintf("sources=%d notes=%d keys=%d participants=%d flagged=%d", e.Sources, e.Notes, e.Keys, e.Participants, len(e.FlaggedInsights))
		return audit(ctx, tx, s, action, object, detail)
	})
	if err != nil {
		return Erased{}, err
	}
	if err := a.purge(ctx, s.Project.ID); err != nil {
		return Erased{}, fmt.Errorf("app: erased from the database, but removing it from disk failed (run indsigt reindex): %w", err)
	}
	out := Erased{Sources: e.Sources, Notes: e.Notes, Keys: e.Keys, Participants: e.Participants, FlaggedInsights: []string{}}
	for _, id := range e.FlaggedInsights {
		out.FlaggedInsights = append(out.FlaggedInsights, strconv.FormatInt(id, 10))
	}
	return out, nil
}

// purge removes erased text from the files on disk: Bleve only marks a
// deleted document, its segment keeps the bytes until rewritten, so the
// projects' shards are rebuilt and swapped; then the store zeroes freed
// pages.
func (a *App) purge(ctx context.Context, projectIDs ...int64) error {
	if a.Indexer != nil {
		for _, id := range projectIDs {
			if err := a.Indexer.RebuildProject(ctx, id); err != nil {
				return err
			}
		}
		a.poke()
	}
	return a.Store.Scrub(ctx)
}
