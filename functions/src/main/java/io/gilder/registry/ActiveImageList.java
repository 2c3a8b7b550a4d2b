package io.gilder.registry;

import io.gilder.error.ActiveListFullException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The value of {@code /GoldenAMI/latest}: the active golden AMI ids of an account and region,
 * comma-separated, each once, in the order they were added. Parsing tolerates what people or older
 * tools wrote by hand: blanks around ids, empty entries and repeats are dropped.
 */
public record ActiveImageList(List<String> ids) {

    public static final ActiveImageList EMPTY = new ActiveImageList(List.of());
    /**
     * The most characters the list's parameter holds: 4096, Parameter Store's Standard tier, which Gilder writes
     * (about 185 image ids of 21 characters). An Advanced parameter would hold 8192 but costs per parameter and month.
     */
    public static final int MAX_CHARS = 4096;

    public ActiveImageList {
        ids = List.copyOf(new LinkedHashSet<>(ids));
    }

    /** Reads a stored value; {@code null} or blank means no active image. */
    public static ActiveImageList parse(String value) {
        if (value == null) {
            return EMPTY;
        }
        return new ActiveImageList(Arrays.stream(value.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList());
    }

    /** The list with {@code imageId} appended, or this same list when it is already there. */
    public ActiveImageList with(String imageId) {
        if (ids.contains(imageId)) {
            return this;
        }
        List<String> added = new ArrayList<>(ids);
        added.add(imageId);
        return new ActiveImageList(added);
    }

    /** The list without {@code imageId}, or this same list when it is not there. */
    public ActiveImageList without(String imageId) {
        if (!ids.contains(imageId)) {
            return this;
        }
        return new ActiveImageList(ids.stream().filter(id -> !id.equals(imageId)).toList());
    }

    /**
     * This list, when its stored form fits {@code maxChars}.
     *
     * @throws ActiveListFullException naming the size, the limit and what to do; no image is ever dropped to make room,
     *         since a dropped id would make every instance of that image non-compliant at once
     */
    public ActiveImageList requireFits(int maxChars) {
        int size = format().length();
        if (size > maxChars) {
            throw new ActiveListFullException(GoldenParameters.LATEST + " would hold " + ids.size() + " images in " + size
                    + " characters, more than its parameter's " + maxChars + ": nothing was written; retire or decommission "
                    + "old versions (decommission-golden-ami, or revoke-golden-ami in revoke mode) to make room, then run again");
        }
        return this;
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }

    /** The stored form, e.g. {@code ami-1,ami-2}; empty for an empty list. */
    public String format() {
        return String.join(",", ids);
    }
}
