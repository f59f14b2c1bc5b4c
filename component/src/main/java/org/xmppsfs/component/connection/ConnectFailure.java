package org.xmppsfs.component.connection;

/** The component could not connect to its XMPP server; the message names the cause and what to check. */
public final class ConnectFailure extends Exception {

    /** Why, in a form callers can act on (exit codes, retry decisions). */
    public enum Reason {
        /** The server rejected the shared secret (XEP-0114 §3: not-authorized). */
        BAD_SECRET,
        /** The server does not serve this component domain (host-unknown, improper-addressing). */
        UNKNOWN_DOMAIN,
        /** Another component is already connected with this domain (conflict). */
        DOMAIN_IN_USE,
        /** No TCP connection (refused, unreachable, timed out, name does not resolve). */
        UNREACHABLE,
        /** Anything else: an unexpected stream error or a protocol failure. */
        PROTOCOL
    }

    private final Reason reason;

    public ConnectFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether trying again without changing the configuration can help. */
    public boolean retryable() {
        return reason == Reason.UNREACHABLE || reason == Reason.DOMAIN_IN_USE || reason == Reason.PROTOCOL;
    }
}
