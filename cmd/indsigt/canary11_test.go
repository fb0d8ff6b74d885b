package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"indsigt/internal/testkit"
	"indsigt/store/storetest"
)

// The canary of issue 11: a file whose name, label lines and text carry
// every kind of personal data the finder knows, and the same data typed
// into every form field a person fills in.
const (
	canaryFile = "interview-karen-hansen-010190-1234.txt"
	canaryBody = "Interview om hjælp i hjemmet\n\n" +
		"CPR: 1212901212\n\n" +
		"Interviewer: Hvordan går det?\n\n" +
		"Karen Hansen: Mit nummer er 01.01.90-1234, og på brevet står 0101901234.\n\n" +
		"Interviewer: Hvem hjælper dig?\n\n" +
		"Karen Hansen: Det gør min datter Signe Holm. Hun bor på Kongensgade 12, 1. th., 6000 Kolding.\n\n" +
		"Interviewer: Og pengene?\n\n" +
		"Karen Hansen: Pensionen går til reg.nr. 1234 kontonr. 1234567, og bilen er AB 12 345.\n"
	// canaryTyped is the same data as a person types it into a form.
	canaryTyped = "Karen Hansen fortalte om sin datter.\nCPR: 1212901212\n" +
		"Også 01.01.90-1234 og 0101901234 står på brevet. Det gør min datter Signe Holm, " +
		"der bor på Kongensgade 12, 1. th., 6000 Kolding. Pensionen går til reg.nr. 1234 kontonr. 1234567, og bilen er AB 12 345."
)

// canary11 are the originals: none may be anywhere but sealed in the key table.
var canary11 = []string{
	"Karen", "karen", "Hansen", "hansen", "1212901212", "121290-1212", "01.01.90-1234", "0101901234", "010190-1234", "010190",
	"Signe", "Holm", "Kongensgade", "6000 Kolding", "1234567", "AB 12 345", "AB12345",
}

