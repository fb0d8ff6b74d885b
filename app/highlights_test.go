package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"indsigt/app"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// highlight marks phrase in a note through the use case.
func (r *rig) highlight(t *testing.T, noteID int64, phrase string, tags ...string) model.Highlight {
	t.Helper()
	n, err := r.store.Note(context.Background(), r.scope.Project.ID, noteID)
	if err != nil {
		t.Fatal(err)
	}
	start, end, ok := model.FindSpan(n.Text, phrase)
	if !ok {
		t.Fatalf("note %d lacks %q: %q", noteID, phrase, n.Text)
	}
	h, err := r.app.CreateHighlight(context.Background(), r.scope, app.NewHighlight{NoteID: noteID, Start: start, End: end, Tags: tags})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// quotes answers each highlight's quote, checked against its note's text.
func (r *rig) quotes(t *testing.T, hs ...model.Highlight) []string {
	t.Helper()
	ctx := context.Background()
	out := make([]string, len(hs))
	for i, h := range hs {
		got, err := r.app.Highlights(ctx, r.scope, app.HighlightQuery{NoteIDs: []int64{h.NoteID}})
		if err != nil {
			t.Fatal(err)
		}
		n, err := r.store.Note(ctx, r.scope.Project.ID, h.NoteID)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range got {
			if g.ID != h.ID {
				continue
			}
			if q, err := model.SpanOf(n.Text, g.Start, g.End); err != nil || q != g.Quote {
				t.Errorf("highlight %d: span [%d,%d) of %q is %q, quote %q", g.ID, g.Start, g.End, n.Text, q, g.Quote)
			}
			out[i] = g.Quote
		}
	}
	return out
}

// TestHighlightsThroughReviewMemosAndErasure: a highlight after a
// suspected name and one around it keep their words when the name is
// restored and when it is marked as personal data again; a memo on a
// highlight is listed as one, not as the note's; the subject access report
// lists the participant's highlights; erasing the participant removes
// highlights and memos and leaves their text nowhere in the data directory.
func TestHighlightsThroughReviewMemosAndErasure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, _ *store.Store) {
		r := newRig(t, dialectOf(t))
		ctx := context.Background()
		src := r.ingest(t, "samtale.txt", "Interviewer: Hvem kom forbi?\n\nKaren Hansen: I går kom Zulumbo forbi med kage fra bageren, og Zulumbo blev længe.\n", "Karen Hansen")
		rev, err := r.app.Review(ctx, r.scope, src)
		if err != nil {
			t.Fatal(err)
		}
		var sus *app.ReviewItem
		for i, it := range rev.Items {
			if strings.HasPrefix(it.After, " forbi med kage") {
				sus = &rev.Items[i]
			}
		}
		if sus == nil {
			t.Fatalf("no suspected name before \"forbi med kage\": %+v", rev.Items)
		}
		code := "[" + sus.Pseudonym + "]"
		after := r.highlight(t, sus.NoteID, "forbi med kage", "Mad")
		around := r.highlight(t, sus.NoteID, "kom "+code+" forbi")
		if _, err := r.app.RestoreReview(ctx, r.scope, sus.ID); err != nil {
			t.Fatal(err)
		}
		if got := r.quotes(t, after, around); got[0] != "forbi med kage" || got[1] != "kom Zulumbo forbi" {
			t.Errorf("after the restore: %q", got)
		}
		m, err := r.app.MarkPersonal(ctx, r.scope, sus.NoteID, app.Mark{Text: "Zulumbo", Kind: "person"})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.quotes(t, after, around); got[0] != "forbi med kage" || got[1] != "kom ["+m.Code+"] forbi" {
			t.Errorf("after the mark: %q", got)
		}

		memo, err := r.app.CreateMemo(ctx, r.scope, app.NewMemo{Target: fmt.Sprintf("highlight:%d", after.ID), Body: "Kagen er zebrafinkekage"})
		if err != nil || memo.Target != fmt.Sprintf("highlight:%d", after.ID) {
			t.Fatalf("memo on a highlight: %+v %v", memo, err)
		}
		for _, c := range []struct {
			q    app.MemoQuery
			want int
		}{
			{app.MemoQuery{Target: memo.Target}, 1},
			{app.MemoQuery{Kind: "highlight"}, 1},
			{app.MemoQuery{Target: fmt.Sprintf("note:%d", sus.NoteID)}, 0},
			{app.MemoQuery{Kind: "note"}, 0},
		} {
			if ms, err := r.app.Memos(ctx, r.scope, c.q); err != nil || len(ms) != c.want {
				t.Errorf("memos %+v: %d %v, want %d", c.q, len(ms), err, c.want)
			}
		}
		if _, err := r.app.CreateMemo(ctx, r.scope, app.NewMemo{Target: "highlight:999", Body: "x"}); err == nil {
			t.Error("a memo on a highlight that is not there")
		}

		rep, err := r.app.SubjectAccess(ctx, r.scope, "Borger-1")
		if err != nil || len(rep.Highlights) != 2 || rep.Highlights[0].ID != after.ID || rep.Highlights[0].Tags[0] != "Mad" {
			t.Fatalf("subject access highlights: %+v %v", rep.Highlights, err)
		}
		if _, err := r.app.EraseParticipant(ctx, r.scope, "Borger-1"); err != nil {
			t.Fatal(err)
		}
		if hs, err := r.app.Highlights(ctx, r.scope, app.HighlightQuery{}); err != nil || len(hs) != 0 {
			t.Errorf("highlights after the erasure: %+v %v", hs, err)
		}
		if ms, err := r.app.Memos(ctx, r.scope, app.MemoQuery{}); err != nil || len(ms) != 0 {
			t.Errorf("memos after the erasure: %+v %v", ms, err)
		}
		for _, s := range []string{"zebrafinkekage", "forbi med kage"} {
			if hits := onDisk(t, r.dir, s); len(hits) > 0 {
				t.Errorf("%q is still on disk in %v", s, hits)
			}
		}
	})
}
