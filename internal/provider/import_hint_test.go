package provider_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// TestAccConflict_namesTheImport creates a user and a group, makes Terraform forget them (terraform state
// rm), and applies again: each create is refused because the object exists, and the error gives the import
// command and import block with the existing object's id. Running that command and applying again ends with
// the objects in state and no duplicate on the server.
func TestAccConflict_namesTheImport(t *testing.T) {
	t.Parallel()
	for _, tt := range faultTargets {
		for _, kind := range []struct {
			counts   objectCounts
			address  string
			typeName string
		}{
			{objectCounts{Users: 1}, "roster_user.u0", "roster_user"},
			{objectCounts{Groups: 1}, "roster_user_group.g0", "roster_user_group"},
		} {
			if tt.name == "secoda" && kind.typeName == "roster_user_group" {
				continue // Secoda lets two groups have the same name: there is no conflict to report
			}
			t.Run(tt.name+"/"+kind.typeName, func(t *testing.T) {
				t.Parallel()
				f := tt.start(t)
				body, want := f.config("dup", kind.counts)
				wd := acctest.NewWorkdir(t, f.provider(1)+body)
				baseline := f.keys()
				t.Cleanup(func() {
					if err := wd.Destroy(context.Background(), wd.Reattach); err != nil {
						t.Errorf("terraform destroy: %v", err)
					}
				})
				ctx := context.Background()
				if err := wd.Apply(ctx, wd.Reattach); err != nil {
					t.Fatalf("first apply: %v", err)
				}
				id := stateOf(t, wd).RootModule().Resources[kind.address].Primary.ID
				if err := wd.StateRm(ctx, kind.address); err != nil {
					t.Fatalf("terraform state rm: %v", err)
				}

				var stderr bytes.Buffer
				wd.SetStderr(&stderr)
				if err := wd.Apply(ctx, wd.Reattach); err == nil {
					t.Fatalf("the create of an object that exists succeeded; the server holds %+v", f.keys().minus(baseline))
				}
				wd.SetStderr(nil)
				// Terraform wraps diagnostics at its terminal width: compare with the line breaks and borders gone.
				msg := strings.Join(strings.Fields(strings.ReplaceAll(stderr.String(), "│", " ")), " ")
				command := fmt.Sprintf("terraform import %s.<name> %s", kind.typeName, id)
				block := fmt.Sprintf("import { to = %s.<name> id = %q }", kind.typeName, id)
				if !strings.Contains(msg, command) || !strings.Contains(msg, block) {
					t.Fatalf("the error does not give %q and %q:\n%s", command, block, stderr.String())
				}

				// The command works as given.
				got := regexp.MustCompile(`terraform import \S+ (\S+)`).FindStringSubmatch(msg)
				if err := wd.Import(ctx, kind.address, got[1], wd.Reattach); err != nil {
					t.Fatalf("terraform import %s %s: %v", kind.address, got[1], err)
				}
				if err := wd.Apply(ctx, wd.Reattach); err != nil {
					t.Fatalf("the apply after the import: %v", err)
				}
				if err := sameKeys(f.keys().minus(baseline), want); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}
