#!/usr/bin/env bash
# A throwaway open-source Unleash server for the contract tests: npm unleash-server 8.2.x on a throwaway
# PostgreSQL 15 cluster, both listening on 127.0.0.1 only, with an admin API token made up at start.
#
#   eval "$(scripts/unleash-server.sh start)"   # installs what is missing, starts, waits until healthy, and
#                                               # prints UNLEASH_URL=, UNLEASH_TOKEN=, UNLEASH_WORKDIR= lines
#   scripts/unleash-server.sh env               # prints the same lines again for the running server
#   scripts/unleash-server.sh stop [WORKDIR]    # stops what start started (by PID) and deletes its WORKDIR
#
# stdout carries only the lines for eval; progress, timings and logs go to stderr. stop without an argument
# uses $UNLEASH_WORKDIR, then the server this script started last.
#
# Knobs (environment):
#   UNLEASH_SERVER_VERSION      npm version range, default 8.2.x (the version the OpenAPI document in shared/ is from)
#   UNLEASH_CACHE_DIR           where npm installs go, default <repo>/.cache/unleash (reused: a warm start skips npm)
#   UNLEASH_USER_CREATE_LIMIT   CREATE_USER_RATE_LIMIT_PER_MINUTE, default 100000 so repeated test runs are not
#                               throttled (the server default is 20; set 20 to test the client's pacing for real)
#   UNLEASH_EXTRA_ENV           extra "K=V K2=V2" for the server, e.g. UNLEASH_EXPERIMENTAL_SECURE_TOKEN=true
#   PG_BIN                      PostgreSQL binaries, default /usr/lib/postgresql/15/bin
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=${UNLEASH_SERVER_VERSION:-8.2.x}
cache=${UNLEASH_CACHE_DIR:-$repo/.cache/unleash}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
last_file=$cache/last-workdir

