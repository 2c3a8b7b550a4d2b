package io.gilder.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared fake of {@link TemplateStore} (where fakes live: {@code io.gilder.testing}'s package-info): the
 * bucket's objects by key; a write answers {@code <url base><key>}, {@code describe} says {@code s3://<bucket>/<key>};
 * the keys written are recorded in order.
 */
public final class FakeTemplateStore implements TemplateStore {

    public final Map<String, String> objects = new HashMap<>();
    /** The key of each write, in order. */
    public final List<String> written = new ArrayList<>();
    private final String urlBase;
    private final String bucket;

    /** A bucket {@code templates} whose objects' URLs start {@code https://templates.example/}. */
    public FakeTemplateStore() {
        this("https://templates.example/", "templates");
    }

    public FakeTemplateStore(String urlBase, String bucket) {
        this.urlBase = urlBase;
        this.bucket = bucket;
    }

    @Override
    public Optional<String> read(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public String write(String key, String body) {
        objects.put(key, body);
        written.add(key);
        return urlBase + key;
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
