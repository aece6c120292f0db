package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// errorRE matches the phrases in order, tolerating Terraform's line wrapping inside each phrase.
func errorRE(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		words := strings.Fields(p)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `.*`))
}

var (
	ciRunName    = regexp.MustCompile(`^ci-run-[0-9a-f]{8}$`)
	sixtyAlnum   = regexp.MustCompile(`^[A-Za-z0-9]{60}$`)
	uuidRE       = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	compareEqual = compare.ValuesSame()
)

// checkAuthentikGone is a CheckDestroy: none of the named objects is left on the mock. kind is "groups",
// "users" or "tokens".
func checkAuthentikGone(mock *acctest.Authentik, kind string, names ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		state := mock.State()
		keys := map[string][]string{
			"groups": state.Groups.Names, "users": state.Users.Usernames, "tokens": state.Tokens.Identifiers,
		}[kind]
		for _, k := range keys {
			if slices.Contains(names, k) {
				return fmt.Errorf("%s %q still exists after destroy (left: %v)", kind, k, keys)
			}
		}
		return nil
	}
}

// checkSecodaGone is a CheckDestroy: none of the named groups or users (by email) is left on the mock.
func checkSecodaGone(mock *acctest.Secoda, names ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		state := mock.State()
		for _, k := range slices.Concat(state.Groups, state.Users) {
			if slices.Contains(names, k) {
				return fmt.Errorf("%q still exists after destroy (left: %+v)", k, state)
			}
		}
		return nil
	}
}

// checkTykGone is a CheckDestroy: none of the named groups or users (by email) is left on the mock.
func checkTykGone(mock *acctest.Tyk, names ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		state := mock.State()
		for _, k := range slices.Concat(state.Groups.Names, state.Users.Emails) {
			if slices.Contains(names, k) {
				return fmt.Errorf("%q still exists after destroy (left: %+v)", k, state)
			}
		}
		return nil
	}
}

// quotedList renders strings as the inside of an HCL list.
func quotedList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = strconv.Quote(s)
	}
	return strings.Join(quoted, ", ")
}
