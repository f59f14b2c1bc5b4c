# ejabberd (Debian's 23.01) for scripts/bench (sourced).

# start_ejabberd C2S HTTP DIST_PORT : mod_http_upload as share.localhost, user bench@localhost
start_ejabberd() {
  local c2s=$1 http=$2 dist=$3 d=$RUN/ejabberd
  mkdir -p "$d"/{run,spool,log,upload}
  cat > "$d/ejabberd.yml" <<YML
# written by scripts/bench: loopback only, plaintext, for benchmarks
hosts: [localhost]
loglevel: warning
log_rotate_count: 0
acme: {auto: false}          # never reach out to Let's Encrypt
auth_method: internal
auth_password_format: plain
listen:
  - port: $c2s
    ip: "127.0.0.1"
    module: ejabberd_c2s
    max_stanza_size: 262144
    shaper: none              # Debian's default c2s shaper is 3,000 B/s
    access: c2s
  - port: $http
    ip: "127.0.0.1"
    module: ejabberd_http
    tls: false
    backlog: 1024             # the default backlog of 5 drops concurrent connections
    request_handlers:
      /upload: mod_http_upload
acl:
  local: {user_regexp: ""}
access_rules:
  local: {allow: local}
  c2s: {allow: all}
  register: {deny: all}
api_permissions:
  "console commands": {from: [ejabberd_ctl], who: all, what: "*"}
shaper_rules:
  max_user_sessions: 1000
  c2s_shaper: none
modules:
  mod_disco: {}
  mod_roster: {}
  mod_ping: {}
  mod_http_upload:
    host: "share.localhost"
    put_url: "http://127.0.0.1:$http/upload"
    get_url: "http://127.0.0.1:$http/upload"
    docroot: "$d/upload"
    max_size: 1073741824
    thumbnail: false
    access: local
YML
  cat > "$d/ejabberdctl.cfg" <<CFG
ERLANG_NODE=xmppsfsbench@localhost
INET_DIST_INTERFACE=127.0.0.1
ERL_DIST_PORT=$dist
ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0"
EJABBERD_PID_PATH=$d/run/ejabberd.pid
EJABBERD_BYPASS_WARNINGS=true
CFG
  cp /etc/ejabberd/inetrc "$d/inetrc"
  chmod 644 "$d"/ejabberd.yml "$d"/ejabberdctl.cfg "$d"/inetrc
  chown -R ejabberd:ejabberd "$d"/{run,spool,log,upload}
  ejabberd_ctl_in "$d" start
  wait_port "$c2s" 60 && wait_port "$http" 10 || die "ejabberd did not come up, see $d/log/ejabberd.log"
  ejabberd_ctl_in "$d" started || die "ejabberdctl started failed"
  # ejabberd removes its pid file when it stops, so keep a copy to wait on
  cp "$d/run/ejabberd.pid" "$d/run/launched.pid"
  record_started ejabberd ejabberd "$d/run/launched.pid"
  ejabberd_ctl_in "$d" register bench localhost benchpass >&2
  log "ejabberd up: c2s $c2s, http $http (pid $(ejabberd_pid))"
}

ejabberd_pid() { cat "$RUN/ejabberd/run/launched.pid"; }
