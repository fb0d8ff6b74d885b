package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"indsigt/store"
	"indsigt/store/storetest"
)

// TestTwoServersShareOnePostgres runs two servers with their own index
// directories on one database: a note uploaded through one is found
// through the other, which follows the same change log.
func TestTwoServersShareOnePostgres(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		if dialect != store.Postgres {
			continue
		}
		db := storetest.DSN(t, dialect)
		dataA, dataB := t.TempDir(), t.TempDir()
		tok := setupProject(t, db, dataA)
		a, b := startServer(t, db, dataA), startServer(t, db, dataB)
		uploadText(a.url, tok, "fra-a.txt", 42, 1)
		deadline := time.Now().Add(5 * time.Second)
		for {
			body := apiGet(t, b.url+"/api/v1/projects/crash/search?q=runde", tok)
			if strings.Contains(body, `"total":5`) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("server B never saw the notes written through A: %s", body)
			}
			time.Sleep(50 * time.Millisecond)
		}
		a.stop(t)
		b.stop(t)
	}
}

// TestDeletedIndexIsRebuilt deletes the index of a stopped server; the next
// start rebuilds it from the store and answers as before.
func TestDeletedIndexIsRebuilt(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db, data := storetest.DSN(t, dialect), t.TempDir()
			tok := setupProject(t, db, data)
			srv := startServer(t, db, data)
			for i := 0; i < 3; i++ {
				uploadText(srv.url, tok, fmt.Sprintf("f%d.txt", i), 7, i)
			}
			waitReady(t, srv.url)
			query := "/api/v1/projects/crash/search?q=k%C3%B8leskabet+afsnit&limit=50"
			before := apiGet(t, srv.url+query, tok)
			srv.stop(t)
			if err := os.RemoveAll(filepath.Join(data, "index")); err != nil {
				t.Fatal(err)
			}
			srv = startServer(t, db, data)
			waitReady(t, srv.url)
			after := apiGet(t, srv.url+query, tok)
			if !strings.Contains(before, `"total":15`) || !sameAnswer(before, after) {
				t.Fatalf("after rebuild:\n%s\nbefore:\n%s", after, before)
			}
			srv.stop(t)
		})
	}
}

var scoreRE = regexp.MustCompile(`"score":[0-9.e+-]+`)

// sameAnswer compares two search answers by total, facets and the set of
// hits. BM25 scores and the order of equally scored hits depend on the
// index's segment layout, which a rebuild changes, not on which notes match.
func sameAnswer(a, b string) bool {
	norm := func(s string) string {
		var ans struct {
			Total  int               `json:"total"`
			Items  []json.RawMessage `json:"items"`
			Facets json.RawMessage   `json:"facets"`
		}
		if json.Unmarshal([]byte(s), &ans) != nil {
			return s
		}
		items := make([]string, len(ans.Items))
		for i, it := range ans.Items {
			items[i] = scoreRE.ReplaceAllString(string(it), "")
		}
		sort.Strings(items)
		return fmt.Sprint(ans.Total, string(ans.Facets), items)
	}
	return norm(a) == norm(b)
}