// TestCanaryIssue11 runs the canary through the real binary and server on
// each store: uploaded with the participant list, typed into an insight
// (title, statement), a phase reason, a test, an indicator and a
// measurement comment, a tag and a saved search, searched for, reviewed,
// read on every page and exported in every format. None of the originals
// may then be in any table (the key table holds them sealed), the index
// files, the server's log, an API answer, a web page or an export.
func TestCanaryIssue11(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db, data := storetest.DSN(t, dialect), t.TempDir()
			if _, errs, code := cli(t, db, data, "et-langt-kodeord\n", "user", "add", "--email", "kanarie@kommune.dk", "--name", "Kanarie Østergaard", "--role", "designer", "--password-stdin"); code != 0 {
				t.Fatalf("user add: %s", errs)
			}
			if _, errs, code := cli(t, db, data, "", "user", "add", "--email", "leder@kommune.dk", "--name", "Leder Ærø", "--role", "lead"); code != 0 {
				t.Fatalf("user add: %s", errs)
			}
			tok, _, _ := cli(t, db, data, "", "token", "create", "--email", "kanarie@kommune.dk")
			lead, _, _ := cli(t, db, data, "", "token", "create", "--email", "leder@kommune.dk")
			tok, lead = strings.TrimSpace(tok), strings.TrimSpace(lead)
			if _, errs, code := cli(t, db, data, "", "project", "create", "--slug", "kanarie", "--name", "Kanarie", "--owner", "kanarie@kommune.dk"); code != 0 {
				t.Fatalf("project create: %s", errs)
			}
			srv := startServer(t, db, data)
			waitReady(t, srv.url)
			c := &canaryClient{t: t, base: srv.url, P: "/api/v1/projects/kanarie"}
			c.call("POST", "/members", tok, `{"email":"leder@kommune.dk","role":"lead"}`, 201, nil)

			// The file, uploaded with its participant list.
			var up struct {
				Items []struct {
					Status   string `json:"status"`
					SourceID string `json:"source_id"`
				} `json:"items"`
			}
			c.upload(tok, canaryFile, canaryBody, "Karen Hansen", &up)
			if len(up.Items) != 1 || up.Items[0].Status != "ingested" {
				t.Fatalf("upload: %+v", up)
			}
			src := up.Items[0].SourceID
			waitReady(t, srv.url)
			var tr struct {
				Notes []struct{ ID string } `json:"notes"`
			}
			c.call("GET", "/sources/"+src, tok, "", 200, &tr)
			if len(tr.Notes) < 4 {
				t.Fatalf("transcript: %+v\n%s", tr, c.answers.String())
			}
			note := tr.Notes[len(tr.Notes)-1].ID

			// The same data typed into every form field.
			typed := jsonString(canaryTyped)
			short := jsonString("Karen Hansen, Signe Holm, 0101901234, AB 12 345")
			var in struct{ ID string }
			c.call("POST", "/insights", tok, `{"title":`+short+`,"statement":`+typed+`,"note_ids":["`+note+`"]}`, 201, &in)
			c.call("PATCH", "/insights/"+in.ID, tok, `{"statement":`+typed+`}`, 200, nil)
			c.call("POST", "/insights/"+in.ID+"/phase", tok, `{"phase":"skab","reason":`+typed+`}`, 200, nil)
			c.call("POST", "/insights/"+in.ID+"/tests", tok, `{"title":`+short+`,"hypothesis":`+typed+`,"method":`+typed+`,"participants":`+short+`,"result":`+typed+`,"outcome":"open"}`, 201, nil)
			var ind struct{ ID string }
			c.call("POST", "/insights/"+in.ID+"/indicators", lead, `{"name":`+short+`,"unit":"%","direction":"up","baseline":10,"target":50}`, 201, &ind)
			c.call("POST", "/indicators/"+ind.ID+"/measurements", lead, `{"value":20,"measured_at":"2026-11-01","note":`+typed+`}`, 201, nil)
			c.call("POST", "/codebook", tok, `{"name":`+short+`,"description":`+typed+`}`, 201, nil)
			c.call("POST", "/notes/"+note+"/tags", tok, `{"tags":[`+jsonString("Signe Holm AB 12 345")+`]}`, 200, nil)
			c.call("POST", "/saved-searches", tok, `{"name":`+short+`,"query":"hjælp"}`, 201, nil)
			waitReady(t, srv.url)

			// Read everything back through the API, as a curious user would.
			for _, p := range []string{"/search?q=Karen", "/search?q=Signe+Holm", "/search?q=Kongensgade", "/search?q=0101901234", "/search?q=hj%C3%A6lp",
				"/search?q=participant:Borger-1", "/sources", "/sources/" + src, "/sources/" + src + "/review", "/notes/" + note, "/notes/" + note + "/similar",
				"/suggestions", "/codebook", "/codebook/counts", "/insights", "/insights/" + in.ID, "/indicators/" + ind.ID, "/saved-searches", "/progress", "/audit"} {
				c.call("GET", p, tok, "", 200, nil)
			}
			if !strings.Contains(c.answers.String(), "hjælper") {
				t.Fatalf("the API answers hold no notes; the test would prove nothing")
			}
			// The typed fields are stored and answered, pseudonymized.
			if n := strings.Count(c.answers.String(), "går til reg.nr. [Konto-"); n < 5 {
				i := strings.Index(c.answers.String(), "Pensionen")
				t.Fatalf("the typed text is answered %d times; the test would prove little: %s", n, c.answers.String()[max(0, i-300):min(c.answers.Len(), i+300)])
			}
			for _, name := range []string{"effects.csv", "effects.xlsx", "effects.json", "effects.html", "insights.html", "insights.json", "project.qdpx"} {
				b := c.raw("GET", c.P+"/reports/"+name, tok, 200)
				c.exports.WriteString(testkit.UnzipText(t, b))
			}
			if !strings.Contains(c.exports.String(), "hjælper") || !strings.Contains(c.exports.String(), "går til reg.nr. [Konto-") {
				t.Fatalf("the exports hold no notes; the test would prove nothing")
			}

			// Every page, signed in to the web app.
			web := c.signIn("kanarie@kommune.dk", "et-langt-kodeord")
			var pages strings.Builder
			for _, p := range []string{"/", "/p/kanarie", "/p/kanarie/sources/" + src, "/p/kanarie/sources/" + src + "/review", "/p/kanarie/search?q=participant%3ABorger-1",
				"/p/kanarie/search?q=hj%C3%A6lp", "/p/kanarie/board", "/p/kanarie/insights/" + in.ID, "/p/kanarie/progress", "/p/kanarie/reports"} {
				resp, err := web.Get(srv.url + p)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("page %s: %d", p, resp.StatusCode)
				}
				pages.Write(b)
			}
			if !strings.Contains(pages.String(), "hjælper") {
				t.Fatalf("the pages hold no notes; the test would prove nothing")
			}
			srv.stop(t)
			// The same exports from the command line.
			var cliOut strings.Builder
			for _, f := range []string{"csv", "xlsx", "json", "html", "insights-html", "insights-json", "qdpx"} {
				file := filepath.Join(t.TempDir(), "export."+f)
				out, errs, code := cli(t, db, data, "", "export", "--project", "kanarie", "--format", f, "--out", file)
				if code != 0 {
					t.Fatalf("export %s: %d %s", f, code, errs)
				}
				cliOut.WriteString(out + errs)
				b, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				c.exports.WriteString(testkit.UnzipText(t, b))
			}

			places := map[string]string{"API answers": c.answers.String(), "exports": c.exports.String(), "web pages": pages.String(), "server log": srv.logs.String(), "CLI output": cliOut.String()}
			s, tables := leftOnDisk(t, db, data, places)
			for table, text := range tables {
				if table == "pseudonym_keys" {
					// Sealed values are base64, in which four letters may
					// occur by chance: the key table is checked without them.
					if !strings.Contains(text, "v1:") {
						t.Errorf("the key table holds no sealed value")
					}
					text = sealedRE.ReplaceAllString(text, "")
				}
				places["table "+table] = text
			}
			if got := original(t, s, "kanarie", "CPR-1"); got != "121290-1212" && got != "010190-1234" {
				t.Fatalf("the key table's CPR-1 is %q: the canary is not where it should be", got)
			}
			for where, text := range places {
				for _, o := range canary11 {
					if i := strings.Index(text, o); i >= 0 {
						t.Errorf("%s contains %q: …%s…", where, o, text[max(0, i-120):min(len(text), i+80)])
					}
				}
			}
		})
	}
}

