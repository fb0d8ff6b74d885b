package api_test

import (
	"regexp"
	"strings"
	"testing"

	"indsigt/api"
	"indsigt/app"
	"indsigt/ingest"
	"indsigt/internal/testkit"
	"indsigt/model"
)

// uploadText posts one file given in memory, with a participant list.
func (h *harness) uploadText(path, token, name, text, participants string) ingest.Result {
	h.t.Helper()
	code, results := h.uploadFiles(path, token, map[string]string{"participants": participants}, testkit.Text(name, text))
	if len(results) != 1 || results[0].Status != ingest.StatusIngested {
		h.t.Fatalf("upload %s: %d %+v", name, code, results)
	}
	return results[0]
}

// TestReviewThroughTheAPI: the review list, opening an original, restoring
// a false alarm and marking a missed span, with their permissions, through
// HTTP; the search sees each change as soon as the call returns.
func TestReviewThroughTheAPI(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		designer := h.user("sara@kolding.dk", model.RoleDesigner)
		analyst := h.user("anna@kolding.dk", model.RoleAnalyst)
		P := h.project(designer, "tjek", "Tjek")
		h.join(P, designer, "anna@kolding.dk", model.RoleAnalyst)
		res := h.uploadText(P+"/sources", designer, "samtale.txt",
			"Interviewer: Hvem kom forbi?\n\nKaren Hansen: I går kom Zulumbo forbi med kage.\n\nInterviewer: Og naboen?\n\nKaren Hansen: Vi kalder ham trutmund.\n", "Karen Hansen")
		h.catchUp()

		var rev app.SourceReview
		if code := h.do("GET", P+"/sources/"+res.SourceID+"/review", analyst, "", &rev); code != 200 || rev.Open == 0 {
			t.Fatalf("review: %d %+v", code, rev)
		}
		var sus *app.ReviewItem
		for i, it := range rev.Items {
			if strings.HasPrefix(it.After, " forbi med kage") {
				sus = &rev.Items[i]
			}
		}
		if sus == nil {
			t.Fatalf("no suspect before \"forbi med kage\": %+v", rev.Items)
		}
		rid := id(sus.ID)
		for _, p := range []string{"/review/" + rid + "/original"} {
			if code := h.do("GET", P+p, analyst, "", nil); code != 403 {
				t.Errorf("analyst GET %s: %d", p, code)
			}
		}
		if code := h.do("POST", P+"/review/"+rid+"/restore", analyst, "", nil); code != 403 {
			t.Errorf("analyst restore: %d", code)
		}
		var orig struct{ Original string }
		if code := h.do("GET", P+"/review/"+rid+"/original", designer, "", &orig); code != 200 || orig.Original != "Zulumbo" {
			t.Fatalf("original: %d %+v", code, orig)
		}
		var restored app.Restored
		if code := h.do("POST", P+"/review/"+rid+"/restore", designer, "", &restored); code != 200 || !strings.Contains(restored.Note.Text, "kom Zulumbo forbi") {
			t.Fatalf("restore: %d %+v", code, restored)
		}
		if code := h.do("POST", P+"/review/"+rid+"/restore", designer, "", nil); code != 409 {
			t.Errorf("second restore: %d", code)
		}
		var found api.SearchAnswer
		if code := h.do("GET", P+"/search?q=Zulumbo", designer, "", &found); code != 200 || found.Total != 1 {
			t.Errorf("search for the restored word: %d %+v", code, found)
		}

		var tr app.Transcript
		h.do("GET", P+"/sources/"+res.SourceID, designer, "", &tr)
		nid := ""
		for _, n := range tr.Notes {
			if strings.Contains(n.Text, "trutmund") {
				nid = id(n.ID)
			}
		}
		if nid == "" {
			t.Fatalf("no note with the nickname: %+v", tr.Notes)
		}
		if code := h.do("POST", P+"/notes/"+nid+"/redact", analyst, `{"text":"trutmund","kind":"person"}`, nil); code != 403 {
			t.Errorf("analyst redact: %d", code)
		}
		if code := h.do("POST", P+"/notes/"+nid+"/redact", designer, `{"text":"trutmund","kind":"hemmelig"}`, nil); code != 400 {
			t.Errorf("redact with an unknown kind: %d", code)
		}
		var marked app.Marked
		if code := h.do("POST", P+"/notes/"+nid+"/redact", designer, `{"text":"trutmund","kind":"person"}`, &marked); code != 200 || marked.Notes != 1 || !strings.Contains(marked.Note.Text, "["+marked.Code+"]") {
			t.Fatalf("redact: %d %+v", code, marked)
		}
		if code := h.do("GET", P+"/search?q=trutmund", designer, "", &found); code != 200 || found.Total != 0 {
			t.Errorf("the marked word is still found: %d %+v", code, found)
		}
		if strings.Contains(h.logs.String(), "trutmund") || strings.Contains(h.logs.String(), "Zulumbo") {
			t.Errorf("the server log holds an original")
		}
	})
}

var codeRE = regexp.MustCompile(`\[[^\]]*\]`)

// TestCodesAreNotWords: in a project whose notes name citizens only by
// their codes, a search for the word "borger" finds nothing, while
// participant:Borger-1 finds that person's notes (issue 11).
func TestCodesAreNotWords(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		designer := h.user("sara@kolding.dk", model.RoleDesigner)
		P := h.project(designer, "koder", "Koder")
		h.uploadText(P+"/sources", designer, "samtale-1.txt",
			"Interviewer: Hvordan går det med maden?\n\nKaren Hansen: Jeg spiser havregrød hver morgen.\n\nInterviewer: Og Ole Bak?\n\nKaren Hansen: Ole Bak kommer om tirsdagen med aviser.\n", "Karen Hansen, Ole Bak")
		h.uploadText(P+"/sources", designer, "samtale-2.txt",
			"Interviewer: Hvad laver du om tirsdagen?\n\nOle Bak: Jeg går tur med hunden ved fjorden.\n", "Ole Bak")
		h.catchUp()

		var tr []model.Source
		var page struct{ Items []model.Source }
		h.do("GET", P+"/sources", designer, "", &page)
		tr = page.Items
		var notes []model.Note
		for _, src := range tr {
			var t2 app.Transcript
			h.do("GET", P+"/sources/"+id(src.ID), designer, "", &t2)
			notes = append(notes, t2.Notes...)
		}
		want := map[string]int{} // code → notes that speak as or name it
		for _, n := range notes {
			if strings.Contains(strings.ToLower(codeRE.ReplaceAllString(n.Text, "")), "borger") {
				t.Fatalf("a note holds the word itself; the test would prove nothing: %q", n.Text)
			}
			for _, code := range []string{"Borger-1", "Borger-2"} {
				if n.Speaker == code || strings.Contains(n.Text, "["+code+"]") {
					want[code]++
				}
			}
		}
		if want["Borger-1"] == 0 || want["Borger-2"] == 0 {
			t.Fatalf("the notes do not carry both codes: %+v", notes)
		}
		var found api.SearchAnswer
		for _, q := range []string{"borger", "borgeren", "Borger", "borger*"} {
			if code := h.do("GET", P+"/search?q="+q, designer, "", &found); code != 200 || found.Total != 0 {
				t.Errorf("search %q: %d finds %d: %+v", q, code, found.Total, found.Items)
			}
		}
		for code, n := range want {
			if c := h.do("GET", P+"/search?q=participant:"+code, designer, "", &found); c != 200 || int(found.Total) != n {
				t.Errorf("participant:%s: %d finds %d, want %d: %+v\n%+v", code, c, found.Total, n, found.Items, notes)
			}
		}
	})
}
