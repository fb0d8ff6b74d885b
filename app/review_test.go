package app_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"indsigt/app"
	"indsigt/internal/testkit"
	"indsigt/model"
	"indsigt/report"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestReviewRestoreAndMark: a suspected match (an unknown capitalized word,
// replaced at low confidence) is listed for review with the pseudonymized
// text around it; restoring it brings the original back into the note,
// the index and the export, and the old text leaves the index files; a
// missed span marked as personal data is replaced in every note of the
// project and leaves the data directory. Each step is audited without the
// original.
func TestReviewRestoreAndMark(t *testing.T) {
	storetest.Each(t, func(t *testing.T, _ *store.Store) {
		r := newRig(t, dialectOf(t))
		ctx := context.Background()
		src := r.ingest(t, "samtale.txt", "Interviewer: Hvem kom forbi?\n\nKaren Hansen: I går kom Zulumbo forbi med kage fra bageren.\n\nInterviewer: Og naboen?\n\nKaren Hansen: Vi kalder ham trutmund, han hjælper med havregrødsgryden.\n", "Karen Hansen")
		other := r.ingest(t, "andet.txt", "Interviewer: Kender du ham?\n\nOle Bak: Ja, trutmund bor ved siden af kirkegårdsmuren.\n", "Ole Bak")
		rev, err := r.app.Review(ctx, r.scope, src)
		if err != nil {
			t.Fatal(err)
		}
		var sus *app.ReviewItem
		for i, it := range rev.Items {
			if it.Kind == "person" && strings.Contains(it.After, "forbi med kage") {
				sus = &rev.Items[i]
			}
		}
		if sus == nil || rev.Open == 0 {
			t.Fatalf("no suspected person before \"forbi med kage\": %+v", rev.Items)
		}
		if !strings.HasSuffix(sus.Before, "I går kom ") || sus.Confidence >= 0.7 {
			t.Fatalf("suspect %+v", sus)
		}
		code := sus.Pseudonym
		oldText := "I går kom [" + code + "] forbi med kage"
		index := filepath.Join(r.dir, "index")
		if n := r.total(t, "kage"); n != 1 {
			t.Fatalf("the note is not indexed (%d)", n)
		}
		if hits := onDisk(t, index, oldText); len(hits) == 0 {
			t.Fatalf("the index files do not hold the stored text; a byte search would prove nothing")
		}
		if hits := onDisk(t, r.dir, "Zulumbo"); len(hits) > 0 {
			t.Fatalf("the original is on disk before the restore: %v", hits)
		}

		// A reader may see the list but not open an original or restore.
		reader := r.scope
		reader.Operator, reader.Access = false, model.Access{Role: model.RoleAnalyst}
		if _, err := r.app.ReviewOriginal(ctx, reader, sus.ID); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("an analyst opened an original: %v", err)
		}
		if _, err := r.app.RestoreReview(ctx, reader, sus.ID); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("an analyst restored: %v", err)
		}
		orig, err := r.app.ReviewOriginal(ctx, r.scope, sus.ID)
		if err != nil || orig != "Zulumbo" {
			t.Fatalf("original %q %v", orig, err)
		}

		res, err := r.app.RestoreReview(ctx, r.scope, sus.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(res.Note.Text, "I går kom Zulumbo forbi") {
			t.Fatalf("restored %+v", res)
		}
		if _, err := r.app.RestoreReview(ctx, r.scope, sus.ID); !errors.Is(err, model.ErrConflict) {
			t.Fatalf("a second restore: %v", err)
		}
		if hits := onDisk(t, index, oldText); len(hits) > 0 {
			t.Errorf("the old text is still in the index files after the restore: %v", hits)
		}
		if n := r.total(t, "Zulumbo"); n != 1 {
			t.Errorf("the restored word is found %d times", n)
		}
		if qda := exportText(t, r, "project.qdpx"); !strings.Contains(qda, "I går kom Zulumbo forbi") {
			t.Errorf("the export does not follow the restore")
		}
		rev, _ = r.app.Review(ctx, r.scope, src)
		for _, it := range rev.Items {
			if it.ID == sus.ID && it.Resolution != store.ReviewRestored {
				t.Errorf("the row is not resolved: %+v", it)
			}
		}

		// Mark a missed nickname in one note: replaced in both sources.
		notes, err := r.store.SourceNotes(ctx, r.scope.Project.ID, src)
		if err != nil {
			t.Fatal(err)
		}
		var target model.Note
		for _, n := range notes {
			if strings.Contains(n.Text, "trutmund") {
				target = n
			}
		}
		if target.ID == 0 {
			t.Fatalf("the finder caught the nickname; pick another: %+v", notes)
		}
		if hits := onDisk(t, index, "trutmund"); len(hits) == 0 {
			t.Fatalf("the nickname is not in the index files before the mark; the test would prove nothing")
		}
		for _, bad := range []app.Mark{{Text: "", Kind: "person"}, {Text: "trutmund", Kind: "hemmelig"}, {Text: "trut", Kind: "person"}, {Text: "[Borger-1]"}} {
			if _, err := r.app.MarkPersonal(ctx, r.scope, target.ID, bad); !errors.Is(err, model.ErrInvalid) {
				t.Errorf("mark %+v: %v", bad, err)
			}
		}
		m, err := r.app.MarkPersonal(ctx, r.scope, target.ID, app.Mark{Text: "trutmund", Kind: "person"})
		if err != nil {
			t.Fatal(err)
		}
		if m.Notes != 2 || !strings.Contains(m.Note.Text, "kalder ham ["+m.Code+"], han") {
			t.Fatalf("marked %+v", m)
		}
		on, _ := r.store.SourceNotes(ctx, r.scope.Project.ID, other)
		if !strings.Contains(on[1].Text, "Ja, ["+m.Code+"] bor") {
			t.Errorf("the other source's note keeps the text: %q", on[1].Text)
		}
		if n := r.total(t, "trutmund"); n != 0 {
			t.Errorf("the marked text is still found %d times", n)
		}
		if n := r.total(t, "participant:"+m.Code); n != 2 {
			t.Errorf("the new code is found in %d notes", n)
		}
		dir := r.dir
		if r.store.Dialect() == store.Postgres {
			dir = index
		}
		if hits := onDisk(t, dir, "trutmund"); len(hits) > 0 {
			t.Errorf("the marked text is still on disk: %v", hits)
		}
		if qda := exportText(t, r, "project.qdpx"); strings.Contains(qda, "trutmund") {
			t.Errorf("the export keeps the marked text")
		}
		if _, v, err := r.store.Original(ctx, r.scope.Project.ID, m.Code); err != nil || v != "trutmund" {
			t.Errorf("the key table holds %q %v", v, err)
		}

		log, err := r.store.AuditLog(ctx, r.scope.Project.ID, 100)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range log {
			seen[e.Action] = true
			if strings.Contains(e.Detail+e.Object, "Zulumbo") || strings.Contains(e.Detail+e.Object, "trutmund") {
				t.Errorf("the audit log holds an original: %+v", e)
			}
		}
		for _, a := range []string{"review.read", "pii.read", "pii.restore", "pii.mark"} {
			if !seen[a] {
				t.Errorf("no %s in the audit log", a)
			}
		}
	})
}

