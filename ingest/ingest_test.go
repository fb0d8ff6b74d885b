package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// canaries are the personal data in testdata; none may survive ingest
// outside the key table.
var canaries = []string{"Karen", "Østergaard", "21 43 65 87", "karen.datter@eksempel.dk", "Jens", "Ærbo", "010190-1234", "40 12 34 56", "Mette", "Søndergaard"}

func setup(t *testing.T, s *store.Store) (*ingest.Service, model.Project) {
	t.Helper()
	return ingest.New(s, parse.DefaultLimits()), storetest.Project(t, s, "mad-nok", "Er der mad nok?")
}

// stored reads back the source an ingest result names and its notes; a
// file that was not ingested fails the test.
func stored(t *testing.T, s *store.Store, p model.Project, res ingest.Result) (model.Source, []model.Note) {
	t.Helper()
	if res.Status != ingest.StatusIngested {
		t.Fatalf("%s: %+v", res.Name, res)
	}
	var id int64
	fmt.Sscan(res.SourceID, &id)
	src, err := s.Source(context.Background(), p.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	notes, err := s.SourceNotes(context.Background(), p.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return src, notes
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestIngestPseudonymizesBeforeStoring(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		if err := svc.LoadStarterCodebook(ctx, p.ID, 0); err != nil {
			t.Fatal(err)
		}
		r1 := svc.File(ctx, p, "nattevagt.md", read(t, "nattevagt.md"), ingest.Options{})
		r2 := svc.File(ctx, p, "samtale.txt", read(t, "samtale.txt"), ingest.Options{Kind: "interview", Participants: []string{"Jens Ærbo"}})
		for _, r := range []ingest.Result{r1, r2} {
			if r.Status != ingest.StatusIngested {
				t.Fatalf("%s: %+v", r.Name, r)
			}
		}
		if r1.Notes != 4 || r2.Notes != 4 { // the heading is a note of its own
			t.Fatalf("notes: %d and %d, want 4 and 4", r1.Notes, r2.Notes)
		}
		var src1, src2 int64
		fmt.Sscan(r1.SourceID, &src1)
		fmt.Sscan(r2.SourceID, &src2)
		n1, err := s.SourceNotes(ctx, p.ID, src1)
		if err != nil {
			t.Fatal(err)
		}
		if want := "Kl. 02.10 står [Borger-1] op og går ud i fællesstuen. Hun åbner køleskabet og kigger længe ind."; n1[1].Text != want {
			t.Errorf("note 1:\n got %q\nwant %q", n1[1].Text, want)
		}
		if !strings.Contains(n1[2].Text, "[Telefon-1]") || !strings.Contains(n1[2].Text, "[E-mail-1]") || !strings.HasPrefix(n1[2].Text, "Hun lukker") {
			t.Errorf("note 2 keeps phone or e-mail: %q", n1[2].Text)
		}
		if !hasTag(n1[1].Tags, "Mad og måltider") || !hasTag(n1[3].Tags, "Mad og måltider") {
			t.Errorf("codebook rules did not tag the fridge notes: %v / %v", n1[1].Tags, n1[3].Tags)
		}
		n2, _ := s.SourceNotes(ctx, p.ID, src2)
		if n2[1].Speaker != "Borger-2" || n2[1].SpeakerRole != "participant" || !strings.HasPrefix(n2[0].Speaker, "Medarbejder-") || n2[0].SpeakerRole != "interviewer" {
			t.Errorf("speakers: %+v / %+v", n2[0], n2[1])
		}
		if !strings.Contains(n2[1].Text, "[CPR-1]") || !strings.Contains(n2[3].Text, "[Telefon-2]") {
			t.Errorf("CPR or phone kept: %q / %q", n2[1].Text, n2[3].Text)
		}
		src, _ := s.Source(ctx, p.ID, src1)
		if src.Interviewer != "Medarbejder-1" || src.Kind != model.KindObservation || src.OccurredOn == nil || src.OccurredOn.Format("2006-01-02") != "2026-03-18" {
			t.Errorf("source metadata: %+v", src)
		}
		// The same person in a later file gets the same pseudonym.
		r3 := svc.File(ctx, p, "opfølgning.txt", []byte("Karen Margrethe Østergaard sov hele natten."), ingest.Options{Participants: []string{"Karen Margrethe Østergaard"}})
		var src3 int64
		fmt.Sscan(r3.SourceID, &src3)
		n3, _ := s.SourceNotes(ctx, p.ID, src3)
		if len(n3) != 1 || n3[0].Text != "[Borger-1] sov hele natten." {
			t.Errorf("stable pseudonym: %+v", n3)
		}
		assertNoCanaries(t, s)
	})
}

func hasTag(tags []string, want string) bool {
	for _, t := range tags {
		if t == want {
			return true
		}
	}
	return false
}

// assertNoCanaries scans every text column of every table but the key table.
func assertNoCanaries(t *testing.T, s *store.Store) {
	t.Helper()
	dump, err := s.DumpText(context.Background(), "pseudonym_keys")
	if err != nil {
		t.Fatal(err)
	}
	for table, text := range dump {
		for _, c := range canaries {
			if strings.Contains(text, c) {
				t.Errorf("table %s holds personal data %q", table, c)
			}
		}
	}
	if len(dump) < 10 {
		t.Fatalf("dump covered only %d tables", len(dump))
	}
}

func TestBatchWithBrokenFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		dir := t.TempDir()
		for i := 0; i < 97; i++ {
			body := fmt.Sprintf("Interview %d med en borger om hverdagen.\n\nHun fortæller om naboen og om at spise alene, dag %d.\n", i, i)
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("note-%03d.txt", i)), []byte(body), 0o600)
		}
		broken := map[string][]byte{
			"rapport.pdf":  []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"),
			"tom.txt":      {},
			"ødelagt.docx": []byte("PK\x03\x04 not really a zip"),
		}
		for name, b := range broken {
			os.WriteFile(filepath.Join(dir, name), b, 0o600)
		}
		os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte{0, 1, 2}, 0o600)
		files, err := ingest.Files([]string{dir})
		if err != nil || len(files) != 100 {
			t.Fatalf("files: %d %v", len(files), err)
		}
		results := svc.Paths(ctx, p, files, ingest.Options{}, nil)
		failed := map[string]string{}
		ok := 0
		for _, r := range results {
			switch r.Status {
			case ingest.StatusIngested:
				ok++
			case ingest.StatusFailed:
				failed[filepath.Base(r.Name)] = r.Error
			}
		}
		if ok != 97 || len(failed) != 3 {
			t.Fatalf("ingested %d, failed %v", ok, failed)
		}
		for name := range broken {
			if failed[name] == "" {
				t.Errorf("%s not reported with a reason", name)
			}
		}
		srcs, _ := s.Sources(ctx, p.ID, 0, 500)
		if len(srcs) != 97 {
			t.Errorf("sources: %d, want 97", len(srcs))
		}
		for _, src := range srcs {
			if src.NoteCount != 2 {
				t.Errorf("source %s has %d notes, want 2", src.Filename, src.NoteCount)
			}
		}
		// Other tests' transactions in the same PostgreSQL database may hold
		// the change log's horizon for a moment.
		// One change-log row per file, naming its source, not one per note.
		changes, _ := s.ChangesAfter(ctx, store.Checkpoint{}, 10000)
		for deadline := time.Now().Add(10 * time.Second); len(changes) < 97 && time.Now().Before(deadline); changes, _ = s.ChangesAfter(ctx, store.Checkpoint{}, 10000) {
			time.Sleep(50 * time.Millisecond)
		}
		if len(changes) != 97 {
			t.Errorf("change_log rows: %d, want %d", len(changes), 97)
		}
		for _, c := range changes {
			if c.Entity != store.EntitySource {
				t.Errorf("change %+v: want a source's row", c)
			}
		}
		// Again: every file is now a duplicate and nothing new is written.
		again := svc.Paths(ctx, p, files[:5], ingest.Options{}, nil)
		for _, r := range again {
			if r.Status != ingest.StatusDuplicate && !strings.Contains(r.Name, "pdf") {
				t.Errorf("second ingest of %s: %s", r.Name, r.Status)
			}
		}
		if srcs, _ := s.Sources(ctx, p.ID, 0, 500); len(srcs) != 97 {
			t.Errorf("duplicates were stored: %d sources", len(srcs))
		}
	})
}

func TestBadMetadataFailsCleanly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, p := setup(t, s)
		r := svc.File(context.Background(), p, "a.txt", []byte("Hej med dig."), ingest.Options{Kind: "podcast"})
		if r.Status != ingest.StatusFailed || !strings.Contains(r.Error, "podcast") {
			t.Fatalf("%+v", r)
		}
		if srcs, _ := s.Sources(context.Background(), p.ID, 0, 10); len(srcs) != 0 {
			t.Fatalf("failed file left sources: %+v", srcs)
		}
	})
}
