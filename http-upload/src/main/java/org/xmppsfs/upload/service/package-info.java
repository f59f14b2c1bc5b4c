/** The service logic between HTTP and storage: granting slots with quotas, committing, looking up, expiring files. */
package org.xmppsfs.upload.service;
