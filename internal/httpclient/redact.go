package httpclient

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const redacted = "[REDACTED]"

// secretKeys are JSON keys whose values are credentials in the APIs we talk to.
var secretKeys = map[string]bool{
	"key": true, "token": true, "api_key": true, "apikey": true, "secret": true,
	"access_token": true, "refresh_token": true, "authorization": true,
	// Links that sign the holder in (Unleash's welcome and reset links) are credentials too.
	"invitelink": true, "invite_link": true, "resetpasswordurl": true, "reset_password_url": true,
}

// IsSecretKey reports whether a JSON key names a credential.
func IsSecretKey(k string) bool {
	k = strings.ToLower(k)
	return secretKeys[k] || strings.Contains(k, "password") || strings.Contains(k, "secret")
}

// RedactJSON returns a JSON body with every secret value replaced, for logging. Bodies that are not JSON are
// summarised by their length only, since they may hold anything.
func RedactJSON(body []byte) string { return redactJSONMasking(body, nil) }

// redactJSONMasking is RedactJSON that also masks the secrets wherever a string value holds them. It masks
// the decoded strings, not the encoded body, so a secret that JSON escapes (a server's "\u0026" for "&", or
// the encoder's own) is found all the same.
func redactJSONMasking(body []byte, secrets secretSet) string {
	if len(body) == 0 {
		return ""
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return "<non-JSON body>"
	}
	out, err := json.Marshal(redactValue(v, secrets))
	if err != nil {
		return "<unprintable body>"
	}
	return string(out)
}

func redactValue(v any, secrets secretSet) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if IsSecretKey(k) {
				if val != nil {
					t[k] = redacted
				}
				continue
			}
			t[k] = redactValue(val, secrets)
		}
		return t
	case []any:
		for i := range t {
			t[i] = redactValue(t[i], secrets)
		}
		return t
	case string:
		return secrets.mask(t)
	}
	return v
}

// loggedBody is a request or response body as a TRACE line shows it. It is redacted (secret fields replaced,
// the request's secrets masked) only when a line is written: tflog drops TRACE lines unless logging is on,
// and redacting every body ahead of that took most of the client's CPU on large answers. tflog masks string
// fields only, so the secrets are masked here as well.
type loggedBody struct {
	body    []byte
	secrets secretSet
}

func (b loggedBody) String() string { return redactJSONMasking(b.body, b.secrets) }

func (b loggedBody) MarshalJSON() ([]byte, error) { return json.Marshal(b.String()) }

func maskStrings(ctx context.Context, secrets ...string) context.Context {
	ctx = tflog.MaskMessageStrings(ctx, secrets...)
	return tflog.MaskAllFieldValuesStrings(ctx, secrets...)
}

func logTrace(ctx context.Context, msg string, fields map[string]any) {
	tflog.Trace(ctx, msg, fields)
}
