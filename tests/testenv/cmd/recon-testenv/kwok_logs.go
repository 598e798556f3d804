package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	kwokcrd "sigs.k8s.io/kwok/kustomize/crd"
)

// kwokLogKinds are the kwok resources that tell kwok's kubelet-like server
// which file holds a container's log: ClusterLogs (pods by namespace and
// name) and Logs (one pod). kwok watches them (--enable-crds), so a test
// declares where its pods' logs come from by creating one, e.g.
//
//	apiVersion: kwok.x-k8s.io/v1alpha1
//	kind: ClusterLogs
//	metadata: {name: my-test}
//	spec:
//	  selector: {matchNamespaces: [my-test]}
//	  logs: [{logsFile: /tmp/x/current.log, previousLogsFile: /tmp/x/previous.log, follow: true}]
//
// and then `kubectl logs` reads the file (CRI log format: "<RFC3339Nano>
// stdout F <text>" per line) and `kubectl logs -f` follows what is appended.
var kwokLogKinds = []string{"ClusterLogs", "Logs"}

// installKwokLogCRDs creates the CRDs of kwokLogKinds, from kwok's own module,
// before kwok starts watching them.
func (c *cluster) installKwokLogCRDs(ctx context.Context) error {
	for _, crd := range []struct {
		name string
		yaml []byte
	}{
		{"kwok ClusterLogs CRD", kwokcrd.ClusterLogs},
		{"kwok Logs CRD", kwokcrd.Logs},
	} {
		if err := c.applyCRDYAML(ctx, crd.name, crd.yaml); err != nil {
			return err
		}
	}
	return nil
}

// waitKubelet waits until kwok's server answers /healthz over TLS with the
// certificate kube-apiserver checks it against, so logs work once we report ready.
func (c *cluster) waitKubelet(ctx context.Context) error {
	url := "https://" + c.KubeletAddress + "/healthz"
	return c.poll(ctx, "kwok's server "+url, 60*time.Second, func() (bool, string) {
		req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
		if err != nil {
			return false, err.Error()
		}
		resp, err := c.httpClient().Do(req)
		if err != nil {
			return false, err.Error()
		}
		resp.Body.Close()
		return resp.StatusCode == 200, fmt.Sprintf("HTTP %d", resp.StatusCode)
	})
}
