#!/usr/bin/env bash
# A real Kubernetes control plane for the tests, on loopback only: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler and kwok (simulated nodes and pod lifecycle), built from
# Go modules (tools/k8s) and cached under ~/.cache/kecs/k8s/<versions>/bin.
#
#   scripts/k8s-testenv.sh up      builds when needed, starts everything (or finds it running),
#                                  waits until it is ready; the last line printed is the kubeconfig
#   scripts/k8s-testenv.sh down    stops what up started
#   scripts/k8s-testenv.sh build   only builds (or finds the cached build); prints the bin folder
#   scripts/k8s-testenv.sh status  exits 0 when the control plane is up and ready
#   scripts/k8s-testenv.sh go      prints the Go (>= 1.26) the build would use, or fails
#
# Settings (environment):
#   KECS_K8S_TESTENV_DIR   state folder: certificates, tokens, kubeconfigs, etcd data, logs/
#                          (default ~/.cache/kecs/k8s-testenv)
#   KECS_K8S_CACHE         where builds are cached (default ~/.cache/kecs/k8s)
#   KECS_K8S_NODES         simulated nodes (default 2)
#   KECS_K8S_APISERVER_PORT  the API server's port (default: a free one)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/tools/k8s"
# shellcheck source=../tools/k8s/versions.env
. "$tools/versions.env"

state=${KECS_K8S_TESTENV_DIR:-$HOME/.cache/kecs/k8s-testenv}
cache=${KECS_K8S_CACHE:-$HOME/.cache/kecs/k8s}
build_dir="$cache/${K8S_VERSION}_etcd${ETCD_VERSION}_kwok${KWOK_VERSION}"
bin="$build_dir/bin"
nodes=${KECS_K8S_NODES:-2}
logs="$state/logs"
pids="$state/pids"
components=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

die() {
  echo "k8s-testenv: error: $*" >&2
  exit 1
}
say() { echo "k8s-testenv: $*" >&2; }

# --- build ------------------------------------------------------------------------------------

find_go() {
  local go
  for go in "$(command -v go || true)" /usr/local/go/bin/go /usr/lib/go/bin/go; do
    [ -n "$go" ] && [ -x "$go" ] || continue
    # k8s.io/kubernetes ${K8S_VERSION} needs Go >= 1.26.
    if "$go" version | grep -Eq 'go1\.(2[6-9]|[3-9][0-9])'; then
      echo "$go"
      return 0
    fi
  done
  return 1
}

