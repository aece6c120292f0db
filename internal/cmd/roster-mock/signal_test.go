package main

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary act as roster-mock itself, so the signal test below exercises
// main() in a real process.
func TestMain(m *testing.M) {
	if os.Getenv("ROSTER_MOCK_RUN_MAIN") == "1" {
		os.Args = append([]string{"roster-mock"}, strings.Fields(os.Getenv("ROSTER_MOCK_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

func TestSignalsStopTheServerCleanly(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "ROSTER_MOCK_RUN_MAIN=1", "ROSTER_MOCK_ARGS=-platform authentik -token sig-token")
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr syncBuffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, _ := bufio.NewReader(stdout).ReadString('\n')
			url := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(line)
			if url == "" {
				_ = cmd.Process.Kill()
				t.Fatalf("ready line = %q, stderr %s", line, stderr.String())
			}
			if status, _ := get(t, url+"/api/v3/core/tokens/", "sig-token"); status != 200 {
				t.Fatalf("GET tokens = %d", status)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("exit after %v: %v; stderr %s", sig, err, stderr.String())
				}
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("still running 10s after %v", sig)
			}
			if !strings.Contains(stderr.String(), "roster-mock: stopped") {
				t.Fatalf("stderr lacks the stop message: %s", stderr.String())
			}
		})
	}
}
