package onyx

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

const allUsersPath = "/manage/users"

// directory is everyone an admin can see, by lower-cased email: signed-up users (API keys' service
// accounts excluded, as the server does by default) and pending invitations (in their stored form,
// which uninviting must repeat exactly).
type directory struct {
	users   map[string]fullUserWire
	invited map[string]string
}

// readDirectory reads GET /manage/users, which answers everything in one response when no page is
// asked for. A server that pages anyway (it reports more than one page in a bucket) is followed page
// by page; the page parameters only work when all three are given. A page that brings no address not
// seen before ends the walk, so a server that reports more pages than it has is not asked again and
// again; one that repeats a page, or announces more pages on every page, fails (platform.PageWalk). search, when not empty, is the server's q filter: it only
// narrows the answer, callers still match exactly.
func (c *Client) readDirectory(ctx context.Context, search string) (directory, error) {
	d := directory{users: map[string]fullUserWire{}, invited: map[string]string{}}
	seen := map[string]bool{}
	walk := platform.NewPageWalk("onyx GET " + c.basePath + allUsersPath)
	for page := 0; page == 0 || page < walk.Announced(); page++ {
		if page > 0 {
			if err := walk.Next(); err != nil {
				return directory{}, err
			}
		}
		q := url.Values{}
		if search != "" {
			q.Set("q", search)
		}
		if page > 0 {
			p := strconv.Itoa(page)
			q.Set("accepted_page", p)
			q.Set("slack_users_page", p)
			q.Set("invited_page", p)
		}
		var w allUsersWire
		if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: allUsersPath, Query: q}, &w); err != nil {
			return directory{}, err
		}
		if err := walk.Page([]any{w.Accepted, w.Invited}, max(w.AcceptedPages, w.InvitedPages)); err != nil {
			return directory{}, err
		}
		fresh := 0
		for _, u := range w.Accepted {
			if !seen["accepted "+userID(u.Email)] {
				seen["accepted "+userID(u.Email)] = true
				fresh++
			}
			if u.AccountType == "SERVICE_ACCOUNT" || isServiceAccount(memberWire{Email: u.Email}) {
				continue
			}
			d.users[userID(u.Email)] = u
		}
		for _, inv := range w.Invited {
			if !seen["invited "+userID(inv.Email)] {
				seen["invited "+userID(inv.Email)] = true
				fresh++
			}
			if _, signedUp := d.users[userID(inv.Email)]; !signedUp {
				d.invited[userID(inv.Email)] = inv.Email
			}
		}
		if page > 0 && fresh == 0 {
			break
		}
	}
	for id := range d.users {
		delete(d.invited, id) // signed up while the pages were read
	}
	return d, nil
}

// directoryFor reads what is needed to find one user or invitation by id (lower-cased email): first
// the server's q search, a small answer; if that does not find it, the full list. The reference does
// not say how q matches (invitations may be matched as a pattern), and a miss must never be taken
// for a deleted user.
func (c *Client) directoryFor(ctx context.Context, id string) (directory, error) {
	d, err := c.readDirectory(ctx, id)
	if err != nil {
		return directory{}, err
	}
	if _, ok := d.lookup(id); ok {
		return d, nil
	}
	return c.readDirectory(ctx, "")
}

// lookup returns the user or invitation with that id (lower-cased email).
func (d directory) lookup(id string) (platform.User, bool) {
	if u, ok := d.users[id]; ok {
		return userFromWire(u), true
	}
	if e, ok := d.invited[id]; ok {
		return invitedUser(e), true
	}
	return platform.User{}, false
}

// all returns every user and invitation, by id.
func (d directory) all() []platform.User {
	out := make([]platform.User, 0, len(d.users)+len(d.invited))
	for _, u := range d.users {
		out = append(out, userFromWire(u))
	}
	for _, e := range d.invited {
		out = append(out, invitedUser(e))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// uuids maps emails to user uuids for a group write; field names the attribute. An address nobody has is an
// error. A person who has only been invited cannot join yet: with wait, their addresses (lower-cased) are
// returned as pending; without, they are an error too.
func (d directory) uuids(emails []string, field platform.Field, wait bool) (uuids, pending []string, err error) {
	uuids = make([]string, 0, len(emails))
	var problems []string
	for _, e := range emails {
		id := userID(e)
		if u, ok := d.users[id]; ok {
			uuids = append(uuids, u.ID)
			continue
		}
		if _, ok := d.invited[id]; ok {
			if wait {
				pending = append(pending, id)
				continue
			}
			problems = append(problems, fmt.Sprintf("%s has been invited but has not accepted the invitation yet: Onyx makes only people who "+
				"have signed up %s, so they must accept the invitation first", e, roleIn(field)))
			continue
		}
		problems = append(problems, fmt.Sprintf("no Onyx user or pending invitation has the email %s", e))
	}
	if len(problems) > 0 {
		return nil, nil, &platform.InvalidError{
			Fields: []platform.FieldError{{Field: field, Message: strings.Join(problems, "; ")}},
			Err:    &platform.APIError{Method: http.MethodGet, Path: allUsersPath, Status: http.StatusOK, Message: strings.Join(problems, "; ")},
		}
	}
	return uuids, sortedSet(pending), nil
}

// roleIn says what a field makes a person, for messages.
func roleIn(field platform.Field) string {
	if field == fieldCuratorIDs {
		return "curators (managers) of a group"
	}
	return "members of a group"
}
