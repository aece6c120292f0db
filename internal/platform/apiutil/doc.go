// Package apiutil holds what every platform client (internal/platform/<name>) would otherwise write again:
// wiring the HTTP client, "not found" lookups, Django REST framework validation answers, requests refused
// before sending, and small copies of ids and queries.
//
// It sits between the contract (internal/platform) and the transport (internal/httpclient), and knows no
// platform's wire format.
package apiutil
