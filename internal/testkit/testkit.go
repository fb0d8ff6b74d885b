// Package testkit is the setup that the tests of several packages share:
// the server wired over a test store, as serve wires it, and multipart
// uploads. Only tests import it, so it may import every layer.
package testkit

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"indsigt/api"
	"indsigt/app"
	"indsigt/auth"
	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/model"
	"indsigt/search"
	"indsigt/server"
	"indsigt/store"
	"indsigt/ui"
)

// Stack is the use cases over one store: auth, ingest at the default
// limits and a search index.
type Stack struct {
	Store  *store.Store
	Auth   *auth.Service
	Ingest *ingest.Service
	Index  *search.Indexer
	App    *app.App
	Log    *slog.Logger
}

// Wire gives the use cases over s with the index x.
func Wire(s *store.Store, x *search.Indexer, log *slog.Logger) *Stack {
	return New(s, log).WithIndex(x)
}

// New gives auth and ingest over s, for setup that writes through them
// before there is an index; WithIndex then adds the use cases.
func New(s *store.Store, log *slog.Logger) *Stack {
	return &Stack{Store: s, Auth: auth.New(s), Ingest: ingest.New(s, parse.DefaultLimits()), Log: log}
}

// WithIndex sets the index and the use cases over it.
func (st *Stack) WithIndex(x *search.Indexer) *Stack {
	st.Index = x
	st.App = app.New(app.Deps{Store: st.Store, Auth: st.Auth, Ingest: st.Ingest, Indexer: x, Log: st.Log})
	return st
}

// DesignerToken adds a designer with the e-mail and name and returns an
// API token of theirs.
func (st *Stack) DesignerToken(t testing.TB, email, name string) string {
	t.Helper()
	ctx := context.Background()
	if _, err := st.Auth.AddUser(ctx, model.User{Email: email, Name: name, Role: model.RoleDesigner}, ""); err != nil {
		t.Fatal(err)
	}
	tok, err := st.Auth.CreateToken(ctx, email, "test")
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// Index opens a search index over s in dir (a fresh temporary directory
// when empty) and closes it when the test ends.
func Index(t testing.TB, s *store.Store, dir string, log *slog.Logger) *search.Indexer {
	t.Helper()
	x := search.NewIndexer(s, indexDir(t, dir), log)
	if err := x.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	return x
}

// StartIndex starts the indexer over s in dir (a fresh temporary
// directory when empty), as serve runs it, and stops it when the test ends.
func StartIndex(t testing.TB, s *store.Store, dir string, log *slog.Logger) *search.Indexer {
	t.Helper()
	x := search.NewIndexer(s, indexDir(t, dir), log)
	ctx, cancel := context.WithCancel(context.Background())
	if err := x.Start(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = x.Stop() })
	return x
}

func indexDir(t testing.TB, dir string) string {
	if dir == "" {
		return filepath.Join(t.TempDir(), "index")
	}
	return dir
}

// Shell is the HTTP shell with the API and, when web is set, the web app.
func (st *Stack) Shell(t testing.TB, web bool) *server.Shell {
	t.Helper()
	sh := server.New(server.Deps{Log: st.Log})
	api.Register(sh, api.Deps{App: st.App, Auth: st.Auth, Log: st.Log})
	if web {
		if err := ui.Register(sh, ui.Deps{App: st.App, Auth: st.Auth, Log: st.Log}); err != nil {
			t.Fatal(err)
		}
	}
	return sh
}

// Serve starts a test server over st.Shell, closed when the test ends.
func (st *Stack) Serve(t testing.TB, web bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(st.Shell(t, web).Handler())
	t.Cleanup(srv.Close)
	return srv
}

// File is one part named "file" of a multipart upload.
type File struct {
	Name string
	Body []byte
}

// Text is a file with the text as its content.
func Text(name, text string) File { return File{Name: name, Body: []byte(text)} }

// Multipart encodes the fields (by name) and then the files as
// multipart/form-data and returns the body and its Content-Type.
func Multipart(fields map[string]string, files ...File) (*bytes.Buffer, string) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		_ = mw.WriteField(k, fields[k])
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile("file", f.Name)
		_, _ = w.Write(f.Body)
	}
	_ = mw.Close()
	return &body, mw.FormDataContentType()
}

// Call sends a request with the bearer token (none when empty) and
// returns the status and the body; a failed round trip fails the test.
func Call(t testing.TB, method, url, token string, body io.Reader) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// UnzipText is a zip file's members (xlsx, qdpx) one after another, each
// ending in a newline, or the bytes as they are when they are not a zip.
func UnzipText(t testing.TB, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return string(b)
	}
	var out strings.Builder
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		out.Write(data)
		out.WriteByte('\n')
	}
	return out.String()
}
