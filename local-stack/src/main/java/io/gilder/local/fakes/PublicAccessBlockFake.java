package io.gilder.local.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.gilder.local.emulator.Gateway;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * EC2 {@code GetImageBlockPublicAccessState} and {@code GetSnapshotBlockPublicAccessState}, which moto 5.2.5 does not
 * implement, answered by WireMock in EC2's query protocol (the {@link Gateway} sends just these two operations there).
 * Every account and region answers "on" ({@code block-new-sharing} for AMIs, {@code block-all-sharing} for snapshots), as
 * a well-kept account does, until a test turns one off in a region with {@link #unblock}; {@link #reset} turns all on again.
 * The region is read from the request's signature scope, as EC2's regional endpoints tell regions apart.
 */
public final class PublicAccessBlockFake implements AutoCloseable {

    static final String IMAGES = "GetImageBlockPublicAccessState";
    static final String SNAPSHOTS = "GetSnapshotBlockPublicAccessState";

    /** What a test may turn off. */
    public enum Kind { IMAGES, SNAPSHOTS }

    private final WireMockServer wiremock;
    private final Gateway gateway;
    private final List<StubMapping> defaults = new ArrayList<>();
    private final List<StubMapping> overrides = new ArrayList<>();

    public PublicAccessBlockFake(WireMockServer wiremock, Gateway gateway) {
        this.wiremock = wiremock;
        this.gateway = gateway;
        defaults.add(stub(IMAGES, null, "block-new-sharing", 5));
        defaults.add(stub(SNAPSHOTS, null, "block-all-sharing", 5));
        gateway.answerElsewhere("ec2:" + IMAGES, URI.create(wiremock.baseUrl()));
        gateway.answerElsewhere("ec2:" + SNAPSHOTS, URI.create(wiremock.baseUrl()));
    }

    /** Reports block public access for {@code kind} as {@code unblocked} in {@code region} until {@link #reset}. */
    public synchronized void unblock(Kind kind, String region) {
        overrides.add(stub(kind == Kind.IMAGES ? IMAGES : SNAPSHOTS, region, "unblocked", 1));
    }

    /** Block public access on everywhere again. */
    public synchronized void reset() {
        overrides.forEach(wiremock::removeStub);
        overrides.clear();
    }

    private StubMapping stub(String action, String region, String state, int priority) {
        var request = post(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action)).atPriority(priority);
        if (region != null) {
            request = request.withHeader("Authorization", containing("/" + region + "/ec2/aws4_request"));
        }
        String element = action.equals(IMAGES) ? "imageBlockPublicAccessState" : "state";
        return wiremock.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody("<" + action + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>" + UUID.randomUUID()
                        + "</requestId><" + element + ">" + state + "</" + element + "><managedBy>account</managedBy></" + action
                        + "Response>")));
    }

    @Override
    public void close() {
        reset();
        gateway.answerByMoto("ec2:" + IMAGES);
        gateway.answerByMoto("ec2:" + SNAPSHOTS);
        defaults.forEach(wiremock::removeStub);
    }
}
