package app

import (
	"context"
	"fmt"
	"strings"

	"indsigt/ingest/codebook"
	"indsigt/model"
	"indsigt/store"
)

// MaxRulePreview bounds the notes a rule preview shows (it counts them all).
const MaxRulePreview = 20

// NewRule is an auto-tagging rule of the codebook: notes whose text has
// Pattern (a phrase, or one word in any inflection: Match "phrase" or
// "stem"; "ensom*" is a prefix) get the tag.
type NewRule struct {
	TagID   int64
	Pattern string
	Match   string
	// Apply tags the project's existing notes by the rule too; otherwise it
	// tags what is uploaded from now on.
	Apply bool
}

// RulePreview is what a rule would tag: how many notes in all, and the
// first of them, with the notes that already carry the tag left out.
type RulePreview struct {
	Count int          `json:"count"`
	Notes []model.Note `json:"notes"`
}

// ruleMatcher checks a rule and compiles it; errors are field errors.
func ruleMatcher(tag, pattern, match string) (*codebook.Matcher, error) {
	if match == "" {
		match = codebook.MatchPhrase
	}
	if match != codebook.MatchPhrase && match != codebook.MatchStem {
		return nil, model.Invalid("match", model.RuleOneOf, "match must be phrase or stem")
	}
	if err := model.TagName(pattern); err != nil {
		return nil, model.Invalid("pattern", model.RuleRequired, "give a phrase or a word of at most 100 characters")
	}
	m, err := codebook.NewMatcher([]codebook.Rule{{Tag: tag, Pattern: pattern, Match: match}})
	if err != nil {
		return nil, model.Invalid("pattern", model.RuleFormat, "%s", err.Error())
	}
	return m, nil
}

// PreviewRule shows which notes a rule would tag, without tagging them.
func (a *App) PreviewRule(ctx context.Context, s Scope, tagName, pattern, match string) (RulePreview, error) {
	m, err := ruleMatcher("x", strings.TrimSpace(pattern), match)
	if err != nil {
		return RulePreview{}, err
	}
	p := RulePreview{Notes: []model.Note{}}
	key := store.TagKey(tagName)
	err = a.eachNote(ctx, s, func(n model.Note) {
		if len(m.Tags(n.Text)) == 0 {
			return
		}
		for _, t := range n.Tags {
			if store.TagKey(t) == key {
				return
			}
		}
		p.Count++
		if len(p.Notes) < MaxRulePreview {
			p.Notes = append(p.Notes, n)
		}
	})
	if err != nil {
		return RulePreview{}, err
	}
	return p, a.auditRead(ctx, s, "search", "notes", "rule preview")
}

func (a *App) eachNote(ctx context.Context, s Scope, fn func(model.Note)) error {
	var after int64
	for {
		ns, err := a.Store.ProjectNotes(ctx, s.Project.ID, after, 500)
		if err != nil {
			return err
		}
		for _, n := range ns {
			fn(n)
		}
		if len(ns) < 500 {
			return nil
		}
		after = ns[len(ns)-1].ID
	}
}

// AddRule adds an auto-tagging rule to a tag of the codebook and, when
// asked, tags the existing notes it matches. Audited as rule.create on the
// tag, with the count of notes it tagged.
func (a *App) AddRule(ctx context.Context, s Scope, in NewRule) (int, error) {
	if err := s.require(model.PermWrite); err != nil {
		return 0, err
	}
	var tagged int
	err := a.write(ctx, func(tx *store.Tx) error {
		t, err := tx.Tag(ctx, s.Project.ID, in.TagID)
		if err != nil {
			return err
		}
		pattern, err := a.typed(ctx, tx, s, strings.TrimSpace(in.Pattern))
		if err != nil {
			return err
		}
		m, err := ruleMatcher(t.Name, pattern, in.Match)
		if err != nil {
			return err
		}
		match := in.Match
		if match == "" {
			match = codebook.MatchPhrase
		}
		if err := tx.AddRule(ctx, s.Project.ID, t.ID, pattern, match); err != nil {
			return err
		}
		if in.Apply {
			var ids []int64
			if err := a.eachNote(ctx, s, func(n model.Note) {
				if len(m.Tags(n.Text)) > 0 {
					ids = append(ids, n.ID)
				}
			}); err != nil {
				return err
			}
			for _, id := range ids {
				if err := tx.TagNote(ctx, s.Project.ID, id, t.ID, "rule", s.userID()); err != nil {
					return err
				}
			}
			tagged = len(ids)
		}
		return audit(ctx, tx, s, "rule.create", target("tag", t.ID), fmt.Sprintf("%d notes", tagged))
	})
	return tagged, err
}
