package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

// machine describes where the numbers come from.
type machine struct {
	CPUModel  string
	Cores     int
	MemoryMiB int64
	Kernel    string
	GoVersion string
	LoadStart string
}

func describeMachine() machine {
	m := machine{Cores: runtime.NumCPU(), GoVersion: runtime.Version()}
	if raw, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(raw), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if raw, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(raw), "\n") {
			var kb int64
			if _, err := fmt.Sscanf(line, "MemTotal: %d kB", &kb); err == nil {
				m.MemoryMiB = kb / 1024
			}
		}
	}
	if raw, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(raw))
	}
	m.LoadStart = loadAverage()
	return m
}

// loadAverage is /proc/loadavg's 1, 5 and 15 minute averages: other work on the machine shows here.
func loadAverage() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(raw))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func (m machine) summary() string {
	return fmt.Sprintf("%d cores (%s), %d MiB memory, load %s", m.Cores, m.CPUModel, m.MemoryMiB, m.LoadStart)
}
