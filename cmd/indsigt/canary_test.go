package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"indsigt/internal/testkit"
	"indsigt/store"
	"indsigt/store/storetest"
)

// canaries are the personal data in testdata/canary. After ingest none of
// them may be found anywhere but the pseudonym key table: not in other
// tables, the index files on disk, the server's logs or API answers.
var canaries = []string{
	"070845-2918", "0708452918", "1103421357", "221150-3347", "31 22 45 78", "31224578", "42 42 17 17",
	"hakon.lysgaard@kanariefugl.dk", "vagn.klovedal@kanariefugl.dk", "kanariefugl",
	"Bodil", "Ærenfeldt", "Grønbech", "Hakon", "Lysgaard", "Trine", "Kastrup", "Vagn", "Kløvedal",
}

func TestCanaryPersonalDataNeverLeaves(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db, data := storetest.DSN(t, dialect), t.TempDir()
			tok := setupProject(t, db, data)
			out, errs, code := cli(t, db, data, "", "ingest", "--project", "crash", "--json", "testdata/canary")
			if code != 0 || !strings.Contains(out, `"status": "ingested"`) {
				t.Fatalf("ingest: %d %s %s", code, out, errs)
			}
			srv := startServer(t, db, data)
			waitReady(t, srv.url)
			var answers strings.Builder
			for _, path := range []string{"/search?q=k%C3%B8leskab", "/search?q=Bodil", "/search?q=kind:interview", "/sources", "/sources/1", "/sources/2", "/notes/1", "/notes/2/similar", "/suggestions", "/codebook"} {
				answers.WriteString(apiGet(t, srv.url+"/api/v1/projects/crash"+path, tok))
			}
			if !strings.Contains(answers.String(), "køleskab") {
				t.Fatalf("API answers hold no notes at all; the test would prove nothing:\n%s", answers.String())
			}
			srv.stop(t)
			places := map[string]string{"API answers": answers.String(), "server log": srv.logs.String(), "CLI output": out + errs}
			// Every table, the key table too: its values are sealed.
			s, tables := leftOnDisk(t, db, data, places)
			for table, text := range tables {
				places["table "+table] = text
			}
			if original(t, s, "crash", "CPR-1") != "070845-2918" {
				t.Fatal("the key table lacks the CPR number: the canary is not where it should be")
			}
			for where, text := range places {
				for _, c := range canaries {
					if strings.Contains(text, c) {
						t.Errorf("%s contains %q", where, c)
					}
				}
			}
		})
	}
}

func apiGet(t *testing.T, url, tok string) string {
	t.Helper()
	_, b := testkit.Call(t, "GET", url, tok, nil)
	return string(b)
}

// leftOnDisk adds each file of a stopped server's index to places and
// opens its store; it returns the store and the text of every table.
func leftOnDisk(t *testing.T, db, data string, places map[string]string) (*store.Store, map[string]string) {
	t.Helper()
	for name, text := range indexFiles(t, filepath.Join(data, "index")) {
		places["index file "+name] = text
	}
	s := storetest.OpenExisting(t, db, data)
	tables, err := s.DumpText(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s, tables
}

func indexFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		out[filepath.Base(path)] = string(b)
		return err
	})
	if err != nil || len(out) == 0 {
		t.Fatalf("index dir %s: %v (%d files)", dir, err, len(out))
	}
	return out
}

// original opens a sealed value of the key table with the run's key.
func original(t *testing.T, s *store.Store, slug, code string) string {
	t.Helper()
	b, err := os.ReadFile(os.Getenv("INDSIGT_KEY_FILE"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := decodeKey(strings.TrimSpace(string(b)), "key file")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UseKey(key); err != nil {
		t.Fatal(err)
	}
	p, err := s.ProjectBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	_, v, err := s.Original(context.Background(), p.ID, code)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
