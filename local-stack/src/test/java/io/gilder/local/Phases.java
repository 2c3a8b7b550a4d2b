package io.gilder.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Wall time a long test spends in each of its phases, summed, so its printout says where its minutes go. */
final class Phases {

    private final Map<String, Long> millis = new LinkedHashMap<>();

    <T> T time(String phase, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            millis.merge(phase, (System.nanoTime() - start) / 1_000_000, Long::sum);
        }
    }

    void time(String phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public String toString() {
        return millis.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() / 1000 + " s").collect(Collectors.joining(", "));
    }
}
