/** Where bytes and facts live: content-addressed blob files and the metadata database (slots, files, blobs, hashes). */
package org.xmppsfs.upload.storage;
