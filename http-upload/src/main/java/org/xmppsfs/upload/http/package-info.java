/** The Jetty 12 core handlers (no servlets) and their HTTP details: ranges, validators, CORS, refusals, TLS material. */
package org.xmppsfs.upload.http;
