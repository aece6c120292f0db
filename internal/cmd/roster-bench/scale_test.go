package main

import (
	"fmt"
	"strings"
	"testing"
)

// The N-object runs destroy through terraform only when asked (-destroy), and the report's commands and text
// say which steps ran.
func TestDestroyRunsOnlyWithTheFlag(t *testing.T) {
	render := func(o options) string {
		r := &report{opts: o, scale: []scaleRun{{Platform: floorName, N: 1000}}}
		var b strings.Builder
		w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
		r.renderCommands(w)
		r.renderScale(w)
		return b.String()
	}
	for _, destroy := range []bool{false, true} {
		o, err := parseFlags(map[bool][]string{false: {"-workdir", "x"}, true: {"-workdir", "x", "-destroy"}}[destroy])
		if err != nil {
			t.Fatal(err)
		}
		names := stepNames(o.scaleSteps())
		if got := strings.Contains(names, stepDestroy.Name); got != destroy {
			t.Errorf("-destroy %t: steps %q", destroy, names)
		}
		text := render(o)
		if got := strings.Contains(text, "terraform destroy"); got != destroy {
			t.Errorf("-destroy %t: the commands list a destroy: %t", destroy, got)
		}
		if got := strings.Contains(text, "not destroyed through terraform"); got == destroy {
			t.Errorf("-destroy %t: the report says the objects were not destroyed: %t", destroy, got)
		}
	}
	if f, err := (&floorRun{def: floors[0]}).finish(false); err != nil || len(f.Results) != 0 {
		t.Errorf("the floor's finish without -destroy ran %v, %v", f.Results, err)
	}
}
