package tykaistudio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// catalogueKind is one of the three catalogue families a group grants, as the client reads them.
type catalogueKind struct {
	path  string // the kind's collection, whose /{id} is read to check an id
	what  string // for messages
	field platform.Field
	ids   func(catalogueLists) []uint32
}

var catalogueKinds = []catalogueKind{
	{"/catalogues", "LLM catalogue", fieldCatalogueIDs, func(l catalogueLists) []uint32 { return l.llm }},
	{"/data-catalogues", "data catalogue", fieldDataCatalogueIDs, func(l catalogueLists) []uint32 { return l.data }},
	{"/tool-catalogues", "tool catalogue", fieldToolCatalogueIDs, func(l catalogueLists) []uint32 { return l.tool }},
}

// checkCatalogues makes sure every catalogue id a group write would add (in want, not in have) names
// an existing catalogue: for an unknown id the server answers success and creates an empty catalogue
// with that id, which nothing deletes afterwards. method and path name the write that will not be sent.
//
// Each new id is one GET of the catalogue: a configuration names a handful, ids the group already
// holds are not looked up again, and the catalogue list routes document no pagination, so a listing
// could silently stop at a first page and call a real id unknown.
func (c *Client) checkCatalogues(ctx context.Context, method, path string, want, have catalogueLists) error {
	var (
		fields []platform.FieldError
		lookup *platform.APIError
	)
	for _, kind := range catalogueKinds {
		var missing []string
		for _, n := range kind.ids(want) {
			if slices.Contains(kind.ids(have), n) {
				continue
			}
			id := strconv.FormatUint(uint64(n), 10)
			err := c.call(ctx, httpclient.Request{Method: http.MethodGet, Path: kind.path + "/" + id}, nil)
			if err == nil {
				continue
			}
			if !platform.IsNotFound(err) {
				return err
			}
			missing = append(missing, id)
			if lookup == nil {
				errors.As(err, &lookup)
			}
		}
		if len(missing) > 0 {
			noun := "id"
			if len(missing) > 1 {
				noun = "ids"
			}
			fields = append(fields, platform.FieldError{Field: kind.field, Message: fmt.Sprintf(
				"no Tyk AI Studio %s has %s %s; nothing was written, because the server would create an empty catalogue for an unknown id",
				kind.what, noun, strings.Join(missing, ", "))})
		}
	}
	if len(fields) == 0 {
		return nil
	}
	if lookup == nil {
		lookup = &platform.APIError{Method: method, Path: c.basePath + path}
	}
	return &platform.InvalidError{Fields: fields, Err: lookup}
}
