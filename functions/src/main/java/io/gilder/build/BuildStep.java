package io.gilder.build;

import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import java.util.List;

/** The build steps run on the builder instance, in this order. */
public enum BuildStep {
    PRE_UPDATE("pre-update"),
    PACKAGE_UPDATE("package-update"),
    POST_UPDATE("post-update");

    private final String label;

    BuildStep(String label) {
        this.label = label;
    }

    /** The name used in state machine inputs, e.g. {@code pre-update}. */
    public String label() {
        return label;
    }

    /** @throws InvalidRequestException when {@code value} names no step */
    public static BuildStep of(String value) {
        for (BuildStep step : values()) {
            if (step.label.equals(value)) {
                return step;
            }
        }
        throw new InvalidRequestException("Invalid build step input",
                List.of(new FieldProblem("step", "must be pre-update, package-update or post-update, not " + value)));
    }
}
