/**
 * The XEP-0447 Stateless File Sharing model: immutable values for {@code <file-sharing/>} ({@link org.xmppsfs.model.FileSharing}),
 * XEP-0446 metadata ({@link org.xmppsfs.model.FileMetadata}), sources ({@link org.xmppsfs.model.Source}: url-data with the
 * XEP-0104 HTTP scheme, XEP-0358 jinglepub, XEP-0448 encrypted, or unknown and kept verbatim), XEP-0367 attaching
 * ({@link org.xmppsfs.model.AttachTo}, {@link org.xmppsfs.model.SourceList}) and the message-level view with its legacy
 * companions ({@link org.xmppsfs.model.SharedFileMessage}).
 *
 * <p>Reading and writing XML lives in {@link org.xmppsfs.model.xml}; spec checks in {@link org.xmppsfs.model.validate};
 * bindings for dom4j and Smack in {@link org.xmppsfs.model.dom4j} and {@link org.xmppsfs.model.smack}.
 */
package org.xmppsfs.model;
