package mockapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Wrap serves HookPrefix paths from the common hook routes below, then from hooks (a platform's own
// hook routes, may be nil), and every other request through faults (may be nil) and api, recording
// each API request in log (may be nil).
//
// Common hook routes:
//
//	GET    /__mock/requests   {"count": N, "entries": [...]}; ?method=POST&path_prefix=/api/ filters
//	DELETE /__mock/requests   forget every entry
//	GET    /__mock/faults     the active rules
//	POST   /__mock/faults     replace the rules with a JSON list of FaultRule; ?seed=N reseeds
//	DELETE /__mock/faults     remove every rule
func Wrap(api, hooks http.Handler, log *RequestLog, faults *Faults) http.Handler {
	hookMux := http.NewServeMux()
	registerCommonHooks(hookMux, log, faults)
	if hooks != nil {
		hookMux.Handle(HookPrefix, hooks)
	} else {
		hookMux.HandleFunc(HookPrefix, hookNotFound)
	}
	faulted := faults.Inject(api)

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, HookPrefix) {
			hookMux.ServeHTTP(w, r)
			return
		}
		rec := &statusRecorder{ResponseWriter: w}
		start := time.Now()
		if log != nil {
			rec.onFinish = func() {
				log.Record(Entry{
					Method:   r.Method,
					Path:     r.URL.Path,
					RawQuery: r.URL.RawQuery,
					Status:   rec.status,
					Fault:    rec.fault,
					Time:     start,
					Duration: Duration(time.Since(start)),
				})
			}
		}
		// Deferred so a request whose connection was dropped by a panic with http.ErrAbortHandler
		// (the fallback on writers that cannot be hijacked) is still logged.
		defer rec.finish()
		faulted.ServeHTTP(rec, r)
	})
}

func registerCommonHooks(mux *http.ServeMux, log *RequestLog, faults *Faults) {
	mux.HandleFunc("GET "+HookPrefix+"requests", func(w http.ResponseWriter, r *http.Request) {
		if log == nil {
			WriteJSON(w, http.StatusOK, map[string]any{"count": 0, "entries": []Entry{}})
			return
		}
		entries := log.Matching(r.URL.Query().Get("method"), r.URL.Query().Get("path_prefix"))
		if entries == nil {
			entries = []Entry{}
		}
		WriteJSON(w, http.StatusOK, map[string]any{"count": len(entries), "entries": entries})
	})
	mux.HandleFunc("DELETE "+HookPrefix+"requests", func(w http.ResponseWriter, r *http.Request) {
		if log != nil {
			log.Reset()
		}
		WriteNoContent(w)
	})
	mux.HandleFunc("GET "+HookPrefix+"faults", func(w http.ResponseWriter, r *http.Request) {
		rules := []FaultRule{}
		if faults != nil {
			rules = append(rules, faults.Rules()...)
		}
		WriteJSON(w, http.StatusOK, rules)
	})
	mux.HandleFunc("POST "+HookPrefix+"faults", func(w http.ResponseWriter, r *http.Request) {
		replaceFaults(w, r, faults)
	})
	mux.HandleFunc("DELETE "+HookPrefix+"faults", func(w http.ResponseWriter, r *http.Request) {
		if faults != nil {
			faults.Clear()
		}
		WriteNoContent(w)
	})
}

func replaceFaults(w http.ResponseWriter, r *http.Request, faults *Faults) {
	if faults == nil {
		writeHookError(w, http.StatusNotImplemented, "this mock has no fault injection")
		return
	}
	var rules []FaultRule
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields() // a misspelled rule key must not silently become "match everything"
	if err := dec.Decode(&rules); err != nil {
		writeHookError(w, http.StatusBadRequest, "body must be a JSON list of fault rules: "+err.Error())
		return
	}
	if seed := r.URL.Query().Get("seed"); seed != "" {
		n, err := strconv.ParseUint(seed, 10, 64)
		if err != nil {
			writeHookError(w, http.StatusBadRequest, fmt.Sprintf("seed %q is not an unsigned integer", seed))
			return
		}
		faults.Seed(n)
	}
	if err := faults.Set(rules...); err != nil {
		writeHookError(w, http.StatusBadRequest, err.Error())
		return
	}
	WriteJSON(w, http.StatusOK, faults.Rules())
}

func hookNotFound(w http.ResponseWriter, r *http.Request) {
	writeHookError(w, http.StatusNotFound, "no mock hook at "+r.Method+" "+r.URL.Path)
}

// writeHookError answers a hook request; hook errors use {"error": ...} so they are never mistaken
// for an answer of the platform's API.
func writeHookError(w http.ResponseWriter, status int, msg string) {
	WriteJSON(w, status, map[string]string{"error": msg})
}

// WriteHookError is writeHookError for platform hook handlers.
func WriteHookError(w http.ResponseWriter, status int, msg string) { writeHookError(w, status, msg) }

// DecodeHookFields decodes a hook body strictly: each known key into its destination in dst, unknown keys and
// wrong types refused (400, every problem listed) before anything changes. An empty body sets nothing. It
// returns the keys that were set, and false once it has written the error.
func DecodeHookFields(w http.ResponseWriter, r *http.Request, dst map[string]any) (map[string]bool, bool) {
	var raw map[string]json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil && !errors.Is(err, io.EOF) {
		writeHookError(w, http.StatusBadRequest, "body must be a JSON object: "+err.Error())
		return nil, false
	}
	var errs []string
	set := map[string]bool{}
	for k, v := range raw {
		target, known := dst[k]
		if !known {
			errs = append(errs, "unknown field "+k)
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(v))
		dec.DisallowUnknownFields()
		if err := dec.Decode(target); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", k, err))
			continue
		}
		set[k] = true
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		writeHookError(w, http.StatusBadRequest, strings.Join(errs, "; "))
		return nil, false
	}
	return set, true
}
