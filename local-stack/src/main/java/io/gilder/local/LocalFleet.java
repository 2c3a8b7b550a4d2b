package io.gilder.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Many instances at once in the emulator, for tests and benchmarks of account-wide work. */
public final class LocalFleet {

    private LocalFleet() {}

    /**
     * Launches {@code reservations} × {@code perReservation} instances, cycling through {@code images}
     * (reservation {@code r} uses {@code images[r % images.size()]}), from a few threads.
     *
     * @return the instance ids
     */
    public static List<String> launch(Ec2Client ec2, List<String> images, int reservations, int perReservation) {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> launched = new ArrayList<>();
            for (int r = 0; r < reservations; r++) {
                String image = images.get(r % images.size());
                launched.add(threads.submit(() -> ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro")
                        .minCount(perReservation).maxCount(perReservation)).instances().stream().map(i -> i.instanceId()).toList()));
            }
            List<String> ids = new ArrayList<>();
            for (Future<List<String>> f : launched) {
                ids.addAll(f.get());
            }
            return Collections.unmodifiableList(ids);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while launching instances", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("launching instances failed: " + e.getCause(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}
