package main

import (
	"fmt"
	"net"
	"sync"
)

// Ports handed out by this process are remembered so that two clusters
// started at once never get the same one. The kernel picks them (":0"), so
// several supervisors on one machine do not collide either, except in the
// short window between close and the component's bind, which the readiness
// check would surface as a start failure.
var (
	portsMu   sync.Mutex
	portsUsed = map[int]bool{}
)

func freePort() (int, error) {
	portsMu.Lock()
	defer portsMu.Unlock()
	for range 20 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, err
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if !portsUsed[port] {
			portsUsed[port] = true
			return port, nil
		}
	}
	return 0, fmt.Errorf("no free loopback port after 20 tries")
}

func freePorts(n int) ([]int, error) {
	out := make([]int, 0, n)
	for range n {
		p, err := freePort()
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
