package platform

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// MaxPages bounds a walk whose server announces no total: a million objects at 100 a page.
const MaxPages = 10000

// PageWalk keeps a walk through a paginated list finite and honest. A server that always points to one
// more page (3,161 requests in 150 s, without end), one that ignores the page parameter, or one whose next
// link names another host must not be followed for ever, nor have its pages taken for the list:
//   - a page whose items repeat an earlier page's fails the walk;
//   - the walk fails when the server points to more pages than it announced (total_pages, a count), and
//     when its announcement grows by more than one page: a list may grow while it is read (an object
//     created meanwhile can push the last one onto a new page), but not on every page;
//   - without any announcement, MaxPages is the bound.
//
// Clients call Page after each answer and Next before asking for another page.
type PageWalk struct {
	what      string
	fetched   int
	first     int
	announced int
	seen      map[[sha256.Size]byte]int
}

// NewPageWalk starts a walk; what names the list in messages ("authentik GET /api/v3/core/users/").
func NewPageWalk(what string) *PageWalk {
	return &PageWalk{what: what, seen: map[[sha256.Size]byte]int{}}
}

// Page records an answer: its items (anything JSON can encode) and the number of pages the server
// announced with it, 0 when it did not say.
func (w *PageWalk) Page(items any, announcedPages int) error {
	w.fetched++
	if announcedPages > 0 {
		if w.first == 0 {
			w.first = announcedPages
		}
		if announcedPages > w.first+1 {
			return fmt.Errorf("%s: page %d announces %d pages where the first announced %d; the server does not know "+
				"the list's size, so its pages cannot be trusted", w.what, w.fetched, announcedPages, w.first)
		}
		w.announced = announcedPages
	}
	raw, err := json.Marshal(items)
	if err != nil {
		return fmt.Errorf("%s: page %d: %w", w.what, w.fetched, err)
	}
	sum := sha256.Sum256(raw)
	if earlier, ok := w.seen[sum]; ok {
		return fmt.Errorf("%s: page %d repeats page %d; the server ignores the page parameter", w.what, w.fetched, earlier)
	}
	w.seen[sum] = w.fetched
	return nil
}

// Next reports whether another page may be asked for: not when the server already served every page it
// announced, nor beyond MaxPages.
func (w *PageWalk) Next() error {
	if w.announced > 0 && w.fetched >= w.announced {
		return fmt.Errorf("%s: the server announced %d pages and points past the last one; stopped instead of "+
			"following it for ever", w.what, w.announced)
	}
	if w.fetched >= MaxPages {
		return fmt.Errorf("%s: more than %d pages without a total; stopped", w.what, MaxPages)
	}
	return nil
}

// Announced is the number of pages the server announced last (0 when it never said).
func (w *PageWalk) Announced() int { return w.announced }

// CheckLink refuses a next-page link that leaves origin (another scheme, host or port). Clients never send
// the token there, but a server that points elsewhere is not serving this list any more. A relative link
// or a scheme-relative one to the same host stays on the origin.
func (w *PageWalk) CheckLink(link string, origin *url.URL) error {
	u, err := url.Parse(link)
	if err != nil {
		return fmt.Errorf("%s: page %d: the next-page link %q is not a URL", w.what, w.fetched, link)
	}
	if u.Host == "" {
		return nil
	}
	if u.Scheme == "" { // scheme-relative: the origin's scheme
		u.Scheme = origin.Scheme
	}
	if !strings.EqualFold(u.Scheme, origin.Scheme) || !strings.EqualFold(hostPort(u), hostPort(origin)) {
		return fmt.Errorf("%s: page %d links the next page to %s, outside the endpoint %s://%s; refused",
			w.what, w.fetched, u.Redacted(), origin.Scheme, origin.Host)
	}
	return nil
}

// hostPort is the host with its port, the scheme's default port made explicit.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return u.Hostname() + ":" + port
}
