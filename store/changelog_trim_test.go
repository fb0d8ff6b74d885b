package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"indsigt/store"
	"indsigt/store/storetest"
)

// TestTrimInSteps: a trim whose rows span several transactions deletes
// exactly the rows one transaction would (those below every reader's
// checkpoint), whether the rows fill the last step or not, and keeps the
// reader's row.
func TestTrimInSteps(t *testing.T) {
	for _, chunk := range []int{2, 3, 5000} {
		t.Run(fmt.Sprintf("chunk %d", chunk), func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, s *store.Store) {
				ctx := context.Background()
				store.SetTrimChunk(t, chunk)
				p := storetest.Project(t, s, "trim", "Trim")
				for i := range 7 {
					addSource(t, s, p, fmt.Sprintf("h1:trim-%d", i), 2)
				}
				head, err := s.SafeCheckpoint(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if err := s.RecordCheckpoint(ctx, "reader", store.Checkpoint{Tx: head.Tx, ID: head.ID}); err != nil {
					t.Fatal(err)
				}
				before, err := s.ChangeLogRows(ctx)
				if err != nil {
					t.Fatal(err)
				}
				n, err := s.TrimChangeLog(ctx, 0, time.Hour)
				if err != nil || n != before-1 {
					t.Fatalf("trimmed %d of %d rows, %v; want all but the reader's", n, before, err)
				}
				if left, err := s.ChangeLogRows(ctx); err != nil || left != 1 {
					t.Fatalf("%d rows left, %v", left, err)
				}
				if n, err := s.TrimChangeLog(ctx, 0, time.Hour); err != nil || n != 0 {
					t.Fatalf("a second trim: %d rows, %v", n, err)
				}
			})
		})
	}
}
