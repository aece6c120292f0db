package platform

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// named is an Extra with a login name, like authentik's and Unleash's users.
type named string

func (named) Platform() Name      { return "test" }
func (n named) LoginName() string { return string(n) }

// plain is an Extra without one, like Onyx's users.
type plain struct{}

func (plain) Platform() Name { return "test" }

var filterUsers = []User{
	{ID: "1", Email: "Ada@Example.com", Role: "Admin", Active: true, Extra: named("ada")},
	{ID: "2", Email: "bob@example.com", Role: "viewer", Active: false, Extra: named("bob")},
	{ID: "3", Email: "cy@example.com", Role: "viewer", Active: true, Extra: plain{}},
	{ID: "4", Email: "dee@example.com", Role: "", Active: true},
}

func ids(users []User) []string {
	out := []string{}
	for _, u := range users {
		out = append(out, u.ID)
	}
	return out
}

func TestFilterUsers(t *testing.T) {
	yes, no := true, false
	groups := map[string]Group{"g": {ID: "g", Members: []string{"2", "3", "99"}}}
	read := func(_ context.Context, id string) (Group, error) {
		g, ok := groups[id]
		if !ok {
			return Group{}, &NotFoundError{Kind: string(KindUserGroup), ID: id}
		}
		return g, nil
	}
	for name, tc := range map[string]struct {
		filter UserFilter
		want   []string
	}{
		"nothing":                  {UserFilter{}, []string{"1", "2", "3", "4"}},
		"email ignores case":       {UserFilter{Email: "ada@example.COM"}, []string{"1"}},
		"email is exact":           {UserFilter{Email: "example.com"}, []string{}},
		"role ignores case":        {UserFilter{Role: "VIEWER"}, []string{"2", "3"}},
		"active":                   {UserFilter{Active: &yes}, []string{"1", "3", "4"}},
		"inactive":                 {UserFilter{Active: &no}, []string{"2"}},
		"username":                 {UserFilter{Username: "bob"}, []string{"2"}},
		"username is exact":        {UserFilter{Username: "Bob"}, []string{}},
		"no usernames, no match":   {UserFilter{Username: "cy"}, []string{}},
		"group members":            {UserFilter{GroupID: "g"}, []string{"2", "3"}},
		"group and active":         {UserFilter{GroupID: "g", Active: &yes}, []string{"3"}},
		"group, role and inactive": {UserFilter{GroupID: "g", Role: "viewer", Active: &no}, []string{"2"}},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := FilterUsers(t.Context(), filterUsers, tc.filter, read)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tc.want) {
				t.Errorf("got %v, want %v", ids(got), tc.want)
			}
		})
	}
}

func TestFilterUsersUnknownGroupIsAnError(t *testing.T) {
	read := func(_ context.Context, id string) (Group, error) {
		return Group{}, &NotFoundError{Kind: string(KindUserGroup), ID: id}
	}
	_, err := FilterUsers(t.Context(), filterUsers, UserFilter{GroupID: "nope"}, read)
	if !IsNotFound(err) {
		t.Errorf("got %v, want the group's not-found error", err)
	}
	// No group filter: the group is never read.
	fail := func(context.Context, string) (Group, error) { return Group{}, errors.New("read") }
	if _, err := FilterUsers(t.Context(), filterUsers, UserFilter{Role: "x"}, fail); err != nil {
		t.Errorf("a filter without a group read the group: %v", err)
	}
}

func TestFilterGroups(t *testing.T) {
	groups := []Group{
		{ID: "a", Name: "eng", Members: []string{"1", "2"}},
		{ID: "b", Name: "Eng", Members: []string{"2"}},
		{ID: "c", Name: "ops"},
	}
	for name, tc := range map[string]struct {
		filter GroupFilter
		want   []string
	}{
		"nothing":            {GroupFilter{}, []string{"a", "b", "c"}},
		"name is exact":      {GroupFilter{Name: "eng"}, []string{"a"}},
		"member":             {GroupFilter{MemberID: "2"}, []string{"a", "b"}},
		"member and name":    {GroupFilter{MemberID: "2", Name: "Eng"}, []string{"b"}},
		"member of no group": {GroupFilter{MemberID: "3"}, []string{}},
	} {
		t.Run(name, func(t *testing.T) {
			got := []string{}
			for _, g := range FilterGroups(groups, tc.filter) {
				got = append(got, g.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
