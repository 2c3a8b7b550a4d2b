package io.gilder.scan;

import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.InstanceRole;
import java.util.List;
import java.util.Map;

/**
 * {@code $.subject} of the scan sub-flow as the state machine sends it (role as its tag value, {@code test} or
 * {@code rescan}): the build's "Prepare Scan Subject" and the rescan's write it, every sub-flow handler reads it.
 */
public record SubjectInput(String imageId, String role, String os, String product, String version, String instanceType,
        String scanner, Map<String, String> tags, Map<String, String> imageTags) {

    /**
     * @throws InvalidRequestException when the subject is missing or its role is not {@code test} or {@code rescan}
     */
    public static ScanSubject of(SubjectInput in, String handler) {
        if (in == null) {
            throw new InvalidRequestException("Invalid " + handler + " input", List.of(new FieldProblem("subject", "is required")));
        }
        InstanceRole role = InstanceRole.of(in.role()).filter(r -> r != InstanceRole.BUILDER).orElseThrow(() -> new InvalidRequestException(
                "Invalid " + handler + " input", List.of(new FieldProblem("subject.role", "must be test or rescan, not " + in.role()))));
        return new ScanSubject(in.imageId(), role, in.os(), in.product(), in.version(), in.instanceType(), in.scanner(), in.tags(),
                in.imageTags());
    }
}
