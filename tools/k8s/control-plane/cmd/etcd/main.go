// Command etcd is etcd's own server entry point: etcd's main lives in a module that also brings
// etcdctl and etcdutl, while the server module has everything the tests' control plane needs.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
