package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

func (c *cluster) httpClient() *http.Client {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(c.PKI.CAPEM)
	return &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
	}
}

// call does one admin request and returns status and body.
func (c *cluster) call(ctx context.Context, method, path string, body any) (int, []byte, error) {
	return c.callAs(ctx, method, path, "application/json", body)
}

func (c *cluster) callAs(ctx context.Context, method, path, contentType string, body any) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.Server+path, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.AdminToken)
	req.Header.Set("Content-Type", contentType)
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, out, err
}

// poll runs check every 200ms until it returns true, a component dies, or
// the deadline passes; the error names what was awaited.
func (c *cluster) poll(ctx context.Context, what string, timeout time.Duration, check func() (bool, string)) error {
	deadline := time.Now().Add(timeout)
	last := ""
	for {
		if err := c.checkAlive(); err != nil {
			return fmt.Errorf("waiting for %s: %w", what, err)
		}
		ok, detail := check()
		if ok {
			return nil
		}
		last = detail
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out after %s waiting for %s (last: %s)", timeout, what, last)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (c *cluster) waitAPIServer(ctx context.Context, api *component) error {
	return c.poll(ctx, "kube-apiserver /readyz", 120*time.Second, func() (bool, string) {
		code, body, err := c.call(ctx, "GET", "/readyz", nil)
		if err != nil {
			return false, err.Error()
		}
		return code == 200, fmt.Sprintf("HTTP %d %s", code, truncate(string(body), 200))
	})
}

// bootstrap creates what tests rely on: the read-only RBAC, fake nodes for
// kwok, and waits for the default ServiceAccount (Pods are refused without it)
// and for the nodes to be Ready.
func (c *cluster) bootstrap(ctx context.Context, nodes int) error {
	c.progress("creating read-only RBAC and fake nodes")
	role := map[string]any{
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
		"metadata": map[string]any{"name": "recon-testenv-readonly"},
		"rules": []any{
			map[string]any{"apiGroups": []string{"*"}, "resources": []string{"*"}, "verbs": []string{"get", "list", "watch"}},
			map[string]any{"nonResourceURLs": []string{"*"}, "verbs": []string{"get"}},
		},
	}
	binding := map[string]any{
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
		"metadata": map[string]any{"name": "recon-testenv-readonly"},
		"roleRef":  map[string]any{"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "recon-testenv-readonly"},
		"subjects": []any{map[string]any{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "recon-testenv:readonly"}},
	}
	if err := c.create(ctx, "/apis/rbac.authorization.k8s.io/v1/clusterroles", role); err != nil {
		return err
	}
	if err := c.create(ctx, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", binding); err != nil {
		return err
	}
	for i := range nodes {
		if err := c.create(ctx, "/api/v1/nodes", fakeNode(fmt.Sprintf("kwok-node-%d", i))); err != nil {
			return err
		}
	}

	c.progress("waiting for the default ServiceAccount and Ready nodes")
	if err := c.poll(ctx, "ServiceAccount default/default", 120*time.Second, func() (bool, string) {
		code, _, err := c.call(ctx, "GET", "/api/v1/namespaces/default/serviceaccounts/default", nil)
		if err != nil {
			return false, err.Error()
		}
		return code == 200, fmt.Sprintf("HTTP %d", code)
	}); err != nil {
		return err
	}
	if err := c.poll(ctx, fmt.Sprintf("%d Ready nodes", nodes), 60*time.Second, func() (bool, string) {
		ready, err := c.readyNodes(ctx)
		if err != nil {
			return false, err.Error()
		}
		return ready >= nodes, fmt.Sprintf("%d ready", ready)
	}); err != nil {
		return err
	}
	// Nodes are born with the not-ready taint; the node lifecycle controller
	// (off, see cluster.go) would lift it once they are Ready: do it here.
	for i := range nodes {
		path := fmt.Sprintf("/api/v1/nodes/kwok-node-%d", i)
		code, body, err := c.callAs(ctx, "PATCH", path, "application/merge-patch+json", map[string]any{"spec": map[string]any{"taints": nil}})
		if err != nil {
			return fmt.Errorf("untaint node: %w", err)
		}
		if code != 200 {
			return fmt.Errorf("untaint node: HTTP %d: %s", code, truncate(string(body), 300))
		}
	}
	return nil
}

func (c *cluster) create(ctx context.Context, path string, obj any) error {
	code, body, err := c.call(ctx, "POST", path, obj)
	if err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	if code != 201 && code != 409 {
		return fmt.Errorf("POST %s: HTTP %d: %s", path, code, truncate(string(body), 500))
	}
	return nil
}

func (c *cluster) readyNodes(ctx context.Context) (int, error) {
	code, body, err := c.call(ctx, "GET", "/api/v1/nodes", nil)
	if err != nil {
		return 0, err
	}
	if code != 200 {
		return 0, fmt.Errorf("HTTP %d", code)
	}
	var list struct {
		Items []struct {
			Status struct {
				Conditions []struct{ Type, Status string }
			}
		}
	}
	if err := json.Unmarshal(body, &list); err != nil {
		return 0, err
	}
	n := 0
	for _, item := range list.Items {
		for _, cond := range item.Status.Conditions {
			if cond.Type == "Ready" && cond.Status == "True" {
				n++
			}
		}
	}
	return n, nil
}

// fakeNode is a Node that kwok manages (selected by its annotation); roomy
// enough that the scheduler never runs out of capacity in tests.
func fakeNode(name string) map[string]any {
	capacity := map[string]any{"cpu": "64", "memory": "256Gi", "pods": "250"}
	return map[string]any{
		"apiVersion": "v1", "kind": "Node",
		"metadata": map[string]any{
			"name":        name,
			"annotations": map[string]any{"kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0"},
			"labels":      map[string]any{"type": "kwok", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64"},
		},
		"status": map[string]any{"capacity": capacity, "allocatable": capacity},
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
