package io.gilder.aws;

import io.gilder.config.GilderConfig;
import io.gilder.registry.Notifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes notices to the stack's SNS topic ({@code gilder.storage.notification-topic-arn}). */
@ApplicationScoped
public class SnsNotifier implements Notifier {

    private static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;

    @Inject
    SnsNotifier(SnsClient sns, GilderConfig config) {
        this(sns, config.storage().notificationTopicArn().orElse(null));
    }

    /** @param topicArn the topic; {@code null} fails each notice naming the missing setting */
    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void notify(String subject, String message) {
        publish(subject, message);
    }

    @Override
    public String publish(String subject, String message) {
        if (topicArn == null) {
            throw new IllegalStateException("gilder.storage.notification-topic-arn (GILDER_STORAGE_NOTIFICATION_TOPIC_ARN) is not set");
        }
        // SNS subjects: ASCII, no line breaks, at most 100 characters.
        String safeSubject = subject.replaceAll("[^\\x20-\\x7E]", " ");
        String cut = safeSubject.length() > MAX_SUBJECT ? safeSubject.substring(0, MAX_SUBJECT - 1) + "." : safeSubject;
        return AwsCall.run("SNS Publish", () -> sns.publish(p -> p.topicArn(topicArn).subject(cut).message(message))).messageId();
    }
}
