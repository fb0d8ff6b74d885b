package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"indsigt/api"
	"indsigt/auth"
	"indsigt/ingest"
	"indsigt/internal/testkit"
	"indsigt/model"
	"indsigt/search"
	"indsigt/server"
	"indsigt/store"
	"indsigt/store/storetest"
)

// harness is a real HTTP server over a real store.
type harness struct {
	t    *testing.T
	url  string
	s    *store.Store
	auth *auth.Service
	x    *search.Indexer
	logs *bytes.Buffer
}

func newHarness(t *testing.T, s *store.Store) *harness {
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	st := testkit.Wire(s, testkit.Index(t, s, "", log), log)
	srv := st.Serve(t, false)
	return &harness{t: t, url: srv.URL, s: s, auth: st.Auth, x: st.Index, logs: logs}
}

// eachStore runs fn with a harness of its own on each dialect's store.
func eachStore(t *testing.T, fn func(t *testing.T, h *harness)) {
	storetest.Each(t, func(t *testing.T, s *store.Store) { fn(t, newHarness(t, s)) })
}

// postFiles posts form fields and files as a multipart upload with the
// token and decodes the JSON answer into out.
func (h *harness) postFiles(path, token string, fields map[string]string, out any, files ...testkit.File) int {
	h.t.Helper()
	body, contentType := testkit.Multipart(fields, files...)
	req, _ := http.NewRequest("POST", h.url+path, body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	_ = json.NewDecoder(resp.Body).Decode(out)
	return resp.StatusCode
}

// uploadFiles uploads files with form fields and answers the status and
// the per-file results.
func (h *harness) uploadFiles(path, token string, fields map[string]string, files ...testkit.File) (int, []ingest.Result) {
	h.t.Helper()
	var page api.Page[ingest.Result]
	code := h.postFiles(path, token, fields, &page, files...)
	return code, page.Items
}

// project creates the project slug (named name) as the user of token and
// answers its API path; anything but 201 fails the test.
func (h *harness) project(token, slug, name string) string {
	h.t.Helper()
	if code := h.do("POST", "/api/v1/projects", token, fmt.Sprintf(`{"slug":%q,"name":%q}`, slug, name), nil); code != 201 {
		h.t.Fatalf("create project %s: %d", slug, code)
	}
	return "/api/v1/projects/" + slug
}

// join adds the user email with a role to the project at path, as the
// owner of token; anything but 201 fails the test.
func (h *harness) join(path, owner, email string, role model.Role) {
	h.t.Helper()
	if code := h.do("POST", path+"/members", owner, fmt.Sprintf(`{"email":%q,"role":%q}`, email, role), nil); code != 201 {
		h.t.Fatalf("add member %s: %d", email, code)
	}
}

// twoProjects is ann's project p with an interview and ole as its
// analyst, beside bo's project q with an observation; it returns the
// three users' tokens.
func (h *harness) twoProjects() (ann, bo, ole string) {
	h.t.Helper()
	ann = h.user("ann@kolding.dk", model.RoleDesigner)
	ole = h.user("ole@kolding.dk", model.RoleAnalyst)
	bo = h.user("bo@kolding.dk", model.RoleDesigner)
	P := h.project(ann, "p", "P")
	h.project(bo, "q", "Q")
	h.join(P, ann, "ole@kolding.dk", model.RoleAnalyst)
	h.mustUpload(P+"/sources", ann, "interview-grethe.txt")
	h.mustUpload("/api/v1/projects/q/sources", bo, "observation-nat.md")
	return ann, bo, ole
}

// designerProject adds ann@kolding.dk as a designer with a project p of
// her own and returns her token.
func (h *harness) designerProject() string {
	h.t.Helper()
	tok := h.user("ann@kolding.dk", model.RoleDesigner)
	h.project(tok, "p", "P")
	return tok
}

// catchUp brings the index up to date, as the server's loop would.
func (h *harness) catchUp() {
	h.t.Helper()
	if err := h.x.CatchUp(context.Background()); err != nil {
		h.t.Fatal(err)
	}
}

// user creates a user and returns an API token for them.
func (h *harness) user(email string, role model.Role) string {
	h.t.Helper()
	ctx := context.Background()
	if _, err := h.auth.AddUser(ctx, model.User{Email: email, Name: "Bruger Ø", Role: role}, ""); err != nil {
		h.t.Fatal(err)
	}
	tok, err := h.auth.CreateToken(ctx, email, "test")
	if err != nil {
		h.t.Fatal(err)
	}
	return tok
}

// do sends a request and decodes a JSON answer into out (when not nil).
func (h *harness) do(method, path, token, body string, out any) int {
	h.t.Helper()
	req, _ := http.NewRequest(method, h.url+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			h.t.Fatalf("%s %s: decode %q: %v", method, path, b, err)
		}
	}
	if resp.StatusCode >= 400 {
		var e server.ErrorBody
		if err := json.Unmarshal(b, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
			h.t.Errorf("%s %s: error answer %q is not {error:{code,message}}", method, path, b)
		}
	}
	return resp.StatusCode
}

