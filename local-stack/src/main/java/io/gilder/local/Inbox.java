package io.gilder.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Stands in for the e-mail subscription of the notification topic: a queue subscribed to the topic
 * receives every notice exactly as SNS would mail it (subject and text), so tests and the demo
 * read the approval link from the message a person would get.
 */
public final class Inbox implements AutoCloseable {

    /** One delivered notice. */
    public record Mail(String subject, String text) {

        /** The approval link: the first http(s) link to {@code /approvals/...} (findings' CVE links and the evidence link may come before it). */
        public Optional<String> link() {
            Matcher m = LINK.matcher(text);
            return m.find() ? Optional.of(m.group()) : Optional.empty();
        }
    }

    private static final Pattern LINK = Pattern.compile("https?://[^\\s/]+/approvals/\\S+");

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<Mail> received = new ArrayList<>();

    /** Subscribes to each of {@code topicArns} (the notices and the approval links), as the stack's e-mail subscriptions do. */
    Inbox(LocalStack stack, String... topicArns) {
        sqs = stack.inspector(SqsClient.builder()); // reading mail is not part of what is measured or faulted
        queueUrl = sqs.createQueue(r -> r.queueName("gilder-local-inbox")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        try (SnsClient sns = stack.client(SnsClient.builder())) {
            for (String topicArn : topicArns) {
                sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
            }
        }
    }

    /** Waits for the first notice matching {@code wanted}; notices that do not match stay for later calls. */
    public synchronized Optional<Mail> await(Predicate<Mail> wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        do {
            Optional<Mail> match = received.stream().filter(wanted).findFirst();
            if (match.isPresent()) {
                received.remove(match.get());
                return match;
            }
            poll();
        } while (Instant.now().isBefore(deadline));
        return Optional.empty();
    }

    /** Every notice received so far and not yet taken, oldest first. */
    public synchronized List<Mail> all() {
        poll();
        return List.copyOf(received);
    }

    /** Forgets every notice. */
    public synchronized void clear() {
        poll();
        received.clear();
    }

    private void poll() {
        var messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
        for (var message : messages) {
            JsonNode envelope = Json.read(message.body());
            received.add(new Mail(envelope.path("Subject").asText(""), envelope.path("Message").asText("")));
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        if (messages.isEmpty()) {
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sqs.close();
    }
}
