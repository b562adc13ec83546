#!/usr/bin/env bash
# The real services the test suite runs against, on loopback, as CI does on a
# fresh Debian 12 machine (as root):
#
#   * two RabbitMQ 3.10 nodes, one per side, linked by dynamic shovels:
#       rabbit-laocai@localhost  AMQP 127.0.0.1:5672  (node vn-laocai)
#       rabbit-yunnan@localhost  AMQP 127.0.0.1:5673  (node cn-yunnan)
#     with the definitions of deploy/rabbitmq/*.definitions.json imported;
#   * a throwaway PostgreSQL 15 cluster on 127.0.0.1:55432 (trust auth) with
#     the database liaison_test.
#
# Usage:
#   scripts/services.sh         start what is missing, reuse what is healthy,
#                               write $STATE/env.sh (sourced by scripts/test.sh)
#   scripts/services.sh stop    stop both brokers and PostgreSQL
#
# STATE is $LIAISON_SERVICES_DIR, by default /var/tmp/liaison-services.
#
# Bring your own services instead: if LIAISON_TEST_RABBITMQ (or
# LIAISON_TEST_RABBITMQ_B) is already set, no broker is installed or started;
# if LIAISON_TEST_POSTGRES is set, no PostgreSQL is started. The given values
# are kept (env.sh only fills in variables that are unset).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

STATE=${LIAISON_SERVICES_DIR:-/var/tmp/liaison-services}
MODE=${1:-start}

RMQ_USER=liaison
RMQ_PASSWORD=liaison-dev # the documented dev password (deploy/rabbitmq/README.md)
RMQ_VHOST=liaison
NODES=(laocai yunnan)
declare -A NODE_NAME=([laocai]=rabbit-laocai@localhost [yunnan]=rabbit-yunnan@localhost)
declare -A NODE_PORT=([laocai]=5672 [yunnan]=5673)
declare -A DIST_PORT=([laocai]=25672 [yunnan]=25673)
declare -A DEFINITIONS=([laocai]=vn-laocai [yunnan]=cn-yunnan)
declare -A SHOVEL=([laocai]=liaison-to-cn-yunnan [yunnan]=liaison-to-vn-laocai)

PG_VERSION=15
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
PG_PORT=55432
PG_DB=liaison_test
PG_DIR=$STATE/postgres

T0=$(date +%s.%N)
step_start=$T0
step() { step_start=$(date +%s.%N); printf '\n--> services: %s\n' "$*"; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }
done_step() { printf '    %s (%s)\n' "${1:-done}" "$(elapsed "$step_start")"; }
fail() {
  printf '\nservices.sh: FAILED: %s\n' "$1" >&2
  shift
  local f
  for f in "$@"; do
    if [ -f "$f" ]; then
      printf -- '--- last lines of %s ---\n' "$f" >&2
      tail -n 40 "$f" >&2 || true
    fi
  done
  exit 1
}

# --- RabbitMQ --------------------------------------------------------------

node_dir() { echo "$STATE/rabbitmq/$1"; }

# The Debian wrappers (/usr/sbin/rabbitmq-server, rabbitmqctl, ...) switch to
# the rabbitmq user with `su`, which keeps the environment, so every node gets
# its own ports and folders from these variables. HOME becomes
# /var/lib/rabbitmq, so the nodes and every rabbitmqctl call share the
# rabbitmq user's Erlang cookie.
node_env() {
  local side=$1 dir
  dir=$(node_dir "$side")
  export RABBITMQ_NODENAME=${NODE_NAME[$side]}
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=${NODE_PORT[$side]}
  export RABBITMQ_DIST_PORT=${DIST_PORT[$side]}
  export RABBITMQ_MNESIA_BASE=$dir/mnesia
  export RABBITMQ_LOG_BASE=$dir/log
  export RABBITMQ_PID_FILE=$dir/rabbit.pid
  export RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
  export RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf
  export RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config
  export RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf
  # Erlang distribution and epmd on loopback only.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export ERL_EPMD_ADDRESS=127.0.0.1
}

# rabbitmqctl learns the commands of enabled plugins (shovel_status,
# restart_shovel, ...) from the enabled-plugins file, so name the node's.
ctl() {
  local side=$1; shift
  RABBITMQ_ENABLED_PLUGINS_FILE="$(node_dir "$side")/enabled_plugins" rabbitmqctl -q -n "${NODE_NAME[$side]}" "$@"
}

node_log() { echo "$(node_dir "$1")/log/${NODE_NAME[$1]}.log"; }

