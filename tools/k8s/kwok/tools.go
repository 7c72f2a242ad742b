//go:build tools

// Package tools pins kwok's main package, which scripts/k8s-testenv.sh builds with
// `go build sigs.k8s.io/kwok/cmd/kwok`, so `go mod tidy` keeps everything it imports.
package tools

import _ "sigs.k8s.io/kwok/cmd/kwok"
