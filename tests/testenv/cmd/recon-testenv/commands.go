package main

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// runCommand carries out one fault command a test sent on standard input:
//
//	stop CLUSTER COMPONENT    stops it (SIGTERM, SIGKILL after 5 s)
//	start CLUSTER COMPONENT   starts it again as it was first started; for
//	                          kube-apiserver, answers once /readyz is ok
//
// It answers {"event":"done","cluster":C,"message":"stop kube-apiserver"}
// or {"event":"failed","cluster":C,"message":"why"}.
func runCommand(ctx context.Context, clusters []*cluster, line string) event {
	words := strings.Fields(line)
	if len(words) != 3 || (words[0] != "stop" && words[0] != "start") {
		return event{Event: "failed", Message: fmt.Sprintf("unknown command %q (want: stop|start CLUSTER COMPONENT)", line)}
	}
	verb, name, what := words[0], words[1], words[2]
	for _, c := range clusters {
		if c.Name != name {
			continue
		}
		if err := c.command(ctx, verb, what); err != nil {
			return event{Event: "failed", Cluster: name, Message: err.Error()}
		}
		return event{Event: "done", Cluster: name, Message: verb + " " + what}
	}
	return event{Event: "failed", Cluster: name, Message: "no cluster " + name}
}

func (c *cluster) command(ctx context.Context, verb, what string) error {
	for i, comp := range c.components {
		if comp.name != what {
			continue
		}
		if verb == "stop" {
			comp.held = true
			comp.stop(5 * time.Second)
			return nil
		}
		if done, _ := comp.exited(); !done {
			return fmt.Errorf("%s is running", what)
		}
		next, err := comp.again()
		if err != nil {
			return err
		}
		c.components[i] = next
		if what == "kube-apiserver" {
			return c.waitAPIServer(ctx, next)
		}
		return nil
	}
	return fmt.Errorf("no component %s in cluster %s", what, c.Name)
}
