package io.gilder.build;

import io.gilder.registry.NamedVersion;
import java.util.List;

/** Build requests for tests. */
public final class BuildRequests {

    private BuildRequests() {}

    public static BuildRequest withScripts(Script pre, Script post) {
        return with(pre, post, List.of(), List.of());
    }

    static BuildRequest withPackages(List<String> include, List<String> exclude) {
        return with(null, null, include, exclude);
    }

    static BuildRequest with(Script pre, Script post, List<String> include, List<String> exclude) {
        return new BuildRequest("ami-0123456789abcdef0", new NamedVersion("WebServer", "1.0"),
                new NamedVersion("AmazonLinux", "2023"), "7", "t3.medium", pre, post, include, exclude, "qualys",
                new ScanPolicy(3, List.of()), 72, "/GoldenAMI/AmazonLinux-2023/WebServer-1.0/7");
    }
}