node_healthy() {
  local side=$1 dir
  dir=$(node_dir "$side")
  [ -s "$dir/rabbit.pid" ] || return 1
  kill -0 "$(cat "$dir/rabbit.pid")" 2>/dev/null || return 1
  timeout 30 rabbitmq-diagnostics -q -n "${NODE_NAME[$side]}" check_running >/dev/null 2>&1 || return 1
  timeout 30 rabbitmq-diagnostics -q -n "${NODE_NAME[$side]}" check_port_listener "${NODE_PORT[$side]}" >/dev/null 2>&1 || return 1
  timeout 30 rabbitmq-plugins -q -n "${NODE_NAME[$side]}" is_enabled rabbitmq_shovel >/dev/null 2>&1 || return 1
}

stop_node() {
  local side=$1 dir pid
  dir=$(node_dir "$side")
  [ -s "$dir/rabbit.pid" ] || return 0
  pid=$(cat "$dir/rabbit.pid")
  kill -0 "$pid" 2>/dev/null || return 0
  timeout 60 rabbitmqctl -q -n "${NODE_NAME[$side]}" stop "$dir/rabbit.pid" >/dev/null 2>&1 || true
  if kill -0 "$pid" 2>/dev/null; then
    # Not answering: it is our node (its pid file is in our state folder).
    kill -9 "$pid" 2>/dev/null || true
  fi
}

prepare_node() {
  local side=$1 dir
  dir=$(node_dir "$side")
  rm -rf "$dir"
  mkdir -p "$dir/mnesia" "$dir/log"
  cat >"$dir/rabbitmq.conf" <<EOF
# Generated by scripts/services.sh: test node ${NODE_NAME[$side]} (${DEFINITIONS[$side]}).
listeners.tcp.1 = 127.0.0.1:${NODE_PORT[$side]}
disk_free_limit.absolute = 50MB
log.file.level = info
log.console = false
EOF
  echo '[rabbitmq_shovel].' >"$dir/enabled_plugins"
  : >"$dir/rabbitmq-env.conf"
  echo '[].' >"$dir/advanced.config"
  cp "$REPO/deploy/rabbitmq/${DEFINITIONS[$side]}.definitions.json" "$dir/definitions.json"
  chown -R rabbitmq:rabbitmq "$dir"
}

start_node() {
  local side=$1
  (node_env "$side" && cd / && rabbitmq-server -detached) \
    || fail "rabbitmq-server -detached for ${NODE_NAME[$side]}" "$(node_log "$side")" /var/log/rabbitmq/startup_err
}

wait_node() {
  local side=$1 dir
  dir=$(node_dir "$side")
  ctl "$side" wait --timeout 60 "$dir/rabbit.pid" >/dev/null 2>&1 \
    || fail "${NODE_NAME[$side]} did not write its pid file / start within 60 s" "$(node_log "$side")" /var/log/rabbitmq/startup_err
  ctl "$side" await_startup --timeout 60 >/dev/null \
    || fail "${NODE_NAME[$side]} did not finish booting within 60 s" "$(node_log "$side")"
}

import_definitions() {
  local side=$1 dir
  dir=$(node_dir "$side")
  # The wrapper runs as the rabbitmq user, which may not read the work tree
  # (a clone in a 0700 mktemp folder), so import the copy in the state folder.
  cp "$REPO/deploy/rabbitmq/${DEFINITIONS[$side]}.definitions.json" "$dir/definitions.json"
  chown rabbitmq:rabbitmq "$dir/definitions.json"
  ctl "$side" import_definitions "$dir/definitions.json" >/dev/null \
    || fail "import of deploy/rabbitmq/${DEFINITIONS[$side]}.definitions.json into ${NODE_NAME[$side]}" "$(node_log "$side")"
}

shovel_running() {
  local side=$1
  ctl "$side" shovel_status --formatter json 2>/dev/null \
    | grep -q "\"name\":\"${SHOVEL[$side]}\".*\"state\":\"running\"\|\"state\":\"running\".*\"name\":\"${SHOVEL[$side]}\""
}

wait_shovels() {
  local deadline=$((SECONDS + 60)) side pending
  while :; do
    pending=
    for side in "${NODES[@]}"; do
      shovel_running "$side" || pending="$pending $side"
    done
    [ -z "$pending" ] && return 0
    if [ $SECONDS -ge $deadline ]; then
      for side in "${NODES[@]}"; do
        echo "shovel_status on ${NODE_NAME[$side]}:" >&2
        ctl "$side" shovel_status >&2 || true
      done
      fail "shovel(s) not running after 60 s on:$pending" "$(node_log laocai)" "$(node_log yunnan)"
    fi
    sleep 0.5
  done
}

