package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func serveHardened(t *testing.T, l netLimits) (string, *perIPListener) {
	t.Helper()
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := newPerIPListener(raw, l.MaxConnsPerIP)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := io.Copy(io.Discard, r.Body)
		if errors.Is(err, errSlowBody) {
			http.Error(w, "too slow", http.StatusRequestTimeout)
			return
		}
		fmt.Fprintf(w, "read %d", n)
	})
	srv := &http.Server{Handler: slowBodies(h, l), ReadHeaderTimeout: time.Second, ReadTimeout: time.Minute}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return raw.Addr().String(), ln
}

// dialSlowBodyServer connects to a hardened server that cuts off bodies
// slower than 200 bytes a second after 300 ms; the connection is closed
// when the test ends.
func dialSlowBodyServer(t *testing.T) net.Conn {
	t.Helper()
	addr, _ := serveHardened(t, netLimits{MaxConnsPerIP: 10, MinBodyRate: 200, BodyGrace: 300 * time.Millisecond})
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestSlowBodyIsCutOff(t *testing.T) {
	c := dialSlowBodyServer(t)
	fmt.Fprintf(c, "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n")
	start := time.Now()
	done := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(c)
		done <- string(b)
	}()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case resp := <-done:
			if el := time.Since(start); el > 3*time.Second {
				t.Fatalf("cut off only after %v", el)
			}
			if !strings.Contains(resp, "408") {
				t.Errorf("answer: %q", resp)
			}
			return
		case <-tick.C:
			_, _ = c.Write([]byte("x")) // one byte at a time
			if time.Since(start) > 10*time.Second {
				t.Fatal("a slow body holds the connection")
			}
		}
	}
}

func TestSilentBodyTimesOut(t *testing.T) {
	c := dialSlowBodyServer(t)
	fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab")
	start := time.Now()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	b, _ := io.ReadAll(c)
	if el := time.Since(start); el > 2*time.Second || !strings.Contains(string(b), "408") {
		t.Fatalf("a body that stops: %v %q", el, b)
	}
}

func TestFastBodyPasses(t *testing.T) {
	addr, _ := serveHardened(t, netLimits{MaxConnsPerIP: 10, MinBodyRate: 200, BodyGrace: 300 * time.Millisecond})
	resp, err := http.Post("http://"+addr+"/", "text/plain", strings.NewReader(strings.Repeat("æ", 50000)))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "read 100000" {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
}

func TestConnectionsPerIPAreCapped(t *testing.T) {
	addr, ln := serveHardened(t, netLimits{MaxConnsPerIP: 3, MinBodyRate: 200, BodyGrace: time.Second})
	var conns []net.Conn
	for i := 0; i < 3; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		defer c.Close()
	}
	waitOpen(t, ln, 3)
	extra, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer extra.Close()
	_ = extra.SetReadDeadline(time.Now().Add(3 * time.Second))
	fmt.Fprintf(extra, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	_, err = bufio.NewReader(extra).ReadByte()
	var ne net.Error
	if err == nil || (errors.As(err, &ne) && ne.Timeout()) {
		t.Fatalf("the fourth connection was not closed at once: %v", err)
	}
	conns[0].Close()
	waitOpen(t, ln, 2)
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("a connection after one closed: %v", err)
	}
	resp.Body.Close()
}

func waitOpen(t *testing.T, ln *perIPListener, n int) {
	t.Helper()
	for deadline := time.Now().Add(3 * time.Second); ln.open("127.0.0.1") != n; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("open connections: %d, want %d", ln.open("127.0.0.1"), n)
		}
	}
}

// A handler that works between reads is not a slow client.
func TestBusyHandlerIsNotASlowClient(t *testing.T) {
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := netLimits{MaxConnsPerIP: 10, MinBodyRate: 100000, BodyGrace: 200 * time.Millisecond}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		buf := make([]byte, 1000)
		var n int
		for {
			k, err := io.ReadFull(r.Body, buf)
			n += k
			if err != nil {
				break
			}
			time.Sleep(100 * time.Millisecond) // parsing a file
		}
		fmt.Fprintf(w, "read %d", n)
	})
	srv := &http.Server{Handler: slowBodies(h, l)}
	go func() { _ = srv.Serve(limitPerIP(raw, 10)) }()
	t.Cleanup(func() { _ = srv.Close() })
	resp, err := http.Post("http://"+raw.Addr().String()+"/", "text/plain", strings.NewReader(strings.Repeat("x", 5000)))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "read 5000" {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
}

func TestNetLimitsFromEnv(t *testing.T) {
	for _, c := range []struct {
		conns, rate string
		ok          bool
		want        netLimits
	}{
		{"", "", true, defaultNetLimits()},
		{"0", "", true, netLimits{MaxConnsPerIP: 0, MinBodyRate: 1024, BodyGrace: 10 * time.Second}},
		{"32", "4096", true, netLimits{MaxConnsPerIP: 32, MinBodyRate: 4096, BodyGrace: 10 * time.Second}},
		{"-1", "", false, netLimits{}},
		{"", "0", false, netLimits{}},
		{"mange", "", false, netLimits{}},
	} {
		t.Setenv("INDSIGT_MAX_CONNS_PER_IP", c.conns)
		t.Setenv("INDSIGT_MIN_BODY_RATE", c.rate)
		got, err := netLimitsFromEnv()
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("%q %q: %+v %v", c.conns, c.rate, got, err)
		}
		if err != nil && !errors.Is(err, errUsage) {
			t.Errorf("%q %q: not a usage error: %v", c.conns, c.rate, err)
		}
	}
}
