package main

import (
	"fmt"
	"strings"
)

// mix is the realistic make-up of N managed objects: a tenth groups with members, a fifth API keys (where the
// platform has them) and the rest users.
type mix struct{ Users, Groups, Keys int }

func mixOf(n int, keys keyMode) mix {
	m := mix{Groups: n / 10}
	if keys != keysNone {
		m.Keys = n / 5
	}
	m.Users = n - m.Groups - m.Keys
	return m
}

func (m mix) total() int { return m.Users + m.Groups + m.Keys }

func (m mix) String() string {
	return fmt.Sprintf("%d users, %d groups, %d keys", m.Users, m.Groups, m.Keys)
}

// groupSizes cycles so groups differ in size like real teams; the mean is 18.75 members.
var groupSizes = []int{5, 10, 20, 40}

// groupMembers returns the user indexes of group g: a run of consecutive users starting at a spread-out
// offset, so every user is in about as many groups as any other (about 2.7 at N=1000).
func groupMembers(g, users int) []int {
	size := min(groupSizes[g%len(groupSizes)], users)
	start := (g * 37) % max(users, 1)
	out := make([]int, size)
	for j := range out {
		out[j] = (start + j) % users
	}
	return out
}

// keyOwner is the user index of key k. One-key-per-user platforms get distinct owners.
func keyOwner(k, users int) int { return k % users }

const terraformBlock = `terraform {
  required_providers {
    roster = {
      source = "rosterhq/roster"
    }
  }
}
`

func providerBlock(platformName, endpoint, token, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "provider \"roster\" {\n  platform = %q\n  endpoint = %q\n  token    = %q\n", platformName, endpoint, token)
	if extra != "" {
		fmt.Fprintf(&b, "  %s\n", extra)
	}
	b.WriteString("}\n")
	return b.String()
}

// attrLines indents a platform's extra attribute lines; empty input gives nothing.
func attrLines(s string) string {
	if s == "" {
		return ""
	}
	return "  " + s + "\n"
}

// rosterConfig is the realistic mix of n objects on platform p. Groups list the mix's users by reference
// or, where seeded is not nil (platformDef.GroupsOfSeededMembers), the same positions of seeded members.
func rosterConfig(p platformDef, endpoint, token, providerExtra string, n int, seeded []string) string {
	return terraformBlock + providerBlock(p.Name, endpoint, token, providerExtra) + mixResources(p, n, seeded, "roster")
}

// wideFloorTwinConfig is rosterConfig's resources, attribute for attribute, on the wide plugin floor: the same
// configuration with a provider that does nothing behind roster's schemas (the twin of a platform's run, see
// twinState).
func wideFloorTwinConfig(p platformDef, n int, seeded []string) string {
	return pluginFloorHeader() + mixResources(p, n, seeded, pluginFloorType)
}

// mixResources is the realistic mix of n objects on p as resources of the types prefix_user,
// prefix_user_group and prefix_api_key.
func mixResources(p platformDef, n int, seeded []string, prefix string) string {
	m := mixOf(n, p.Keys)
	var b strings.Builder
	writeUsers(&b, p, m.Users, prefix)
	for g := 0; g < m.Groups; g++ {
		refs := make([]string, 0, 40)
		for _, u := range groupMembers(g, m.Users) {
			if seeded != nil {
				refs = append(refs, fmt.Sprintf("%q", seeded[u]))
			} else {
				refs = append(refs, fmt.Sprintf("%s_user.u%d.id", prefix, u))
			}
		}
		fmt.Fprintf(&b, "\nresource \"%s_user_group\" \"g%d\" {\n  name    = \"bench-team-%d\"\n  members = [%s]\n%s}\n",
			prefix, g, g, strings.Join(refs, ", "), attrLines(p.GroupHCL(g)))
	}
	for k := 0; k < m.Keys; k++ {
		owner := fmt.Sprintf("  user_id = %s_user.u%d.id\n", prefix, keyOwner(k, m.Users))
		if p.Keys == keysUnowned {
			owner = ""
		}
		fmt.Fprintf(&b, "\nresource \"%s_api_key\" \"k%d\" {\n  name    = \"bench-key-%d\"\n%s%s}\n", prefix, k, k, owner, attrLines(p.KeyHCL(k)))
	}
	return b.String()
}

// writeUsers writes the mix's first n users, of type prefix_user.
func writeUsers(b *strings.Builder, p platformDef, n int, prefix string) {
	for i := range n {
		name := fmt.Sprintf("  name  = %q\n", userName(i))
		if p.NoUserName() {
			name = ""
		}
		fmt.Fprintf(b, "\nresource \"%s_user\" \"u%d\" {\n  email = %q\n%s%s}\n", prefix, i, userEmail(i), name, attrLines(p.UserHCL(i)))
	}
}