start_rabbitmq() {
  step "RabbitMQ: package"
  if command -v rabbitmq-server >/dev/null && [ -x /usr/sbin/rabbitmqctl ]; then
    done_step "rabbitmq-server $(dpkg-query -W -f='${Version}' rabbitmq-server 2>/dev/null || echo '?') already installed"
  else
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server) \
      >"$STATE/apt-rabbitmq.log" 2>&1 || fail "apt-get install rabbitmq-server" "$STATE/apt-rabbitmq.log"
    done_step "installed rabbitmq-server $(dpkg-query -W -f='${Version}' rabbitmq-server)"
  fi

  step "RabbitMQ: nodes ${NODE_NAME[laocai]} (:${NODE_PORT[laocai]}) and ${NODE_NAME[yunnan]} (:${NODE_PORT[yunnan]})"
  local side started=()
  for side in "${NODES[@]}"; do
    if node_healthy "$side"; then
      echo "    ${NODE_NAME[$side]}: running and healthy, reused"
    else
      if [ -d "$(node_dir "$side")" ]; then
        echo "    ${NODE_NAME[$side]}: stale state, wiping and recreating"
        stop_node "$side"
      fi
      if (exec 3<>"/dev/tcp/127.0.0.1/${NODE_PORT[$side]}") 2>/dev/null; then
        fail "port ${NODE_PORT[$side]} is taken by something that is not ${NODE_NAME[$side]} (another RabbitMQ? stop it, or provide brokers via LIAISON_TEST_RABBITMQ / LIAISON_TEST_RABBITMQ_B)"
      fi
      prepare_node "$side"
      start_node "$side"
      started+=("$side")
    fi
  done
  for side in "${started[@]}"; do
    wait_node "$side"
    echo "    ${NODE_NAME[$side]}: started"
  done
  done_step

  echo '[rabbitmq_shovel].' >"$STATE/rabbitmq/enabled_plugins"
  chmod 644 "$STATE/rabbitmq/enabled_plugins"

  step "RabbitMQ: definitions and shovels"
  for side in "${NODES[@]}"; do
    import_definitions "$side"
  done
  wait_shovels
  done_step "imported; shovels ${SHOVEL[laocai]} and ${SHOVEL[yunnan]} running"
}

stop_rabbitmq() {
  local side
  for side in "${NODES[@]}"; do
    if [ -s "$(node_dir "$side")/rabbit.pid" ] && kill -0 "$(cat "$(node_dir "$side")/rabbit.pid")" 2>/dev/null; then
      stop_node "$side"
      echo "    ${NODE_NAME[$side]}: stopped"
    else
      echo "    ${NODE_NAME[$side]}: not running"
    fi
  done
}

# --- PostgreSQL ------------------------------------------------------------

as_postgres() { (cd "$PG_DIR" && runuser -u postgres -- "$@"); }
psql_admin() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

pg_healthy() {
  [ -f "$PG_DIR/data/PG_VERSION" ] || return 1
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 5 || return 1
  local dir
  dir=$(psql_admin -d postgres -Atc 'SHOW data_directory' 2>/dev/null) || return 1
  [ "$dir" = "$PG_DIR/data" ]
}

pg_running_here() { [ -f "$PG_DIR/data/PG_VERSION" ] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; }

start_postgres() {
  step "PostgreSQL $PG_VERSION: package"
  if [ -x "$PG_BIN/initdb" ]; then
    done_step "postgresql-$PG_VERSION already installed"
  else
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$PG_VERSION") \
      >"$STATE/apt-postgresql.log" 2>&1 || fail "apt-get install postgresql-$PG_VERSION" "$STATE/apt-postgresql.log"
    done_step "installed postgresql-$PG_VERSION"
  fi

  step "PostgreSQL: throwaway cluster on 127.0.0.1:$PG_PORT"
  if pg_healthy; then
    echo "    running and healthy, reused"
  else
    if [ -d "$PG_DIR" ]; then
      echo "    stale state, wiping and recreating"
      pg_running_here && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m immediate >/dev/null 2>&1 || true
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
      fail "port $PG_PORT is taken by something that is not this cluster (provide your own via LIAISON_TEST_POSTGRES, or stop it)"
    fi
    rm -rf "$PG_DIR"
    mkdir -p "$PG_DIR/run"
    chown -R postgres:postgres "$PG_DIR"
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=trust >"$PG_DIR/initdb.log" 2>&1 \
      || fail "initdb" "$PG_DIR/initdb.log"
    cat >>"$PG_DIR/data/postgresql.conf" <<EOF

# scripts/services.sh: a throwaway test cluster, loopback only, durability off.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR/run'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start >/dev/null \
      || fail "pg_ctl start" "$PG_DIR/postgres.log"
    echo "    initialised and started"
  fi
  if [ "$(psql_admin -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != 1 ]; then
    psql_admin -d postgres -c "CREATE DATABASE $PG_DB" || fail "CREATE DATABASE $PG_DB" "$PG_DIR/postgres.log"
  fi
  done_step "database $PG_DB ready"
}

stop_postgres() {
  if pg_running_here; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m fast -w >/dev/null
    echo "    PostgreSQL: stopped"
  else
    echo "    PostgreSQL: not running"
  fi
}

# --- main ------------------------------------------------------------------

case "$MODE" in
  start) ;;
  stop)
    step "stopping the test services in $STATE"
    command -v rabbitmqctl >/dev/null && stop_rabbitmq
    [ -x "$PG_BIN/pg_ctl" ] && stop_postgres
    done_step "stopped"
    exit 0
    ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac

