package io.gilder.catalog;

import java.util.Optional;

/**
 * The bucket of Service Catalog product templates: the shared template and each version's rendered
 * copy. Every method throws {@link io.gilder.error.GilderException} when a call fails.
 */
public interface TemplateStore {

    /** @return the text (UTF-8) of the object under {@code key}, or empty when there is none */
    Optional<String> read(String key);

    /**
     * Stores {@code body} (UTF-8 YAML) under {@code key}, replacing what was there.
     *
     * @return the object's HTTPS URL, as Service Catalog's {@code LoadTemplateFromURL} takes it
     */
    String write(String key, String body);

    /** Deletes the object under {@code key}; one already gone is fine. */
    void delete(String key);

    /** Where the shared template is read from, for messages: {@code s3://bucket/key}. */
    String describe(String key);
}
