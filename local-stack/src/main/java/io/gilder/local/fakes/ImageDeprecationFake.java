package io.gilder.local.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.gilder.local.emulator.Gateway;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EC2 {@code EnableImageDeprecation}, which moto 5.2.5 does not implement (its EC2 AMI responses know no deprecation),
 * answered over real HTTP by WireMock in EC2's query protocol: the {@link Gateway} recognizes the call by its
 * {@code Action} form field and sends it here, every other EC2 call still goes to moto. The fake accepts every request
 * (it checks neither the image nor the time) and keeps each in WireMock's journal, so tests read exactly which images
 * Gilder deprecated, in which region, with which {@code DeprecateAt}. Deprecation itself is not emulated: moto's
 * {@code DescribeImages} never reports a {@code DeprecationTime}.
 */
public final class ImageDeprecationFake implements AutoCloseable {

    static final String OPERATION = "ec2:EnableImageDeprecation";
    private static final String ACTION = "Action=EnableImageDeprecation";
    private static final Pattern REGION = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/ec2/aws4_request");

    /** One request: the region (from the signature's scope), the image and the {@code DeprecateAt} asked for, when it came. */
    public record Deprecation(String region, String imageId, Instant deprecateAt, Instant requestedAt) {}

    private final WireMockServer wiremock;
    private final Gateway gateway;
    private final StubMapping stub;

    public ImageDeprecationFake(WireMockServer wiremock, Gateway gateway) {
        this.wiremock = wiremock;
        this.gateway = gateway;
        this.stub = wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing(ACTION)).atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
                        .withBody("<EnableImageDeprecationResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                                + "<requestId>" + UUID.randomUUID() + "</requestId><return>true</return></EnableImageDeprecationResponse>")));
        gateway.answerElsewhere(OPERATION, URI.create(wiremock.baseUrl()));
    }

    /** Every {@code EnableImageDeprecation} request in WireMock's journal, oldest first. */
    public List<Deprecation> requests() {
        List<Deprecation> all = new ArrayList<>();
        for (ServeEvent event : wiremock.getAllServeEvents()) {
            String body = event.getRequest().getBodyAsString();
            if (body == null || !body.contains(ACTION)) {
                continue;
            }
            Map<String, String> form = form(body);
            Matcher region = REGION.matcher(String.valueOf(event.getRequest().getHeader("Authorization")));
            all.add(0, new Deprecation(region.find() ? region.group(1) : "unknown", form.get("ImageId"),
                    Instant.parse(form.get("DeprecateAt")), event.getRequest().getLoggedDate().toInstant()));
        }
        return all;
    }

    /** The requests for {@code imageId}. */
    public List<Deprecation> of(String imageId) {
        return requests().stream().filter(d -> imageId.equals(d.imageId())).toList();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    @Override
    public void close() {
        gateway.answerByMoto(OPERATION);
        wiremock.removeStub(stub);
    }
}
