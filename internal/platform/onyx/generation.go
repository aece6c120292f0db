package onyx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
)

// Generation is an Onyx API generation.
type Generation string

const (
	// GenerationV46 is the self-hosted v4.6.x line and everything older (Onyx Cloud before
	// v4.7.0-cloud): curator_ids, a role per user, API keys with a role.
	GenerationV46 Generation = "v4.6"
	// GenerationCurrent is Onyx Cloud and main from v4.7 on: manager_ids, admin rights from the Admin
	// group, API keys with group_ids.
	GenerationCurrent Generation = "current"
)

// firstCurrent is the first release of the current generation (the group permission system, PR
// #10172, first shipped in v4.7.0-cloud.0).
var firstCurrent = [2]int{4, 7}

// Generation returns the server's API generation: the configured one, else the one detected on the
// first call. Detection makes one or two requests, once per client; concurrent callers wait for it.
// A failed detection is not cached, so a later call tries again.
func (c *Client) Generation(ctx context.Context) (Generation, error) {
	if c.forced != "" {
		return c.forced, nil
	}
	c.genMu.Lock()
	defer c.genMu.Unlock()
	if c.detected != "" {
		return c.detected, nil
	}
	gen, err := c.detectGeneration(ctx)
	if err != nil {
		return "", err
	}
	c.detected = gen
	return gen, nil
}

// knownGeneration is the generation when it is known without a request: forced, or detected
// earlier. Plan-time validation uses it; "" means unknown.
func (c *Client) knownGeneration() Generation {
	if c.forced != "" {
		return c.forced
	}
	c.genMu.Lock()
	defer c.genMu.Unlock()
	return c.detected
}

// detectGeneration asks GET /version first (no key needed; a release number settles it). Builds
// without a release number ("development", nightlies) fall back to the shape of GET /me: the current
// generation reports account_type, v4.6 a role.
func (c *Client) detectGeneration(ctx context.Context) (Generation, error) {
	var version struct {
		BackendVersion string `json:"backend_version"`
	}
	versionErr := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: "/version"}, &version)
	if versionErr == nil {
		if gen, ok := generationOfVersion(version.BackendVersion); ok {
			return gen, nil
		}
	}
	var me map[string]json.RawMessage
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: "/me"}, &me); err != nil {
		return "", fmt.Errorf("onyx: cannot tell the API generation (set it in the provider configuration to skip detection): %w",
			errors.Join(versionErr, err))
	}
	if gen, ok := generationOfUserInfo(me); ok {
		return gen, nil
	}
	return "", fmt.Errorf("onyx: cannot tell the API generation from version %q or from GET %s/me (neither account_type nor role); "+
		"set it in the provider configuration", version.BackendVersion, c.basePath)
}

var releasePattern = regexp.MustCompile(`^v?(\d+)\.(\d+)`)

// generationOfVersion reads a release number such as "v4.6.1" or "v4.7.0-cloud.1". A major version
// of 0 is a development build and settles nothing.
func generationOfVersion(v string) (Generation, bool) {
	m := releasePattern.FindStringSubmatch(v)
	if m == nil {
		return "", false
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	switch {
	case major == 0:
		return "", false
	case major > firstCurrent[0] || (major == firstCurrent[0] && minor >= firstCurrent[1]):
		return GenerationCurrent, true
	}
	return GenerationV46, true
}

// generationOfUserInfo reads the shape of a UserInfo: account_type exists only on the current
// generation, role only on v4.6.
func generationOfUserInfo(info map[string]json.RawMessage) (Generation, bool) {
	if _, ok := info["account_type"]; ok {
		return GenerationCurrent, true
	}
	if _, ok := info["role"]; ok {
		return GenerationV46, true
	}
	return "", false
}
