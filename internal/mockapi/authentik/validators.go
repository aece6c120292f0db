package authentik

import "regexp"

var emailPattern = regexp.MustCompile(`^[^\s@"<>(),;:\\\[\]]+@(localhost|([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}|\[[0-9a-fA-F:.]+\])$`)

// validEmail approximates Django's EmailValidator: a user part, then a domain with a TLD, a
// literal address, or "localhost".
func validEmail(s string) bool { return emailPattern.MatchString(s) }

// slugPattern is the TokenRequest.identifier pattern of the schema (a Django SlugField).
var slugPattern = regexp.MustCompile(`^[-a-zA-Z0-9_]+$`)
