/** Whole-value rule checks (MUST and SHOULD levels) of XEP-0447/0446/0448/0300/0414, reported as {@link org.xmppsfs.model.Violation}s. */
package org.xmppsfs.model.validate;
