package app_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

func TestSubjectAccessReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, _ *store.Store) {
		r := newRig(t, dialectOf(t))
		ctx := context.Background()
		r.ingest(t, "samtale.txt", "Interviewer: Hvordan går det?\n\nKaren Hansen: Jeg savner min have.\n\nInterviewer: Og Ole?\n\nOle Bak: Han har det fint.\n", "Karen Hansen", "Ole Bak")
		ids, err := r.store.ParticipantNotes(ctx, r.scope.Project.ID, "Borger-1")
		if err != nil || len(ids) != 1 {
			t.Fatalf("notes %v %v", ids, err)
		}
		u, err := r.store.CreateUser(ctx, model.User{Email: "ann@kolding.dk", Name: "Ann Ærø", Role: model.RoleDesigner}, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := r.store.Audit(ctx, u.ID, r.scope.Project.ID, "note.read", "note:"+strconv.FormatInt(ids[0], 10), ""); err != nil {
			t.Fatal(err)
		}
		err = r.store.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateInsight(ctx, model.Insight{ProjectID: r.scope.Project.ID, Title: "Haven betyder noget"}, ids, 0)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := r.app.SubjectAccess(ctx, r.scope, "Borger-1")
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0].Text, "have") || len(rep.Citations) != 1 || rep.Citations[0].Title != "Haven betyder noget" {
			t.Fatalf("report %+v", rep)
		}
		if len(rep.Reads) != 1 || rep.Reads[0].Email != "ann@kolding.dk" || rep.Reads[0].Action != "note.read" {
			t.Fatalf("reads %+v", rep.Reads)
		}
		for _, n := range rep.Notes {
			if strings.Contains(n.Text, "Ole") || strings.Contains(n.Text, "Karen") {
				t.Errorf("the report holds a name: %q", n.Text)
			}
		}
		if _, err := r.app.SubjectAccess(ctx, r.scope, "Borger-9"); err == nil {
			t.Error("a report for an unknown code")
		}
	})
}
