package org.xmppsfs.tests.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prosody 0.12 on loopback, configured in its own directory: c2s without TLS requirement (tests only), the
 * component port, a MUC service with MAM (rooms stamp XEP-0359 stanza-ids), users alice and bob.
 *
 * <p>Prosody refuses to run as root, so when the tests run as root it is started as the {@code prosody} user via
 * {@code setpriv}; the directory is given to that user.
 */
public final class ProsodyServer implements XmppServer {

    private final Path dir;
    private final int c2s = Processes.freePort();
    private final int component = Processes.freePort();
    private Process process;

    public ProsodyServer(Path parent) throws IOException {
        this.dir = Files.createDirectories(parent.resolve("prosody-" + Long.toHexString(System.nanoTime())));
    }

    @Override
    public String name() {
        return "prosody";
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
    public Path directory() {
        return dir;
    }

    private Path config() {
        return dir.resolve("prosody.cfg.lua");
    }

    private void writeConfig() throws IOException {
        for (String sub : List.of("data", "log", "run")) {
            Files.createDirectories(dir.resolve(sub));
        }
        String cfg = """
                -- written by the xmpp-sfs end-to-end test harness; loopback only
                pidfile = "%1$s/run/prosody.pid"
                data_path = "%1$s/data"
                log = { { levels = { min = "info" }, to = "file", filename = "%1$s/log/prosody.log" } }
                interfaces = { "127.0.0.1" }
                local_interfaces = { "127.0.0.1" }
                c2s_ports = { %2$d }
                c2s_direct_tls_ports = { }
                s2s_ports = { }
                component_ports = { %3$d }
                component_interfaces = { "127.0.0.1" }
                http_ports = { }
                https_ports = { }
                -- tests only: plaintext c2s on loopback
                c2s_require_encryption = false
                s2s_require_encryption = false
                allow_unencrypted_plain_auth = true
                authentication = "internal_hashed"
                storage = "internal"
                allow_registration = false
                modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "posix"; "carbons"; "private" }
                modules_disabled = { "s2s"; "tls" }

                VirtualHost "%4$s"

                Component "%5$s"
                  component_secret = "%6$s"

                Component "%8$s"
                  component_secret = "%6$s"

                Component "%7$s" "muc"
                  modules_enabled = { "muc_mam" }
                  restrict_room_creation = false
                """.formatted(dir, c2s, component, domain(), componentDomain(), componentSecret(), mucDomain(),
                secondComponentDomain());
        Files.writeString(config(), cfg, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void start() throws Exception {
        Path prosody = Processes.requireBinary("prosody");
        Processes.requireBinary("prosodyctl");
        boolean first = !Files.exists(config());
        if (first) {
            writeConfig();
            Processes.chown(dir, "prosody");
        }
        ProcessBuilder pb = new ProcessBuilder(Processes.as("prosody", prosody.toString(), "--config", config().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
        process = pb.start();
        if (!Processes.waitForPort(c2s, Duration.ofSeconds(30)) || !Processes.waitForPort(component, Duration.ofSeconds(10))) {
            String log = logTail();
            stop();
            throw new IllegalStateException("prosody did not open its ports; log:\n" + log);
        }
        if (first) {
            for (String user : List.of("alice", "bob")) {
                Processes.run(Duration.ofSeconds(30), dir.resolve("harness.log"), Processes.as("prosody", "prosodyctl", "--config",
                        config().toString(), "register", user, domain(), user + "pass").toArray(String[]::new));
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: Prosody closes streams with <system-shutdown/>
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Processes.waitForPortClosed(c2s, Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public synchronized java.util.Optional<ProcessHandle> process() {
        return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
    }

    @Override
    public String logTail() {
        return Processes.tail(dir.resolve("log/prosody.log"), 40) + "\n" + Processes.tail(dir.resolve("stdout.log"), 20);
    }
}
