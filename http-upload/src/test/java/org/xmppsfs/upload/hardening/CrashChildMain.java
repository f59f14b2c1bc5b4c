package org.xmppsfs.upload.hardening;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.TestServer;

/**
 * An upload server in its own JVM, to be killed with SIGKILL. Prints {@code PORT <n>}, then answers each
 * {@code SLOT <name> <size>} line on stdin with {@code GRANT <slot-id> <put-path> <authorization> <get-path>}
 * (the authorization's space as {@code +}). Runs until killed.
 */
public final class CrashChildMain {

    private CrashChildMain() {
    }

    public static void main(String[] args) throws Exception {
        TestServer server = TestServer.start(Path.of(args[0]), b -> b, Clock.systemUTC());
        System.out.println("PORT " + server.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] parts = line.split(" ");
            SlotGrant g = server.slot(parts[1], Long.parseLong(parts[2]));
            System.out.println("GRANT " + g.slotId() + " " + TestServer.barePutPath(g) + " " + TestServer.bearer(g).replace(' ', '+')
                    + " " + TestServer.path(g.getUrl()));
            System.out.flush();
        }
        server.close();
    }
}