log() { printf 'unleash-server: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

# PostgreSQL refuses to run as root, so as root its commands run as the postgres user.
as_pg() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# ---- installing what is missing ----------------------------------------------------------------------------

apt_install() {
  [[ $(id -u) == 0 ]] || die "$* missing and not root: install it (apt-get install $*) and try again"
  # apt-get update only when the package lists do not know the package yet (a fresh machine); it is slow.
  if ! apt-cache show "$1" >/dev/null 2>&1; then
    log "apt-get update"
    apt-get update -qq >&2
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

ensure_postgres() {
  [[ -x $pg_bin/initdb && -x $pg_bin/pg_ctl && -x $pg_bin/psql ]] && return
  # The Debian package would create and start a "main" cluster on port 5432 that nobody asked for: install
  # postgresql-common first and switch that off, so the only cluster is the throwaway one below.
  apt_install postgresql-common
  if [[ -f /etc/postgresql-common/createcluster.conf ]] &&
     ! grep -q '^create_main_cluster *= *false' /etc/postgresql-common/createcluster.conf; then
    echo 'create_main_cluster = false' >>/etc/postgresql-common/createcluster.conf
  fi
  apt_install postgresql-15
  [[ -x $pg_bin/initdb ]] || die "PostgreSQL 15 installed, but $pg_bin/initdb is missing"
}

ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return
  apt_install nodejs npm
}

# npm_dir prints the install directory of this version, installing it first when needed. The install goes to
# a temporary directory that is renamed when complete, under a lock, so a killed or concurrent start never
# leaves a half-installed tree behind for the next one to trust.
npm_dir() {
  local dir=$cache/npm-$version
  if [[ ! -f $dir/node_modules/unleash-server/dist/server.js ]]; then
    mkdir -p "$cache"
    exec 9>"$cache/.install.lock"
    flock 9
    if [[ ! -f $dir/node_modules/unleash-server/dist/server.js ]]; then
      local t0 tmp
      t0=$(now)
      tmp=$(mktemp -d "$cache/.install.XXXXXX")
      log "npm install unleash-server@$version into $dir (first run only)"
      # A package.json of our own keeps npm from searching parent directories for one (the repo has none).
      printf '{"name": "unleash-server-cache", "private": true}\n' >"$tmp/package.json"
      # --ignore-scripts: no package needs its install scripts to run the server, and they would fetch more.
      if ! (cd "$tmp" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
              "unleash-server@$version" >"$tmp.log" 2>&1); then
        tail -n 30 "$tmp.log" >&2 || true
        rm -rf "$tmp" "$tmp.log"
        die "npm install unleash-server@$version failed"
      fi
      rm -rf "$dir" "$tmp.log"
      mv "$tmp" "$dir"
      log "npm install took $(elapsed "$t0")"
    fi
    flock -u 9
    exec 9>&-
  fi
  printf '%s\n' "$dir"
}

# ---- start ---------------------------------------------------------------------------------------------------

# free_port picks a random port on 127.0.0.1 that nothing answers on (a connect attempt fails). It stays below
# the kernel's ephemeral range (ip_local_port_range, 32768 and up here), where every outgoing connection and
# every test server on port 0 takes its port, so nothing else grabs it between this check and the bind.
free_port() {
  local port low
  low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  (( low > 21000 )) || low=32768
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % (low - 20000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return
    fi
  done
  die "no free port found on 127.0.0.1"
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

print_env() {
  local work=$1
  [[ -f $work/state.env ]] || die "no running server in ${work:-?} (start one with: $0 start)"
  cat "$work/state.env"
  echo "export UNLEASH_URL UNLEASH_TOKEN UNLEASH_WORKDIR"
}

start() {
  local t0 work pg_port port token npm
  t0=$(now)
  ensure_postgres
  ensure_node
  npm=$(npm_dir)
  local t_install; t_install=$(now)

  work=$(mktemp -d "${TMPDIR:-/tmp}/unleash-server.XXXXXX")
  chmod 755 "$work"
  # From here on, any failure (or Ctrl-C) stops whatever was started and removes the work directory.
  # shellcheck disable=SC2064 # expand $work now: the trap may run after start's locals are gone
  trap "log 'start failed; cleaning up'; stop '$work' >/dev/null 2>&1 || true" EXIT
  mkdir -p "$work/pg"
  [[ $(id -u) == 0 ]] && chown postgres:postgres "$work/pg"
  pg_port=$(free_port)

  # PostgreSQL: trust auth is fine for a cluster that only listens on 127.0.0.1 and lives for one test run;
  # the unix socket stays inside the work directory so it never clashes with a system cluster.
  as_pg "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 ||
    { cat "$work/initdb.log" >&2; die "initdb failed"; }
  as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $work/pg" start >/dev/null ||
    { tail -n 30 "$work/pg/postgres.log" >&2 || true; die "PostgreSQL did not start"; }
  head -n 1 "$work/pg/data/postmaster.pid" >"$work/postgres.pid"
  as_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q \
    -c "create user unleash password 'unleash'" -c "create database unleash owner unleash" >&2
  local t_pg; t_pg=$(now)

  # Unleash. INIT_ADMIN_API_TOKENS seeds the admin API token; the random part makes it useless outside this
  # run. No version check or telemetry: nothing leaves the machine. `exec` makes the background job become
  # node itself, so $! is node's PID and stop can signal exactly it.
  token="*:*.$(random_hex 24)"
  local -a extra=()
  [[ -n ${UNLEASH_EXTRA_ENV:-} ]] && read -r -a extra <<<"$UNLEASH_EXTRA_ENV"
  local healthy="" attempt
  # A port can still be taken between the check and the bind; then another port is tried.
  for attempt in 1 2 3; do
    port=$(free_port)
    (cd "$npm" && exec env TZ=UTC \
      DATABASE_URL="postgres://unleash:unleash@127.0.0.1:$pg_port/unleash" DATABASE_SSL=false \
      HTTP_HOST=127.0.0.1 HTTP_PORT="$port" UNLEASH_URL="http://127.0.0.1:$port" \
      INIT_ADMIN_API_TOKENS="$token" \
      CHECK_VERSION=false SEND_TELEMETRY=false UNLEASH_VERSION_URL=http://127.0.0.1:9/ \
      CREATE_USER_RATE_LIMIT_PER_MINUTE="${UNLEASH_USER_CREATE_LIMIT:-100000}" \
      SIMPLE_LOGIN_LIMIT_PER_MINUTE=100000 LOG_LEVEL=warn "${extra[@]}" \
      node node_modules/unleash-server/dist/server.js) >"$work/unleash.log" 2>&1 </dev/null &
    echo $! >"$work/unleash.pid"

    for _ in $(seq 1 360); do
      if curl -sf -o /dev/null "http://127.0.0.1:$port/health"; then healthy=1; break; fi
      kill -0 "$(cat "$work/unleash.pid")" 2>/dev/null || break # node exited: no point in waiting
      sleep 0.25
    done
    [[ -n $healthy ]] && break
    grep -q EADDRINUSE "$work/unleash.log" || break
    log "port $port was taken before Unleash could bind it (attempt $attempt); trying another"
    kill "$(cat "$work/unleash.pid")" 2>/dev/null || true
  done
  if [[ -z $healthy ]]; then
    log "Unleash did not become healthy; last log lines:"
    tail -n 30 "$work/unleash.log" >&2 || true
    exit 1
  fi

  cat >"$work/state.env" <<EOF
UNLEASH_URL=http://127.0.0.1:$port
UNLEASH_TOKEN='$token'
UNLEASH_WORKDIR=$work
EOF
  mkdir -p "$cache"
  printf '%s\n' "$work" >"$last_file"
  trap - EXIT
  log "ready at http://127.0.0.1:$port (install $(awk -v a="$t0" -v b="$t_install" 'BEGIN{printf "%.1fs", b-a}'), postgres $(awk -v a="$t_install" -v b="$t_pg" 'BEGIN{printf "%.1fs", b-a}'), unleash boot $(elapsed "$t_pg"), total $(elapsed "$t0"))"
  print_env "$work"
}

# ---- stop ----------------------------------------------------------------------------------------------------

# stop_pid sends TERM to pid, waits up to 10 s, then KILL. It only signals a process whose command line
# contains want, so a stale PID file never kills an unrelated process that reused the number.
stop_pid() {
  local pid=$1 want=$2
  [[ -n $pid ]] && grep -qa -- "$want" "/proc/$pid/cmdline" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -9 "$pid" 2>/dev/null || true
}

stop() {
  local work=${1:-${UNLEASH_WORKDIR:-}}
  if [[ -z $work && -f $last_file ]]; then work=$(cat "$last_file"); fi
  [[ -n $work ]] || die "nothing to stop: no WORKDIR given, UNLEASH_WORKDIR unset, no server started before"
  # Refuse anything that is not one of our work directories: stop ends with rm -rf.
  [[ $(basename "$work") == unleash-server.* && -d $work ]] || { log "no work directory at $work; nothing to stop"; return 0; }

  [[ -f $work/unleash.pid ]] && stop_pid "$(cat "$work/unleash.pid")" unleash-server/dist/server.js
  if [[ -f $work/postgres.pid ]]; then
    # pg_ctl's fast stop signals the postmaster named in its own PID file, then waits for it to exit.
    as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      stop_pid "$(cat "$work/postgres.pid")" postgres
  fi
  rm -rf "$work"
  if [[ -f $last_file && $(cat "$last_file") == "$work" ]]; then rm -f "$last_file"; fi
  log "stopped $work"
}

env_cmd() {
  local work=${UNLEASH_WORKDIR:-}
  if [[ -z $work && -f $last_file ]]; then work=$(cat "$last_file"); fi
  local pid=""
  [[ -n $work && -f $work/unleash.pid ]] && pid=$(cat "$work/unleash.pid")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || die "no running server in ${work:-?} (start one with: $0 start)"
  print_env "$work"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  env) env_cmd ;;
  *) echo "usage: $0 start | stop [WORKDIR] | env" >&2; exit 2 ;;
esac
