//go:build tools

// Package tools pins the upstream main packages that scripts/k8s-testenv.sh builds with
// `go build k8s.io/kubernetes/cmd/...`, so `go mod tidy` keeps everything they import.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
