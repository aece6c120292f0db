// Command roster-mock serves one platform's in-memory API mock on a loopback address, for
// `make demo`, benchmarks and manual poking:
//
//	roster-mock -platform authentik -listen 127.0.0.1:9000 -token TOKEN [-faults '[{"kind":"status","status":503,"times":2}]']
//
// It prints a ready line to stdout, one line per request to stderr (never headers, so never the
// token), and stops cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/mocks"
)

const (
	exitOK    = 0
	exitError = 1 // the server could not start or stopped badly
	exitUsage = 2 // bad flags
)

// shutdownGrace bounds how long in-flight requests may finish after a signal.
const shutdownGrace = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

type config struct {
	platform, listen, token, faults string
	// variants holds each mock's variant flag (-tyk-edition), by flag name.
	variants map[string]*string
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("roster-mock", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.platform, "platform", "", "platform to mock: "+strings.Join(platformNames(), ", "))
	fs.StringVar(&c.listen, "listen", "127.0.0.1:0", "loopback host:port to listen on (port 0 picks a free one)")
	fs.StringVar(&c.token, "token", "", "API token of the seeded admin")
	c.variants = map[string]*string{}
	for _, d := range mocks.All {
		if v := d.Variant; v != nil {
			c.variants[v.Flag] = fs.String(v.Flag, v.Values[0], v.Usage)
		}
	}
	fs.StringVar(&c.faults, "faults", "", `optional JSON list of fault rules, e.g. '[{"kind":"status","status":429,"retry_after":"1","times":3}]'`)
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if _, ok := mocks.Lookup(c.platform); !ok {
		return c, fmt.Errorf("unknown -platform %q; known platforms: %s", c.platform, strings.Join(platformNames(), ", "))
	}
	if c.token == "" {
		return c, errors.New("-token is required")
	}
	for _, d := range mocks.All {
		if v := d.Variant; v != nil && !slices.Contains(v.Values, *c.variants[v.Flag]) {
			return c, fmt.Errorf("-%s must be %s, not %q", v.Flag, strings.Join(v.Values, " or "), *c.variants[v.Flag])
		}
	}
	return c, checkLoopback(c.listen)
}

// newMock starts the chosen platform's mock with its variant flag's value.
func newMock(cfg config) mockapi.Running {
	d, _ := mocks.Lookup(cfg.platform)
	opts := mockapi.Options{Token: cfg.token}
	if d.Variant != nil {
		opts.Variant = *cfg.variants[d.Variant.Flag]
	}
	return d.Start(opts)
}

// run serves until ctx is done and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "roster-mock:", err)
		return exitUsage
	}
	mock := newMock(cfg)
	if cfg.faults != "" {
		var rules []mockapi.FaultRule
		if err := json.Unmarshal([]byte(cfg.faults), &rules); err != nil {
			fmt.Fprintln(stderr, "roster-mock: -faults must be a JSON list of fault rules:", err)
			return exitUsage
		}
		if err := mock.Faults().Set(rules...); err != nil {
			fmt.Fprintln(stderr, "roster-mock: -faults:", err)
			return exitUsage
		}
	}

	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		fmt.Fprintln(stderr, "roster-mock:", err)
		return exitError
	}
	srv := &http.Server{Handler: mockapi.AccessLog(mock, stderr), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "roster-mock: %s listening on http://%s\n", cfg.platform, ln.Addr())

	select {
	case err := <-served:
		fmt.Fprintln(stderr, "roster-mock:", err)
		return exitError
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintln(stderr, "roster-mock: shutdown:", err)
		return exitError
	}
	fmt.Fprintln(stderr, "roster-mock: stopped")
	return exitOK
}
