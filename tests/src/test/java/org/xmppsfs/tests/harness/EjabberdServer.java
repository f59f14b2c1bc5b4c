package org.xmppsfs.tests.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * ejabberd 23.01 on loopback, driven by {@code ejabberdctl} with its own config, spool and log directories and an
 * Erlang node name unique to this run (distribution on a free loopback port, no epmd). Debian's defaults that
 * would get in the way are overridden: no c2s shaper, no ACME, listeners on 127.0.0.1 only.
 */
public final class EjabberdServer implements XmppServer {

    private final Path dir;
    private final int c2s = Processes.freePort();
    private final int component = Processes.freePort();
    private final int distribution = Processes.freePort();
    /** ejabberd routes every host of an ejabberd_service listener to whichever connection authenticated: one listener each. */
    private final int secondComponent = Processes.freePort();
    private final String node = "sfs" + Long.toHexString(System.nanoTime()) + "@localhost";
    private boolean running;

    public EjabberdServer(Path parent) throws IOException {
        this.dir = Files.createDirectories(parent.resolve("ejabberd-" + Long.toHexString(System.nanoTime())));
    }

    @Override
    public String name() {
        return "ejabberd";
    }

    @Override
    public int c2sPort() {
        return c2s;
    }

    @Override
    public int componentPort() {
        return component;
    }

    @Override
    public int secondComponentPort() {
        return secondComponent;
    }

    @Override
    public Path directory() {
        return dir;
    }

    private void writeConfig() throws IOException {
        for (String sub : List.of("spool", "log", "run")) {
            Files.createDirectories(dir.resolve(sub));
        }
        String yml = """
                # written by the xmpp-sfs end-to-end test harness; loopback only
                hosts:
                  - %1$s
                loglevel: info
                log_rotate_count: 0
                acme:
                  auto: false
                auth_method: internal
                auth_password_format: plain
                listen:
                  -
                    port: %2$d
                    ip: "127.0.0.1"
                    module: ejabberd_c2s
                    shaper: none
                    access: c2s
                    starttls: false
                  -
                    port: %3$d
                    ip: "127.0.0.1"
                    module: ejabberd_service
                    hosts:
                      %4$s:
                        password: "%5$s"
                  -
                    port: %8$d
                    ip: "127.0.0.1"
                    module: ejabberd_service
                    hosts:
                      %7$s:
                        password: "%5$s"
                acl:
                  local:
                    user_regexp: ""
                access_rules:
                  local:
                    allow: local
                  c2s:
                    allow: all
                  register:
                    deny: all
                api_permissions:
                  "console commands":
                    from: [ejabberd_ctl]
                    who: all
                    what: "*"
                shaper_rules:
                  max_user_sessions: 1000
                  c2s_shaper: none
                modules:
                  mod_disco: {}
                  mod_roster: {}
                  mod_ping: {}
                  mod_mam: {}
                  mod_muc:
                    host: "%6$s"
                    access_create: all
                    default_room_options:
                      mam: true
                """.formatted(domain(), c2s, component, componentDomain(), componentSecret(), mucDomain(),
                secondComponentDomain(), secondComponent);
        Files.writeString(dir.resolve("ejabberd.yml"), yml, StandardCharsets.UTF_8);
        String ctl = """
                ERLANG_NODE=%1$s
                INET_DIST_INTERFACE=127.0.0.1
                ERL_DIST_PORT=%2$d
                ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0"
                EJABBERD_PID_PATH=%3$s/run/ejabberd.pid
                EJABBERD_BYPASS_WARNINGS=true
                """.formatted(node, distribution, dir);
        Files.writeString(dir.resolve("ejabberdctl.cfg"), ctl, StandardCharsets.UTF_8);
        Path inetrc = Path.of("/etc/ejabberd/inetrc");
        if (Files.exists(inetrc)) {
            Files.copy(inetrc, dir.resolve("inetrc"));
        }
    }

    private String[] ctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Processes.requireBinary("ejabberdctl").toString(),
                "--config-dir", dir.toString(), "--config", dir.resolve("ejabberd.yml").toString(),
                "--ctl-config", dir.resolve("ejabberdctl.cfg").toString(),
                "--logs", dir.resolve("log").toString(), "--spool", dir.resolve("spool").toString()));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    @Override
    public synchronized void start() throws Exception {
        Processes.requireBinary("ejabberdctl");
        boolean first = !Files.exists(dir.resolve("ejabberd.yml"));
        if (first) {
            writeConfig();
            Processes.chown(dir, "ejabberd");
        }
        Path log = dir.resolve("harness.log");
        Processes.run(Duration.ofSeconds(60), log, ctl("start"));
        running = true;
        if (!Processes.waitForPort(c2s, Duration.ofSeconds(60)) || !Processes.waitForPort(component, Duration.ofSeconds(10))) {
            String tail = logTail();
            stop();
            throw new IllegalStateException("ejabberd did not open its ports; log:\n" + tail);
        }
        Processes.run(Duration.ofSeconds(60), log, ctl("started"));
        if (first) {
            for (String user : List.of("alice", "bob")) {
                Processes.run(Duration.ofSeconds(30), log, ctl("register", user, domain(), user + "pass"));
            }
        }
    }

    @Override
    public Optional<ProcessHandle> process() {
        return running ? pid() : Optional.empty();
    }

    private Optional<ProcessHandle> pid() {
        try {
            String text = Files.readString(dir.resolve("run/ejabberd.pid")).trim();
            return ProcessHandle.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        Optional<ProcessHandle> pid = pid(); // ejabberd deletes its pid file while stopping: read it first
        try {
            Processes.run(Duration.ofSeconds(60), dir.resolve("harness.log"), ctl("stop"));
        } catch (IOException | InterruptedException e) {
            pid.ifPresent(ProcessHandle::destroy);
        }
        pid.ifPresent(p -> {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
        try {
            Processes.waitForPortClosed(c2s, Duration.ofSeconds(20));
            Processes.waitForPortClosed(distribution, Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String logTail() {
        return Processes.tail(dir.resolve("log/ejabberd.log"), 40) + "\n" + Processes.tail(dir.resolve("log/error.log"), 20)
                + "\n" + Processes.tail(dir.resolve("harness.log"), 20);
    }
}
