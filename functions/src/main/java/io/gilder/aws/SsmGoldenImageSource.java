package io.gilder.aws;

import io.gilder.compliance.GoldenImageSet;
import io.gilder.compliance.GoldenImageSource;
import io.gilder.error.GilderException;
import io.gilder.registry.ActiveImageList;
import io.gilder.registry.GoldenParameters;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** {@link GoldenImageSource} reading {@code /GoldenAMI/latest} from Parameter Store (after the client's retries). */
@Singleton
public class SsmGoldenImageSource implements GoldenImageSource {

    private final SsmClient ssm;

    @Inject
    public SsmGoldenImageSource(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public GoldenImageSet read() {
        try {
            String value = AwsCall.run("ssm:GetParameter", () -> {
                try {
                    return ssm.getParameter(r -> r.name(GoldenParameters.LATEST)).parameter().value();
                } catch (ParameterNotFoundException e) {
                    return null;
                }
            });
            return value == null ? GoldenImageSet.missing() : GoldenImageSet.of(ActiveImageList.parse(value));
        } catch (GilderException e) {
            return GoldenImageSet.unreadable(e.getMessage());
        }
    }
}
