package onyx

import (
	"maps"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// listGroups is GET /manage/admin/user-group: every group by id, including those being deleted;
// the default groups only with include_default=true.
func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) {
	includeDefault, ok := queryBool(w, r, "include_default")
	if !ok {
		return
	}
	listed := s.st.groups.Select(func(g *group) bool { return !g.isDefault || includeDefault })
	writeJSON(w, mockapi.Each(listed, func(g *group) map[string]any { return s.renderGroup(g, true) }))
}

// writeDuplicateName is the answer to a taken name on create, and to any foreign-key failure there.
func (s *Server) writeDuplicateName(w http.ResponseWriter, name string) {
	if s.current() {
		s.writeOnyxError(w, http.StatusConflict, codeDuplicate, msgDuplicateGroup(name))
		return
	}
	writeDetail(w, http.StatusBadRequest, msgDuplicateGroup(name))
}

// createGroup is POST /manage/admin/user-group. All three fields are required. The server does not
// check user or cc_pair ids first: the foreign-key violation surfaces as the duplicate-name error.
func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	name, _ := b.str("name", true)
	userIDs := b.uuidList("user_ids", true)
	ccPairIDs, _ := b.intList("cc_pair_ids", true)
	if !b.ok(w) {
		return
	}
	if s.st.groupByName(name) != nil || len(s.unknownUsers(userIDs)) > 0 || len(s.unknownCCPairs(ccPairIDs)) > 0 {
		s.writeDuplicateName(w, name)
		return
	}
	g := newGroup(s.st.groupIDs.Next(), name)
	for _, id := range userIDs {
		g.members[id] = false
	}
	for _, id := range ccPairIDs {
		g.ccPairs[id] = true
	}
	s.markStale(g)
	s.st.groups.Put(g.id, g)
	writeJSON(w, s.renderGroup(g, false))
}

// lockedGroup returns the group a locked write may change, or answers: 404 for an unknown id, and
// the "currently syncing" error (404, or 409 on rename) while a sync is pending.
func (s *Server) lockedGroup(w http.ResponseWriter, id int, syncingStatus int) *group {
	g := s.st.groups.Get(id)
	switch {
	case g == nil:
		s.writeOnyxError(w, http.StatusNotFound, codeNotFound, msgGroupNotFound(id))
		return nil
	case !g.upToDate:
		code := codeNotFound
		if syncingStatus == http.StatusConflict {
			code = codeConflict
		}
		s.writeOnyxError(w, syncingStatus, code, msgSyncing)
		return nil
	}
	return g
}

// patchGroup is PATCH /manage/admin/user-group/{id}: both lists are required and replace the
// current ones. Only a change of the connector set makes the group stale.
func (s *Server) patchGroup(w http.ResponseWriter, r *http.Request) {
	id, b, ok := pathBody(w, r)
	if !ok {
		return
	}
	userIDs := b.uuidList("user_ids", true)
	ccPairIDs, _ := b.intList("cc_pair_ids", true)
	if !b.ok(w) {
		return
	}
	g := s.lockedGroup(w, id, http.StatusNotFound)
	if g == nil {
		return
	}
	if g.isDefault && len(ccPairIDs) > 0 {
		s.writeOnyxError(w, http.StatusConflict, codeConflict, msgDefaultNoConnectors)
		return
	}
	if !s.checkNewMembers(w, userIDs) || !s.checkRemovals(w, r, g, setOfStrings(userIDs)) {
		return
	}
	if missing := s.unknownCCPairs(ccPairIDs); len(missing) > 0 {
		// An admin's PATCH has no pre-check: the foreign key fails at commit, uncaught.
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	before := g.members
	g.members = map[string]bool{}
	for _, uid := range userIDs {
		g.members[uid] = before[uid] // a removed member loses the manager flag with the edge
	}
	want := map[int]bool{}
	for _, cc := range ccPairIDs {
		want[cc] = true
	}
	if !maps.Equal(want, g.ccPairs) {
		g.ccPairs = want
		s.markStale(g)
	}
	for uid := range before {
		s.recomputeCuratorRole(uid)
	}
	writeJSON(w, s.renderGroup(g, false))
}

// addUsers is POST …/{id}/add-users: additive and idempotent; connectors are kept.
func (s *Server) addUsers(w http.ResponseWriter, r *http.Request) {
	id, b, ok := pathBody(w, r)
	if !ok {
		return
	}
	userIDs := b.uuidList("user_ids", true)
	if !b.ok(w) {
		return
	}
	g := s.lockedGroup(w, id, http.StatusNotFound)
	if g == nil || !s.checkNewMembers(w, userIDs) {
		return
	}
	for _, uid := range userIDs {
		if _, ok := g.members[uid]; !ok {
			g.members[uid] = false
		}
	}
	writeJSON(w, s.renderGroup(g, false))
}

// renameGroup is PATCH /manage/admin/user-group/rename with the id in the body. A rename always
// makes the group stale (group names are part of the indexed documents).
func (s *Server) renameGroup(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	id := b.integer("id", true)
	name, _ := b.str("name", true)
	if !b.ok(w) {
		return
	}
	if g := s.st.groups.Get(id); g != nil && g.isDefault {
		s.writeOnyxError(w, http.StatusConflict, codeConflict, msgRenameDefault)
		return
	}
	g := s.lockedGroup(w, id, http.StatusConflict)
	if g == nil {
		return
	}
	if other := s.st.groupByName(name); other != nil && other != g {
		if s.current() {
			s.writeOnyxError(w, http.StatusConflict, codeDuplicate, msgDuplicateRename(name))
		} else {
			writeDetail(w, http.StatusBadRequest, msgDuplicateRename(name))
		}
		return
	}
	g.name = name
	s.markStale(g)
	writeJSON(w, s.renderGroup(g, false))
}

// deleteGroup is DELETE /manage/admin/user-group/{id}: the edges go at once, the row after the sync.
func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	if g := s.st.groups.Get(id); g != nil && g.isDefault {
		s.writeOnyxError(w, http.StatusConflict, codeConflict, msgDeleteDefault)
		return
	}
	g := s.lockedGroup(w, id, http.StatusNotFound)
	if g == nil || !s.checkRemovals(w, r, g, map[string]bool{}) {
		return
	}
	former := g.members
	s.markDeleting(g)
	for uid := range former {
		s.recomputeCuratorRole(uid)
	}
	writeNull(w)
}

func (s *Server) unknownUsers(ids []string) []string {
	var out []string
	for _, id := range ids {
		if s.st.users.Get(id) == nil {
			out = append(out, id)
		}
	}
	return out
}

func (s *Server) unknownCCPairs(ids []int) []int {
	var out []int
	for _, id := range ids {
		if _, ok := s.st.ccPairs[id]; !ok {
			out = append(out, id)
		}
	}
	return out
}

func setOfStrings(items []string) map[string]bool {
	out := make(map[string]bool, len(items))
	for _, s := range items {
		out[s] = true
	}
	return out
}
