// Command etcd is the upstream etcd server, built from its published module.
// etcd's own main package lives in a module with local replace lines, so we
// call its etcdmain package from a main of our own.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
