package platform

import (
	"slices"
	"sync"
)

// Field names one attribute of a user group, user or API key in the clients' own terms. Clients point
// errors, plan-time findings and capabilities at Fields; only internal/provider knows which Terraform
// attribute each one is. The zero Field stands for the whole object.
//
// A Field is either one every platform has (the Field* variables, the neutral structs' own fields) or one
// only a platform has, in its Extra, declared by its client with ExtraField.
type Field struct {
	platform Name // "" for the fields every platform has
	name     string
}

// The fields every platform has. Their names are the neutral ones; the provider maps them to attributes.
var (
	FieldName            = commonField("name", KindUserGroup, KindUser, KindAPIKey)
	FieldDescription     = commonField("description", KindUserGroup, KindAPIKey)
	FieldMembers         = commonField("members", KindUserGroup)
	FieldEmail           = commonField("email", KindUser)
	FieldRole            = commonField("role", KindUser)
	FieldActive          = commonField("active", KindUser)
	FieldPassword        = commonField("password", KindUser)
	FieldPasswordVersion = commonField("password_version", KindUser)
	FieldServiceAccount  = commonField("service_account", KindUser)
	FieldUserID          = commonField("owner", KindAPIKey)
	FieldExpiresAt       = commonField("expiry", KindAPIKey)
)

// FieldDecl is a declared Field and the types that have it.
type FieldDecl struct {
	Field Field
	Kinds []Kind
}

var (
	declaredMu sync.Mutex
	declared   []FieldDecl
)

func declare(f Field, kinds []Kind) Field {
	declaredMu.Lock()
	defer declaredMu.Unlock()
	declared = append(declared, FieldDecl{Field: f, Kinds: slices.Clone(kinds)})
	return f
}

func commonField(name string, kinds ...Kind) Field { return declare(Field{name: name}, kinds) }

// ExtraField declares a field only platform p has, in its Extra of the given types. Clients call it in
// package-level declarations, so that DeclaredFields lists every field a client can name.
func ExtraField(p Name, name string, kinds ...Kind) Field {
	return declare(Field{platform: p, name: name}, kinds)
}

// DeclaredFields lists every Field declared so far: the common ones and those of every client package
// linked into the program.
func DeclaredFields() []FieldDecl {
	declaredMu.Lock()
	defer declaredMu.Unlock()
	return slices.Clone(declared)
}

// Platform is the platform whose Extra holds the field, "" for a field every platform has.
func (f Field) Platform() Name { return f.platform }

// Name is the field's name: the neutral one, or for a platform's own field its name within the platform's
// settings.
func (f Field) Name() string { return f.name }

// IsZero reports whether f is the zero Field (the whole object).
func (f Field) IsZero() bool { return f == Field{} }

// String names the field in messages: "email", or "onyx.cc_pair_ids" for a platform's own field.
func (f Field) String() string {
	if f.platform != "" {
		return string(f.platform) + "." + f.name
	}
	return f.name
}

// InvalidField is the error of a value a client finds it cannot send, before any request.
func InvalidField(f Field, message string) error {
	return &InvalidError{Fields: []FieldError{{Field: f, Message: message}}}
}
