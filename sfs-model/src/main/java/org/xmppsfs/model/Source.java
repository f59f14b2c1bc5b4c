package org.xmppsfs.model;

/**
 * One way to obtain a file, a child of XEP-0447 {@code <sources>}.
 *
 * <p>XEP-0447 §Receiving a file: receivers MAY use sources of types they do not know; those are kept as
 * {@link UnknownSource} so nothing is lost when a message is relayed or re-attached.
 */
public sealed interface Source permits UrlDataSource, JinglePubSource, EncryptedSource, UnknownSource {
}
