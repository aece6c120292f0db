package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// step is one terraform command of a run.
type step struct {
	Name string
	Args []string
	// WantExit is the exit code a healthy run has (plan -detailed-exitcode: 0 means no changes).
	WantExit int
}

var (
	stepApply         = step{"apply", []string{"apply", "-auto-approve", "-input=false", "-no-color"}, 0}
	stepPlan          = step{"plan", []string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}, 0}
	stepPlanNoRefresh = step{"plan -refresh=false", []string{"plan", "-refresh=false", "-input=false", "-no-color", "-detailed-exitcode"}, 0}
	stepDestroy       = step{"destroy", []string{"destroy", "-auto-approve", "-input=false", "-no-color"}, 0}
)

// result is what the harness measured of one terraform command.
type result struct {
	Step     string
	Wall     time.Duration
	ExitCode int
	OK       bool
	TimedOut bool // stopped by the harness after the step's time limit
	Errors   int  // "Error:" diagnostics in the output
	Usage    providerUsage
	// TerraformCPU is the terraform process's own user + system CPU time, without its children's (the
	// providers and their wrappers).
	TerraformCPU time.Duration
	Requests     requestStats
	LogFile      string
}

type terraform struct {
	bin     string
	workdir string
	env     []string
	seq     int
	// extraEnv is added to every command's environment while a scenario sets it (the big group's GOGC).
	extraEnv []string
	// timeout bounds every command unless a scenario passes its own (0: none).
	timeout time.Duration
}

func newTerraform(bin, workdir string) *terraform {
	var env []string
	for _, kv := range os.Environ() {
		// Logging would measure the log sink, not the provider.
		if strings.HasPrefix(kv, "TF_LOG") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	return &terraform{bin: bin, workdir: workdir, env: env}
}

// run runs one step in dir with the default time limit. m may be nil (the terraform_data floor).
func (t *terraform) run(dir string, s step, m *servedMock) (result, error) {
	return t.runWithin(dir, s, m, t.timeout)
}

// runWithin runs one step and stops it after limit (0: no limit). terraform runs in its own process group;
// at the limit the group gets SIGTERM, so the wrapper passes it to the provider and still records its usage,
// then SIGKILL after a grace period, so no provider is left running.
func (t *terraform) runWithin(dir string, s step, m *servedMock, limit time.Duration) (result, error) {
	t.seq++
	base := filepath.Join(t.workdir, "logs", fmt.Sprintf("%03d-%s-%s", t.seq, filepath.Base(dir), slug(s.Name)))
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		return result{}, err
	}
	usageFile := base + ".usage.jsonl"
	logFile := base + ".log"
	if m != nil {
		m.take() // forget anything before this step
	}

	cmd := exec.Command(t.bin, append([]string{"-chdir=" + dir}, s.Args...)...)
	cmd.Env = append(append(append([]string{}, t.env...), t.extraEnv...), envUsageLog+"="+usageFile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return result{}, fmt.Errorf("running terraform %s: %w", s.Name, err)
	}
	running.Store(cmd.Process.Pid, true)
	defer running.Delete(cmd.Process.Pid)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var (
		err      error
		timedOut bool
		wall     time.Duration
	)
	select {
	case err = <-done:
		wall = time.Since(start)
	case <-timeLimit(limit):
		timedOut, wall = true, time.Since(start) // not the time it takes to stop
		err = stopGroup(cmd.Process.Pid, done)
	}

	res := result{Step: s.Name, Wall: wall, LogFile: logFile, TimedOut: timedOut}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		res.ExitCode = exitErr.ExitCode()
		if res.ExitCode < 0 {
			res.ExitCode = -1 // killed by a signal
		}
	default:
		return res, fmt.Errorf("running terraform %s: %w", s.Name, err)
	}
	var withChildren time.Duration
	if st := cmd.ProcessState; st != nil {
		withChildren = st.UserTime() + st.SystemTime()
	}
	res.OK = res.ExitCode == s.WantExit && !timedOut
	res.Errors = strings.Count(out.String(), "Error: ")
	if werr := os.WriteFile(logFile, out.Bytes(), 0o644); werr != nil {
		return res, werr
	}
	if res.Usage, err = readUsage(usageFile); err != nil {
		return res, err
	}
	res.TerraformCPU = terraformOwnCPU(withChildren, res.Usage)
	if m != nil {
		res.Requests = m.take()
	}
	return res, nil
}

// terraformOwnCPU takes the providers' and their wrappers' CPU out of the CPU time terraform's exit status
// reports: wait4 counts, with a process's own time, that of every descendant it waited for.
func terraformOwnCPU(withChildren time.Duration, providers providerUsage) time.Duration {
	return max(0, withChildren-providers.CPU-providers.WrapperCPU)
}

// timeLimit fires after limit; never when limit is 0.
func timeLimit(limit time.Duration) <-chan time.Time {
	if limit <= 0 {
		return nil
	}
	return time.After(limit)
}

// running are the process groups of the terraform commands in progress (one, or two while a background
// scenario runs beside the others), for stopOnInterrupt.
var running sync.Map // pid -> true

// stopOnInterrupt ends the running terraform commands' process groups when the harness is interrupted (their
// providers go with them), then exits.
func stopOnInterrupt() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-signals
		var pids []int
		running.Range(func(key, _ any) bool {
			if pid, ok := key.(int); ok {
				pids = append(pids, pid)
			}
			return true
		})
		for _, pid := range pids {
			_ = syscall.Kill(-pid, syscall.SIGTERM)
		}
		if len(pids) > 0 {
			time.Sleep(3 * time.Second)
		}
		for _, pid := range pids {
			_ = syscall.Kill(-pid, syscall.SIGKILL)
		}
		fmt.Fprintln(os.Stderr, "roster-bench: stopped by", s)
		os.Exit(130)
	}()
}

// stopGroup ends terraform's process group: SIGTERM, then SIGKILL if it is still there after a grace period.
// A provider process that outlives terraform (orphaned by the kill) is in the same group and goes with it.
func stopGroup(pid int, done <-chan error) error {
	_ = syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case err := <-done:
		time.Sleep(2 * time.Second) // let the wrapper record the provider's usage
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		return err
	case <-time.After(10 * time.Second):
	}
	_ = syscall.Kill(-pid, syscall.SIGKILL)
	return <-done
}

// version is `terraform version`'s first line.
func (t *terraform) version() string {
	cmd := exec.Command(t.bin, "version")
	cmd.Env = t.env
	out, err := cmd.Output()
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

// writeDir creates dir with main.tf holding config.
func writeDir(dir, config string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644)
}

// tail returns the last n lines of a log file, for error messages.
func tail(path string, n int) string {
	raw, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// slug makes a step name usable in a file name ("plan -refresh=false" -> "plan-refresh-false").
func slug(s string) string {
	return strings.Trim(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, strings.ToLower(s)), "-")
}
