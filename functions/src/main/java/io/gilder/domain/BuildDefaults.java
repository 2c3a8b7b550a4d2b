package io.gilder.domain;

import java.util.Objects;

/** What a build request falls back to when it leaves a field out: the stack's parameters. */
public record BuildDefaults(String instanceType) {

    public BuildDefaults {
        Objects.requireNonNull(instanceType, "instanceType");
    }
}
