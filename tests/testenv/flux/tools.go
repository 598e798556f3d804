//go:build tools

// Package tools pins the Flux controllers this module builds: go build
// github.com/fluxcd/source-controller and github.com/fluxcd/kustomize-controller
// (their main packages) from inside this module.
package tools

import (
	_ "github.com/fluxcd/kustomize-controller"
	_ "github.com/fluxcd/source-controller"
)
