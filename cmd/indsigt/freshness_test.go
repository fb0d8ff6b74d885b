package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"indsigt/internal/testkit"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestFreshnessAcrossServersWithAnOpenTransactionElsewhere uploads 100
// notes through server A while a writing transaction stays open in another
// database of the cluster, and checks that server B finds each of them
// (it would stall until that transaction ended when the change log's
// horizon was cluster-wide). The latencies are logged, not asserted.
func TestFreshnessAcrossServersWithAnOpenTransactionElsewhere(t *testing.T) {
	if len(storetest.Dialects()) < 2 {
		t.Skipf("%s is not set", storetest.EnvURL)
	}
	db := storetest.DSN(t, store.Postgres)
	other := otherDB(t, db)
	otx, err := other.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer otx.Rollback()
	if _, err := otx.Exec(`SELECT pg_current_xact_id()`); err != nil {
		t.Fatal(err)
	}
	dataA, dataB := t.TempDir(), t.TempDir()
	tok := setupProject(t, db, dataA)
	a, b := startServer(t, db, dataA), startServer(t, db, dataB)
	var lags []time.Duration
	for i := 0; i < 100; i++ {
		marker := "friskhed" + letters(i) // one word for the analyzer: no digits
		sent := time.Now()
		upload(t, a.url, tok, marker+".txt", "Borgeren nævner "+marker+" i samtalen.")
		deadline := sent.Add(10 * time.Second)
		for !strings.Contains(apiGet(t, b.url+"/api/v1/projects/crash/search?q="+marker, tok), `"total":1`) {
			if time.Now().After(deadline) {
				t.Fatalf("note %d never reached server B", i)
			}
			time.Sleep(10 * time.Millisecond)
		}
		lags = append(lags, time.Since(sent))
	}
	sort.Slice(lags, func(i, j int) bool { return lags[i] < lags[j] })
	t.Logf("upload on A → found on B, 100 samples: p50 %v, p99 %v, max %v", lags[50], lags[98], lags[99])
	a.stop(t)
	b.stop(t)
}

// letters spells n in the letters a–j, each decimal digit three times, so
// that two markers differ in at least three letters (beyond the fuzzy
// matching of a long word).
func letters(n int) string {
	var b strings.Builder
	for _, d := range fmt.Sprint(n) {
		b.WriteString(strings.Repeat(string('a'+(d-'0')), 3))
	}
	return b.String()
}

func upload(t *testing.T, base, tok, name, text string) {
	t.Helper()
	body, contentType := testkit.Multipart(nil, testkit.Text(name, text))
	req, _ := http.NewRequest("POST", base+"/api/v1/projects/crash/sources", body)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", contentType)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated && res.StatusCode != http.StatusOK {
		t.Fatalf("upload %s: %d", name, res.StatusCode)
	}
}

func otherDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/postgres"
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	d, err := sql.Open("postgres", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
