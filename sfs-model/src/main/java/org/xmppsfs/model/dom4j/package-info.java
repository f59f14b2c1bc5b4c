/** dom4j bridge (Tinder/Whack packets and Openfire); dom4j is an optional dependency of this module. */
package org.xmppsfs.model.dom4j;
