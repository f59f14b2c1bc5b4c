package org.xmppsfs.tests.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.xmppsfs.component.Service;
import org.xmppsfs.component.config.ConfigLoader;

/** Builds and starts our service against a harness server, configured through the real configuration loader. */
public final class ServiceFixture {
    private ServiceFixture() {}

    public static Service start(XmppServer server, String domain, Path dataDir, Map<String, String> extra) throws Exception {
        int httpPort = Processes.freePort();
        Map<String, ConfigLoader.Setting> flags = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("xmpp.host", "127.0.0.1");
        values.put("xmpp.port", Integer.toString(
                domain.equals(server.secondComponentDomain()) ? server.secondComponentPort() : server.componentPort()));
        values.put("xmpp.domain", domain);
        values.put("xmpp.secret", server.componentSecret());
        values.put("http.bind", "127.0.0.1");
        values.put("http.port", Integer.toString(httpPort));
        // glibc does not resolve *.localhost: URLs use the address
        values.put("http.public-url", "http://127.0.0.1:" + httpPort + "/files");
        values.put("storage.data-dir", Files.createDirectories(dataDir).toString());
        values.put("storage.fsync", "false");
        values.putAll(extra);
        values.forEach((k, v) -> flags.put(k, new ConfigLoader.Setting(v, "test")));
        Service service = new Service(new ConfigLoader().load(Optional.empty(), Map.of(), flags).orThrow());
        service.start();
        return service;
    }
}
