package org.xmppsfs.tests;

/** The end-to-end suite against Prosody 0.12. */
class ProsodyEndToEndTest extends AbstractEndToEndTest {
    @Override
    String serverName() {
        return "prosody";
    }
}
