package search_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store/storetest"
)

// BenchmarkCommitToSearchable measures how long a note committed to the
// store takes to become searchable through the running indexer loop:
// "poke" is a write in the same process (the API pokes the loop), "poll"
// one from elsewhere (the CLI, another server on the same PostgreSQL).
func BenchmarkCommitToSearchable(b *testing.B) {
	for _, dialect := range storetest.Dialects() {
		for _, mode := range []string{"poke", "poll"} {
			b.Run(dialect+"/"+mode, func(b *testing.B) {
				s := storetest.Open(b, dialect)
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				p, _ := s.CreateProject(ctx, model.Project{Slug: "lat", Name: "Lat"}, model.User{Role: model.RoleAdmin})
				x := search.NewIndexer(s, filepath.Join(b.TempDir(), "index"), quiet)
				if err := x.Start(ctx); err != nil {
					b.Fatal(err)
				}
				defer func() { cancel(); x.Stop() }()
				svc := ingest.New(s, parse.DefaultLimits())
				pid := strconv.FormatInt(p.ID, 10)
				lat := make([]time.Duration, 0, b.N)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					word := fmt.Sprintf("ord%s", strconv.Itoa(i*7919+100000))
					start := time.Now()
					if r := svc.File(ctx, p, word+".txt", []byte("Borgeren nævner "+word+" i interviewet."), ingest.Options{}); r.Status != ingest.StatusIngested {
						b.Fatalf("%+v", r)
					}
					if mode == "poke" {
						x.Poke()
					}
					for {
						if ix := x.Index(); ix != nil {
							if res, err := ix.Search(pid, search.Request{Query: word}); err == nil && res.Total == 1 {
								break
							}
						}
						time.Sleep(time.Millisecond)
					}
					lat = append(lat, time.Since(start))
				}
				sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			})
		}
	}
}
