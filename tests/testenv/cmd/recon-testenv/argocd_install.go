package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"sigs.k8s.io/yaml"
)

// argoNamespace is where Argo CD keeps its settings, Applications and
// AppProjects (the controller runs with --namespace argoNamespace).
const argoNamespace = "argocd"

// argoCRDs are the upstream CRD files the harness copies from the Argo CD
// module into its bin dir (never into our repository).
var argoCRDs = []string{"application-crd.yaml", "appproject-crd.yaml"}

// installArgoCD creates what the Argo CD controller and repo-server expect
// to find at start-up: the CRDs, the argocd namespace, the labelled
// argocd-cm and argocd-secret, and the AppProject `default` (which only the
// Argo CD API server would otherwise create, and we do not run it).
func (c *cluster) installArgoCD(ctx context.Context, bins argoBinaries) error {
	for _, file := range argoCRDs {
		if err := c.applyCRD(ctx, filepath.Join(bins.dir, file)); err != nil {
			return err
		}
	}
	if err := c.create(ctx, "/api/v1/namespaces", map[string]any{
		"apiVersion": "v1", "kind": "Namespace",
		"metadata": map[string]any{"name": argoNamespace},
	}); err != nil {
		return err
	}
	partOf := map[string]any{"app.kubernetes.io/part-of": "argocd"}
	if err := c.create(ctx, "/api/v1/namespaces/"+argoNamespace+"/configmaps", map[string]any{
		"apiVersion": "v1", "kind": "ConfigMap",
		"metadata": map[string]any{"name": "argocd-cm", "namespace": argoNamespace, "labels": partOf},
	}); err != nil {
		return err
	}
	key, err := randomToken()
	if err != nil {
		return err
	}
	if err := c.create(ctx, "/api/v1/namespaces/"+argoNamespace+"/secrets", map[string]any{
		"apiVersion": "v1", "kind": "Secret",
		"metadata": map[string]any{"name": "argocd-secret", "namespace": argoNamespace, "labels": partOf},
		"data":     map[string]any{"server.secretkey": base64.StdEncoding.EncodeToString([]byte(key))},
	}); err != nil {
		return err
	}
	return c.createDefaultProject(ctx)
}

// applyCRD creates one CRD from its YAML file and waits until it is Established.
func (c *cluster) applyCRD(ctx context.Context, path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return c.applyCRDYAML(ctx, path, raw)
}

// applyCRDYAML is applyCRD for a CRD already read; source names it in errors.
func (c *cluster) applyCRDYAML(ctx context.Context, source string, raw []byte) error {
	body, err := yaml.YAMLToJSON(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	var meta struct {
		Metadata struct{ Name string } `json:"metadata"`
	}
	if err := json.Unmarshal(body, &meta); err != nil || meta.Metadata.Name == "" {
		return fmt.Errorf("%s: not a named CRD (%v)", source, err)
	}
	name := meta.Metadata.Name
	if err := c.create(ctx, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", json.RawMessage(body)); err != nil {
		return fmt.Errorf("CRD %s: %w", name, err)
	}
	return c.poll(ctx, "CRD "+name+" Established", 60*time.Second, func() (bool, string) {
		code, out, err := c.call(ctx, "GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/"+name, nil)
		if err != nil {
			return false, err.Error()
		}
		var crd struct {
			Status struct {
				Conditions []struct{ Type, Status string }
			}
		}
		if code != 200 || json.Unmarshal(out, &crd) != nil {
			return false, fmt.Sprintf("HTTP %d", code)
		}
		for _, cond := range crd.Status.Conditions {
			if cond.Type == "Established" && cond.Status == "True" {
				return true, ""
			}
		}
		return false, "not Established yet"
	})
}

// createDefaultProject creates AppProject `default` allowing every source,
// destination and cluster-scoped kind, as Argo CD's API server would. The
// resource path can answer 404 for a moment after Established: retry.
func (c *cluster) createDefaultProject(ctx context.Context) error {
	project := map[string]any{
		"apiVersion": "argoproj.io/v1alpha1", "kind": "AppProject",
		"metadata": map[string]any{"name": "default", "namespace": argoNamespace},
		"spec": map[string]any{
			"sourceRepos":              []string{"*"},
			"destinations":             []any{map[string]any{"server": "*", "name": "*", "namespace": "*"}},
			"clusterResourceWhitelist": []any{map[string]any{"group": "*", "kind": "*"}},
		},
	}
	path := "/apis/argoproj.io/v1alpha1/namespaces/" + argoNamespace + "/appprojects"
	return c.poll(ctx, "AppProject default", 30*time.Second, func() (bool, string) {
		if err := c.create(ctx, path, project); err != nil {
			return false, err.Error()
		}
		return true, ""
	})
}
