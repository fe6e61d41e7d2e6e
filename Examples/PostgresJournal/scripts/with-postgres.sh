#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster, then stops the cluster and deletes it.
#
#   Examples/PostgresJournal/scripts/with-postgres.sh swift test --package-path Examples/PostgresJournal
#
# The cluster lives in a temporary directory, listens on 127.0.0.1 only (port 54329, or
# $ACCORD_POSTGRES_PORT), trusts local logins and has a role and database `accord`. The command
# runs with ACCORD_POSTGRES_URL set to it and PostgreSQL's programs (pg_dump, psql) on PATH; its
# exit status is the script's. initdb refuses to run as root, so as root the cluster runs as the
# user `nobody` (or $ACCORD_POSTGRES_OS_USER).
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGUMENTS...]" >&2
    exit 2
fi

port="${ACCORD_POSTGRES_PORT:-54329}"

# PostgreSQL's server programs: from PATH, else the newest Debian/Ubuntu install.
if command -v initdb > /dev/null 2>&1 && command -v pg_ctl > /dev/null 2>&1; then
    pg_bin="$(dirname "$(readlink -f "$(command -v initdb)")")"
else
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)"
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "with-postgres.sh: PostgreSQL's initdb was not found; install it (Debian: apt-get install postgresql)" >&2
    exit 1
fi

as_cluster_user=()
if [ "$(id -u)" -eq 0 ]; then
    as_cluster_user=(runuser -u "${ACCORD_POSTGRES_OS_USER:-nobody}" --)
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/accord-postgres.XXXXXX")"
chmod 700 "$dir"
if [ "${#as_cluster_user[@]}" -gt 0 ]; then
    chown "${ACCORD_POSTGRES_OS_USER:-nobody}" "$dir"
fi

started=0
cleanup() {
    local status=$?
    if [ "$started" -eq 1 ]; then
        "${as_cluster_user[@]}" "$pg_bin/pg_ctl" stop -D "$dir/data" -m fast -s > /dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    exit "$status"
}
trap cleanup EXIT INT TERM

"${as_cluster_user[@]}" "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    > "$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
}
started=1
"${as_cluster_user[@]}" "$pg_bin/pg_ctl" start -D "$dir/data" -w -s -l "$dir/postgres.log" \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c max_connections=200" || {
    cat "$dir/postgres.log" >&2
    exit 1
}
"$pg_bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE accord LOGIN PASSWORD 'accord'" -c "CREATE DATABASE accord OWNER accord"

export ACCORD_POSTGRES_URL="postgres://accord:accord@127.0.0.1:$port/accord?sslmode=disable"
export PATH="$pg_bin:$PATH"
echo "with-postgres.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)" >&2
"$@"
