package ingest

import (
	"context"
	"errors"

	"indsigt/ingest/codebook"
	"indsigt/model"
	"indsigt/store"
)

// LoadStarterCodebook adds the starter codebook from the seeds (the five
// leveregler, the 1-2-3 steps, borgerland/fagland and common themes) with
// its auto-tagging rules to a project; tags that exist are kept as they are.
func (s *Service) LoadStarterCodebook(ctx context.Context, projectID, by int64) error {
	tags, rules := codebook.Starter()
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		ids := map[string]int64{}
		for _, t := range tags { // Starter lists parents before their children
			var parent *int64
			if id, ok := ids[t.Parent]; ok {
				parent = &id
			}
			// Look before creating: a failed insert would abort a PostgreSQL transaction.
			if id, err := tx.TagID(ctx, projectID, t.Name); err == nil {
				ids[t.Name] = id
				continue
			} else if !errors.Is(err, model.ErrNotFound) {
				return err
			}
			created, err := tx.CreateTag(ctx, model.Tag{ProjectID: projectID, ParentID: parent, Name: t.Name, Description: t.Description, Color: t.Color}, by)
			if err != nil {
				return err
			}
			ids[t.Name] = created.ID
		}
		for _, r := range rules {
			if err := tx.AddRule(ctx, projectID, ids[r.Tag], r.Pattern, r.Match); err != nil {
				return err
			}
		}
		return nil
	})
}
