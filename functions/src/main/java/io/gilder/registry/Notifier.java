package io.gilder.registry;

/** Tells people what the pipeline did (approval requests, registrations, denials, failures). */
public interface Notifier {

    /**
     * Publishes one notice to everybody subscribed. Never pass secrets or task tokens.
     *
     * @param subject a one-line summary (at most 100 characters; longer ones are cut)
     * @param message plain text
     * @throws io.gilder.error.GilderException when the notice could not be sent
     */
    void notify(String subject, String message);

    /**
     * As {@link #notify}, and says which message the notice became.
     *
     * @return the channel's id of the message ({@code null} for a notifier that has none)
     */
    default String publish(String subject, String message) {
        notify(subject, message);
        return null;
    }
}
