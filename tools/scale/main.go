// Command scale measures indsigt at a size no test suite holds: it fills
// an embedded (SQLite) data directory with generated notes straight
// through the store (the upload path is measured by loadgen), then times,
// with the real binary, a full index rebuild, a cold start to ready, and
// searches through HTTP: the API's first page and the web search page's
// server time. With --projects above 1 the notes are spread over that many
// projects and the measured project holds --target notes, so that the
// numbers compare with a run of --notes equal to --target in one project.
// With --baseline naming the data directory of such an earlier run, both
// installations serve at once and the API queries alternate between them,
// so that the comparison holds under the same load.
//
//	go build -o /tmp/indsigt ./cmd/indsigt
//	go run ./tools/scale --bin /tmp/indsigt --data /tmp/scale --notes 1000000
//	go run ./tools/scale --bin /tmp/indsigt --data /tmp/scale50 --notes 1000000 --projects 50 --target 20000
//	go run ./tools/scale --bin /tmp/indsigt --data /tmp/scale20k --notes 20000
//	go run ./tools/scale --bin /tmp/indsigt --data /tmp/scale50 --notes 1000000 --projects 50 --target 20000 --baseline /tmp/scale20k
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"indsigt/model"
	"indsigt/search/corpusgen"
	"indsigt/store"
)

type options struct {
	bin, data, out, addr string
	baseline             string
	again                bool
	notes, projects      int
	target, queries      int
}

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "", "the indsigt binary (go build -o … ./cmd/indsigt)")
	flag.StringVar(&o.data, "data", "", "a data directory to create (must not exist)")
	flag.StringVar(&o.out, "out", "", "append the Markdown report here as well as to stdout")
	flag.StringVar(&o.addr, "addr", "127.0.0.1:18181", "where the measured server listens")
	flag.IntVar(&o.notes, "notes", 100000, "notes in the installation")
	flag.IntVar(&o.projects, "projects", 1, "projects the notes are spread over")
	flag.IntVar(&o.target, "target", 0, "notes in the measured project (with --projects > 1)")
	flag.IntVar(&o.queries, "queries", 200, "timed requests per query")
	flag.BoolVar(&o.again, "again", false, "measure an existing data directory of an earlier run again (no seeding, no rebuild)")
	flag.StringVar(&o.baseline, "baseline", "", "the data directory of an earlier run to compare with, query by query, alternating (its project p1)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	if o.bin == "" || o.data == "" {
		return fmt.Errorf("--bin and --data are required")
	}
	if o.projects == 1 || o.target == 0 {
		o.target = o.notes / o.projects
	}
	r := report{o: o}
	if o.again {
		if err := measureServer(o, &r); err != nil {
			return err
		}
		return r.write()
	}
	if _, err := os.Stat(o.data); err == nil {
		return fmt.Errorf("%s exists: give a new directory, or measure it --again", o.data)
	}
	if err := cli(o, nil, "migrate"); err != nil {
		return err
	}
	if err := seed(o, &r); err != nil {
		return err
	}
	t := time.Now()
	if err := cli(o, nil, "reindex"); err != nil {
		return err
	}
	r.rebuild = time.Since(t)
	if err := measureServer(o, &r); err != nil {
		return err
	}
	return r.write()
}

// cli runs one command of the binary against the data directory.
func cli(o options, stdin io.Reader, args ...string) error {
	_, err := cliOut(o, stdin, args...)
	return err
}

func cliOut(o options, stdin io.Reader, args ...string) (string, error) {
	cmd := exec.Command(o.bin, args...)
	cmd.Env = append(os.Environ(), "INDSIGT_DATA_DIR="+o.data, "INDSIGT_DATABASE_URL=", "INDSIGT_ADDR="+o.addr)
	cmd.Stdin = stdin
	var errb strings.Builder
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("indsigt %s: %w: %s", strings.Join(args, " "), err, errb.String())
	}
	return strings.TrimSpace(string(out)), nil
}

