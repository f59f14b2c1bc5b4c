# xmpp-sfs for scripts/bench (sourced): the component jar, connected to the tuned Prosody.

# start_ours COMPONENT_PORT HTTP_PORT MAX_FILE_SIZE : sets OURS_PID; returns 1 if it cannot be run
start_ours() {
  local comp=$1 http=$2 max=$3 d=$RUN/ours jar=$REPO/component/target/xmpp-sfs.jar
  mkdir -p "$d/data"
  if [ ! -s "$jar" ]; then
    log "building the component jar"
    (cd "$REPO" && mvn -B -q -o -pl component -am -DskipTests package) >&2 || { log "component build failed"; return 1; }
  fi
  # a private copy: the jar under component/target may be rebuilt while the benchmark runs
  cp "$jar" "$d/xmpp-sfs.jar"
  java -jar "$d/xmpp-sfs.jar" --help >/dev/null 2>&1 || { log "xmpp-sfs.jar does not run"; return 1; }
  local extra=() kv
  for kv in ${BENCH_OURS_SET:-}; do extra+=(--set "$kv"); done
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:--Xmx256m} -Xlog:gc:file="$d/gc.log" -jar "$d/xmpp-sfs.jar" run \
    --xmpp-host 127.0.0.1 --xmpp-port "$comp" --domain upload.localhost --secret "$SECRET" \
    --http-port "$http" --public-url "http://127.0.0.1:$http" --data-dir "$d/data" --max-file-size "$max" \
    --set http.bind=127.0.0.1 --set ratelimit.slot-requests-per-minute=0 --set quota.user-daily-bytes=0 "${extra[@]}" \
    >>"$d/stdout.log" 2>&1 </dev/null &
  echo $! > "$d/launched.pid"
  record_started ours pid "$d/launched.pid"
  if ! wait_port "$http" 60 || ! wait_log "$d/stdout.log" "event=xmpp-connected" 60; then
    log "our component did not come up, see $d/stdout.log:"; tail -20 "$d/stdout.log" >&2
    stop_pid ours "$(cat "$d/launched.pid")"
    return 1
  fi
  OURS_PID=$(cat "$d/launched.pid")
  log "ours up: http $http (pid $OURS_PID)"
}
