#!/usr/bin/env bash
# A throwaway PostgreSQL cluster and Redis server for the queue-mode e2e, on 127.0.0.1 only.
#   PG_PORT=… REDIS_PORT=… bash services.sh start   -> KEY=VALUE lines on stdout (PG_DIR, versions, …)
#   PG_DIR=… bash services.sh stop                  -> stops both, deletes PG_DIR
# Needs the Debian packages postgresql and redis-server (.ci/run installs them). The packages' own
# services are not used. initdb and postgres refuse to run as root, so as root the cluster runs as
# the "postgres" user, in a folder under TMPDIR (the run folder may sit in /root, which that user
# cannot enter). Logs are copied to LOG_DIR when given.
set -euo pipefail
log() { echo "[services] $*" >&2; }

PG_USER=n8n
PG_DB=n8n
# Only reachable from loopback, and the cluster is deleted at the end.
PG_PASSWORD=n8n-queue-e2e

pg_bin() {
	local dir
	dir=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
	if [ -z "$dir" ] || [ ! -x "$dir/postgres" ]; then
		log "PostgreSQL is not installed: apt-get install postgresql"
		exit 1
	fi
	echo "$dir"
}

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
	: "${PG_PORT:?PG_PORT}" "${REDIS_PORT:?REDIS_PORT}"
	command -v redis-server > /dev/null || { log "Redis is not installed: apt-get install redis-server"; exit 1; }
	local bin
	bin=$(pg_bin)
	PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/n8n-nodes-instaview-queue.XXXXXX")
	chmod 755 "$PG_DIR"
	mkdir -p "$PG_DIR/data" "$PG_DIR/socket"
	chmod 700 "$PG_DIR/data"
	touch "$PG_DIR/postgres.log"
	[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$PG_DIR/data" "$PG_DIR/socket" "$PG_DIR/postgres.log"
	echo "PG_DIR=$PG_DIR"

	# --no-sync, fsync=off, synchronous_commit=off: a cluster that lives for one test run
	as_pg "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
		--no-sync -E UTF8 --locale=C.UTF-8 > "$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
	as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start \
		-o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off" > /dev/null
	local psql=("$bin/psql" -h "$PG_DIR/socket" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt)
	as_pg "${psql[@]}" -c "create user $PG_USER with password '$PG_PASSWORD'" > /dev/null
	as_pg "${psql[@]}" -c "create database $PG_DB owner $PG_USER" > /dev/null

	# no persistence: the queue only has to live as long as the run
	redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
		--pidfile "$PG_DIR/redis.pid" --logfile "$PG_DIR/redis.log" --dir "$PG_DIR" > /dev/null
	for _ in $(seq 1 100); do
		[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2> /dev/null)" = PONG ] && break
		sleep 0.1
	done
	[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping)" = PONG ]

	echo "PG_BIN=$bin"
	echo "PG_USER=$PG_USER"
	echo "PG_DB=$PG_DB"
	echo "PG_PASSWORD=$PG_PASSWORD"
	echo "POSTGRES_VERSION=$("$bin/postgres" --version)"
	echo "REDIS_VERSION=$(redis-server --version | sed 's/ sha=.*//')"
}

stop() {
	: "${PG_DIR:?PG_DIR}"
	[ -d "$PG_DIR" ] || return 0
	if [ -f "$PG_DIR/redis.pid" ]; then
		local pid
		pid=$(cat "$PG_DIR/redis.pid")
		kill "$pid" 2> /dev/null || true
		for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
	fi
	if [ -f "$PG_DIR/data/postmaster.pid" ]; then
		as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop > /dev/null || true
	fi
	if [ -n "${LOG_DIR:-}" ]; then
		cp "$PG_DIR/postgres.log" "$PG_DIR/redis.log" "$LOG_DIR/" 2> /dev/null || true
	fi
	rm -rf "$PG_DIR"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*)
	echo "usage: $0 start|stop" >&2
	exit 2
	;;
esac
