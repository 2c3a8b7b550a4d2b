package io.gilder.build;

/** How notices name a build, e.g. {@code WebServer-1.0 on AmazonLinux-2023, build 3}. */
public final class BuildLabel {

    private BuildLabel() {}

    /** @param request the build's request, or {@code null} when it is unknown (the label says so) */
    public static String of(BuildRequest request) {
        if (request == null || request.product() == null || request.os() == null) {
            return "an unknown build";
        }
        return request.product().id() + " on " + request.os().id() + ", build " + request.buildVersion();
    }
}
