package api_test

import (
	"testing"

	"indsigt/app"
	"indsigt/internal/corpora"
	"indsigt/internal/testkit"
	"indsigt/model"
)

func (h *harness) importQDPX(path, token string, data []byte) (int, app.QDPXImport) {
	h.t.Helper()
	var res app.QDPXImport
	code := h.postFiles(path, token, nil, &res, testkit.File{Name: "project.qdpx", Body: data})
	return code, res
}

// TestImportQDPX: the ATLAS.ti sample imports its 3 codes; a bad file is
// a 400 on "file"; a read-only role may not import.
func TestImportQDPX(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		ann := h.designerProject()
		ole := h.user("ole@kolding.dk", model.RoleAnalyst)
		h.join("/api/v1/projects/p", ann, "ole@kolding.dk", model.RoleAnalyst)
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
