package org.xmppsfs.openfire;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.PropertyEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.component.ComponentManagerFactory;
import org.xmppsfs.component.UploadComponent;
import org.xmppsfs.component.config.ServiceConfig;
import org.xmppsfs.openfire.PluginSettings.PluginConfig;
import org.xmppsfs.upload.UploadServer;
import org.xmppsfs.upload.mirror.HttpMirror;

/**
 * The service as an Openfire plugin: the HTTP blob server runs inside Openfire's JVM and the XMPP component is
 * registered with Openfire's own component manager (no socket, no secret).
 *
 * <p>Settings are Openfire system properties {@code xmpp-sfs.*} ({@link PluginSettings}), read when the plugin is
 * loaded; to apply a change, reload the plugin (a change is logged as a reminder). {@link #destroyPlugin()} unregisters the component and stops
 * everything the plugin started, so Openfire can unload, upgrade and load it again without a restart.
 *
 * <p>Only plugin API that has stayed stable across Openfire releases is used ({@link Plugin}, {@link JiveGlobals},
 * {@link PropertyEventDispatcher}, {@link XMPPServer#getServerInfo()}, and Tinder's {@link ComponentManagerFactory}).
 */
public final class SfsPlugin implements Plugin {

    private static final Logger LOG = LoggerFactory.getLogger(SfsPlugin.class);

    /** What {@link #initializePlugin} started, stopped in reverse order. Guarded by {@code this}. */
    private Running running;
    private final ChangeNotice changeNotice = new ChangeNotice();

    @Override
    public synchronized void initializePlugin(PluginManager manager, File pluginDirectory) {
        XMPPServerInfo server = XMPPServer.getInstance().getServerInfo();
        PluginSettings.Host host = new PluginSettings.Host(server.getXMPPDomain(), server.getHostname(),
                Path.of(JiveGlobals.getHomeDirectory()));
        PluginConfig config = PluginSettings.load(pluginProperties(), host);
        running = start(config, ComponentManagerFactory.getComponentManager());
        PropertyEventDispatcher.addListener(changeNotice);
        LOG.info("xmpp-sfs started: component {}.{}, HTTP port {}, public URL {}", config.subdomain(),
                host.xmppDomain(), running.uploadServer.port(), running.uploadServer.publicUrl());
    }

    @Override
    public synchronized void destroyPlugin() {
        if (running != null) {
            PropertyEventDispatcher.removeListener(changeNotice);
            running.stop();
            running = null;
            LOG.info("xmpp-sfs stopped");
        }
    }

    /** Every Openfire property of this plugin, by full name. */
    private static Map<String, String> pluginProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : JiveGlobals.getPropertyNames()) {
            if (name.startsWith(PluginSettings.PREFIX)) {
                properties.put(name, JiveGlobals.getProperty(name));
            }
        }
        return properties;
    }

    /**
     * Starts the HTTP side, then registers the component (so every slot handed out is immediately usable). If a step
     * fails, what already started is stopped again and the failure propagates: Openfire then reports the plugin as
     * not loaded, with the cause in its log.
     */
    private static Running start(PluginConfig config, ComponentManager componentManager) {
        ServiceConfig service = config.service();
        Running running = new Running(componentManager);
        // Jetty and the JDBC layer look up services through the context class loader: make it the plugin's own for
        // the threads started here (their pools inherit it), not the server's.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SfsPlugin.class.getClassLoader());
        try {
            // DriverManager only lists drivers registered from class loaders it can see; H2 lives in this plugin.
            org.h2.Driver.load();
            running.h2Registered = true;
            running.uploadServer = new UploadServer(service.upload());
            running.uploadServer.start();
            running.mirror = new HttpMirror(service.mirror(), running.uploadServer.index(), running.uploadServer.ingest());
            UploadComponent component = new UploadComponent(service.componentSettings(), running.uploadServer.slots(),
                    running.uploadServer.index(), running.mirror, Clock.systemUTC());
            componentManager.addComponent(config.subdomain(), component);
            running.subdomain = config.subdomain();
            return running;
        } catch (IOException | ComponentException | RuntimeException e) {
            running.stop();
            throw new IllegalStateException("xmpp-sfs could not start: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Tells the administrator that a changed {@code xmpp-sfs.*} property takes effect when the plugin is reloaded. */
    private static final class ChangeNotice implements PropertyEventListener {
        @Override
        public void propertySet(String property, Map<String, Object> params) {
            notice(property);
        }

        @Override
        public void propertyDeleted(String property, Map<String, Object> params) {
            notice(property);
        }

        @Override
        public void xmlPropertySet(String property, Map<String, Object> params) {
        }

        @Override
        public void xmlPropertyDeleted(String property, Map<String, Object> params) {
        }

        private static void notice(String property) {
            if (property.startsWith(PluginSettings.PREFIX)) {
                LOG.info("{} changed; it takes effect when the xmpp-sfs plugin is reloaded", property);
            }
        }
    }

    /** The started parts; {@link #stop()} undoes whatever was done, in reverse order, and never throws. */
    private static final class Running {
        private final ComponentManager componentManager;
        private boolean h2Registered;
        private UploadServer uploadServer;
        private HttpMirror mirror;
        private String subdomain;

        Running(ComponentManager componentManager) {
            this.componentManager = componentManager;
        }

        void stop() {
            if (subdomain != null) {
                String registered = subdomain;
                subdomain = null;
                // Openfire shuts the component down (and its stanza threads) when it is removed.
                quietly("unregister component '" + registered + "'", () -> componentManager.removeComponent(registered));
            }
            if (mirror != null) {
                HttpMirror started = mirror;
                mirror = null;
                quietly("stop the mirror", started::close);
            }
            if (uploadServer != null) {
                UploadServer started = uploadServer;
                uploadServer = null;
                quietly("stop the HTTP server", started::stop);
            }
            if (h2Registered) {
                h2Registered = false;
                // Leaves no reference from the JDK's DriverManager to this plugin's class loader.
                quietly("deregister the H2 driver", org.h2.Driver::unload);
            }
        }

        /** One step of {@link #stop()}: a failure is logged and the remaining steps still run. */
        private static void quietly(String what, Step step) {
            try {
                step.run();
            } catch (Exception e) {
                LOG.warn("xmpp-sfs: could not {}", what, e);
            }
        }

        @FunctionalInterface
        private interface Step {
            void run() throws Exception;
        }
    }
}
