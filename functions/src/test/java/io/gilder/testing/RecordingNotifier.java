package io.gilder.testing;

import io.gilder.registry.Notifier;
import java.util.ArrayList;
import java.util.List;

/** Keeps every notice instead of sending it. */
public final class RecordingNotifier implements Notifier {

    public record Notice(String subject, String message) {}

    public final List<Notice> notices = new ArrayList<>();

    @Override
    public void notify(String subject, String message) {
        notices.add(new Notice(subject, message));
    }
}
