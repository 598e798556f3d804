package main

import (
	"encoding/base64"
	"fmt"
	"os"
	"strings"
)

type kubeContext struct {
	Name   string
	Server string
	CAPEM  []byte
	Token  string
}

// writeKubeconfig writes a kubeconfig with one cluster, user and context per
// entry. Written by hand (it is a small, stable format) to keep this program
// free of client-go's config loading.
func writeKubeconfig(path string, contexts []kubeContext, current string) error {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: Config\npreferences: {}\nclusters:\n")
	for _, c := range contexts {
		fmt.Fprintf(&b, "- name: %s\n  cluster:\n    server: %s\n    certificate-authority-data: %s\n", c.Name, c.Server, base64.StdEncoding.EncodeToString(c.CAPEM))
	}
	b.WriteString("users:\n")
	for _, c := range contexts {
		fmt.Fprintf(&b, "- name: %s\n  user:\n    token: %s\n", c.Name, c.Token)
	}
	b.WriteString("contexts:\n")
	for _, c := range contexts {
		fmt.Fprintf(&b, "- name: %s\n  context:\n    cluster: %s\n    user: %s\n    namespace: default\n", c.Name, c.Name, c.Name)
	}
	fmt.Fprintf(&b, "current-context: %s\n", current)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
