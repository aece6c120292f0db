package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// importLookupTimeout bounds the lookup that names the existing object of a refused create: the create has
// failed already, and the hint is a courtesy.
const importLookupTimeout = 20 * time.Second

// existing says how to find the object a create clashed with: by its natural key, which ImportState also
// takes as keyName=keyValue, with a lookup that returns the object's id.
type existing struct {
	typeName string // roster_user
	what     string // user
	keyName  string // email
	keyValue string // ada@example.com
	lookup   func(context.Context) (string, error)
}

// withImportHint adds to a create's error how to import the object instead of creating it, when the object
// exists or may: when the server refused the create because it already exists (by the object's id, if a lookup
// by natural key finds it), and when the create may have been applied but its lookup failed too (by the
// natural key, since the lookup just failed). Any other error is returned as is. A provider does not know the
// resource's address, so the commands name it <name>; Terraform shows the address above the message.
func withImportHint(ctx context.Context, err error, e existing) error {
	var conflict *platform.ConflictError
	if e.keyValue == "" {
		return err
	}
	importID := e.keyName + "=" + e.keyValue
	var found string
	switch {
	case errors.As(err, &conflict):
		found = fmt.Sprintf("The %s with %s %s already exists.", e.what, e.keyName, e.keyValue)
		lookupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), importLookupTimeout)
		defer cancel()
		if id, lookupErr := e.lookup(lookupCtx); lookupErr == nil && id != "" {
			importID = id
			found = fmt.Sprintf("The %s that already exists has id %s (%s %s).", e.what, id, e.keyName, e.keyValue)
		}
	case platform.IsAmbiguous(err):
		found = fmt.Sprintf("The %s with %s %s may have been created all the same.", e.what, e.keyName, e.keyValue)
	default:
		return err
	}
	address := e.typeName + ".<name>"
	return &importHintError{err: err, hint: fmt.Sprintf("%s To manage it with Terraform, import it into this resource instead "+
		"of creating it, with this resource's address (shown above) in place of %s:\n\n"+
		"  terraform import %s %s\n\nor, with Terraform 1.5 or later, in the configuration:\n\n"+
		"  import {\n    to = %s\n    id = %q\n  }",
		found, address, address, importID, address, importID)}
}

// importHintError is a create's error followed by how to import the object that already exists.
type importHintError struct {
	err  error
	hint string
}

func (e *importHintError) Error() string { return e.err.Error() + "\n\n" + e.hint }
func (e *importHintError) Unwrap() error { return e.err }
