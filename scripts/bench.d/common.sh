# Shared helpers of scripts/bench (sourced). Expects $RUN (state dir) to be set by the caller.
export DEBIAN_FRONTEND=noninteractive

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# ensure_packages PKG... : install what is missing without letting Debian start the packaged services
# (they would come up on 0.0.0.0 with Debian's default configs).
ensure_packages() {
  local missing=() p
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  log "installing ${missing[*]}"
  local rc=0
  { [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ] || apt-get update -q >&2; } &&
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || rc=$?
  [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
  [ $rc = 0 ] || die "apt-get install failed ($rc)"
}

# wait_port PORT [SECONDS] : until something accepts on 127.0.0.1:PORT
wait_port() {
  local port=$1 deadline=$((SECONDS + ${2:-30}))
  until (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; do
    [ $SECONDS -lt "$deadline" ] || return 1
    sleep 0.1
  done
}

# wait_log FILE PATTERN [SECONDS] : until FILE contains PATTERN
wait_log() {
  local file=$1 pattern=$2 deadline=$((SECONDS + ${3:-30}))
  until grep -q -- "$pattern" "$file" 2>/dev/null; do
    [ $SECONDS -lt "$deadline" ] || return 1
    sleep 0.1
  done
}

port_free() { ! (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

# record_started NAME KIND PIDFILE : remember how to stop what this run started (KIND: pid | ejabberd)
record_started() { echo "$1 $2 $3" >> "$RUN/started"; }

# stop_pid NAME PID : TERM, wait up to 15 s, then KILL
stop_pid() {
  local name=$1 pid=$2 i
  kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid)"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "$name did not exit, SIGKILL"
  kill -9 "$pid" 2>/dev/null || true
}

# stop_all_recorded RUN_DIR : stop, newest first, everything a run recorded in RUN_DIR/started
stop_all_recorded() {
  local dir=$1 name kind pidfile pid
  [ -s "$dir/started" ] || return 0
  while read -r name kind pidfile; do
    pid=$(cat "$pidfile" 2>/dev/null || true)
    case "$kind" in
      ejabberd) [ -n "$pid" ] && { ejabberd_ctl_in "$dir/ejabberd" stop </dev/null >/dev/null 2>&1 || true; stop_pid "$name" "$pid"; } ;;
      *) [ -n "$pid" ] && stop_pid "$name" "$pid" ;;
    esac
  done < <(tac "$dir/started")
  rm -f "$dir/started"
}

# ejabberd_ctl_in DIR ARGS... : ejabberdctl against the node whose config lives in DIR. Run as the ejabberd user
# directly: called as root, ejabberdctl switches user through su, whose PAM session drops the open-files limit
# back to 1,024 and ejabberd then refuses connections ("too many open files") long before 1,000 clients.
ejabberd_ctl_in() {
  local d=$1; shift
  HOME=/var/lib/ejabberd setpriv --reuid=ejabberd --regid=ejabberd --init-groups \
    ejabberdctl --config-dir "$d" --config "$d/ejabberd.yml" --ctl-config "$d/ejabberdctl.cfg" \
    --logs "$d/log" --spool "$d/spool" "$@"
}

secs_since() { echo "$(date +%s.%N) - $1" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "NaN"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# machine_limits DIR : what the disk and one core can do; prints Markdown
machine_limits() {
  local dir=$1 mib=256 runs=3 i t0 w=() h=()
  [ "$MODE" = smoke ] && { mib=64; runs=1; }
  mkdir -p "$dir"
  for ((i = 0; i < runs; i++)); do
    rm -f "$dir/dd.bin"; t0=$(date +%s.%N)
    dd if=/dev/zero of="$dir/dd.bin" bs=1M count=$mib conv=fdatasync status=none
    w+=("$(secs_since "$t0")")
    t0=$(date +%s.%N); sha256sum "$dir/dd.bin" >/dev/null; h+=("$(secs_since "$t0")")
  done
  rm -f "$dir/dd.bin"
  local wm hm
  wm=$(printf '%s\n' "${w[@]}" | median); hm=$(printf '%s\n' "${h[@]}" | median)
  echo "Machine limits (median of $runs): \`dd if=/dev/zero bs=1M count=$mib conv=fdatasync\` $(awk -v m=$mib -v t="$wm" 'BEGIN{printf "%.0f", m/t}') MiB/s;" \
       "\`sha256sum\` of that file from the page cache $(awk -v m=$mib -v t="$hm" 'BEGIN{printf "%.0f", m/t}') MiB/s (one core)."
}

machine_description() {
  echo "- CPU: $(nproc) × $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
  echo "- memory: $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo); kernel $(uname -r); $(. /etc/os-release; echo "$PRETTY_NAME")"
  echo "- disk under the state directory: $(df -T "$RUN" | awk 'NR==2{print $2}')"
  echo "- $(java -version 2>&1 | head -2 | tail -1)"
  echo "- packages: $(for p in prosody ejabberd nginx lua-unbound; do printf '%s %s; ' "$p" "$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null)"; done)"
  echo "- other processes using CPU at the end of the run (ps, %CPU over their lifetime): $(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1>5{printf "%s %s%%, ", $2, $1}' | sed 's/, $//')"
}

describe_services() {
  echo "- ours: \`java ${BENCH_JAVA_OPTS:--Xmx256m} -jar xmpp-sfs.jar run\` connected to the tuned Prosody as upload.localhost; slot rate limit and daily quota switched off for the benchmark (\`ratelimit.slot-requests-per-minute=0\`, \`quota.user-daily-bytes=0\`); every other setting at its default (so every upload is fsynced before its 201, and SHA-512/SHA3-256/BLAKE2b-256 are computed too: inline up to 512 KiB, in the background for larger files)."
  echo "- prosody: Prosody with \`network_default_read_size = 1048576\` (stock: 4096, which limits PUTs to a few MiB/s) and \`storage_archive_item_limit\` raised (stock: 10,000 slots in total, then every request fails); \`mod_http_file_share\` as share.prosody.test with 1 GiB size limit and daily quota 1 TiB."
  [ "$STOCK" = 1 ] && echo "- prosody-stock: the same, but with the stock read size."
  echo "- ejabberd: c2s shaper off, HTTP listener backlog 1024, \`mod_http_upload\` as share.localhost, max_size 1 GiB."
  echo "- nginx: one worker, \`sendfile on\`, WebDAV \`dav_methods PUT\` with the body buffered to a temp file on the same filesystem (no fsync)."
  echo "- All on 127.0.0.1, plaintext XMPP and HTTP/1.1; the driver is one JVM (\`-Xmx2g\`), Smack 4.4.8 with SCRAM login, JDK HttpClient."
}

# xmpp_target NAME LABEL C2S_PORT DOMAIN SERVICE PIDS OURS JVM : driver settings for one XEP-0363 service
xmpp_target() {
  local p="target.$1."
  printf '%s\n' "${p}kind = xmpp" "${p}label = $2" "${p}host = 127.0.0.1" "${p}port = $3" "${p}domain = $4" \
    "${p}user = bench" "${p}password = benchpass" "${p}service = $5" "${p}pids = $6" "${p}ours = $7" "${p}jvm = $8"
}
