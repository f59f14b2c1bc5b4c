package org.xmppsfs.openfire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The files an Openfire 4.2.0 installation needs that no Maven Central jar contains: the HSQLDB schema script and
 * the default key and trust stores, laid out as in an Openfire distribution ({@code resources/database/...},
 * {@code resources/security/...}).
 *
 * <p>They are looked up in {@code $OPENFIRE_HOME} first, then in a {@code shared/openfire-4.2.0} directory beside
 * the checkout (where CI keeps them). Without them the tests on Openfire are skipped, so a build without them is
 * still green.
 */
record OpenfireDataFiles(Path root) {

    static final String SCHEMA = "resources/database/openfire_hsqldb.sql";
    static final List<String> KEY_STORES =
            List.of("resources/security/keystore", "resources/security/truststore", "resources/security/client.truststore");

    static final String HOW_TO_ENABLE = "Openfire tests skipped: set OPENFIRE_HOME to a directory holding "
            + SCHEMA + " and resources/security/{keystore,truststore,client.truststore} from Openfire 4.2.0 "
            + "(or put them in shared/openfire-4.2.0 beside the checkout).";

    /** The data files, or a skipped test saying how to provide them. */
    static OpenfireDataFiles requireOrSkip() {
        Optional<OpenfireDataFiles> found = locate();
        Assumptions.assumeTrue(found.isPresent(), HOW_TO_ENABLE);
        return found.orElseThrow();
    }

    static Optional<OpenfireDataFiles> locate() {
        Path moduleDir = Path.of(System.getProperty("xmppsfs.moduleDir", "."));
        return locate(Optional.ofNullable(System.getenv("OPENFIRE_HOME")), moduleDir);
    }

    /** {@code $OPENFIRE_HOME} if it holds every file, else {@code shared/openfire-4.2.0} beside the checkout. */
    static Optional<OpenfireDataFiles> locate(Optional<String> openfireHomeVariable, Path moduleDir) {
        Optional<OpenfireDataFiles> fromVariable = openfireHomeVariable.filter(value -> !value.isBlank())
                .flatMap(value -> complete(Path.of(value)));
        if (fromVariable.isPresent()) {
            return fromVariable;
        }
        return complete(moduleDir.toAbsolutePath().normalize().resolve("../../shared/openfire-4.2.0").normalize());
    }

    private static Optional<OpenfireDataFiles> complete(Path root) {
        boolean allThere = allFiles().allMatch(file -> Files.isRegularFile(root.resolve(file)));
        return allThere ? Optional.of(new OpenfireDataFiles(root)) : Optional.empty();
    }

    private static Stream<String> allFiles() {
        return Stream.concat(Stream.of(SCHEMA), KEY_STORES.stream());
    }

    /** Copies the data files into a fresh Openfire home. */
    void copyInto(Path openfireHome) throws IOException {
        for (String file : allFiles().toList()) {
            Path target = openfireHome.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(root.resolve(file), target);
        }
    }
}