var sealedRE = regexp.MustCompile(`v1:[A-Za-z0-9+/=]+`)

type canaryClient struct {
	t       *testing.T
	base, P string
	answers strings.Builder
	exports strings.Builder
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// call sends an API request under the project, keeps the answer, checks
// the status and decodes into out when given.
func (c *canaryClient) call(method, path, tok, body string, want int, out any) {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.base+c.P+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	c.do(req, method+" "+path, want, out)
}

func (c *canaryClient) do(req *http.Request, what string, want int, out any) {
	c.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	c.answers.Write(b)
	if resp.StatusCode != want {
		c.t.Fatalf("%s: %d, want %d: %s", what, resp.StatusCode, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("%s: %v", what, err)
		}
	}
}

func (c *canaryClient) raw(method, path, tok string, want int) []byte {
	c.t.Helper()
	code, b := testkit.Call(c.t, method, c.base+path, tok, nil)
	if code != want {
		c.t.Fatalf("%s %s: %d: %s", method, path, code, b)
	}
	return b
}

func (c *canaryClient) upload(tok, name, body, participants string, out any) {
	c.t.Helper()
	form, contentType := testkit.Multipart(map[string]string{"participants": participants}, testkit.Text(name, body))
	req, _ := http.NewRequest("POST", c.base+c.P+"/sources", form)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", contentType)
	c.do(req, "upload", 201, out)
}

// signIn signs in to the web app and returns a client with the session.
func (c *canaryClient) signIn(email, password string) *http.Client {
	c.t.Helper()
	jar, _ := cookiejar.New(nil)
	web := &http.Client{Jar: jar}
	csrf := pageCSRF(c.t, web, c.base+"/login")
	if csrf == "" {
		c.t.Fatalf("login form without CSRF token")
	}
	if code := postLogin(c.t, web, c.base, csrf, email, password); code != 200 {
		c.t.Fatalf("sign in: %d", code)
	}
	return web
}
