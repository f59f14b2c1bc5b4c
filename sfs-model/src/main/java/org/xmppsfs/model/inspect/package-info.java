/** The {@code inspect} command: parse a stanza or element, print the model and every rule violation as JSON. */
package org.xmppsfs.model.inspect;
