package tykaistudio

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// The single add and remove routes of a group's members and catalogues (Enterprise only; the routes
// wrap them in s.enterprise) share one shape: the group of the path, the other id from the body
// ({"data":{"id":"<decimal>"}}) or from the path, then both must exist, or GORM's lookup fails with
// 500 "record not found". All four are idempotent and answer 204.

// bodyID reads the other id of an add route from its body.
func bodyID(invalidMsg string) func(http.ResponseWriter, *http.Request) (uint32, bool) {
	return func(w http.ResponseWriter, r *http.Request) (uint32, bool) { return readRelationID(w, r, invalidMsg) }
}

// pathOtherID reads the other id of a remove route from the path segment name.
func pathOtherID(name, invalidMsg string) func(http.ResponseWriter, *http.Request) (uint32, bool) {
	return func(w http.ResponseWriter, r *http.Request) (uint32, bool) { return pathID(w, r, name, invalidMsg) }
}

func (s *Server) linkRoute(other func(http.ResponseWriter, *http.Request) (uint32, bool), exists func(uint32) bool,
	apply func(g *group, id uint32)) apiHandler {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(w, r, "id", msgInvalidGroupID)
		if !ok {
			return
		}
		otherID, ok := other(w, r)
		if !ok {
			return
		}
		g := s.st.liveGroup(id)
		if g == nil || !exists(otherID) {
			writeRecordNotFound(w)
			return
		}
		apply(g, otherID)
		mockapi.WriteNoContent(w)
	}
}

// addGroupUser looks the user up first, unlike the list writes, so an unknown id is 500 "record not
// found" rather than a phantom.
func (s *Server) addGroupUser() apiHandler {
	return s.linkRoute(bodyID(msgInvalidUserID), s.isLiveUser, func(g *group, id uint32) { s.st.members.Add(g.id, id) })
}

// removeGroupUser answers 204 too when the user was not a member.
func (s *Server) removeGroupUser() apiHandler {
	return s.linkRoute(pathOtherID("userId", msgInvalidUserID), s.isLiveUser, func(g *group, id uint32) { s.st.members.Remove(g.id, id) })
}

func (s *Server) addGroupCatalogue(kind catalogueKind) apiHandler {
	return s.linkRoute(bodyID(msgInvalidCatalogueID), s.isCatalogue(kind), func(g *group, id uint32) { g.lists[kind][id] = struct{}{} })
}

func (s *Server) removeGroupCatalogue(kind catalogueKind) apiHandler {
	return s.linkRoute(pathOtherID("catalogueId", msgInvalidCatalogueID), s.isCatalogue(kind), func(g *group, id uint32) { delete(g.lists[kind], id) })
}

func (s *Server) isLiveUser(id uint32) bool { return s.st.liveUser(id) != nil }

func (s *Server) isCatalogue(kind catalogueKind) func(uint32) bool {
	return func(id uint32) bool { return s.st.catalogues[kind][id] != nil }
}