func exportText(t *testing.T, r *rig, name string) string {
	t.Helper()
	e, err := r.app.Export(context.Background(), r.scope, name, report.Options{Lang: "da"})
	if err != nil {
		t.Fatal(err)
	}
	return testkit.UnzipText(t, e.Body)
}

// TestRestorePutsBackTheWordNotTheValue: a part of a listed name found at
// low confidence ("Hansen" for "Karen Hansen") is coded with the full
// name's code; restoring it puts back the word that stood there, never
// the full name, and only that occurrence.
func TestRestorePutsBackTheWordNotTheValue(t *testing.T) {
	r := newRig(t, store.SQLite)
	ctx := context.Background()
	src := r.ingest(t, "samtale.txt", "Interviewer: Hvem ringede?\n\nKaren Hansen: I morges ringede Hansen om bussen, og Karen Hansen svarede.\n", "Karen Hansen")
	rev, err := r.app.Review(ctx, r.scope, src)
	if err != nil {
		t.Fatal(err)
	}
	var sus *app.ReviewItem
	for i, it := range rev.Items {
		if strings.HasSuffix(it.Before, "I morges ringede ") {
			sus = &rev.Items[i]
		}
	}
	if sus == nil {
		t.Skipf("the finder is sure of the surname alone here; nothing to restore: %+v", rev.Items)
	}
	res, err := r.app.RestoreReview(ctx, r.scope, sus.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := "I morges ringede Hansen om bussen, og [" + sus.Pseudonym + "] svarede."
	if res.Note.Text != want {
		t.Fatalf("restored %q, want %q", res.Note.Text, want)
	}
}
