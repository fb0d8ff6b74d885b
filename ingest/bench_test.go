package ingest_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/model"
	"indsigt/search"
	"indsigt/search/corpusgen"
	"indsigt/store/storetest"
)

// BenchmarkIngest measures ingest throughput (notes/s and MB/s) through the
// whole pipeline: parse, pseudonymize, auto-tag with the starter codebook,
// and write notes plus change_log rows, one transaction per file.
// Files are interviews of 50 speaker turns from the synthetic Danish corpus.
func BenchmarkIngest(b *testing.B) {
	const turns = 50
	notes := corpusgen.Generate(7, 20000)
	for _, dialect := range storetest.Dialects() {
		b.Run(dialect, func(b *testing.B) {
			s := storetest.Open(b, dialect)
			ctx := context.Background()
			p, err := s.CreateProject(ctx, model.Project{Slug: "bench", Name: "Bench"}, model.User{Role: model.RoleAdmin})
			if err != nil {
				b.Fatal(err)
			}
			svc := ingest.New(s, parse.DefaultLimits())
			if err := svc.LoadStarterCodebook(ctx, p.ID, 0); err != nil {
				b.Fatal(err)
			}
			files := make([][]byte, 0, len(notes)/turns)
			for i := 0; i+turns <= len(notes); i += turns {
				files = append(files, interview(notes[i:i+turns], i))
			}
			var bytes int64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				data := files[i%len(files)]
				if i >= len(files) { // content hashes must differ or the file is a duplicate
					data = append([]byte(fmt.Sprintf("Runde %d\n\n", i)), data...)
				}
				r := svc.File(ctx, p, fmt.Sprintf("interview-%d.txt", i), data, ingest.Options{})
				if r.Status != ingest.StatusIngested {
					b.Fatalf("%+v", r)
				}
				bytes += int64(len(data))
			}
			sec := b.Elapsed().Seconds()
			b.ReportMetric(float64(b.N*turns)/sec, "notes/s")
			b.ReportMetric(float64(bytes)/1e6/sec, "MB/s")
		})
	}
}

func interview(notes []search.NoteDoc, seq int) []byte {
	var sb strings.Builder
	for j, n := range notes {
		if j%2 == 0 {
			sb.WriteString("I: ")
		} else {
			fmt.Fprintf(&sb, "Deltager %d: ", seq%7+1)
		}
		sb.WriteString(n.Text)
		sb.WriteString("\n\n")
	}
	return []byte(sb.String())
}
