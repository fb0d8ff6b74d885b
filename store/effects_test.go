package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestInsightAndEffectWritesAuditNothing: the store writes insights,
// tests, indicators and measurements but leaves the audit log to the
// use-case layer; the transaction sees its own writes.
func TestInsightAndEffectWritesAuditNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, err := s.CreateUser(ctx, model.User{Email: "sara@kolding.dk", Name: "Sara", Role: model.RoleDesigner}, "")
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.CreateProject(ctx, model.Project{Slug: "p", Name: "Projekt"}, u)
		if err != nil {
			t.Fatal(err)
		}
		before, _ := s.AuditLog(ctx, p.ID, 100)
		err = s.InTx(ctx, func(tx *store.Tx) error {
			in, err := tx.CreateInsight(ctx, model.Insight{ProjectID: p.ID, Title: "Mad om natten"}, nil, u.ID)
			if err != nil {
				return err
			}
			if got, err := tx.Insight(ctx, p.ID, in.ID); err != nil || got.Title != "Mad om natten" {
				t.Errorf("tx.Insight: %+v %v", got, err)
			}
			if _, err := tx.MovePhase(ctx, p.ID, in.ID, model.PhaseSkab, "Vi tester", u.ID); err != nil {
				return err
			}
			tt, err := tx.CreateTest(ctx, model.Test{ProjectID: p.ID, InsightID: in.ID, Title: "Prototype"}, u.ID)
			if err != nil {
				return err
			}
			tt.Outcome = model.OutcomeConfirmed
			if err := tx.UpdateTest(ctx, tt); err != nil {
				return err
			}
			if got, err := tx.Test(ctx, p.ID, tt.ID); err != nil || got.Outcome != model.OutcomeConfirmed {
				t.Errorf("tx.Test: %+v %v", got, err)
			}
			ind, err := tx.CreateIndicator(ctx, model.Indicator{ProjectID: p.ID, InsightID: in.ID, Name: "Gange oppe", Direction: model.DirectionDown, Baseline: 12, Target: 2}, u.ID)
			if err != nil {
				return err
			}
			if got, err := tx.Indicator(ctx, p.ID, ind.ID); err != nil || got.Direction != model.DirectionDown {
				t.Errorf("tx.Indicator: %+v %v", got, err)
			}
			_, err = tx.AddMeasurement(ctx, p.ID, model.Measurement{IndicatorID: ind.ID, Value: 7, MeasuredAt: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}, u.ID)
			if err != nil {
				return err
			}
			if _, err := tx.Test(ctx, p.ID+1, tt.ID); !errors.Is(err, model.ErrNotFound) {
				t.Errorf("a test of another project: %v", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if after, _ := s.AuditLog(ctx, p.ID, 100); len(after) != len(before) {
			t.Fatalf("the store wrote %d audit rows", len(after)-len(before))
		}
	})
}

func TestMeasurementFieldErrors(t *testing.T) {
	for _, tc := range []struct {
		m     model.Measurement
		field string
	}{
		{model.Measurement{Value: 1}, "measured_at"},
		{model.Measurement{Value: 1, MeasuredAt: time.Now(), Comment: string(make([]rune, 2001))}, "comment"},
	} {
		fe, ok := model.AsFieldError(tc.m.Validate())
		if !ok || fe.Field != tc.field {
			t.Errorf("%+v: %v, want a field error on %s", tc.m, fe, tc.field)
		}
	}
}
