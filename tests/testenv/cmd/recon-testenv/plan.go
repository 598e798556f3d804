package main

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// extrasPlanned says which clusters also run Argo CD or Flux, and from where.
type extrasPlanned struct {
	argo     map[string]bool
	argoBins argoBinaries
	flux     map[string]bool
	fluxBins fluxBinaries
}

// extraPlan checks the clusters named by flag (e.g. --flux) against
// --cluster and that its bin dir was given; it returns them as a set.
func extraPlan(flag string, clusters, named []string, dir string) (map[string]bool, error) {
	on := map[string]bool{}
	if len(named) == 0 {
		return on, nil
	}
	if dir == "" {
		return on, fmt.Errorf("%s needs %s-bin-dir", flag, flag)
	}
	known := map[string]bool{}
	for _, n := range clusters {
		known[n] = true
	}
	for _, n := range named {
		if !known[n] {
			return on, fmt.Errorf("%s names %q, which is not among --cluster %s", flag, n, strings.Join(clusters, ","))
		}
		on[n] = true
	}
	return on, nil
}

// startExtras starts what the plan puts beside this running cluster; on
// failure it stops the cluster, so nothing of it outlives the error.
func (c *cluster) startExtras(ctx context.Context, extras extrasPlanned) error {
	steps := []struct {
		on    bool
		what  string
		start func() error
	}{
		{extras.argo[c.Name], "Argo CD", func() error { return c.startArgoCD(ctx, extras.argoBins) }},
		{extras.flux[c.Name], "Flux", func() error { return c.startFlux(ctx, extras.fluxBins) }},
	}
	for _, step := range steps {
		if !step.on {
			continue
		}
		began := time.Now()
		if err := step.start(); err != nil {
			c.stop()
			return fmt.Errorf("cluster %s: %s: %w", c.Name, step.what, err)
		}
		c.progress(fmt.Sprintf("%s ready in %.1fs", step.what, time.Since(began).Seconds()))
	}
	return nil
}
