/**
 * Smack 4.4 binding: extension elements and one provider per element for {@code <file-sharing/>}, top-level
 * {@code <sources/>} and {@code <attach-to/>}; register with {@link org.xmppsfs.model.smack.SfsProviders#register()}.
 * smack-core is an optional dependency of this module.
 */
package org.xmppsfs.model.smack;
