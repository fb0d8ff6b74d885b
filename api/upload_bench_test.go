package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"indsigt/internal/testkit"
	"indsigt/model"
	"indsigt/search/corpusgen"
	"indsigt/store"
	"indsigt/store/storetest"
)

// uploadNotes is the size of the file BenchmarkUpload posts: the largest
// file the default limits take (MaxNotesPerFile).
const uploadNotes = 50000

// BenchmarkUpload posts one 50,000-note interview (generated Danish turns
// with a phone number, a CPR number and names here and there) per
// iteration to POST /api/v1/projects/{slug}/sources of the server wired
// as serve wires it, on each dialect, and reports notes/s through the
// whole pipeline (multipart, parse, personal data, auto-tagging with the
// starter codebook, store, audit). In the same run it writes the same
// number of notes with store.AddNotes alone (the floor: what the store
// itself costs) and reports the ratio of the upload's rate to it.
//
//	go test ./api -run XXX -bench Upload -benchtime 3x
func BenchmarkUpload(b *testing.B) {
	file := uploadFile(uploadNotes - 1) // and the "Runde" line
	for _, dialect := range storetest.Dialects() {
		b.Run(dialect, func(b *testing.B) {
			s := storetest.Open(b, dialect)
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			st := testkit.Wire(s, testkit.Index(b, s, "", log), log)
			url := st.Serve(b, false).URL
			tok := st.DesignerToken(b, "bench@kolding.dk", "Bænk")
			code, body := testkit.Call(b, "POST", url+"/api/v1/projects", tok, strings.NewReader(`{"slug":"bench","name":"Bench","codebook":"starter"}`))
			if code != http.StatusCreated {
				b.Fatalf("create project: %d %s", code, body)
			}
			var p model.Project
			if err := json.Unmarshal(body, &p); err != nil {
				b.Fatal(err)
			}
			var upload, floor time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				data := append([]byte(fmt.Sprintf("Runde %d\n\n", i)), file...) // content hashes must differ
				upload += timedUpload(b, url, tok, i, data)
				floor += timedAddNotes(b, s, p.ID, i)
			}
			n := float64(b.N * uploadNotes)
			b.ReportMetric(n/upload.Seconds(), "notes/s")
			b.ReportMetric(n/floor.Seconds(), "addnotes-notes/s")
			b.ReportMetric(floor.Seconds()/upload.Seconds(), "ratio")
		})
	}
}

// timedUpload posts one file and checks that all its notes went in.
func timedUpload(b *testing.B, url, tok string, i int, data []byte) time.Duration {
	b.Helper()
	body, contentType := testkit.Multipart(nil, testkit.File{Name: fmt.Sprintf("interview-%d.txt", i), Body: data})
	req, err := http.NewRequest("POST", url+"/api/v1/projects/bench/sources", body)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", contentType)
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	var page struct {
		Items []struct {
			Status string `json:"status"`
			Notes  int    `json:"notes"`
		} `json:"items"`
	}
	if err := json.Unmarshal(out, &page); err != nil || len(page.Items) != 1 || page.Items[0].Status != "ingested" || page.Items[0].Notes < uploadNotes {
		b.Fatalf("upload: %d %.300s", resp.StatusCode, out)
	}
	return took
}

// timedAddNotes writes uploadNotes notes of the same texts with AddNotes
// alone, in one transaction with their source.
func timedAddNotes(b *testing.B, s *store.Store, projectID int64, i int) time.Duration {
	b.Helper()
	texts := corpusgen.Generate(int64(i), uploadNotes)
	ctx := context.Background()
	start := time.Now()
	err := s.InTx(ctx, func(tx *store.Tx) error {
		src, err := tx.CreateSource(ctx, model.Source{ProjectID: projectID, Kind: model.KindInterview, Format: "txt", ContentHash: "h1:floor-" + strconv.Itoa(i)})
		if err != nil {
			return err
		}
		ns := make([]*model.Note, len(texts))
		for j, t := range texts {
			ns[j] = &model.Note{ProjectID: projectID, SourceID: src.ID, Position: j, Speaker: "Borger-1", Text: t.Text}
		}
		return tx.AddNotes(ctx, ns)
	})
	if err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// uploadFile is an interview of n turns between "I" and two numbered
// participants, with personal data in about one turn in twenty.
func uploadFile(n int) []byte {
	var sb strings.Builder
	for j, t := range corpusgen.Generate(14, n) {
		if j%2 == 0 {
			sb.WriteString("I: ")
		} else {
			fmt.Fprintf(&sb, "Deltager %d: ", j%4/2+1)
		}
		sb.WriteString(t.Text)
		switch j % 60 {
		case 7:
			fmt.Fprintf(&sb, " Ring til hende på 20 %02d 34 56.", j%100)
		case 19:
			sb.WriteString(" Hendes datter Signe Holm kommer om tirsdagen.")
		case 31:
			fmt.Fprintf(&sb, " Hans CPR-nummer er 1204%02d-1234.", j%60)
		case 43:
			sb.WriteString(" Hun skriver til karen.jensen@mail.dk.")
		}
		sb.WriteString("\n\n")
	}
	return []byte(sb.String())
}
