# nginx for scripts/bench (sourced): static GET with sendfile and WebDAV PUT, the raw-HTTP ceiling.

start_nginx() {
  local port=$1 d=$RUN/nginx
  mkdir -p "$d"/{run,log,tmp,www/dav}
  cat > "$d/nginx.conf" <<CONF
# written by scripts/bench
worker_processes 1;
pid $d/run/nginx.pid;
error_log $d/log/error.log;
user www-data;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $d/tmp;   # same filesystem as the root, so a finished PUT is a rename
  proxy_temp_path $d/tmp; fastcgi_temp_path $d/tmp; uwsgi_temp_path $d/tmp; scgi_temp_path $d/tmp;
  server {
    listen 127.0.0.1:$port backlog=1024;
    root $d/www;
    location /dav/ {
      dav_methods PUT DELETE;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
      client_max_body_size 0;
      client_body_buffer_size 1m;
    }
  }
}
CONF
  chown -R www-data:www-data "$d"/{tmp,www}
  nginx -t -c "$d/nginx.conf" -p "$d" >/dev/null 2>&1 || { nginx -t -c "$d/nginx.conf" -p "$d" >&2; die "bad nginx config"; }
  nginx -c "$d/nginx.conf" -p "$d" -g 'daemon off;' </dev/null >>"$d/log/stdout.log" 2>&1 &
  echo $! > "$d/run/launched.pid"
  record_started nginx pid "$d/run/launched.pid"
  wait_port "$port" 10 || die "nginx did not start, see $d/log/error.log"
  log "nginx up: http $port (pid $(cat "$d/run/launched.pid"))"
}

# master and worker, comma-separated
nginx_pids() {
  local master; master=$(cat "$RUN/nginx/run/launched.pid")
  { echo "$master"; ps --ppid "$master" -o pid= ; } | tr -d ' ' | paste -sd,
}
