package mockapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type thing struct{ id, name string }

// thingView is a ModelView over a table of things; its dispatch hands handlers the path's id.
func thingView(rows *Table[string, *thing]) ModelView[string, *thing, *string] {
	return ModelView[string, *thing, *string]{
		Find: func(w http.ResponseWriter, _ *http.Request, id string) *thing {
			if t := rows.Get(id); t != nil {
				return t
			}
			WriteDetail(w, http.StatusNotFound, MsgNotFound)
			return nil
		},
		Validate: func(b *DRFBody, existing *thing, mode WriteMode, _ string) (*string, bool) {
			if mode != ModePatch {
				b.Require("name")
			}
			name, ok := b.Str("name", StrRule{})
			if ok && existing != nil && existing.name == "frozen" {
				b.Errs.Add(NonFieldErrors, "frozen")
			}
			if !ok {
				return nil, len(b.Errs) == 0
			}
			return &name, len(b.Errs) == 0
		},
		New: func(name *string, id string) *thing {
			t := &thing{id: "t" + string(rune('0'+rows.Len())), name: *name}
			rows.Put(t.id, t)
			return t
		},
		Apply:  func(t *thing, name *string, _ WriteMode) { SetIf(&t.name, name) },
		Render: func(_ *http.Request, t *thing) any { return map[string]string{"id": t.id, "name": t.name} },
		Delete: func(t *thing) { rows.Delete(t.id) },
	}
}

func TestModelViewFollowsDRF(t *testing.T) {
	rows := NewTable[string, *thing]()
	rows.Put("f", &thing{id: "f", name: "frozen"})
	v := thingView(rows)
	serve := func(h func(http.ResponseWriter, *http.Request, string), method, id, body string) string {
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest(method, "/", strings.NewReader(body)), id)
		return strings.TrimSpace(http.StatusText(rec.Code) + " " + rec.Body.String())
	}
	for _, c := range []struct {
		name string
		h    func(http.ResponseWriter, *http.Request, string)
		id   string
		body string
		want string
	}{
		{"create", v.Create, "", `{"name":" a "}`, `Created {"id":"t1","name":"a"}`},
		{"create without a required field", v.Create, "", `{}`, `Bad Request {"name":["This field is required."]}`},
		{"create with a broken body", v.Create, "", `[`, `Bad Request {"detail":"JSON parse error - unexpected end of JSON input"}`},
		{"retrieve", v.Retrieve, "t1", ``, `OK {"id":"t1","name":"a"}`},
		{"retrieve a missing object", v.Retrieve, "zz", ``, `Not Found {"detail":"Not found."}`},
		{"put requires the name", v.Update(ModeUpdate), "t1", `{}`, `Bad Request {"name":["This field is required."]}`},
		{"patch keeps what was not sent", v.Update(ModePatch), "t1", `{}`, `OK {"id":"t1","name":"a"}`},
		{"patch", v.Update(ModePatch), "t1", `{"name":"b"}`, `OK {"id":"t1","name":"b"}`},
		{"validation sees the existing object", v.Update(ModePatch), "f", `{"name":"x"}`, `Bad Request {"non_field_errors":["frozen"]}`},
		{"update of a missing object is 404 before the body", v.Update(ModeUpdate), "zz", `[`, `Not Found {"detail":"Not found."}`},
		{"destroy", v.Destroy, "t1", ``, `No Content`},
		{"destroy again", v.Destroy, "t1", ``, `Not Found {"detail":"Not found."}`},
	} {
		if got := serve(c.h, "POST", c.id, c.body); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	if rows.Len() != 1 || rows.Get("f").name != "frozen" {
		t.Errorf("rows after the run: %v", rows.Rows())
	}
}

func TestEachAndSetIf(t *testing.T) {
	if got := Each([]int(nil), func(i int) int { return i }); got == nil || len(got) != 0 {
		t.Errorf("Each of nothing = %#v, want an empty, non-nil list", got)
	}
	if got := Each([]int{1, 2}, func(i int) string { return strings.Repeat("x", i) }); strings.Join(got, ",") != "x,xx" {
		t.Errorf("Each = %v", got)
	}
	s, v := "old", "new"
	SetIf(&s, nil)
	if s != "old" {
		t.Error("SetIf(nil) changed the value")
	}
	if SetIf(&s, &v); s != "new" {
		t.Error("SetIf did not set")
	}
}

func TestHookDelete(t *testing.T) {
	rows := NewTable[string, *thing]()
	rows.Put("a", &thing{id: "a"})
	m := NewMock(Config{Platform: "kit"})
	find := func(w http.ResponseWriter, r *http.Request) *thing {
		return HookFind(w, r, "id", "thing", rows.Get)
	}
	m.Hook("DELETE things/{id}", HookDelete(find, func(t *thing) { rows.Delete(t.id) }))
	m.Serve(http.NotFoundHandler())
	if rec := serveHook(m, "DELETE", "/__mock/kit/things/a", ""); rec.Code != 204 || rows.Has("a") {
		t.Errorf("DELETE: %d, row still there: %v", rec.Code, rows.Has("a"))
	}
	if rec := serveHook(m, "DELETE", "/__mock/kit/things/a", ""); rec.Code != 404 || !strings.Contains(rec.Body.String(), "no thing a") {
		t.Errorf("DELETE of a missing row: %d %s", rec.Code, rec.Body)
	}
}
