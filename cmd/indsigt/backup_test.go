package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"indsigt/store"
	"indsigt/store/storetest"
)

// TestBackupWhileServingAndRestore takes a backup from a running server,
// writes more after it, restores it and checks that search answers as it
// did at backup time: the notes written later are gone from the index too.
func TestBackupWhileServingAndRestore(t *testing.T) {
	data := t.TempDir()
	tok := setupProject(t, "", data)
	srv := startServer(t, "", data)
	for i := 0; i < 3; i++ {
		uploadText(srv.url, tok, "f"+string(rune('a'+i))+".txt", 7, i)
	}
	waitReady(t, srv.url)
	query := "/api/v1/projects/crash/search?q=k%C3%B8leskabet+afsnit&limit=50"
	atBackup := apiGet(t, srv.url+query, tok)
	if !strings.Contains(atBackup, `"total":15`) {
		t.Fatalf("before backup: %s", atBackup)
	}
	backup := filepath.Join(t.TempDir(), "indsigt-backup.db")
	if _, errs, code := cli(t, "", data, "", "backup", "--out", backup); code != 0 {
		t.Fatalf("backup while serving: %d %s", code, errs)
	}
	uploadText(srv.url, tok, "later.txt", 8, 9)
	waitReady(t, srv.url)
	if got := apiGet(t, srv.url+query, tok); !strings.Contains(got, `"total":20`) {
		t.Fatalf("after the later upload: %s", got)
	}
	if _, errs, code := cli(t, "", data, "", "restore", "--from", backup); code != 1 || !strings.Contains(errs, "stop it before restoring") {
		t.Fatalf("restore while serving: %d %s", code, errs)
	}
	srv.stop(t)

	if _, errs, code := cli(t, "", data, "", "restore", "--from", backup); code != 0 {
		t.Fatalf("restore: %d %s", code, errs)
	}
	srv = startServer(t, "", data)
	waitReady(t, srv.url)
	if got := apiGet(t, srv.url+query, tok); !sameAnswer(got, atBackup) {
		t.Fatalf("after restore:\n%s\nat backup:\n%s", got, atBackup)
	}
	srv.stop(t)
	kept, _ := filepath.Glob(filepath.Join(data, store.DBFile+".before-restore-*"))
	if len(kept) != 1 {
		t.Errorf("the replaced database was not kept: %v", kept)
	}
}

func TestBackupRefusesBadInput(t *testing.T) {
	data := t.TempDir()
	junk := filepath.Join(t.TempDir(), "junk.db")
	if err := os.WriteFile(junk, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no --out", []string{"backup"}, 2, "--out is required"},
		{"no --from", []string{"restore"}, 2, "--from is required"},
		{"a file that is not a database", []string{"restore", "--from", junk}, 1, "not an SQLite database"},
		{"a missing file", []string{"restore", "--from", junk + ".missing"}, 1, "no such file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errs, code := cli(t, "", data, "", tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Fatalf("%v: %d %s", tc.args, code, errs)
			}
		})
	}
	if len(storetest.Dialects()) > 1 {
		_, errs, code := cli(t, storetest.DSN(t, store.Postgres), data, "", "backup", "--out", filepath.Join(t.TempDir(), "x"))
		if code != 1 || !strings.Contains(errs, "pg_dump") {
			t.Fatalf("backup on PostgreSQL: %d %s", code, errs)
		}
	}
}
