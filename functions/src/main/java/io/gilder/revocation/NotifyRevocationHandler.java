package io.gilder.revocation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Named;
import java.util.List;

/** "Notify Revocation": one SNS notice of what was done where and what failed; its {@code cause} ends a failed run. */
@Named("notify-revocation")
public class NotifyRevocationHandler implements RequestHandler<NotifyRevocationHandler.Input, RevocationNotice> {

    /**
     * @param marked     mark-revoked-image's result, or the error its Catch recorded ({@code Error}, {@code Cause})
     * @param deprecated the Map's {@code done} results and {@code failed} descriptions (both empty when skipped)
     */
    public record Input(String executionArn, RevocationPlan plan, Marked marked, Outcomes<ImageDeprecated> deprecated,
            Outcomes<ListingWithdrawal> withdrawn) {}

    public record Marked(String at, List<String> tagged, List<String> missing, String manifestKey, boolean manifestRecorded,
            @JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {}

    public record Outcomes<T>(List<T> done, List<String> failed) {}

    private final ImageRevocation revocation;

    NotifyRevocationHandler(ImageRevocation revocation) {
        this.revocation = revocation;
    }

    @Override
    public RevocationNotice handleRequest(Input input, Context context) {
        Marked m = input.marked();
        RevocationMark mark = m == null || m.error() != null ? null
                : new RevocationMark(m.at(), m.tagged(), m.missing(), m.manifestKey(), m.manifestRecorded());
        String markError = m == null ? "not run" : m.error();
        return revocation.notify(input.executionArn(), input.plan(), new RevocationNotice.Steps(mark, markError,
                done(input.deprecated()), failed(input.deprecated()), done(input.withdrawn()), failed(input.withdrawn())));
    }

    private static <T> List<T> done(Outcomes<T> outcomes) {
        return outcomes == null || outcomes.done() == null ? List.of() : outcomes.done();
    }

    private static List<String> failed(Outcomes<?> outcomes) {
        return outcomes == null || outcomes.failed() == null ? List.of() : outcomes.failed();
    }
}
