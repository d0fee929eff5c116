#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the test suite (sourced by .ci/run).
#
# Installs Debian's postgresql when its binaries are missing, creates a cluster in a
# temporary folder, starts it on a free local port with trust authentication, creates
# the database `wardesk_test`, and exports WARDESK_TEST_POSTGRES=postgresql://… for the
# PostgreSQL tests. The server is stopped and its folder removed when the shell exits.

wardesk_pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

wardesk_pg_as_owner() {
    # initdb and postgres refuse to run as root: run them as the postgres user then.
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

wardesk_pg_start() {
    if [ -z "$(wardesk_pg_bin)" ]; then
        apt-get update && apt-get install -y postgresql
    fi
    local bin dir port
    bin="$(wardesk_pg_bin)"
    dir="$(mktemp -d /tmp/wardesk-pg.XXXXXX)"
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    wardesk_pg_as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >/dev/null
    wardesk_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    wardesk_pg_as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres wardesk_test
    WARDESK_PG_DIR="$dir"
    WARDESK_PG_CTL="$bin/pg_ctl"
    export WARDESK_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/wardesk_test"
    echo "PostgreSQL for the tests: $WARDESK_TEST_POSTGRES"
}

wardesk_pg_stop() {
    if [ -n "${WARDESK_PG_DIR:-}" ]; then
        wardesk_pg_as_owner "$WARDESK_PG_CTL" -D "$WARDESK_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
        rm -rf "$WARDESK_PG_DIR"
    fi
}