build() {
  local b
  for b in "${components[@]}"; do
    [ -x "$bin/$b" ] || break
    b=
  done
  if [ -z "$b" ] && [ -s "$build_dir/stages.yaml" ]; then
    return 0
  fi
  local go
  go=$(find_go) || die "Go >= 1.26 not found (looked for go on PATH and in /usr/local/go/bin); \
install it (the machine image has it in /usr/local/go) to build the control plane"
  mkdir -p "$build_dir" "$logs"
  local log="$build_dir/build.log" partial="$build_dir/bin.partial"
  rm -rf "$partial"
  mkdir -p "$partial"
  say "building the control plane (k8s $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION) into $bin; log: $log"
  local start=$SECONDS v=k8s.io/component-base/version minor=${K8S_VERSION#v*.}
  minor=${minor%%.*}
  local major=${K8S_VERSION#v}
  major=${major%%.*}
  # /version answers what a release build would: these are the variables its build sets.
  local ldflags="-s -w -X $v.gitVersion=$K8S_VERSION -X $v.gitMajor=$major -X $v.gitMinor=$minor
    -X $v.gitTreeState=clean -X $v.buildDate=1970-01-01T00:00:00Z"
  if ! (
    cd "$tools/control-plane"
    export CGO_ENABLED=0
    nice -n 10 "$go" build -o "$partial/" -ldflags "$ldflags" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler ./cmd/etcd
    cd "$tools/kwok"
    nice -n 10 "$go" build -o "$partial/" \
      -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v}" \
      sigs.k8s.io/kwok/cmd/kwok
    # kwok's own stage configs (its module's kustomize/stage): nodes Ready at once with leases,
    # scheduled pods Running and Ready at once, deleted pods gone, and failures on request.
    local dir
    dir=$("$go" list -m -f '{{.Dir}}' sigs.k8s.io/kwok)
    for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
      pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml \
      pod/chaos/pod-container-running-failed.yaml; do
      echo "---"
      cat "$dir/kustomize/stage/$f"
    done >"$partial/stages.yaml"
  ) >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "the control plane build failed (full log: $log)"
  fi
  mv "$partial/stages.yaml" "$build_dir/stages.yaml"
  rm -rf "$bin"
  mv "$partial" "$bin"
  say "built in $((SECONDS - start)) s"
}

# --- processes --------------------------------------------------------------------------------

pid_of() {
  local f="$pids/$1.pid" p
  [ -s "$f" ] || return 1
  p=$(cat "$f")
  # The pid must still be our binary (pids are reused).
  [ -r "/proc/$p/cmdline" ] && tr '\0' ' ' <"/proc/$p/cmdline" | grep -q "$bin/$1 " || return 1
  echo "$p"
}

start() {
  local name=$1
  shift
  # (without the lock's descriptor, or the processes would hold the lock for good)
  setsid nohup "$bin/$name" "$@" >>"$logs/$name.log" 2>&1 </dev/null 9>&- &
  echo $! >"$pids/$name.pid"
}

stop_all() {
  local i name p
  for ((i = ${#components[@]} - 1; i >= 0; i--)); do
    name=${components[i]}
    if p=$(pid_of "$name"); then
      kill "$p" 2>/dev/null || true
      for _ in $(seq 100); do
        kill -0 "$p" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$p" 2>/dev/null || true
    fi
    rm -f "$pids/$name.pid"
  done
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Ports come from below the kernel's ephemeral range: the components' own outgoing connections
# (and every test that binds port 0) take ephemeral ports, and one of them could take a port picked
# here before the component that should listen on it starts (seen: kwok failing with "bind: address
# already in use").
free_port() {
  local p low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$low" -gt 11000 ] || low=32768
  for _ in $(seq 200); do
    p=$((10000 + RANDOM % (low - 10000)))
    if port_free "$p" && ! grep -qw "$p" "$state/ports.env" 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  die "no free port on 127.0.0.1"
}

# --- certificates, tokens, kubeconfigs --------------------------------------------------------

credentials() {
  local pki="$state/pki"
  [ -s "$pki/apiserver.crt" ] && [ -s "$state/tokens.csv" ] && return 0
  command -v openssl >/dev/null || die "openssl not found (needed for the control plane's certificates)"
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
      -subj "/CN=kecs-testenv-ca" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr \
      -subj "/CN=kube-apiserver" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\n' >san.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
      -out apiserver.crt -days 3650 -extfile san.ext 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  ) || die "openssl could not make the certificates in $pki"
  local admin cm sched
  admin=$(openssl rand -hex 24)
  cm=$(openssl rand -hex 24)
  sched=$(openssl rand -hex 24)
  umask 077
  cat >"$state/tokens.csv" <<EOF
$admin,kecs-testenv-admin,kecs-testenv-admin,"system:masters"
$cm,system:kube-controller-manager,system:kube-controller-manager
$sched,system:kube-scheduler,system:kube-scheduler
EOF
}

token_of() {
  grep ",$1," "$state/tokens.csv" | cut -d, -f1
}

kubeconfig() {
  local user=$1 file=$2
  cat >"$file" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: kecs-testenv
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 <"$state/pki/ca.crt")
contexts:
- name: kecs-testenv
  context:
    cluster: kecs-testenv
    user: $user
current-context: kecs-testenv
users:
- name: $user
  user:
    token: $(token_of "$user")
EOF
}

# --- readiness --------------------------------------------------------------------------------

api() {
  curl -sS --max-time 5 -A kecs-testenv --cacert "$state/pki/ca.crt" \
    -H "Authorization: Bearer $(token_of kecs-testenv-admin)" "$@"
}

wait_for() {
  local what=$1 limit=$2 check=$3 log=$4
  for _ in $(seq $((limit * 2))); do
    if eval "$check" >/dev/null 2>&1; then
      return 0
    fi
    if [ -n "$log" ] && ! pid_of "$log" >/dev/null; then
      tail -n 20 "$logs/$log.log" >&2
      die "$log exited while waiting for $what (log: $logs/$log.log)"
    fi
    sleep 0.5
  done
  [ -z "$log" ] || tail -n 20 "$logs/$log.log" >&2
  die "timed out after ${limit}s waiting for $what (logs: $logs)"
}

ready_nodes() {
  api "https://127.0.0.1:$APISERVER_PORT/api/v1/nodes?labelSelector=type%3Dkwok" |
    grep -o '"type":"Ready","status":"True"' | wc -l
}

healthy() {
  [ -s "$state/ports.env" ] || return 1
  # shellcheck source=/dev/null
  . "$state/ports.env"
  local c
  for c in "${components[@]}"; do
    pid_of "$c" >/dev/null || return 1
  done
  [ "$(api "https://127.0.0.1:$APISERVER_PORT/readyz" 2>/dev/null)" = ok ]
}

create_nodes() {
  local i zones=(a b c)
  for ((i = 1; i <= nodes; i++)); do
    api -X POST -H 'Content-Type: application/json' \
      "https://127.0.0.1:$APISERVER_PORT/api/v1/nodes" -d @- >/dev/null <<EOF
{"apiVersion":"v1","kind":"Node","metadata":{"name":"kwok-node-$i",
 "annotations":{"kwok.x-k8s.io/node":"fake","node.alpha.kubernetes.io/ttl":"0"},
 "labels":{"type":"kwok","kubernetes.io/hostname":"kwok-node-$i","kubernetes.io/os":"linux",
  "kubernetes.io/arch":"amd64","topology.kubernetes.io/zone":"us-east-1${zones[(i - 1) % 3]}"}},
 "status":{"capacity":{"cpu":"1000","memory":"4Ti","pods":"1100"},
  "allocatable":{"cpu":"1000","memory":"4Ti","pods":"1100"}}}
EOF
  done
}

# --- commands ---------------------------------------------------------------------------------

up() {
  command -v curl >/dev/null || die "curl not found"
  mkdir -p "$state" "$logs" "$pids"
  exec 9>"$state/lock"
  flock -w 1800 9 || die "another k8s-testenv.sh holds $state/lock"
  if healthy && [ "$(ready_nodes)" -ge "$nodes" ]; then
    echo "$state/admin.kubeconfig"
    return 0
  fi
  build
  stop_all
  credentials
  rm -rf "$state/etcd" "$state/ports.env"
  touch "$state/ports.env"
  local etcd_port etcd_peer cm_port sched_port kwok_port
  if [ -n "${KECS_K8S_APISERVER_PORT:-}" ]; then
    APISERVER_PORT=$KECS_K8S_APISERVER_PORT
    port_free "$APISERVER_PORT" || die "port $APISERVER_PORT (KECS_K8S_APISERVER_PORT) is taken on 127.0.0.1"
  else
    APISERVER_PORT=$(free_port)
  fi
  echo "APISERVER_PORT=$APISERVER_PORT" >>"$state/ports.env"
  for v in etcd_port etcd_peer cm_port sched_port kwok_port; do
    printf -v "$v" %s "$(free_port)"
    echo "${v^^}=${!v}" >>"$state/ports.env"
  done
  kubeconfig kecs-testenv-admin "$state/admin.kubeconfig"
  kubeconfig system:kube-controller-manager "$state/controller-manager.kubeconfig"
  kubeconfig system:kube-scheduler "$state/scheduler.kubeconfig"
  local pki="$state/pki"
  : >"$logs/up.log"
  for c in "${components[@]}"; do : >"$logs/$c.log"; done

  start etcd --name kecs-testenv --data-dir "$state/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "kecs-testenv=http://127.0.0.1:$etcd_peer" --unsafe-no-fsync \
    --quota-backend-bytes 4294967296
  wait_for "etcd" 30 "curl -sf http://127.0.0.1:$etcd_port/health" etcd

  start kube-apiserver --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$APISERVER_PORT" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" --token-auth-file "$state/tokens.csv" \
    --authorization-mode Node,RBAC --allow-privileged=true \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range 10.96.0.0/16 --endpoint-reconciler-type none
  wait_for "the API server to be ready" 120 \
    "[ \"\$(api https://127.0.0.1:$APISERVER_PORT/readyz)\" = ok ]" kube-apiserver

  start kube-controller-manager --kubeconfig "$state/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$state/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$state/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$cm_port" --leader-elect=false \
    --use-service-account-credentials=true \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key"
  start kube-scheduler --kubeconfig "$state/scheduler.kubeconfig" \
    --authentication-kubeconfig "$state/scheduler.kubeconfig" \
    --authorization-kubeconfig "$state/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$sched_port" --leader-elect=false
  # kwok's stages (from the build) and KECS's own (tools/k8s/kwok/kecs-stages.yaml, read at each up).
  { cat "$build_dir/stages.yaml"; echo "---"; cat "$tools/kwok/kecs-stages.yaml"; } >"$state/stages.yaml"
  start kwok --kubeconfig "$state/admin.kubeconfig" --config "$state/stages.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --node-ip 10.0.0.1 --cidr 10.0.0.1/16 --node-lease-duration-seconds 40 \
    --server-address "127.0.0.1:$kwok_port"
  wait_for "the controller manager to be healthy" 60 \
    "[ \"\$(curl -sk https://127.0.0.1:$cm_port/healthz)\" = ok ]" kube-controller-manager
  wait_for "the scheduler to be healthy" 60 \
    "[ \"\$(curl -sk https://127.0.0.1:$sched_port/healthz)\" = ok ]" kube-scheduler
  create_nodes
  wait_for "$nodes simulated nodes to be Ready" 60 "[ \"\$(ready_nodes)\" -ge $nodes ]" kwok
  # Pods need their namespace's default ServiceAccount, which the controllers make.
  wait_for "the default ServiceAccount" 60 \
    "api -f https://127.0.0.1:$APISERVER_PORT/api/v1/namespaces/default/serviceaccounts/default" \
    kube-controller-manager
  say "up: API server https://127.0.0.1:$APISERVER_PORT, $nodes nodes; logs in $logs"
  echo "$state/admin.kubeconfig"
}

case "${1:-}" in
up) up ;;
down)
  mkdir -p "$pids"
  stop_all
  say "down"
  ;;
build)
  build
  echo "$bin"
  ;;
status) healthy ;;
go) find_go || die "Go >= 1.26 not found" ;;
*)
  echo "usage: $0 up|down|build|status|go" >&2
  exit 2
  ;;
esac
