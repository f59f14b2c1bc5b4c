package org.xmppsfs.upload;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An upload server in its own JVM, for the crash test. Prints {@code PORT <n>}, then answers {@code SLOT <name> <size>}
 * lines from stdin with {@code GRANT <slot-id> <put-path> <authorization> <get-url>}. Runs until killed.
 */
public final class ChildServerMain {

    private ChildServerMain() {
    }

    public static void main(String[] args) throws Exception {
        UploadConfig config = UploadConfig.defaults(Path.of(args[0]), URI.create(TestServer.PUBLIC)).toBuilder()
                .bindAddress("127.0.0.1").port(0).build();
        UploadServer server = new UploadServer(config);
        server.start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] parts = line.split(" ");
            Outcome<SlotGrant> o = server.slots().requestSlot(new SlotRequest(TestServer.OWNER, parts[1],
                    Long.parseLong(parts[2]), Optional.empty(), Purpose.MESSAGE));
            SlotGrant g = ((Outcome.Ok<SlotGrant>) o).value();
            System.out.println("GRANT " + g.slotId() + " " + g.putUrl().getRawPath() + " "
                    + g.putHeaders().get(0).value().replace(' ', '+') + " " + g.getUrl());
            System.out.flush();
        }
        server.stop();
    }
}
