package org.xmppsfs.tests.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers to run server binaries: free ports, commands with a timeout, waiting for a port, privilege dropping. */
public final class Processes {
    private Processes() {}

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The absolute path of a binary on the usual paths, or a failure telling how to install it. */
    public static Path requireBinary(String name) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/bin", "/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(name + " is not installed; the end-to-end tests need real servers: "
                + "apt-get install prosody lua-unbound ejabberd");
    }

    /** Runs a command to completion; fails with its output when it exits non-zero or takes too long. */
    public static String run(Duration timeout, Path logFile, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        long before = Files.exists(logFile) ? Files.size(logFile) : 0;
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
        }
        String out = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).substring((int) Math.min(before, Files.size(logFile)));
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
        }
        return out;
    }

    /** Waits until something accepts connections on 127.0.0.1:port. */
    public static boolean waitForPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    /** Waits until nothing accepts connections on 127.0.0.1:port any more. */
    public static boolean waitForPortClosed(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                Thread.sleep(50);
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /** Gives a directory tree to a system user (servers refuse to run as root). */
    public static void chown(Path dir, String user) throws IOException, InterruptedException {
        if (isRoot()) {
            run(Duration.ofSeconds(30), dir.resolve("harness.log"), "chown", "-R", user + ":" + user, dir.toString());
        }
    }

    /** The command, prefixed to run as {@code user} when we are root. */
    public static List<String> as(String user, String... command) {
        List<String> cmd = new ArrayList<>();
        if (isRoot()) {
            cmd.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups"));
        }
        cmd.addAll(List.of(command));
        return cmd;
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
