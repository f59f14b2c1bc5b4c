package org.xmppsfs.component.cli;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import org.xmppsfs.component.Service;
import org.xmppsfs.component.config.ConfigKey;
import org.xmppsfs.component.config.ConfigLoader;
import org.xmppsfs.component.config.ServiceConfig;
import org.xmppsfs.component.connection.ConnectFailure;
import org.xmppsfs.model.inspect.Inspect;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xmpp-sfs} command line: {@code run}, {@code check-config}, {@code keys}, {@code inspect}.
 *
 * <p>Exit codes: 0 success; 1 invalid configuration; 2 usage error; 3 the XMPP server refused the component
 * (wrong secret, unknown domain); 4 the XMPP server could not be reached; 5 the HTTP side could not start.
 */
@Command(name = "xmpp-sfs", mixinStandardHelpOptions = true, version = "xmpp-sfs 0.1.0",
        description = "XMPP file sharing: an XEP-0114 upload component with its own HTTP blob server.",
        subcommands = {Main.Run.class, Main.CheckConfig.class, Main.Keys.class, Main.InspectCommand.class, DemoUpload.class})
public final class Main implements Callable<Integer> {

    public static final int EXIT_CONFIG = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_REFUSED = 3;
    public static final int EXIT_UNREACHABLE = 4;
    public static final int EXIT_HTTP = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line without exiting the JVM. */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return EXIT_USAGE;
    }

    /** The options shared by {@code run} and {@code check-config}: a file plus the stable flags. */
    static final class ConfigOptions {
        @Option(names = "--config", paramLabel = "FILE", description = "configuration file (key = value lines); "
                + "also XMPP_SFS_CONFIG")
        Path file;

        @Option(names = "--xmpp-host", paramLabel = "HOST", description = "xmpp.host")
        String xmppHost;

        @Option(names = "--xmpp-port", paramLabel = "PORT", description = "xmpp.port")
        String xmppPort;

        @Option(names = "--domain", paramLabel = "JID", description = "xmpp.domain, e.g. upload.example.org")
        String domain;

        @Option(names = "--secret", paramLabel = "SECRET", description = "xmpp.secret")
        String secret;

        @Option(names = "--http-port", paramLabel = "PORT", description = "http.port")
        String httpPort;

        @Option(names = "--public-url", paramLabel = "URL", description = "http.public-url")
        String publicUrl;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "storage.data-dir")
        String dataDir;

        @Option(names = "--max-file-size", paramLabel = "BYTES", description = "limits.max-file-size")
        String maxFileSize;

        @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "any other key")
        Map<String, String> others = new LinkedHashMap<>();

        ConfigLoader.Result load() {
            Map<String, ConfigLoader.Setting> flags = new LinkedHashMap<>();
            others.forEach((k, v) -> flags.put(k.trim(), new ConfigLoader.Setting(v, "flag --set " + k)));
            flag(flags, "xmpp.host", xmppHost, "--xmpp-host");
            flag(flags, "xmpp.port", xmppPort, "--xmpp-port");
            flag(flags, "xmpp.domain", domain, "--domain");
            flag(flags, "xmpp.secret", secret, "--secret");
            flag(flags, "http.port", httpPort, "--http-port");
            flag(flags, "http.public-url", publicUrl, "--public-url");
            flag(flags, "storage.data-dir", dataDir, "--data-dir");
            flag(flags, "limits.max-file-size", maxFileSize, "--max-file-size");
            Map<String, String> env = System.getenv();
            Optional<Path> config = Optional.ofNullable(file)
                    .or(() -> Optional.ofNullable(env.get(ConfigKey.ENV_PREFIX + "CONFIG")).map(Path::of));
            return new ConfigLoader().load(config, env, flags);
        }

        private static void flag(Map<String, ConfigLoader.Setting> flags, String key, String value, String name) {
            if (value != null) {
                flags.put(key, new ConfigLoader.Setting(value, "flag " + name));
            }
        }
    }

    static void printProblems(List<String> problems, PrintStream err) {
        err.println("xmpp-sfs: the configuration has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":");
        for (String p : problems) {
            err.println("  - " + p);
        }
    }

    @Command(name = "run", description = "Start the HTTP server and connect the component; runs until stopped.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions options;

        @Override
        public Integer call() throws Exception {
            ConfigLoader.Result result = options.load();
            if (result.config().isEmpty()) {
                printProblems(result.problems(), System.err);
                return EXIT_CONFIG;
            }
            ServiceConfig config = result.config().get();
            setLogLevel(config.logLevel());
            Service service = new Service(config);
            try {
                service.start();
            } catch (ConnectFailure e) {
                System.err.println("xmpp-sfs: " + e.getMessage());
                return e.reason() == ConnectFailure.Reason.UNREACHABLE ? EXIT_UNREACHABLE : EXIT_REFUSED;
            } catch (java.io.IOException | RuntimeException e) {
                System.err.println("xmpp-sfs: the HTTP server could not start: " + e.getMessage());
                return EXIT_HTTP;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.stop();
                stopped.countDown();
            }, "xmpp-sfs-shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "check-config", description = "Load and validate the configuration; print every problem.")
    static final class CheckConfig implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            ConfigLoader.Result result = options.load();
            if (result.config().isEmpty()) {
                printProblems(result.problems(), System.err);
                return EXIT_CONFIG;
            }
            ServiceConfig c = result.config().get();
            System.out.println("configuration OK: component " + c.domain() + " -> " + c.xmppHost() + ":" + c.xmppPort()
                    + ", HTTP port " + c.upload().port() + ", public URL " + c.upload().publicUrl());
            return 0;
        }
    }

    @Command(name = "keys", description = "List every configuration key with its environment variable and default.")
    static final class Keys implements Callable<Integer> {
        @Override
        public Integer call() {
            for (ConfigKey k : ConfigLoader.allKeys()) {
                System.out.println(k.name() + "\t" + k.envName() + "\t" + k.defaultValue() + "\t" + k.description());
            }
            return 0;
        }
    }

    @Command(name = "inspect", description = "Parse an XEP-0447 message or element (file or standard input), "
            + "print the model and rule violations as JSON.")
    static final class InspectCommand implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "FILE", description = "file to read; '-' or none reads standard input")
        String file;

        @Override
        public Integer call() {
            String[] args = file == null ? new String[0] : new String[] {file};
            return Inspect.main(args, System.in, System.out, System.err);
        }
    }

    static void setLogLevel(String level) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
