package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"indsigt/api"
	"indsigt/app"
	"indsigt/auth"
	"indsigt/server"
	"indsigt/store"
)

// TestExportAuditSameAsAPI: `indsigt export` writes the audit row the API
// writes for the same export (action, target, project); the web app's is
// checked against the API's in ui's tests. The CLI runs in-process.
func TestExportAuditSameAsAPI(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	t.Setenv("INDSIGT_DATA_DIR", data)
	t.Setenv("INDSIGT_DATABASE_URL", "")
	cli := func(args ...string) string {
		t.Helper()
		var out, errb strings.Builder
		if code := run(ctx, args, env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		return out.String()
	}
	cli("migrate")
	cli("user", "add", "--email", "ann@kolding.dk", "--name", "Ann Ærø", "--role", "designer")
	tok := strings.TrimSpace(cli("token", "create", "--email", "ann@kolding.dk"))
	cli("project", "create", "--slug", "mad-nok", "--name", "Er der mad nok?", "--owner", "ann@kolding.dk")

	s, err := store.Open(ctx, "", data)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.ProjectBySlug(ctx, "mad-nok")
	if err != nil {
		t.Fatal(err)
	}
	sh := server.New(server.Deps{})
	a := auth.New(s)
	api.Register(sh, api.Deps{App: app.New(app.Deps{Store: s, Auth: a}), Auth: a})
	srv := httptest.NewServer(sh.Handler())
	defer srv.Close()

	lastExport := func() store.AuditEntry {
		t.Helper()
		es, err := s.AuditLog(ctx, p.ID, 50)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if e.Action == "report.export" {
				return e
			}
		}
		t.Fatal("no report.export row")
		return store.AuditEntry{}
	}
	req, _ := http.NewRequest("GET", srv.URL+"/api/v1/projects/mad-nok/reports/effects.csv?phase=virk", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("api export: %d %s", resp.StatusCode, body)
	}
	fromAPI := lastExport()

	out := filepath.Join(t.TempDir(), "effekt.csv")
	cli("export", "--project", "mad-nok", "--format", "csv", "--phase", "virk", "--out", out)
	fromCLI := lastExport()
	if fromCLI.ID == fromAPI.ID {
		t.Fatal("the CLI export wrote no audit row")
	}
	if fromCLI.Object != fromAPI.Object || fromCLI.Object != "report:effects.csv" || fromCLI.Detail != fromAPI.Detail ||
		fromCLI.ProjectID == nil || *fromCLI.ProjectID != p.ID || *fromAPI.ProjectID != p.ID {
		t.Fatalf("CLI audit %+v differs from API audit %+v", fromCLI, fromAPI)
	}
	if fromCLI.UserID != nil {
		t.Errorf("the operator is audited as user %d, want none", *fromCLI.UserID)
	}
	file, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(file), "\ufeff") || string(file) != string(body) {
		t.Errorf("the CLI's file differs from the API's download (%v)", err)
	}
}
