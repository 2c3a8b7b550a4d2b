package io.gilder.aws;

import io.gilder.registry.ParameterRegistry;
import io.gilder.rescan.ParameterTree;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

@ApplicationScoped
public class SsmParameterRegistry implements ParameterRegistry, ParameterTree {

    private final SsmClient ssm;

    public SsmParameterRegistry(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public Optional<String> find(String name) {
        return AwsCall.run("ssm:GetParameter", () -> {
            try {
                return Optional.of(ssm.getParameter(r -> r.name(name)).parameter().value());
            } catch (ParameterNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** {@code GetParametersByPath}, recursive, following {@code NextToken} to the last page (10 parameters a page). */
    @Override
    public Map<String, String> findAllUnder(String path) {
        Map<String, String> out = new TreeMap<>();
        AwsCall.run("ssm:GetParametersByPath", () -> {
            ssm.getParametersByPathPaginator(r -> r.path(path).recursive(true)).stream()
                    .flatMap(page -> page.parameters().stream())
                    .forEach(p -> out.put(p.name(), p.value()));
            return out;
        });
        return out;
    }
}
