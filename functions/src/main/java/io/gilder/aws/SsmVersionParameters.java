package io.gilder.aws;

import io.gilder.revocation.VersionParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ssm.SsmClient;

/** {@link VersionParameters} with {@code GetParametersByPath} (not recursive, every page) in the pipeline's region. */
@ApplicationScoped
public class SsmVersionParameters implements VersionParameters {

    private final SsmClient ssm;

    @Inject
    public SsmVersionParameters(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public Map<String, String> under(String path) {
        return AwsCall.run("ssm:GetParametersByPath", () -> {
            Map<String, String> versions = new TreeMap<>();
            ssm.getParametersByPathPaginator(r -> r.path(path).recursive(false)).stream().flatMap(page -> page.parameters().stream())
                    .forEach(p -> versions.put(p.name().substring(p.name().lastIndexOf('/') + 1), p.value()));
            return versions;
        });
    }
}
