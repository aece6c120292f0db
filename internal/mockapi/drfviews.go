package mockapi

import "net/http"

// WriteMode says which serializer rules a write follows, as DRF's create, update and partial_update do.
type WriteMode int

const (
	ModeCreate WriteMode = iota // POST: required fields and defaults
	ModeUpdate                  // PUT: required fields, defaults re-applied
	ModePatch                   // PATCH: only the keys sent
)

// ModelView is the create, retrieve, update and destroy actions of a DRF ModelViewSet over one kind
// of object T (a pointer), for a mock whose dispatch hands every handler a C (the caller, the path's
// id). X is a validated write. The platform supplies the parts that are its own; the order of the
// steps, the statuses and the 400 bodies are DRF's.
type ModelView[C any, T comparable, X any] struct {
	// Find is get_object_or_404: the object the request names, or the zero T after answering 404.
	Find func(w http.ResponseWriter, r *http.Request, c C) T
	// Validate reads a write body; existing is the zero T on create. Problems go into b.Errs.
	Validate func(b *DRFBody, existing T, mode WriteMode, c C) (X, bool)
	// New stores an object made from a valid create (perform_create).
	New func(x X, c C) T
	// Apply changes an object by a valid update (perform_update).
	Apply func(t T, x X, mode WriteMode)
	// Render is the object's wire form for this request.
	Render func(r *http.Request, t T) any
	// Delete removes the object with its cascades (perform_destroy).
	Delete func(t T)
}

// Create serves POST on the collection: the body is validated, then the object made; 201.
func (v ModelView[C, T, X]) Create(w http.ResponseWriter, r *http.Request, c C) {
	var none T
	x, ok := ReadValid(w, r, func(b *DRFBody) (X, bool) { return v.Validate(b, none, ModeCreate, c) })
	if ok {
		WriteJSON(w, http.StatusCreated, v.Render(r, v.New(x, c)))
	}
}

// Retrieve serves GET on an object.
func (v ModelView[C, T, X]) Retrieve(w http.ResponseWriter, r *http.Request, c C) {
	var none T
	if t := v.Find(w, r, c); t != none {
		WriteJSON(w, http.StatusOK, v.Render(r, t))
	}
}

// Update serves PUT (ModeUpdate) or PATCH (ModePatch) on an object: it is looked up first, then the
// body is validated against it.
func (v ModelView[C, T, X]) Update(mode WriteMode) func(http.ResponseWriter, *http.Request, C) {
	return func(w http.ResponseWriter, r *http.Request, c C) {
		var none T
		t := v.Find(w, r, c)
		if t == none {
			return
		}
		x, ok := ReadValid(w, r, func(b *DRFBody) (X, bool) { return v.Validate(b, t, mode, c) })
		if ok {
			v.Apply(t, x, mode)
			WriteJSON(w, http.StatusOK, v.Render(r, t))
		}
	}
}

// Destroy serves DELETE on an object: 204.
func (v ModelView[C, T, X]) Destroy(w http.ResponseWriter, r *http.Request, c C) {
	var none T
	if t := v.Find(w, r, c); t != none {
		v.Delete(t)
		WriteNoContent(w)
	}
}
