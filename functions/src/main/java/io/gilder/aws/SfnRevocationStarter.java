package io.gilder.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.config.RevocationConfig;
import io.gilder.rescan.RevocationStarter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * {@link RevocationStarter} with Step Functions {@code StartExecution}. A Standard workflow answers a repeated start with
 * the same name and input with the running execution, and a closed one (or other input) with
 * {@code ExecutionAlreadyExists}: both mean the revocation was already asked for.
 */
@ApplicationScoped
public class SfnRevocationStarter implements RevocationStarter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SfnClient sfn;
    private final String stateMachineArn;

    @Inject
    SfnRevocationStarter(SfnClient sfn, RevocationConfig revocation) {
        this(sfn, revocation.stateMachineArn().orElseThrow(() -> new IllegalStateException(
                "gilder.revocation.state-machine-arn (GILDER_REVOCATION_STATE_MACHINE_ARN) is not set")));
    }

    public SfnRevocationStarter(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public Started start(String name, Map<String, Object> input) {
        String json;
        try {
            json = JSON.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("revocation input not serializable", e);
        }
        String arn = AwsCall.run("states:StartExecution", () -> {
            try {
                return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(json)).executionArn();
            } catch (ExecutionAlreadyExistsException e) {
                return null;
            }
        });
        return arn == null ? new Started(executionArn(name), name, true) : new Started(arn, name, false);
    }

    private String executionArn(String name) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }
}
