#!/usr/bin/env bash
# Reproduces the figures in docs/benchmarks.md, on loopback only.
#   1. proxy overhead: the same Odoo JSON-RPC call (search_count) sent directly to the Odoo sandbox, through
#      nginx proxying it, and through the gateway's facade (authentication, rate limit, allowlist, audit, metrics);
#   2. durable webhooks: signed webhooks committed by the gateway (group commit) vs pgbench writing the same three
#      rows with one commit per request.
# Needs: target/odoo-finance-gateway.jar (./mvnw -B -q package -DskipTests), PostgreSQL on 127.0.0.1:5432 (trust),
# wrk, nginx (Debian nginx-light), pgbench, openssl, curl. Runs RUNS rounds, the targets interleaved in each round.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-20}
CONNECTIONS=${CONNECTIONS:-32}
JAR=target/odoo-finance-gateway.jar
SANDBOX_PORT=18069 NGINX_PORT=18081
export BENCH_SANDBOX_PORT=$SANDBOX_PORT BENCH_GATEWAY_PORT=18080 BENCH_MANAGEMENT_PORT=19090
export BENCH_PGDATABASE="ofg_bench_$$"
export DEMO_ODOO_PASSWORD="bench-$(openssl rand -hex 12)" BENCH_API_KEY="bench-$(openssl rand -hex 16)"
export BENCH_WEBHOOK_SECRET="bench-$(openssl rand -hex 16)"
WORK=$(mktemp -d)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && nginx -p "$WORK" -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $BENCH_PGDATABASE WITH (FORCE)" postgres >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

await_http() { # url, what
  for _ in $(seq 1 120); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "$2 did not come up" >&2; exit 1
}

psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE $BENCH_PGDATABASE" postgres
java -jar "$JAR" sandbox --port "$SANDBOX_PORT" > "$WORK/sandbox.log" 2>&1 & PIDS+=($!)
java -jar "$JAR" run --config docs/benchmarks/gateway-bench.yaml > "$WORK/gateway.log" 2>&1 & PIDS+=($!)
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK;
  proxy_temp_path $WORK;
  upstream odoo { server 127.0.0.1:$SANDBOX_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://odoo; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
nginx -p "$WORK" -c "$WORK/nginx.conf"
await_http "http://127.0.0.1:$BENCH_MANAGEMENT_PORT/health/ready" gateway

rpc() { # uid, password
  printf '{"jsonrpc":"2.0","method":"call","id":1,"params":{"service":"object","method":"execute_kw","args":["demo",%s,"%s","res.partner","search_count",[[["is_company","=",true]]]]}}' "$1" "$2"
}
DIRECT_BODY=$(rpc 6 "$DEMO_ODOO_PASSWORD")
GATEWAY_BODY=$(rpc 300001 "$BENCH_API_KEY")
export BENCH_WEBHOOK_BODY='{"type":"transfer.booked","transfer":"T-1","amount":"12.34","currency":"EUR"}'
export BENCH_WEBHOOK_SIGNATURE=$(printf '%s' "$BENCH_WEBHOOK_BODY" | openssl dgst -sha256 -hmac "$BENCH_WEBHOOK_SECRET" -hex | sed 's/^.* //')

# Sanity: every target answers the call correctly before anything is measured.
for target in "$SANDBOX_PORT:$DIRECT_BODY" "$NGINX_PORT:$DIRECT_BODY" "$BENCH_GATEWAY_PORT:$GATEWAY_BODY"; do
  answer=$(curl -sf -H 'Content-Type: application/json' -d "${target#*:}" "http://127.0.0.1:${target%%:*}/jsonrpc")
  echo "$answer" | grep -q '"result":' || { echo "bad answer on port ${target%%:*}: $answer" >&2; exit 1; }
done

to_ms() { # "1.23ms" | "456.00us" | "1.02s" -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
cpu_ticks() { # pids... -> user+system clock ticks used so far
  local total=0 pid
  for pid in "$@"; do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$total"
}
measure() { # name, pids-of-the-proxy ("" for none), url, script -> appends "name rps p50 p99 cpu-us/req" to results
  local name=$1 pids=$2 url=$3 script=$4
  local before; before=$(cpu_ticks $pids)
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$url")
  local after; after=$(cpu_ticks $pids)
  local rps p50 p99 requests cpu
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  cpu=$(awk -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", n ? t * 1e6 / hz / n : 0 }')
  echo "$name $rps $p50 $p99 $cpu" | tee -a "$WORK/results"
}
warm() { # url, script, body: runs without recording, so the JIT has compiled the hot paths
  BENCH_BODY=$3 wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$2" "$1" > /dev/null
}

SANDBOX_PID=${PIDS[0]} GATEWAY_PID=${PIDS[1]}
NGINX_PIDS=$(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')
echo "warming up (${WARMUP}s per target)"
warm "http://127.0.0.1:$SANDBOX_PORT" docs/benchmarks/jsonrpc.lua "$DIRECT_BODY"
warm "http://127.0.0.1:$NGINX_PORT" docs/benchmarks/jsonrpc.lua "$DIRECT_BODY"
warm "http://127.0.0.1:$BENCH_GATEWAY_PORT" docs/benchmarks/jsonrpc.lua "$GATEWAY_BODY"
BENCH_RUN=warm warm "http://127.0.0.1:$BENCH_GATEWAY_PORT" docs/benchmarks/webhook.lua ""

for round in $(seq 1 "$RUNS"); do
  echo "== round $round (target req/s p50-ms p99-ms proxy-cpu-us/req)"
  BENCH_BODY=$DIRECT_BODY measure direct "$SANDBOX_PID" "http://127.0.0.1:$SANDBOX_PORT" docs/benchmarks/jsonrpc.lua
  BENCH_BODY=$DIRECT_BODY measure nginx "$NGINX_PIDS" "http://127.0.0.1:$NGINX_PORT" docs/benchmarks/jsonrpc.lua
  BENCH_BODY=$GATEWAY_BODY measure gateway "$GATEWAY_PID" "http://127.0.0.1:$BENCH_GATEWAY_PORT" docs/benchmarks/jsonrpc.lua
  BENCH_RUN="r$round" measure webhook "$GATEWAY_PID" "http://127.0.0.1:$BENCH_GATEWAY_PORT" docs/benchmarks/webhook.lua
  tps=$(pgbench -h 127.0.0.1 -U postgres -n -c "$CONNECTIONS" -j 2 -T "$DURATION" -f docs/benchmarks/inbox-commit.sql \
      "$BENCH_PGDATABASE" 2>/dev/null | awk '/^tps/ { print $3 }')
  echo "pgbench $tps - - -" | tee -a "$WORK/results"
done

stored=$(psql -h 127.0.0.1 -U postgres -tA -c "SELECT count(*) FROM gateway.inbox WHERE source = 'bench'" "$BENCH_PGDATABASE")
errors=$(grep -c ' ERROR ' "$WORK/gateway.log" || true)
echo
echo "medians over $RUNS rounds ($CONNECTIONS connections, ${DURATION}s each; ms for latency)"
printf '%-8s %10s %8s %8s %12s\n' target req/s p50 p99 cpu-us/req
for name in direct nginx gateway webhook pgbench; do
  awk -v n="$name" '$1 == n { r[++c] = $2 + 0; a[c] = $3 + 0; b[c] = $4 + 0; u[c] = $5 + 0; dash = ($3 == "-") }
    function med(x, c,   i, j, t) { for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
      return c % 2 ? x[(c + 1) / 2] : (x[c / 2] + x[c / 2 + 1]) / 2 }
    END { lo = r[1]; hi = r[1]; for (i = 1; i <= c; i++) { if (r[i] < lo) lo = r[i]; if (r[i] > hi) hi = r[i] }
      if (dash) printf "%-8s %10.0f %8s %8s %12s   (req/s min %.0f max %.0f)\n", n, med(r, c), "-", "-", "-", lo, hi
      else printf "%-8s %10.0f %8.2f %8.2f %12.0f   (req/s min %.0f max %.0f)\n", n, med(r, c), med(a, c), med(b, c), med(u, c), lo, hi }' \
    "$WORK/results"
done
echo "webhook events stored by the gateway: $stored; ERROR lines in the gateway log: $errors"
