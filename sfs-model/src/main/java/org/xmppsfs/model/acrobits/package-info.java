/** Acrobits {@code application/x-acro-filetransfer+json} messages and their conversion to and from XEP-0447. */
package org.xmppsfs.model.acrobits;
