# Prosody (Debian's 0.12) for scripts/bench (sourced).

# start_prosody NAME C2S COMPONENT_PORT HTTP READ_SIZE WITH_OURS
#   READ_SIZE empty = stock network_default_read_size; WITH_OURS=yes adds VirtualHost localhost with the
#   external component upload.localhost. Prosody's own service is share.prosody.test on VirtualHost prosody.test,
#   so each user's server advertises exactly one upload service.
start_prosody() {
  local name=$1 c2s=$2 comp=$3 http=$4 read_size=$5 with_ours=$6
  local d=$RUN/$name cfg=$RUN/$name/prosody.cfg.lua ours_host="" tuning=""
  mkdir -p "$d"/{run,data,log,certs}   # no certificates: plaintext only; the empty directory keeps the log quiet
  # Stock Prosody reads a request 4 KiB at a time with a pause between reads (a few MiB/s for uploads).
  [ -n "$read_size" ] && tuning="network_default_read_size = $read_size"
  [ "$with_ours" = yes ] && ours_host="
VirtualHost \"localhost\"
Component \"upload.localhost\"
  component_secret = \"$SECRET\""
  cat > "$cfg" <<LUA
-- written by scripts/bench: loopback only, plaintext, for benchmarks
pidfile   = "$d/run/prosody.pid"
data_path = "$d/data"
certificates = "$d/certs"
log = { { levels = { min = "info" }, to = "file", filename = "$d/log/prosody.log" } }
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { $c2s }
c2s_direct_tls_ports = { }
s2s_ports = { }
component_ports = { $comp }
component_interfaces = { "127.0.0.1" }
http_ports = { $http }
http_interfaces = { "127.0.0.1" }
https_ports = { }
http_external_url = "http://127.0.0.1:$http/"
http_default_host = "share.prosody.test"
http_max_content_size = 16 * 1024 * 1024   -- larger bodies stream to disk
c2s_require_encryption = false
s2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_hashed"
storage = "internal"
-- mod_http_file_share keeps one archive item per slot; the stock cap of 10,000 would end the benchmark early
storage_archive_item_limit = 100000000
allow_registration = false
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "posix"; "time"; "version"; "uptime" }
modules_disabled = { "s2s" }
$tuning
$ours_host

VirtualHost "prosody.test"
Component "share.prosody.test" "http_file_share"
  http_file_share_size_limit = 1024 * 1024 * 1024
  http_file_share_daily_quota = 1024 * 1024 * 1024 * 1024
  http_file_share_expires_after = 86400
LUA
  chown -R prosody:prosody "$d"/{run,data,log,certs}
  chmod 644 "$cfg"
  prosodyctl --config "$cfg" check config >/dev/null 2>&1 || { prosodyctl --config "$cfg" check config >&2; die "$name: config check failed"; }
  # Prosody refuses to run as root; setpriv execs, so $! is Prosody itself.
  setpriv --reuid=prosody --regid=prosody --init-groups prosody --config "$cfg" >>"$d/log/stdout.log" 2>&1 </dev/null &
  echo $! > "$d/run/launched.pid"
  record_started "$name" pid "$d/run/launched.pid"
  wait_port "$c2s" 30 && wait_port "$http" 10 || die "$name did not come up, see $d/log/prosody.log"
  local host
  for host in prosody.test $([ "$with_ours" = yes ] && echo localhost); do
    prosodyctl --config "$cfg" register bench "$host" benchpass >&2
  done
  cp "$d/run/launched.pid" "$d/run/prosody.pid"
  log "$name up: c2s $c2s${comp:+, component $comp}, http $http (pid $(cat "$d/run/prosody.pid"))"
}
