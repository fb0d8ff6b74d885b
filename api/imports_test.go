package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"testing"

	"indsigt/app"
	"indsigt/internal/corpora"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

func (h *harness) importQDPX(path, token string, data []byte) (int, app.QDPXImport) {
	h.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", "project.qdpx")
	w.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", h.url+path, &body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	var res app.QDPXImport
	json.NewDecoder(resp.Body).Decode(&res)
	return resp.StatusCode, res
}

// TestImportQDPX: the ATLAS.ti sample imports its 3 codes; a bad file is
// a 400 on "file"; a read-only role may not import.
func TestImportQDPX(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		h := newHarness(t, s)
		ann := h.user("ann@kolding.dk", model.RoleDesigner)
		ole := h.user("ole@kolding.dk", model.RoleAnalyst)
		h.do("POST", "/api/v1/projects", ann, `{"slug":"p","name":"P"}`, nil)
		h.do("POST", "/api/v1/projects/p/members", ann, `{"email":"ole@kolding.dk","role":"analyst"}`, nil)
		data := corpora.Read(t, "refi-qda", "target-atlas-project.qdpx")
		if code, res := h.importQDPX("/api/v1/projects/p/imports/qdpx", ann, data); code != 201 || res.Codes != 3 {
			t.Errorf("import: %d %+v", code, res)
		}
		if code, _ := h.importQDPX("/api/v1/projects/p/imports/qdpx", ann, []byte("not a zip")); code != 400 {
			t.Errorf("bad file: %d", code)
		}
		if code, _ := h.importQDPX("/api/v1/projects/p/imports/qdpx", ole, data); code != 403 {
			t.Errorf("analyst: %d", code)
		}
	})
}
