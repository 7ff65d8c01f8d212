#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, broker+controller) for development and tests.
# No Docker: the jars come from Maven Central (see pom.xml) and run with the local `java`.
#
# Usage: infra/kafka/kafka.sh start|stop|status
# Env:   KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
#        KAFKA_STATE_DIR (.cache/kafka): the broker's pid, properties, log and lock files;
#          a second broker runs beside the first with its own state dir and ports
#          (the jars stay shared in .cache/kafka/libs),
#        KAFKA_DATA_DIR ($KAFKA_STATE_DIR/data),
#        KAFKA_HEAP_OPTS ("-Xms256m -Xmx512m"), KAFKA_START_TIMEOUT (90), KAFKA_STOP_TIMEOUT (30)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
POM="$SCRIPT_DIR/pom.xml"

CACHE_DIR="$ROOT_DIR/.cache/kafka"
LIBS_DIR="$CACHE_DIR/libs"
LIBS_MARKER="$LIBS_DIR/.complete"
LIBS_LOCK_FILE="$CACHE_DIR/.libs.lock"
STATE_DIR="${KAFKA_STATE_DIR:-$CACHE_DIR}"
case "$STATE_DIR" in /*) ;; *) STATE_DIR="$PWD/$STATE_DIR" ;; esac
DATA_DIR="${KAFKA_DATA_DIR:-$STATE_DIR/data}"
case "$DATA_DIR" in /*) ;; *) DATA_DIR="$PWD/$DATA_DIR" ;; esac
LOG_FILE="$STATE_DIR/broker.log"
PID_FILE="$STATE_DIR/broker.pid"
PROPS_FILE="$STATE_DIR/server.properties"
BROKER_LOG4J="$STATE_DIR/log4j.properties"
TOOLS_LOG4J="$STATE_DIR/tools-log4j.properties"
ADMIN_PROPS="$STATE_DIR/admin.properties"
LOCK_FILE="$STATE_DIR/.lock"

HOST=127.0.0.1
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
PROBE_TOPIC="__readiness_probe"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
# Short-lived CLI tools: fast JVM startup matters more than peak performance.
TOOL_JVM_OPTS=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto
  "-Dlog4j.configuration=file:$TOOLS_LOG4J")

say() { echo "kafka: $*"; }
die() { echo "kafka: error: $*" >&2; exit 1; }
rel() { echo "${1#"$ROOT_DIR"/}"; }

# ---------------------------------------------------------------- helpers

port_open() { timeout 2 bash -c ": </dev/tcp/$HOST/$1" 2>/dev/null; }

# Is $1 a live process that is *our* broker (guards against pid reuse)?
is_our_broker() {
  local pid="$1" cmd
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmd" == *kafka.Kafka* && "$cmd" == *"$PROPS_FILE"* ]]
}

# Pid of the running broker (from the pid file, else by scanning for our exact
# server.properties path on a kafka.Kafka command line), or nothing.
broker_pid() {
  local pid=""
  [[ -f "$PID_FILE" ]] && pid="$(tr -dc '0-9' <"$PID_FILE" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && is_our_broker "$pid"; then echo "$pid"; return 0; fi
  local f
  for f in $(grep -laF -- "$PROPS_FILE" /proc/[0-9]*/cmdline 2>/dev/null || true); do
    pid="${f#/proc/}"; pid="${pid%/cmdline}"
    if is_our_broker "$pid"; then echo "$pid"; return 0; fi
  done
  return 0
}

# Port of the running broker as written in its server.properties (env may differ).
running_port() {
  local p=""
  [[ -f "$PROPS_FILE" ]] && p="$(sed -n 's#^advertised\.listeners=PLAINTEXT://[^:]*:\([0-9]*\).*#\1#p' "$PROPS_FILE")"
  echo "${p:-$PORT}"
}

lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$LOCK_FILE"
  flock -w 300 9 || die "could not get lock $(rel "$LOCK_FILE")"
}

ensure_gitignore() {
  local gi="$ROOT_DIR/.gitignore"
  if [[ -f "$gi" ]] && grep -qE '^[[:space:]]*/?\.cache(/|/\*|/\*\*)?[[:space:]]*$' "$gi"; then
    return 0
  fi
  if [[ -s "$gi" && -n "$(tail -c1 "$gi")" ]]; then echo >>"$gi"; fi
  echo ".cache/" >>"$gi"
  say "added .cache/ to .gitignore"
}

fetch_libs() {
  local want
  want="$(sha256sum "$POM" | cut -d' ' -f1)"
  if [[ -f "$LIBS_MARKER" && "$(cat "$LIBS_MARKER")" == "$want" ]]; then return 0; fi
  # Brokers with different state dirs share the jars: one download at a time.
  mkdir -p "$CACHE_DIR"
  exec 8>"$LIBS_LOCK_FILE"
  flock -w 600 8 || die "could not get lock $(rel "$LIBS_LOCK_FILE")"
  if [[ -f "$LIBS_MARKER" && "$(cat "$LIBS_MARKER")" == "$want" ]]; then exec 8>&-; return 0; fi
  command -v mvn >/dev/null || die "mvn not found (needed once to download the Kafka jars)"
  local version
  version="$(sed -n 's#.*<kafka.version>\(.*\)</kafka.version>.*#\1#p' "$POM")"
  say "downloading Kafka ${version} jars with Maven into $(rel "$LIBS_DIR") (first run only)"
  local tmp="$CACHE_DIR/libs.tmp" mvn_log="$CACHE_DIR/maven.log"
  rm -rf "$tmp"
  if ! mvn -B -q -f "$POM" dependency:copy-dependencies \
      -DoutputDirectory="$tmp" -DincludeScope=runtime >"$mvn_log" 2>&1; then
    tail -n 30 "$mvn_log" >&2
    die "Maven download failed (full output: $(rel "$mvn_log"))"
  fi
  echo "$want" >"$tmp/.complete"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  rm -f "$mvn_log"
  exec 8>&-
}

