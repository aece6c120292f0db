package tykaistudio

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Group catalogue sub-routes (Enterprise only). An unknown catalogue id is 500 "record not found".

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
// cleared. Members are not touched.
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
	if !s.checkCatalogues(w, f) {
		return
	}
	for _, k := range catalogueKinds {
		g.lists[k] = mockapi.SetOf(f.list(k))
	}
	mockapi.WriteJSON(w, http.StatusOK, map[string]string{"status": "success"})
}