// seed writes the notes straight into the store, in sources of the
// generator's sizes, a transaction per 5,000 notes. The generated text
// holds no personal data, so it skips the pseudonymizer on purpose.
func seed(o options, r *report) error {
	ctx := context.Background()
	s, err := store.Open(ctx, "", o.data)
	if err != nil {
		return err
	}
	defer s.Close()
	admin := model.User{Role: model.RoleAdmin}
	var ids []int64
	for p := 1; p <= o.projects; p++ {
		pr, err := s.CreateProject(ctx, model.Project{Slug: fmt.Sprintf("p%d", p), Name: fmt.Sprintf("Projekt %d", p)}, admin)
		if err != nil {
			return err
		}
		ids = append(ids, pr.ID)
	}
	t := time.Now()
	written := 0
	for chunk := 0; written < o.notes; chunk++ {
		n := min(5000, o.notes-written)
		pid := ids[0]
		if written >= o.target {
			pid = ids[1+chunk%(len(ids)-1)]
		}
		if err := seedChunk(ctx, s, pid, int64(chunk), n); err != nil {
			return err
		}
		written += n
	}
	r.seedRate = float64(written) / time.Since(t).Seconds()
	return nil
}

func seedChunk(ctx context.Context, s *store.Store, projectID, chunk int64, n int) error {
	docs := corpusgen.Generate(chunk+1, n)
	return s.InTx(ctx, func(tx *store.Tx) error {
		var src model.Source
		var notes []*model.Note
		for i, d := range docs {
			if i == 0 || d.SourceID != docs[i-1].SourceID {
				if err := flush(ctx, tx, notes); err != nil {
					return err
				}
				notes = notes[:0]
				var err error
				src, err = tx.CreateSource(ctx, model.Source{
					ProjectID: projectID, Kind: model.SourceKind(d.SourceKind), Format: "txt", Title: d.SourceTitle,
					ContentHash: fmt.Sprintf("scale:%d:%d:%s", projectID, chunk, d.SourceID), OccurredOn: &d.Date,
				})
				if err != nil {
					return err
				}
			}
			notes = append(notes, &model.Note{ProjectID: projectID, SourceID: src.ID, Position: d.Position, Text: d.Text, Speaker: d.Participant})
		}
		return flush(ctx, tx, notes)
	})
}

func flush(ctx context.Context, tx *store.Tx, notes []*model.Note) error {
	if len(notes) == 0 {
		return nil
	}
	return tx.AddNotes(ctx, notes)
}

// apiQueries are the API searches timed in project p1.
var apiQueries = []struct{ name, query, extra string }{
	{"frequent word", "borger", ""},
	{"frequent word, by date", "borger", "&sort=-date"},
	{"frequent word, oldest first", "borger", "&sort=date"},
	{"two words", "ensomhed aften", ""},
	{"phrase", `"hver dag"`, ""},
	{"facets", "hjælp", "&facets=true"},
}

const scalePassword = "scale-password-1234"

// measureServer starts the binary, times it to ready, and times searches.
func measureServer(o options, r *report) error {
	token, err := signIn(o)
	if err != nil {
		return err
	}
	t := time.Now()
	stop, err := serve(o)
	if err != nil {
		return err
	}
	defer stop()
	base := "http://" + o.addr
	if err := waitReady(base, 2*time.Minute); err != nil {
		return err
	}
	r.coldStart = time.Since(t)
	api := base + "/api/v1/projects/p1/search?limit=10&q="
	auth := http.Header{"Authorization": {"Bearer " + token}}
	for _, q := range apiQueries {
		lat, err := timeGets(api+url.QueryEscape(q.query)+q.extra, auth, o.queries)
		if err != nil {
			return fmt.Errorf("%s: %w", q.name, err)
		}
		r.rows = append(r.rows, row{"API " + q.name, lat})
	}
	c, err := login(base, scalePassword)
	if err != nil {
		return err
	}
	lat, err := timeClient(c, base+"/p/p1/search?q=borger", http.Header{}, o.queries/4)
	if err != nil {
		return fmt.Errorf("search page: %w", err)
	}
	r.rows = append(r.rows, row{"search page (client time)", lat})
	if o.baseline != "" {
		return compareBaseline(o, target{base: base, auth: auth}, r)
	}
	return nil
}

// signIn makes the measuring user a designer in p1 (on a new data
// directory) and answers a new API token of theirs.
func signIn(o options) (string, error) {
	if !o.again {
		if err := cli(o, strings.NewReader(scalePassword+"\n"), "user", "add", "--email", "scale@example.dk", "--name", "Scale", "--role", "designer", "--password-stdin"); err != nil {
			return "", err
		}
		if err := cli(o, nil, "member", "add", "--project", "p1", "--email", "scale@example.dk", "--role", "designer"); err != nil {
			return "", err
		}
	}
	return cliOut(o, nil, "token", "create", "--email", "scale@example.dk", "--name", "scale")
}

