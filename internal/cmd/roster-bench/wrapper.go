package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// The provider wrapper measures the provider exactly, without polling: scripts/bench.sh installs this
// program, renamed terraform-provider-roster, in the dev_overrides directory. Terraform starts it as the
// plugin; it starts the real provider with the same arguments, environment, stdin, stdout and stderr (so the
// go-plugin handshake and the gRPC socket are the provider's own), waits for it, and appends one usage record
// to $ROSTER_BENCH_USAGE_LOG: the provider's wall time, user and system CPU time and peak resident set size
// (wait4's ru_maxrss, the kernel's VmHWM of the process), all taken from the exit status of the real process.
// Terraform starts the provider several times per command (schema, validate, plan or apply walks), so a
// command has several records; the harness sums CPU time and takes the largest peak.

const (
	envRealProvider = "ROSTER_BENCH_REAL_PROVIDER"
	envUsageLog     = "ROSTER_BENCH_USAGE_LOG"
	// envProviderStderr, when set, names a file that also receives the provider's stderr (for diagnosis,
	// e.g. with GODEBUG=gctrace=1; the provider's logs are there too).
	envProviderStderr = "ROSTER_BENCH_PROVIDER_STDERR"
	wrapperName       = "terraform-provider-roster"
)

// usageRecord is one provider process, as the wrapper saw it.
type usageRecord struct {
	Start    time.Time     `json:"start"`
	Wall     time.Duration `json:"wall_ns"`
	User     time.Duration `json:"user_ns"`
	System   time.Duration `json:"system_ns"`
	MaxRSSKB int64         `json:"max_rss_kb"`
	ExitCode int           `json:"exit_code"`
	// WrapperCPU is the wrapper's own user + system CPU time.
	WrapperCPU time.Duration `json:"wrapper_cpu_ns"`
}

// runAsProvider does what this process was started for when terraform started it under a provider's name
// (dev_overrides): measure roster (the wrapper of $ROSTER_BENCH_REAL_PROVIDER), measure the plugin floor (the
// wrapper of this program serving it), or serve the plugin floor. It returns false for the harness itself.
func runAsProvider() (exitCode int, isProvider bool) {
	name := filepath.Base(os.Args[0])
	switch {
	case strings.HasPrefix(name, pluginFloorWrapperName) && os.Getenv(envServePluginFloor) == "1":
		if err := servePluginFloor(); err != nil {
			fmt.Fprintln(os.Stderr, "roster-bench plugin floor:", err)
			return 1, true
		}
		return 0, true
	case strings.HasPrefix(name, pluginFloorWrapperName):
		self, err := os.Executable()
		if err != nil {
			fmt.Fprintln(os.Stderr, "roster-bench wrapper:", err)
			return 1, true
		}
		return runWrapper(self, envServePluginFloor+"=1"), true
	case strings.HasPrefix(name, wrapperName):
		if os.Getenv(envRealProvider) == "" {
			fmt.Fprintf(os.Stderr, "roster-bench wrapper: %s is not set\n", envRealProvider)
			return 1, true
		}
		return runWrapper(os.Getenv(envRealProvider)), true
	}
	return 0, false
}

// runWrapper runs the real provider with extraEnv added to the environment and returns the exit code to
// leave with.
func runWrapper(providerPath string, extraEnv ...string) int {
	cmd := exec.Command(providerPath, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), extraEnv...)
	if path := os.Getenv(envProviderStderr); path != "" {
		if f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600); err == nil {
			defer f.Close()
			cmd.Stderr = io.MultiWriter(os.Stderr, f)
		}
	}

	// Terraform stops plugins over gRPC; a signal to the wrapper is passed on so the provider stops too.
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "roster-bench wrapper:", err)
		return 1
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	rec := usageRecord{Start: start, Wall: time.Since(start)}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		fmt.Fprintln(os.Stderr, "roster-bench wrapper:", err)
		return 1
	}
	if st := cmd.ProcessState; st != nil {
		rec.ExitCode = st.ExitCode()
		rec.User, rec.System = st.UserTime(), st.SystemTime()
		if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
			rec.MaxRSSKB = ru.Maxrss // kilobytes on Linux
		}
	}
	// The wrapper's own CPU, so that the harness can take it out of terraform's: terraform's exit status
	// counts the CPU of every process it waited for, the wrapper included.
	var self syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) == nil {
		rec.WrapperCPU = time.Duration(self.Utime.Nano() + self.Stime.Nano())
	}
	if path := os.Getenv(envUsageLog); path != "" {
		if err := appendUsage(path, rec); err != nil {
			fmt.Fprintln(os.Stderr, "roster-bench wrapper: recording usage:", err)
		}
	}
	if rec.ExitCode < 0 {
		return 1
	}
	return rec.ExitCode
}

// appendUsage writes one JSON line with a single write on an O_APPEND file, so records of provider processes
// that end at the same time never interleave.
func appendUsage(path string, rec usageRecord) error {
	line, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// providerUsage sums the records of one terraform command.
type providerUsage struct {
	Processes int
	CPU       time.Duration // user + system, all processes
	MaxRSSKB  int64         // the largest peak of any one process
	Wall      time.Duration // sum of process lifetimes
	// WrapperCPU is the wrappers' own CPU: part of what terraform's exit status counts, not the provider's.
	WrapperCPU time.Duration
}

func readUsage(path string) (providerUsage, error) {
	var u providerUsage
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return u, nil
	}
	if err != nil {
		return u, err
	}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if line == "" {
			continue
		}
		var rec usageRecord
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return u, fmt.Errorf("%s: %w", path, err)
		}
		u.Processes++
		u.CPU += rec.User + rec.System
		u.Wall += rec.Wall
		u.WrapperCPU += rec.WrapperCPU
		u.MaxRSSKB = max(u.MaxRSSKB, rec.MaxRSSKB)
	}
	return u, nil
}
