package app

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
)

// attachHighlights gives each hit its note's highlights, read from the
// store in one query for the page (the index holds their tags only, see
// package search), and marks those that carry a tag the search asked for.
func (a *App) attachHighlights(ctx context.Context, s Scope, hits []search.Hit, asked []string) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(hits))
	for _, h := range hits {
		if id, err := strconv.ParseInt(h.NoteID, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	hs, err := a.Store.Highlights(ctx, s.Project.ID, store.HighlightFilter{NoteIDs: ids})
	if err != nil {
		return err
	}
	keys := make([]string, len(asked))
	for i, t := range asked {
		keys[i] = store.TagKey(t)
	}
	byNote := make(map[string][]search.HitHighlight, len(hits))
	for _, h := range hs {
		note := strconv.FormatInt(h.NoteID, 10)
		byNote[note] = append(byNote[note], hitHighlight(h, keys))
	}
	for i := range hits {
		hits[i].Highlights = byNote[hits[i].NoteID]
		if hits[i].Highlights == nil {
			hits[i].Highlights = []search.HitHighlight{}
		}
	}
	return nil
}

func hitHighlight(h model.Highlight, askedKeys []string) search.HitHighlight {
	hh := search.HitHighlight{ID: h.ID, Start: h.Start, End: h.End, Quote: h.Quote, Tags: h.Tags}
	for _, t := range h.Tags {
		if slices.Contains(askedKeys, store.TagKey(t)) {
			hh.Matched = true
		}
	}
	return hh
}

// notesHighlights lists the highlights of some notes, never nil.
func (a *App) notesHighlights(ctx context.Context, s Scope, noteIDs []int64) ([]model.Highlight, error) {
	hs, err := a.Store.Highlights(ctx, s.Project.ID, store.HighlightFilter{NoteIDs: noteIDs})
	if hs == nil {
		hs = []model.Highlight{}
	}
	return hs, err
}

// tagSpelling maps the query's tag: values, lower-cased, to the
// codebook's spelling, which the index holds (search.Request.TagSpelling).
func (a *App) tagSpelling(ctx context.Context, s Scope, query string) (map[string]string, error) {
	typed := search.QueryTags(query)
	if len(typed) == 0 {
		return nil, nil
	}
	names, err := a.Store.TagNames(ctx, s.Project.ID, typed)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(typed))
	for i, t := range typed {
		out[strings.ToLower(t)] = names[i]
	}
	return out, nil
}
