package tykaistudio

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Catalogues: the mock has no catalogue CRUD, only the reads a client needs to check an id
// (GET /catalogues/{id}, /data-catalogues/{id}, /tool-catalogues/{id}, 404 "... not found" for an
// unknown one) and the group sub-routes (Enterprise only).

// catalogueNotFound is the 404 detail of each kind's GET by id.
var catalogueNotFound = map[catalogueKind]string{
	kindCatalogues:     "Catalogue not found",
	kindDataCatalogues: "Data catalogue not found",
	kindToolCatalogues: "Tool catalogue not found",
}

func (s *Server) getCatalogue(kind catalogueKind) apiHandler {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(w, r, "id", msgInvalidCatalogueID)
		if !ok {
			return
		}
		c := s.st.catalogues[kind][id]
		if c == nil {
			writeError(w, http.StatusNotFound, catalogueNotFound[kind])
			return
		}
		mockapi.WriteJSON(w, http.StatusOK, map[string]any{"data": renderCatalogue(kind, c)})
	}
}

func (s *Server) listGroupCatalogues(kind catalogueKind) apiHandler {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(w, r, "id", msgInvalidGroupID)
		if !ok {
			return
		}
		g := s.st.liveGroup(id)
		if g == nil {
			writeRecordNotFound(w)
			return
		}
		items := mockapi.Each(s.st.catalogueList(g, kind), func(c *catalogue) resourceJSON { return renderCatalogue(kind, c) })
		if kind == kindToolCatalogues {
			// Only the tool catalogue list goes through the paginating helper.
			w.Header().Set("X-Total-Count", strconv.Itoa(len(items)))
			w.Header().Set("X-Total-Pages", "1")
		}
		mockapi.WriteJSON(w, http.StatusOK, map[string]any{"data": items})
	}
}

// replaceGroupCatalogues is PUT /groups/{id}/catalogues: all three lists at once, each omitted one
// cleared. Members are not touched. An unknown catalogue id is not refused: like the group create
// and update, it becomes an empty catalogue row (see linkCatalogues).
func (s *Server) replaceGroupCatalogues(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidGroupID)
	if !ok {
		return
	}
	f, ok := readGroupFields(w, r)
	if !ok {
		return
	}
	g := s.st.liveGroup(id)
	if g == nil {
		writeRecordNotFound(w)
		return
	}
	s.linkCatalogues(g, f)
	mockapi.WriteJSON(w, http.StatusOK, map[string]string{"status": "success"})
}

// linkCatalogues makes the group's three lists exactly f's. The real server (GORM's association
// replace, observed in shared/platforms/tyk-ai-studio.md section 11) answers success for an id that
// names no catalogue and inserts an empty catalogue row (name "") with that id, which nothing deletes.
func (s *Server) linkCatalogues(g *group, f groupFields) {
	for _, k := range catalogueKinds {
		for _, id := range f.list(k) {
			if s.st.catalogues[k][id] == nil {
				s.st.catalogues[k][id] = &catalogue{id: id}
			}
		}
		g.lists[k] = mockapi.SetOf(f.list(k))
	}
}
