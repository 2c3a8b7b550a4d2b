package io.gilder.registry;

/**
 * The role the pipeline assumes in a child account (created there by {@code child-account/template.yaml})
 * and the session name it uses, which names the execution so that the child's CloudTrail shows which
 * distribution wrote what.
 */
public final class CrossAccountRole {

    /** STS allows 2-64 characters of {@code [\w+=,.@-]}. */
    private static final int MAX_SESSION_NAME = 64;

    private CrossAccountRole() {}

    /** {@code arn:<partition>:iam::<account>:role/<name>}, the partition taken from the region. */
    public static String arn(String accountId, String roleName, String region) {
        return "arn:" + partition(region) + ":iam::" + accountId + ":role/" + roleName;
    }

    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** {@code gilder-<execution name>}: the last part of the execution ARN, cleaned and cut to STS's limit. */
    public static String sessionName(String executionArn) {
        String name = executionArn == null || executionArn.isBlank() ? "unknown"
                : executionArn.substring(executionArn.lastIndexOf(':') + 1);
        String session = "gilder-" + name.replaceAll("[^\\w+=,.@-]", "-");
        return session.length() <= MAX_SESSION_NAME ? session : session.substring(0, MAX_SESSION_NAME);
    }
}
