package main

import (
	"fmt"
	"net"
	"strings"
)

// checkLoopback refuses listen addresses reachable from other machines: the mock accepts a fixed
// token and has hooks without any auth, so it must never be exposed.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-listen %q is not host:port: %v", addr, err)
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(strings.Trim(host, "[]")); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-listen %q is not a loopback address; use 127.0.0.1:PORT or [::1]:PORT", addr)
}