write_configs() {
  mkdir -p "$DATA_DIR"
  cat >"$PROPS_FILE" <<EOF
# Generated by infra/kafka/kafka.sh on each start - edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
auto.create.topics.enable=true
delete.topic.enable=true
group.initial.rebalance.delay.ms=0
EOF
  cat >"$BROKER_LOG4J" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$LOG_FILE
log4j.appender.file.Append=true
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.authorizer.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
EOF
  cat >"$TOOLS_LOG4J" <<EOF
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.org.apache.kafka.clients.NetworkClient=ERROR
log4j.logger.org.apache.kafka.clients.admin.internals=ERROR
EOF
  cat >"$ADMIN_PROPS" <<EOF
request.timeout.ms=5000
default.api.timeout.ms=10000
socket.connection.setup.timeout.ms=2000
socket.connection.setup.timeout.max.ms=2000
EOF
}

format_storage() {
  [[ -f "$DATA_DIR/meta.properties" ]] && return 0
  # Kafka cluster ids are 16 random bytes, URL-safe base64 without padding.
  local id=""
  while [[ -z "$id" || "$id" == -* ]]; do
    id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  say "formatting storage in $(rel "$DATA_DIR") (cluster id $id)"
  local out
  if ! out="$("$JAVA" "${TOOL_JVM_OPTS[@]}" -cp "$LIBS_DIR/*" kafka.tools.StorageTool \
      format -t "$id" -c "$PROPS_FILE" --ignore-formatted 2>&1)"; then
    echo "$out" >&2
    die "storage format failed"
  fi
}

launch_broker() {
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  rm -f "$PID_FILE"
  local -a opts
  read -r -a opts <<<"$HEAP_OPTS"
  opts+=(-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$BROKER_LOG4J" -cp "$LIBS_DIR/*")
  # New session (setsid) + nohup: survives the calling shell; the child writes
  # its own pid (then execs java, so it is the broker's pid). fd 9 (lock) closed.
  setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PID_FILE" \
    "$JAVA" "${opts[@]}" kafka.Kafka "$PROPS_FILE" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  local i
  for i in $(seq 1 50); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
  [[ -s "$PID_FILE" ]] || die "broker did not start (see $(rel "$LOG_FILE"))"
}

# Creating a topic is the real readiness check (metadata + broker registration done).
probe() {
  timeout 30 "$JAVA" "${TOOL_JVM_OPTS[@]}" -cp "$LIBS_DIR/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$HOST:$PORT" --command-config "$ADMIN_PROPS" \
    --create --if-not-exists --topic "$PROBE_TOPIC" --partitions 1 --replication-factor 1 \
    >/dev/null 2>&1
}

wait_ready() {
  local pid="$1" start=$SECONDS
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "---- last lines of $(rel "$LOG_FILE") ----" >&2
      tail -n 40 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      die "broker process exited during startup"
    fi
    if port_open "$PORT" && probe; then
      say "ready on $HOST:$PORT (pid $pid, $((SECONDS - start))s)"
      return 0
    fi
    if (( SECONDS - start >= START_TIMEOUT )); then
      echo "---- last lines of $(rel "$LOG_FILE") ----" >&2
      tail -n 40 "$LOG_FILE" >&2 || true
      die "not ready after ${START_TIMEOUT}s (broker pid $pid still running; 'kafka.sh stop' to kill it)"
    fi
    sleep 1
  done
}

# ---------------------------------------------------------------- commands

cmd_start() {
  lock
  ensure_gitignore
  command -v "$JAVA" >/dev/null || die "java not found (set JAVA_HOME or put java on PATH)"
  local pid
  pid="$(broker_pid)"
  if [[ -n "$pid" ]]; then
    local rport
    rport="$(running_port)"
    if port_open "$rport"; then
      say "already running (pid $pid) on $HOST:$rport"
      return 0
    fi
    say "broker process $pid exists but is not answering yet; waiting"
    PORT="$rport"
    wait_ready "$pid"
    return 0
  fi
  rm -f "$PID_FILE"
  if port_open "$PORT"; then die "port $HOST:$PORT is already in use by another process"; fi
  if port_open "$CONTROLLER_PORT"; then die "port $HOST:$CONTROLLER_PORT is already in use by another process"; fi

  fetch_libs
  write_configs
  format_storage
  launch_broker
  pid="$(cat "$PID_FILE")"
  say "starting broker (pid $pid, data $(rel "$DATA_DIR"), log $(rel "$LOG_FILE"))"
  wait_ready "$pid"
}

cmd_stop() {
  lock
  local pid
  pid="$(broker_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  say "stopping broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

cmd_status() {
  local pid
  pid="$(broker_pid)"
  if [[ -z "$pid" ]]; then
    echo "stopped"
    exit 3
  fi
  local rport
  rport="$(running_port)"
  if port_open "$rport"; then
    echo "running (pid $pid) on $HOST:$rport"
  else
    echo "running (pid $pid) on $HOST:$rport (starting, not answering yet)"
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $(basename "$0") start|stop|status" >&2
    exit 2
    ;;
esac
