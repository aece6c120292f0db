package platform

import (
	"context"
	"errors"
	"testing"
)

var errLost = &AmbiguousError{Err: &APIError{Method: "POST", Path: "/x/", Message: "connection reset"}}

func TestCreateOrAdoptAdoptsAfterALostResponse(t *testing.T) {
	creates, finds := 0, 0
	got, err := CreateOrAdopt(context.Background(), 3,
		func() (string, error) { creates++; return "", errLost },
		func() (string, error) { finds++; return "adopted", nil })
	if err != nil || got != "adopted" {
		t.Fatalf("got %q, %v; want the adopted object", got, err)
	}
	if creates != 1 || finds != 1 {
		t.Errorf("creates=%d finds=%d, want 1 and 1 (no second POST)", creates, finds)
	}
}

func TestCreateOrAdoptCreatesAgainOnlyWhenCertainlyAbsent(t *testing.T) {
	creates := 0
	got, err := CreateOrAdopt(context.Background(), 3,
		func() (string, error) {
			creates++
			if creates == 1 {
				return "", errLost
			}
			return "created", nil
		},
		func() (string, error) { return "", &NotFoundError{Kind: "user_group", ID: "x"} })
	if err != nil || got != "created" || creates != 2 {
		t.Fatalf("got %q, %v after %d creates; want created after 2", got, err, creates)
	}
}

func TestCreateOrAdoptStopsOnLookupFailure(t *testing.T) {
	creates := 0
	_, err := CreateOrAdopt(context.Background(), 3,
		func() (string, error) { creates++; return "", errLost },
		func() (string, error) { return "", errors.New("lookup broke") })
	if err == nil || creates != 1 {
		t.Fatalf("want an error after one create, got %v after %d", err, creates)
	}
}

func TestCreateOrAdoptReturnsPlainErrorsAtOnce(t *testing.T) {
	invalid := &InvalidError{Fields: []FieldError{{Field: "name", Message: "taken"}}, Err: &APIError{Status: 400}}
	finds := 0
	_, err := CreateOrAdopt(context.Background(), 3,
		func() (string, error) { return "", invalid },
		func() (string, error) { finds++; return "", nil })
	if !errors.Is(err, invalid) || finds != 0 {
		t.Fatalf("got %v with %d lookups; want the validation error and no lookup", err, finds)
	}
}

func TestCreateOrAdoptGivesUpAfterAttempts(t *testing.T) {
	creates := 0
	_, err := CreateOrAdopt(context.Background(), 2,
		func() (string, error) { creates++; return "", errLost },
		func() (string, error) { return "", &NotFoundError{Kind: "user", ID: "a"} })
	if !IsAmbiguous(err) || creates != 2 {
		t.Fatalf("got %v after %d creates; want the ambiguous error after 2", err, creates)
	}
}
