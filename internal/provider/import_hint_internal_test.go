package provider

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestWithImportHint(t *testing.T) {
	apiErr := &platform.APIError{Method: "POST", Path: "/api/v3/core/users/", Status: 400, Message: "username: This field must be unique."}
	conflict := &platform.ConflictError{Fields: []platform.FieldError{{Field: platform.FieldEmail, Message: "taken"}}, Err: apiErr}
	lost := errors.Join(&platform.AmbiguousError{Err: &platform.APIError{Method: "POST", Path: "/api/v3/core/users/", Message: "context canceled"}},
		errors.New("looking it up to adopt it failed: connection refused"))
	user := func(lookup func(context.Context) (string, error)) existing {
		return existing{typeName: "roster_user", what: "user", keyName: "email", keyValue: "ada@example.com", lookup: lookup}
	}
	foundAs := func(id string) func(context.Context) (string, error) {
		return func(context.Context) (string, error) { return id, nil }
	}
	notFound := func(context.Context) (string, error) {
		return "", &platform.NotFoundError{Kind: "user", ID: "ada@example.com"}
	}
	cases := []struct {
		name string
		err  error
		e    existing
		want []string // nil: the error comes back unchanged
	}{
		{"conflict, found", conflict, user(foundAs("42")), []string{"already exists has id 42", "terraform import roster_user.<name> 42", `id = "42"`}},
		{"conflict, lookup finds nothing", conflict, user(notFound), []string{"terraform import roster_user.<name> email=ada@example.com", `id = "email=ada@example.com"`}},
		{"maybe applied, lookup failed", lost, user(foundAs("42")), []string{"may have been created", "terraform import roster_user.<name> email=ada@example.com"}},
		{"another error", apiErr, user(foundAs("42")), nil},
		{"no natural key", conflict, existing{typeName: "roster_user", what: "user", keyName: "email", lookup: foundAs("42")}, nil},
	}
	for _, tc := range cases {
		got := withImportHint(context.Background(), tc.err, tc.e)
		if tc.want == nil {
			if got != tc.err {
				t.Errorf("%s: got %v, want the error unchanged", tc.name, got)
			}
			continue
		}
		if !errors.Is(got, tc.err) || len(platform.FieldErrorsOf(got)) != len(platform.FieldErrorsOf(tc.err)) {
			t.Errorf("%s: the hint hides the original error: %v", tc.name, got)
		}
		for _, w := range tc.want {
			if !strings.Contains(got.Error(), w) {
				t.Errorf("%s: %q is not in:\n%s", tc.name, w, got)
			}
		}
	}
}
