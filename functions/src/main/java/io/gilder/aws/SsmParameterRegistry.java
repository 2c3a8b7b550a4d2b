package io.gilder.aws;

import io.gilder.port.ParameterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

@ApplicationScoped
public class SsmParameterRegistry implements ParameterRegistry {

    private final SsmClient ssm;

    SsmParameterRegistry(SsmClient ssm) {
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
}
