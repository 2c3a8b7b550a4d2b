package io.gilder.registry;

import java.util.ArrayList;
import java.util.List;

/** The shared fake of {@link Notifier} (where fakes live: {@code io.gilder.testing}'s package-info): keeps every notice instead of sending it. */
public final class FakeNotifier implements Notifier {

    /** One notice; it reads as the e-mail would, the subject on the first line and the message below. */
    public record Notice(String subject, String message) {
        @Override
        public String toString() {
            return subject + "\n" + message;
        }
    }

    public final List<Notice> notices = new ArrayList<>();

    @Override
    public void notify(String subject, String message) {
        notices.add(new Notice(subject, message));
    }
}
