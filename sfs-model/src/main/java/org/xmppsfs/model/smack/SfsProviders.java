package org.xmppsfs.model.smack;

import org.jivesoftware.smack.provider.ProviderManager;
import org.xmppsfs.model.xml.SfsReader;

/**
 * Registers this module's Smack providers with Smack's {@link ProviderManager} (which is process-wide by
 * Smack's design). Call once at client start-up; calling again replaces the previous registration.
 */
public final class SfsProviders {

    private SfsProviders() {
    }

    /** Lenient providers: violations travel with the elements. */
    public static void register() {
        register(SfsReader.lenient());
    }

    public static void register(SfsReader reader) {
        ProviderManager.addExtensionProvider(FileSharingElement.ELEMENT, FileSharingElement.NAMESPACE, new FileSharingProvider(reader));
        ProviderManager.addExtensionProvider(SourcesElement.ELEMENT, SourcesElement.NAMESPACE, new SourcesProvider(reader));
        ProviderManager.addExtensionProvider(AttachToElement.ELEMENT, AttachToElement.NAMESPACE, new AttachToProvider(reader));
    }

    public static void unregister() {
        ProviderManager.removeExtensionProvider(FileSharingElement.ELEMENT, FileSharingElement.NAMESPACE);
        ProviderManager.removeExtensionProvider(SourcesElement.ELEMENT, SourcesElement.NAMESPACE);
        ProviderManager.removeExtensionProvider(AttachToElement.ELEMENT, AttachToElement.NAMESPACE);
    }
}
