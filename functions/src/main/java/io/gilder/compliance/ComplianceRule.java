package io.gilder.compliance;

import io.gilder.registry.GoldenParameters;
import java.time.Instant;
import java.util.Set;

/**
 * The compliance rule's decision table for one instance, in this order:
 *
 * <table>
 *   <tr><th>instance</th><th>active list</th><th>verdict</th></tr>
 *   <tr><td>terminated or shutting-down</td><td>any</td><td>NOT_APPLICABLE</td></tr>
 *   <tr><td>no image id</td><td>any</td><td>NON_COMPLIANT</td></tr>
 *   <tr><td>any image</td><td>missing or unreadable</td><td>NON_COMPLIANT ("cannot verify ...")</td></tr>
 *   <tr><td>image equal to a listed id</td><td>readable</td><td>COMPLIANT</td></tr>
 *   <tr><td>any other image</td><td>readable</td><td>NON_COMPLIANT</td></tr>
 * </table>
 *
 * Every verdict carries an annotation saying why.
 */
public final class ComplianceRule {

    /** States in which nothing runs, or will run again, from the instance's image. */
    static final Set<String> GONE_STATES = Set.of("terminated", "shutting-down");

    private ComplianceRule() {}

    public static InstanceEvaluation evaluate(ObservedInstance instance, GoldenImageSet golden, Instant at) {
        String id = instance.instanceId();
        if (instance.state() != null && GONE_STATES.contains(instance.state())) {
            return notApplicable(id, "instance is " + instance.state(), at);
        }
        String image = instance.imageId();
        if (image == null || image.isBlank()) {
            return new InstanceEvaluation(id, ComplianceType.NON_COMPLIANT, "instance reports no image id", at);
        }
        if (!golden.readable()) {
            return new InstanceEvaluation(id, ComplianceType.NON_COMPLIANT, "cannot verify image " + image + ": " + golden.problem(), at);
        }
        if (golden.contains(image)) {
            return new InstanceEvaluation(id, ComplianceType.COMPLIANT, "image " + image + " is an active golden AMI", at);
        }
        String active = golden.ids().isEmpty() ? GoldenParameters.LATEST + " lists none" : golden.ids().size() + " active";
        return new InstanceEvaluation(id, ComplianceType.NON_COMPLIANT, "image " + image + " is not an active golden AMI (" + active + ")", at);
    }

    /** An instance the rule does not judge (deleted, out of scope, terminated), with the reason as annotation. */
    public static InstanceEvaluation notApplicable(String instanceId, String why, Instant at) {
        return new InstanceEvaluation(instanceId, ComplianceType.NOT_APPLICABLE, why, at);
    }
}