want_rabbitmq=1
want_postgres=1
if [ -n "${LIAISON_TEST_RABBITMQ:-}" ] || [ -n "${LIAISON_TEST_RABBITMQ_B:-}" ]; then
  want_rabbitmq=0
  echo "services: LIAISON_TEST_RABBITMQ/_B given, using those brokers and starting none"
  [ -n "${LIAISON_TEST_RABBITMQ:-}" ] && [ -n "${LIAISON_TEST_RABBITMQ_B:-}" ] \
    || echo "services: warning: only one of LIAISON_TEST_RABBITMQ and LIAISON_TEST_RABBITMQ_B is set; the two-broker link tests will fail" >&2
fi
if [ -n "${LIAISON_TEST_POSTGRES:-}" ]; then
  want_postgres=0
  echo "services: LIAISON_TEST_POSTGRES given, using that server and starting none"
fi

if [ $want_rabbitmq = 1 ] || [ $want_postgres = 1 ]; then
  [ "$(id -u)" = 0 ] || fail "starting the test services needs root (it installs packages and runs the brokers as the rabbitmq user and PostgreSQL as postgres). Run as root, or provide your own services with LIAISON_TEST_RABBITMQ, LIAISON_TEST_RABBITMQ_B and LIAISON_TEST_POSTGRES."
  mkdir -p "$STATE"
  chmod 755 "$STATE"
fi

[ $want_rabbitmq = 1 ] && start_rabbitmq
[ $want_postgres = 1 ] && start_postgres

mkdir -p "$STATE"
{
  echo "# Written by scripts/services.sh; sourced by scripts/test.sh. Values given in the"
  echo "# environment win over these."
  if [ $want_rabbitmq = 1 ]; then
    echo "export LIAISON_TEST_RABBITMQ=\"\${LIAISON_TEST_RABBITMQ:-amqp://$RMQ_USER:$RMQ_PASSWORD@127.0.0.1:${NODE_PORT[laocai]}/$RMQ_VHOST}\""
    echo "export LIAISON_TEST_RABBITMQ_B=\"\${LIAISON_TEST_RABBITMQ_B:-amqp://$RMQ_USER:$RMQ_PASSWORD@127.0.0.1:${NODE_PORT[yunnan]}/$RMQ_VHOST}\""
    echo "export LIAISON_TEST_RABBITMQCTL_A=\"\${LIAISON_TEST_RABBITMQCTL_A:-${NODE_NAME[laocai]}}\""
    echo "export LIAISON_TEST_RABBITMQCTL_B=\"\${LIAISON_TEST_RABBITMQCTL_B:-${NODE_NAME[yunnan]}}\""
    echo "# rabbitmqctl learns plugin commands (shovel_status, restart_shovel) from this file."
    echo "export RABBITMQ_ENABLED_PLUGINS_FILE=\"\${RABBITMQ_ENABLED_PLUGINS_FILE:-$STATE/rabbitmq/enabled_plugins}\""
  fi
  if [ $want_postgres = 1 ]; then
    echo "export LIAISON_TEST_POSTGRES=\"\${LIAISON_TEST_POSTGRES:-Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$PG_DB}\""
  fi
} >"$STATE/env.sh.tmp"
mv "$STATE/env.sh.tmp" "$STATE/env.sh"

printf '\n--> services: ready in %s; environment in %s\n' "$(elapsed "$T0")" "$STATE/env.sh"
