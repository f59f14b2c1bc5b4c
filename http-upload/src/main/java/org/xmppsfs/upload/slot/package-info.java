/** Slot rules, PUT credentials and the service's URLs: pure, storage-free pieces. */
package org.xmppsfs.upload.slot;
