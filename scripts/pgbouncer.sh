#!/usr/bin/env bash
# A PgBouncer in transaction mode for a test pass (.ci/run): `scripts/pgbouncer.sh start PORT UPSTREAM_PORT DIR`
# writes DIR/pgbouncer.ini (every database name passed through to 127.0.0.1:UPSTREAM_PORT, trust
# auth for postgres, statement_timeout set on each server connection as a deployment would) and
# starts it in the background; `scripts/pgbouncer.sh stop DIR` stops it. Needs Debian's pgbouncer.
set -euo pipefail
cmd="$1"
if [ "$cmd" = stop ]; then
  dir="$2"
  [ -f "$dir/pgbouncer.pid" ] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
  exit 0
fi
port="$2" upstream="$3" dir="$4"
mkdir -p "$dir"
printf '"postgres" ""\n' >"$dir/userlist.txt"
cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$upstream connect_query='set statement_timeout = 5000'
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = 10
max_client_conn = 2000
server_idle_timeout = 10
autodb_idle_timeout = 30
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
# PgBouncer refuses to run as root.
if [ "$(id -u)" = 0 ]; then
  chown -R postgres "$dir"
  runuser -u postgres -- pgbouncer -d "$dir/pgbouncer.ini"
else
  pgbouncer -d "$dir/pgbouncer.ini"
fi
for _ in $(seq 1 50); do pg_isready -h 127.0.0.1 -p "$port" -q && exit 0; sleep 0.1; done
echo "pgbouncer did not start on $port" >&2
cat "$dir/pgbouncer.log" >&2 || true
exit 1
