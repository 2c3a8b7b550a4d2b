package io.gilder.local.emulator;

/** The fixed account, region and naming of the local stack's resources. */
public final class LocalNames {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    public static final String STACK = "gilder-local";
    /** Two child accounts, reached through the cross-account role as in a real organization. */
    public static final java.util.List<String> CHILD_ACCOUNTS = java.util.List.of("111111111111", "222222222222");

    private LocalNames() {}

    public static String functionArn(String name) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
    }

    /** The local name of a child-account template's function deployed in {@code account}, e.g. {@code XFunction-111111111111}. */
    public static String childFunction(String logicalId, String account) {
        return logicalId + "-" + account;
    }

    public static String stateMachineArn(String name) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
    }

    /** The function name in an invocation path: a plain name, a partial or a full ARN, with or without qualifier. */
    static String functionName(String nameOrArn) {
        if (!nameOrArn.startsWith("arn:")) {
            return nameOrArn.contains(":") ? nameOrArn.substring(0, nameOrArn.indexOf(':')) : nameOrArn;
        }
        return nameOrArn.split(":")[6];
    }
}
