package io.gilder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Presigning is local to the SDK: the real presigner, with a session's credentials as Lambda has them. */
class S3EvidenceLinksTest {

    private final RegionalAwsClients clients = new RegionalAwsClients(UrlConnectionHttpClient.builder().build(),
            StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token")),
            Optional.empty(), "eu-west-1");

    @Test
    void anEvidenceObjectGetsAPresignedGetValidForFifteenMinutes() {
        try (var presigner = clients.homeRegionPresigner()) {
            String url = new S3EvidenceLinks(presigner).temporaryLink(
                    "s3://gilder-evidence-111122223333/AmazonLinux-2023/WebServer-1.2/7/ami-0abc/scan/42/findings.json").orElseThrow();

            URI uri = URI.create(url);
            assertThat(uri.getScheme()).isEqualTo("https");
            assertThat(uri.getHost()).isEqualTo("gilder-evidence-111122223333.s3.eu-west-1.amazonaws.com");
            assertThat(uri.getPath()).isEqualTo("/AmazonLinux-2023/WebServer-1.2/7/ami-0abc/scan/42/findings.json");
            assertThat(uri.getQuery()).contains("X-Amz-Expires=900", "X-Amz-Credential=ASIAEXAMPLE/", "X-Amz-Security-Token=session-token",
                    "X-Amz-Signature=");
        }
    }

    @Test
    void anythingButAnS3UriGetsNoLink() {
        try (var presigner = clients.homeRegionPresigner()) {
            S3EvidenceLinks links = new S3EvidenceLinks(presigner);
            assertThat(links.temporaryLink(null)).isEmpty();
            assertThat(links.temporaryLink("https://example.com/x")).isEmpty();
            assertThat(links.temporaryLink("s3://bucket-only")).isEmpty();
        }
    }
}
