//go:build tools

// Package tools pins Helm v3, built as its one `helm` binary, which recon
// runs (`helm template`) to render `render: helm` Applications. It lives in
// a Go module of its own so that Helm's Kubernetes libraries never meet the
// control plane's in one build graph.
package tools

import (
	_ "helm.sh/helm/v3/cmd/helm"
)
