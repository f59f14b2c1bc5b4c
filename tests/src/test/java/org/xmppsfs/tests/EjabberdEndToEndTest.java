package org.xmppsfs.tests;

/** The end-to-end suite against ejabberd 23.01. */
class EjabberdEndToEndTest extends AbstractEndToEndTest {
    @Override
    String serverName() {
        return "ejabberd";
    }
}
