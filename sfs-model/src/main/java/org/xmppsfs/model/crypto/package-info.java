/**
 * Client-side file encryption, for clients and tests; the service itself never sees plaintext or keys.
 *
 * <ul>
 *   <li>{@link org.xmppsfs.model.crypto.FileCipher} and {@link org.xmppsfs.model.crypto.FileKey}: the ciphers of
 *       XEP-0448 Encrypted File Sharing (AES-GCM with the tag appended, AES-256-CBC-PKCS7), as streams.</li>
 *   <li>{@link org.xmppsfs.model.crypto.AesGcmUrl}: XEP-0454 OMEMO Media Sharing {@code aesgcm://} URLs.</li>
 *   <li>{@link org.xmppsfs.model.crypto.AcrobitsKey} and {@link org.xmppsfs.model.crypto.AcrobitsCrc}: the
 *       {@code encryption-key} (AES-CTR) and {@code hash} (CRC-32) of Acrobits file-transfer attachments.</li>
 * </ul>
 *
 * <p>Every stream here works in 64 KiB pieces, never on the whole file, and counts in longs. Decrypting streams
 * release plaintext before the end of the ciphertext has been checked; a
 * {@link org.xmppsfs.model.crypto.CiphertextException} means everything obtained from that stream must be
 * discarded.
 */
package org.xmppsfs.model.crypto;
