package org.xmppsfs.component.config;

import java.util.Locale;

/**
 * One configuration key: its name in the file, its default (empty when required or none), and what it means.
 * The environment variable is derived: {@code XMPP_SFS_} + the name upper-cased with {@code .} and {@code -}
 * turned into {@code _}.
 */
public record ConfigKey(String name, String defaultValue, String description) {

    public static final String ENV_PREFIX = "XMPP_SFS_";

    public String envName() {
        return envName(name);
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
