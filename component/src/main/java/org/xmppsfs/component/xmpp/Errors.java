package org.xmppsfs.component.xmpp;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;
import org.xmppsfs.upload.Refusal;

/**
 * The one mapping from {@link Refusal} to XMPP stanza errors (RFC 6120 §8.3, XEP-0363 §Error conditions).
 *
 * <table>
 *   <caption>Refusal → error</caption>
 *   <tr><td>TooLarge</td><td>modify / not-acceptable + {@code <file-too-large><max-file-size>N</max-file-size></file-too-large>}</td></tr>
 *   <tr><td>QuotaExceeded</td><td>wait / resource-constraint + {@code <retry stamp='…Z'/>}</td></tr>
 *   <tr><td>RateLimited</td><td>wait / policy-violation + {@code <retry stamp='…Z'/>}</td></tr>
 *   <tr><td>Forbidden</td><td>auth / forbidden</td></tr>
 *   <tr><td>BadRequest</td><td>modify / bad-request</td></tr>
 *   <tr><td>NotFound</td><td>cancel / item-not-found</td></tr>
 *   <tr><td>Conflict</td><td>cancel / conflict</td></tr>
 *   <tr><td>InsufficientStorage</td><td>wait / resource-constraint</td></tr>
 *   <tr><td>HashMismatch</td><td>modify / not-acceptable</td></tr>
 *   <tr><td>SourceRefused</td><td>cancel / not-acceptable</td></tr>
 *   <tr><td>Internal</td><td>wait / internal-server-error</td></tr>
 * </table>
 * Every error carries the refusal's text in {@code <text>}.
 */
public final class Errors {
    private Errors() {}

    /** The {@code <error/>} for a refusal. */
    public static PacketError toError(Refusal refusal) {
        // Java 17 has no pattern switch outside preview: an instanceof chain over the sealed catalogue.
        String text = refusal.text();
        if (refusal instanceof Refusal.TooLarge r) {
            PacketError e = error(PacketError.Condition.not_acceptable, PacketError.Type.modify, text);
            e.getElement().addElement(QName.get("file-too-large", Namespaces.HTTP_UPLOAD))
                    .addElement(QName.get("max-file-size", Namespaces.HTTP_UPLOAD))
                    .setText(Long.toString(r.maxFileSize()));
            return e;
        } else if (refusal instanceof Refusal.QuotaExceeded r) {
            return withRetry(error(PacketError.Condition.resource_constraint, PacketError.Type.wait, text), r.retryAfter());
        } else if (refusal instanceof Refusal.RateLimited r) {
            PacketError e = policyViolation(text);
            return r.retryAfter() == null ? e : withRetry(e, r.retryAfter());
        } else if (refusal instanceof Refusal.Forbidden) {
            return error(PacketError.Condition.forbidden, PacketError.Type.auth, text);
        } else if (refusal instanceof Refusal.BadRequest) {
            return error(PacketError.Condition.bad_request, PacketError.Type.modify, text);
        } else if (refusal instanceof Refusal.NotFound) {
            return error(PacketError.Condition.item_not_found, PacketError.Type.cancel, text);
        } else if (refusal instanceof Refusal.Conflict) {
            return error(PacketError.Condition.conflict, PacketError.Type.cancel, text);
        } else if (refusal instanceof Refusal.InsufficientStorage) {
            return error(PacketError.Condition.resource_constraint, PacketError.Type.wait, text);
        } else if (refusal instanceof Refusal.HashMismatch) {
            return error(PacketError.Condition.not_acceptable, PacketError.Type.modify, text);
        } else if (refusal instanceof Refusal.SourceRefused) {
            return error(PacketError.Condition.not_acceptable, PacketError.Type.cancel, text);
        } else {
            return error(PacketError.Condition.internal_server_error, PacketError.Type.wait, text);
        }
    }

    /**
     * RFC 6120 §8.3.3.12 policy-violation, which Tinder's condition list (from RFC 3920) lacks: built as
     * resource-constraint, then the condition element is renamed.
     */
    private static PacketError policyViolation(String text) {
        PacketError e = error(PacketError.Condition.resource_constraint, PacketError.Type.wait, text);
        Element condition = e.getElement().element(QName.get("resource-constraint", Namespaces.STANZAS));
        condition.setQName(QName.get("policy-violation", Namespaces.STANZAS));
        return e;
    }

    private static PacketError error(PacketError.Condition condition, PacketError.Type type, String text) {
        // the three-argument constructor exists in every Tinder version (the Openfire plugin may run on an old one)
        return new PacketError(condition, type, text);
    }

    /**
     * The error reply to {@code request}, echoing its child element as the XEP-0363 examples do
     * (RFC 6120 §8.3.1 allows including the original payload).
     */
    public static IQ reply(IQ request, Refusal refusal) {
        IQ reply = IQ.createResultIQ(request);
        Element child = request.getChildElement();
        if (child != null) {
            reply.setChildElement(child.createCopy());
        }
        reply.setType(IQ.Type.error);
        reply.setError(toError(refusal));
        return reply;
    }

    /** XEP-0363 §Error conditions: {@code <retry xmlns='urn:xmpp:http:upload:0' stamp='…'/>}, XEP-0082 UTC. */
    private static PacketError withRetry(PacketError error, Instant when) {
        error.getElement().addElement(QName.get("retry", Namespaces.HTTP_UPLOAD))
                .addAttribute("stamp", stamp(when));
        return error;
    }

    /** An XEP-0082 DateTime in UTC, whole seconds: {@code 2017-12-03T23:42:05Z}. */
    public static String stamp(Instant when) {
        return DateTimeFormatter.ISO_INSTANT.format(when.truncatedTo(ChronoUnit.SECONDS));
    }
}