// serve starts the binary's server on o's data directory and address and
// answers a function that stops it.
func serve(o options) (func(), error) {
	cmd := exec.Command(o.bin, "serve")
	cmd.Env = append(os.Environ(), "INDSIGT_DATA_DIR="+o.data, "INDSIGT_DATABASE_URL=", "INDSIGT_ADDR="+o.addr)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }, nil
}

func waitReady(base string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("not ready after %s", limit)
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// login signs in through the login form and answers a client with the session.
func login(base, password string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	res, err := c.Get(base + "/login")
	if err != nil {
		return nil, err
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfField.FindSubmatch(page)
	if m == nil {
		return nil, fmt.Errorf("login: no CSRF token on the page")
	}
	res, err = c.PostForm(base+"/login", url.Values{"csrf_token": {string(m[1])}, "email": {"scale@example.dk"}, "password": {password}})
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("login: status %d", res.StatusCode)
	}
	return c, nil
}

func timeGets(u string, h http.Header, n int) ([]time.Duration, error) {
	return timeClient(http.DefaultClient, u, h, n)
}

// timeClient sends n+n/10 sequential requests and answers the times of
// the last n (the first tenth warms the caches).
func timeClient(c *http.Client, u string, h http.Header, n int) ([]time.Duration, error) {
	warm := max(n/10, 1)
	var out []time.Duration
	for i := 0; i < n+warm; i++ {
		d, err := timeOne(c, u, h)
		if err != nil {
			return nil, err
		}
		if i >= warm {
			out = append(out, d)
		}
	}
	return out, nil
}

// timeOne times one GET to its last byte; an answer other than 200 is an
// error.
func timeOne(c *http.Client, u string, h http.Header) (time.Duration, error) {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header = h.Clone()
	t := time.Now()
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: status %d", u, res.StatusCode)
	}
	return time.Since(t), nil
}

type row struct {
	name string
	lat  []time.Duration
}

type report struct {
	o                  options
	seedRate           float64
	rebuild, coldStart time.Duration
	rows               []row
	pairs              []pair
}

// pair is one query timed alternately on the measured installation and
// on the baseline.
type pair struct {
	name               string
	measured, baseline []time.Duration
}

func (r report) write() error {
	var b strings.Builder
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(&b, "## %d notes in %d project(s), measured project %d notes\n\n", r.o.notes, r.o.projects, r.o.target)
	fmt.Fprintf(&b, "Machine: 2 cores, 24 GiB; load average at the end %s; %s.\n\n", strings.Join(strings.Fields(string(load))[:3], " "), time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	if !r.o.again {
		fmt.Fprintf(&b, "- seeding straight through the store: %.0f notes/s\n", r.seedRate)
		fmt.Fprintf(&b, "- full rebuild (`indsigt reindex`, a process of its own): %.1f s\n", r.rebuild.Seconds())
	}
	fmt.Fprintf(&b, "- cold start with the index present, to `/readyz` 200: %.2f s\n\n", r.coldStart.Seconds())
	b.WriteString("| request (project p1) | n | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|\n")
	for _, x := range r.rows {
		p50, p95 := quantiles(x.lat)
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s |\n", x.name, len(x.lat), ms(p50), ms(p95), ms(x.lat[len(x.lat)-1]))
	}
	r.writePairs(&b)
	fmt.Print(b.String())
	if r.o.out == "" {
		return nil
	}
	f, err := os.OpenFile(r.o.out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(b.String() + "\n")
	return err
}

// writePairs adds the comparison with the baseline, if one was made.
func (r report) writePairs(b *strings.Builder) {
	if len(r.pairs) == 0 {
		return
	}
	fmt.Fprintf(b, "\nThe same queries alternating with the baseline `%s` (its project p1), request by request:\n\n", r.o.baseline)
	b.WriteString("| request | n | p50 ms | baseline p50 ms | p95 ms | baseline p95 ms | p50 ratio | p95 ratio |\n|---|---|---|---|---|---|---|---|\n")
	for _, p := range r.pairs {
		m50, m95 := quantiles(p.measured)
		b50, b95 := quantiles(p.baseline)
		fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s | %.2f | %.2f |\n", p.name, len(p.measured), ms(m50), ms(b50), ms(m95), ms(b95), float64(m50)/float64(b50), float64(m95)/float64(b95))
	}
}

// quantiles answers the median and the 95th percentile of d (sorted in place).
func quantiles(d []time.Duration) (p50, p95 time.Duration) {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2], d[len(d)*95/100]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64)
}
