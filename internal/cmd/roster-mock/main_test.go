package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer collects stderr written by server goroutines while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// started is a running roster-mock: its base URL, its stderr, and how to stop it.
type started struct {
	url    string
	stderr *syncBuffer
	stop   func() int
}

func start(t *testing.T, args ...string) started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	stderr := &syncBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, args, outW, stderr)
		outW.Close()
	}()
	ready := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(outR).ReadString('\n')
		ready <- line
		_, _ = io.Copy(io.Discard, outR)
	}()
	var line string
	select {
	case line = <-ready:
	case <-time.After(5 * time.Second):
		cancel()
		t.Fatalf("no ready line; stderr: %s", stderr.String())
	}
	m := regexp.MustCompile(`^roster-mock: authentik listening on (http://127\.0\.0\.1:\d+)\n$`).FindStringSubmatch(line)
	if m == nil {
		cancel()
		t.Fatalf("ready line = %q", line)
	}
	stopped := false
	stop := func() int {
		cancel()
		stopped = true
		select {
		case c := <-code:
			return c
		case <-time.After(10 * time.Second):
			t.Fatal("roster-mock did not stop after its context was cancelled")
			return -1
		}
	}
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})
	return started{url: m[1], stderr: stderr, stop: stop}
}

func get(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServesAuthentikWithTheGivenTokenAndStopsCleanly(t *testing.T) {
	const token = "demo-token-value-xyz"
	m := start(t, "-platform", "authentik", "-listen", "127.0.0.1:0", "-token", token)

	status, body := get(t, m.url+"/api/v3/core/groups/", token)
	if status != 200 || !strings.Contains(body, `"authentik Admins"`) {
		t.Fatalf("GET groups = %d %s", status, body)
	}
	if status, _ := get(t, m.url+"/api/v3/core/groups/", "other-token"); status != 403 {
		t.Fatalf("a wrong token got %d, want 403", status)
	}
	if code := m.stop(); code != exitOK {
		t.Fatalf("exit code %d after a clean stop", code)
	}
	log := m.stderr.String()
	if !regexp.MustCompile(`(?m)^\S+ GET /api/v3/core/groups/ 200 \S+$`).MatchString(log) {
		t.Fatalf("no access log line for the request in stderr:\n%s", log)
	}
	if strings.Contains(log, token) || strings.Contains(log, "other-token") {
		t.Fatal("the access log contains a token")
	}
	if !strings.Contains(log, "roster-mock: stopped") {
		t.Fatalf("no stop message in stderr:\n%s", log)
	}
}

func TestFaultsFlagIsApplied(t *testing.T) {
	m := start(t, "-platform", "authentik", "-token", "t", "-faults", `[{"kind":"status","status":503,"times":1}]`)
	if status, _ := get(t, m.url+"/api/v3/core/users/", "t"); status != 503 {
		t.Fatalf("first request = %d, want the injected 503", status)
	}
	if status, _ := get(t, m.url+"/api/v3/core/users/", "t"); status != 200 {
		t.Fatalf("second request = %d, want 200", status)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-platform", "keycloak", "-token", "t"}, `unknown -platform "keycloak"; known platforms: authentik`},
		{[]string{"-token", "t"}, `known platforms: authentik`},
		{[]string{"-platform", "authentik"}, "-token is required"},
		{[]string{"-platform", "authentik", "-token", "t", "-listen", "0.0.0.0:8080"}, "not a loopback address"},
		{[]string{"-platform", "authentik", "-token", "t", "-listen", ":8080"}, "not a loopback address"},
		{[]string{"-platform", "authentik", "-token", "t", "-listen", "192.168.1.5:80"}, "not a loopback address"},
		{[]string{"-platform", "authentik", "-token", "t", "-faults", `{"kind":"reset"}`}, "-faults must be a JSON list"},
		{[]string{"-platform", "authentik", "-token", "t", "-faults", `[{"kind":"explode"}]`}, `unknown fault kind "explode"`},
		{[]string{"-bogus"}, "flag provided but not defined"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), c.args, &stdout, &stderr)
		if code != exitUsage {
			t.Errorf("%v exited %d, want %d", c.args, code, exitUsage)
		}
		if !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v stderr = %q, want it to mention %q", c.args, stderr.String(), c.want)
		}
		if stdout.Len() != 0 {
			t.Errorf("%v printed a ready line on a usage error: %q", c.args, stdout.String())
		}
	}
}

func TestCheckLoopbackAcceptsLoopbackOnly(t *testing.T) {
	for _, ok := range []string{"127.0.0.1:9000", "127.0.0.2:1", "localhost:9000", "[::1]:9000"} {
		if err := checkLoopback(ok); err != nil {
			t.Errorf("checkLoopback(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"0.0.0.0:1", "[::]:1", ":1", "10.0.0.1:1", "example.com:80", "127.0.0.1"} {
		if err := checkLoopback(bad); err == nil {
			t.Errorf("checkLoopback(%q) accepted a non-loopback address", bad)
		}
	}
}

func TestListenFailureExits1(t *testing.T) {
	m := start(t, "-platform", "authentik", "-token", "t")
	addr := strings.TrimPrefix(m.url, "http://")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-platform", "authentik", "-token", "t", "-listen", addr}, &stdout, &stderr); code != exitError {
		t.Fatalf("listening on a taken port exited %d, want %d (stderr %q)", code, exitError, stderr.String())
	}
}