// usersConfig is n users of the mix on p, with nothing in the provider block beyond the connection.
func usersConfig(p platformDef, endpoint, token string, n int) string {
	var b strings.Builder
	b.WriteString(terraformBlock)
	b.WriteString(providerBlock(p.Name, endpoint, token, ""))
	writeUsers(&b, p, n, "roster")
	return b.String()
}

// floorConfig is the same graph with terraform_data: the same number of resources and the same references,
// so the only difference from a roster run is the provider and the API behind it.
func floorConfig(n int) string {
	return floorGraph(n, floorTypes{"terraform_data", "terraform_data", "terraform_data"},
		func(i int) string { return fmt.Sprintf("input = { email = %q, name = %q }", userEmail(i), userName(i)) },
		func(g int, members string) string {
			return fmt.Sprintf("input = { name = \"bench-team-%d\", members = %s }", g, members)
		},
		func(k int, owner string) string {
			return fmt.Sprintf("input = { name = \"bench-key-%d\", user_id = %s }", k, owner)
		})
}

// pluginFloorConfig is the same graph with the plugin floor's no-op resource (pluginfloor.go), whose
// attributes are those a roster configuration sets.
func pluginFloorConfig(n int) string {
	object := pluginFloorType + "_object"
	return pluginFloorHeader() + pluginFloorResources(n, floorTypes{object, object, object})
}

// widePluginFloorConfig is the same graph with the wide plugin floor's no-op resources, which have roster's
// schemas.
func widePluginFloorConfig(n int) string {
	return pluginFloorHeader() + pluginFloorResources(n, floorTypes{pluginFloorType + "_user", pluginFloorType + "_user_group", pluginFloorType + "_api_key"})
}

func pluginFloorHeader() string {
	return fmt.Sprintf("terraform {\n  required_providers {\n    %s = {\n      source = %q\n    }\n  }\n}\n\n", pluginFloorType, pluginFloorSource)
}

// pluginFloorResources is the graph with the attributes a roster configuration sets.
func pluginFloorResources(n int, t floorTypes) string {
	return floorGraph(n, t,
		func(i int) string { return fmt.Sprintf("email = %q\n  name  = %q", userEmail(i), userName(i)) },
		func(g int, members string) string {
			return fmt.Sprintf("name    = \"bench-team-%d\"\n  members = %s", g, members)
		},
		func(k int, owner string) string {
			return fmt.Sprintf("name    = \"bench-key-%d\"\n  user_id = %s", k, owner)
		})
}

// floorTypes are the resource types of a floor's users, groups and keys.
type floorTypes struct{ User, Group, Key string }

// floorGraph is the mix of n objects (with keys): user, group and key render each block's attributes, given a
// group's member list or a key's owner as HCL references to the users' ids.
func floorGraph(n int, t floorTypes, user func(i int) string, group func(g int, members string) string, key func(k int, owner string) string) string {
	m := mixOf(n, keysPerUser)
	var b strings.Builder
	block := func(resourceType, name, body string) {
		fmt.Fprintf(&b, "resource %q %q {\n  %s\n}\n", resourceType, name, body)
	}
	userID := func(u int) string { return fmt.Sprintf("%s.u%d.id", t.User, u) }
	for i := 0; i < m.Users; i++ {
		block(t.User, fmt.Sprintf("u%d", i), user(i))
	}
	for g := 0; g < m.Groups; g++ {
		refs := make([]string, 0, 40)
		for _, u := range groupMembers(g, m.Users) {
			refs = append(refs, userID(u))
		}
		block(t.Group, fmt.Sprintf("g%d", g), group(g, "["+strings.Join(refs, ", ")+"]"))
	}
	for k := 0; k < m.Keys; k++ {
		block(t.Key, fmt.Sprintf("k%d", k), key(k, userID(keyOwner(k, m.Users))))
	}
	return b.String()
}

// quotedList renders ids as an HCL list, eight per line.
func quotedList(ids []string) string {
	var b strings.Builder
	b.WriteString("[")
	for i, id := range ids {
		if i%8 == 0 {
			b.WriteString("\n    ")
		} else {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%q,", id)
	}
	b.WriteString("\n  ]")
	return b.String()
}

// bigGroupConfig is one group whose members are existing users (seeded outside Terraform).
func bigGroupConfig(p platformDef, endpoint, token, name string, members []string) string {
	return terraformBlock + providerBlock(p.Name, endpoint, token, p.ProviderExtra) +
		fmt.Sprintf("\nresource \"roster_user_group\" \"big\" {\n  name    = %q\n  members = %s\n}\n", name, quotedList(members))
}