func TestProjectsAccess(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		ann := h.user("ann@kolding.dk", model.RoleDesigner)
		bo := h.user("bo@kolding.dk", model.RoleDesigner)
		if code := h.do("GET", "/healthz", "", "", nil); code != 200 {
			t.Fatalf("healthz %d", code)
		}
		if code := h.do("GET", "/api/v1/projects", "", "", nil); code != 401 {
			t.Fatalf("no token: %d", code)
		}
		if code := h.do("GET", "/api/v1/projects", "ind_wrong", "", nil); code != 401 {
			t.Fatalf("bad token: %d", code)
		}
		var p model.Project
		if code := h.do("POST", "/api/v1/projects", ann, `{"slug":"mad-nok","name":"Er der mad nok?","purpose":"Forstå natlig uro","retention_days":365}`, &p); code != 201 || p.ID == 0 || p.Name != "Er der mad nok?" {
			t.Fatalf("create: %d %+v", code, p)
		}
		var page api.Page[model.Project]
		if code := h.do("GET", "/api/v1/projects", ann, "", &page); code != 200 || len(page.Items) != 1 {
			t.Fatalf("list: %d %+v", code, page)
		}
		if code := h.do("GET", "/api/v1/projects/mad-nok", bo, "", nil); code != 404 {
			t.Fatalf("non-member get: %d, want 404", code)
		}
		if code := h.do("GET", "/api/v1/projects/mad-nok/members", bo, "", nil); code != 404 {
			t.Fatalf("non-member members: %d, want 404", code)
		}
		if code := h.do("GET", "/api/v1/projects/findes-ikke", ann, "", nil); code != 404 {
			t.Fatalf("unknown project: %d", code)
		}
		if code := h.do("POST", "/api/v1/projects/mad-nok/members", ann, `{"email":"bo@kolding.dk","role":"analyst"}`, nil); code != 201 {
			t.Fatalf("add member: %d", code)
		}
		if code := h.do("GET", "/api/v1/projects/mad-nok", bo, "", &p); code != 200 || p.Slug != "mad-nok" {
			t.Fatalf("member get: %d", code)
		}
		if code := h.do("POST", "/api/v1/projects/mad-nok/members", bo, `{"email":"bo@kolding.dk","role":"admin"}`, nil); code != 403 {
			t.Fatalf("analyst managing members: %d, want 403", code)
		}
	})
}

func TestBadInputWritesNothing(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		tok := h.user("ann@kolding.dk", model.RoleLead)
		if code := h.do("POST", "/api/v1/projects", tok, `{"slug":"fælles","name":"Første"}`, nil); code != 400 {
			t.Errorf("slug with æ: %d", code)
		}
		if code := h.do("POST", "/api/v1/projects", tok, `{"slug":"ok","name":"Første"}`, nil); code != 201 {
			t.Fatalf("valid: %d", code)
		}
		cases := []struct {
			name, path, body string
			want             int
		}{
			{"malformed JSON", "/api/v1/projects", `{"slug":"a",`, 400},
			{"not an object", "/api/v1/projects", `[1,2]`, 400},
			{"empty body", "/api/v1/projects", ``, 400},
			{"two objects", "/api/v1/projects", `{"slug":"b","name":"B"}{}`, 400},
			{"unknown field", "/api/v1/projects", `{"slug":"b","name":"B","owner":"x"}`, 400},
			{"over-long slug", "/api/v1/projects", `{"slug":"` + strings.Repeat("a", 65) + `","name":"B"}`, 400},
			{"missing name", "/api/v1/projects", `{"slug":"b"}`, 400},
			{"negative retention", "/api/v1/projects", `{"slug":"b","name":"B","retention_days":-1}`, 400},
			{"duplicate slug", "/api/v1/projects", `{"slug":"ok","name":"Igen"}`, 409},
			{"unknown role", "/api/v1/projects/ok/members", `{"email":"ann@kolding.dk","role":"boss"}`, 400},
			{"huge body", "/api/v1/projects", `{"slug":"b","name":"` + strings.Repeat("x", api.MaxJSONBody) + `"}`, 413},
		}
		for _, c := range cases {
			if code := h.do("POST", c.path, tok, c.body, nil); code != c.want {
				t.Errorf("%s: got %d, want %d", c.name, code, c.want)
			}
		}
		var page api.Page[model.Project]
		h.do("GET", "/api/v1/projects", tok, "", &page)
		if len(page.Items) != 1 {
			t.Errorf("bad requests wrote projects: %+v", page.Items)
		}
		var members api.Page[model.Member]
		h.do("GET", "/api/v1/projects/ok/members", tok, "", &members)
		if len(members.Items) != 1 {
			t.Errorf("bad requests wrote members: %+v", members.Items)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	h := newHarness(t, s)
	resp, err := http.Get(h.url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "frame-ancestors 'none'"} {
		if !strings.Contains(resp.Header.Get(k), want) {
			t.Errorf("%s = %q, want %q", k, resp.Header.Get(k), want)
		}
	}
}

func TestSavedSearchesArePerUser(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		ann := h.designerProject()
		bo := h.user("bo@kolding.dk", model.RoleLead)
		h.join("/api/v1/projects/p", ann, "bo@kolding.dk", model.RoleLead)
		var saved store.SavedSearch
		if code := h.do("POST", "/api/v1/projects/p/saved-searches", ann, `{"name":"Natlig uro","query":"køleskab -sult tag:\"Søvn og nat\""}`, &saved); code != 201 {
			t.Fatalf("save: %d", code)
		}
		if code := h.do("POST", "/api/v1/projects/p/saved-searches", ann, `{"name":"Tom","query":"`+strings.Repeat("x ", 300)+`"}`, nil); code != 400 {
			t.Fatalf("over-long query saved: %d", code)
		}
		var mine, theirs api.Page[store.SavedSearch]
		h.do("GET", "/api/v1/projects/p/saved-searches", ann, "", &mine)
		h.do("GET", "/api/v1/projects/p/saved-searches", bo, "", &theirs)
		if len(mine.Items) != 1 || mine.Items[0].Query != `køleskab -sult tag:"Søvn og nat"` || len(theirs.Items) != 0 {
			t.Fatalf("saved searches: mine %+v, theirs %+v", mine, theirs)
		}
		if code := h.do("DELETE", "/api/v1/projects/p/saved-searches/"+fmt.Sprint(saved.ID), bo, "", nil); code != 404 {
			t.Fatalf("another user deleting: %d", code)
		}
		if code := h.do("DELETE", "/api/v1/projects/p/saved-searches/"+fmt.Sprint(saved.ID), ann, "", nil); code != 204 {
			t.Fatalf("delete: %d", code)
		}
	})
}

