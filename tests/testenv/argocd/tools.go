//go:build tools

// Package tools pins Argo CD, built as its one `argocd` binary. It lives in
// a Go module of its own so that Argo CD's Kubernetes libraries (v0.37)
// never meet the control plane's (v0.36) in one build graph.
package tools

import (
	_ "github.com/argoproj/argo-cd/v3/cmd"
)
