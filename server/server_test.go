package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/server"
)

func TestShell(t *testing.T) {
	s := server.New(server.Deps{})
	s.Engine.POST("/small", func(c *gin.Context) {
		_, err := io.ReadAll(c.Request.Body)
		if err != nil {
			server.Fail(c, http.StatusRequestEntityTooLarge, "too_large", "", err.Error())
			return
		}
		c.Status(http.StatusNoContent)
	})
	s.Engine.POST("/big", func(c *gin.Context) {
		n, _ := io.Copy(io.Discard, c.Request.Body)
		c.JSON(http.StatusOK, gin.H{"n": n})
	})
	s.AllowBody(http.MethodPost, "/big", 4<<20)
	s.NotFoundPage(func(c *gin.Context) { c.Data(http.StatusNotFound, "text/html", []byte("<h1>Siden findes ikke</h1>")) })
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	cases := []struct {
		name, method, path, accept string
		body                       int
		status                     int
		contains                   string
	}{
		{"small body", "POST", "/small", "", 1000, 204, ""},
		{"body over the default limit", "POST", "/small", "", 2 << 20, 413, "too_large"},
		{"a route that allows more", "POST", "/big", "", 2 << 20, 200, `"n":2097152`},
		{"api 404 is JSON", "GET", "/api/v1/nope", "text/html", 0, 404, `"code":"not_found"`},
		{"browser 404 is a page", "GET", "/nope", "text/html,application/xhtml+xml", 0, 404, "Siden findes ikke"},
		{"other clients get JSON", "GET", "/nope", "", 0, 404, `"code":"not_found"`},
		{"health", "GET", "/healthz", "", 0, 200, `"ok"`},
		{"metrics", "GET", "/metrics", "", 0, 200, "indsigt_http_request_duration_seconds"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, bytes.NewReader(make([]byte, tc.body)))
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.status || !strings.Contains(string(b), tc.contains) {
				t.Fatalf("%s %s: %d %s", tc.method, tc.path, res.StatusCode, b)
			}
			if res.Header.Get("X-Request-Id") == "" || res.Header.Get("Content-Security-Policy") == "" {
				t.Errorf("headers %v", res.Header)
			}
		})
	}
}

// TestBoundSheds fills a class and checks that the next request is refused
// at once with 503 and Retry-After instead of waiting, and that the class
// serves again when a slot frees.
func TestBoundSheds(t *testing.T) {
	s := server.New(server.Deps{})
	release := make(chan struct{})
	started := make(chan struct{}, 2)
	s.Engine.GET("/search", func(c *gin.Context) {
		started <- struct{}{}
		<-release
		c.Status(http.StatusOK)
	})
	s.Bound("search", server.Limits{Max: 2, Wait: 20 * time.Millisecond}, "GET /search")
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := http.Get(srv.URL + "/search")
			if err == nil {
				res.Body.Close()
			}
		}()
	}
	<-started
	<-started
	res, err := http.Get(srv.URL + "/search")
	if err != nil {
		t.Fatal(err)
	}
	var body server.ErrorBody
	_ = json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || body.Error.Code != "busy" {
		t.Fatalf("full class answered %d %+v", res.StatusCode, body)
	}
	close(release)
	wg.Wait()
	res, err = http.Get(srv.URL + "/search")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("after release: %d", res.StatusCode)
	}
	m, _ := http.Get(srv.URL + "/metrics")
	b, _ := io.ReadAll(m.Body)
	m.Body.Close()
	if !strings.Contains(string(b), `indsigt_http_shed_total{class="search"} 1`) {
		t.Errorf("shed not counted:\n%s", b)
	}
}