func TestCodebookRenameMergeAndCounts(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		tok := h.designerProject()
		code, res := h.upload("/api/v1/projects/p/sources", tok, "interview-grethe.txt")
		if code != 201 || res[0].Notes != 4 {
			t.Fatalf("upload: %d %+v", code, res)
		}
		var parent, child, other model.Tag
		h.do("POST", "/api/v1/projects/p/codebook", tok, `{"name":"Tryghed","description":"Når borgeren føler sig sikker","color":"#1b6e3a"}`, &parent)
		h.do("POST", "/api/v1/projects/p/codebook", tok, `{"name":"Mad","parent_id":"`+fmt.Sprint(parent.ID)+`"}`, &child)
		h.do("POST", "/api/v1/projects/p/codebook", tok, `{"name":"Måltider"}`, &other)
		for _, c := range []struct{ body string }{{`{"name":"Tryghed"}`}, {`{"name":"X","color":"rød"}`}, {`{"name":""}`}} {
			if code := h.do("POST", "/api/v1/projects/p/codebook", tok, c.body, nil); code < 400 || code > 409 {
				t.Errorf("bad tag %s: %d", c.body, code)
			}
		}
		h.do("POST", "/api/v1/projects/p/tags", tok, `{"tags":["Måltider"],"note_ids":["2","4"]}`, nil)
		h.do("POST", "/api/v1/projects/p/notes/2/tags", tok, `{"tags":["Mad"]}`, nil)
		if code := h.do("PATCH", "/api/v1/projects/p/codebook/"+fmt.Sprint(other.ID), tok, `{"merge_into":"`+fmt.Sprint(child.ID)+`"}`, nil); code != 204 {
			t.Fatalf("merge: %d", code)
		}
		if code := h.do("PATCH", "/api/v1/projects/p/codebook/"+fmt.Sprint(child.ID), tok, `{"name":"Mad og måltider","parent_id":"`+fmt.Sprint(parent.ID)+`"}`, nil); code != 204 {
			t.Fatalf("rename: %d", code)
		}
		var book struct {
			Items []model.Tag `json:"items"`
		}
		h.do("GET", "/api/v1/projects/p/codebook", tok, "", &book)
		byName := map[string]model.Tag{}
		for _, tg := range book.Items {
			byName[tg.Name] = tg
		}
		if len(book.Items) != 2 || byName["Mad og måltider"].NoteCount != 2 || *byName["Mad og måltider"].ParentID != parent.ID {
			t.Fatalf("codebook after merge and rename: %+v", book.Items)
		}
		var counts api.Page[store.TagCount]
		h.do("GET", "/api/v1/projects/p/codebook/counts?by=participant", tok, "", &counts)
		if len(counts.Items) != 1 || counts.Items[0].Tag != "Mad og måltider" || counts.Items[0].Group != "Borger-1" || counts.Items[0].Count != 2 {
			t.Fatalf("counts: %+v", counts.Items)
		}
		h.catchUp()
		var found api.SearchAnswer
		h.do("GET", "/api/v1/projects/p/search?q=tag:%22Mad+og+m%C3%A5ltider%22", tok, "", &found)
		if found.Total != 2 {
			t.Fatalf("renamed tag not reindexed: %+v", found)
		}
		if code := h.do("GET", "/api/v1/projects/p/codebook/counts?by=farve", tok, "", nil); code != 400 {
			t.Fatalf("bad by: %d", code)
		}
	})
}
