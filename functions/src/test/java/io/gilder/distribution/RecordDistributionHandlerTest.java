package io.gilder.distribution;

import io.gilder.error.DistributionIncompleteException;
import io.gilder.flow.FailureReason;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.FakeDistributionManifests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How record-distribution reads what the state machine gathered: a failed region fails its targets, a failed
 * child execution fails every target of its account, a failed Service Catalog step fails the run, and only what
 * succeeded is recorded as published (the plan keeps the rest for decommission).
 */
class RecordDistributionHandlerTest {

    static final DistributionImage IMAGE = new DistributionImage("ami-0source", "gilder/AmazonLinux-2023/Web-1.0/3",
            "/GoldenAMI/AmazonLinux-2023/Web-1.0/3", "us-east-1", "Web-1.0", "AmazonLinux-2023", "3");
    static final List<AccountTargets> ACCOUNTS = List.of(new AccountTargets("111111111111", List.of("eu-west-1", "us-east-1")),
            new AccountTargets("222222222222", List.of("eu-west-1", "us-east-1")));

    final FakeDistributionManifests store = new FakeDistributionManifests();
    final DistributionRecorder recorder = new DistributionRecorder(store, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    final RecordDistributionHandler handler = new RecordDistributionHandler(recorder);

    @Test
    void aFailedRegionAndAFailedAccountNameTheirTargetsAndOnlySuccessesAreRecorded() {
        new RecordDistributionPlanHandler(recorder).handleRequest(new RecordDistributionPlanHandler.Input("arn:exec:1", IMAGE, ACCOUNTS), null);
        var failure = new FailureReason.Failure("io.gilder.error.ImageCopyFailedException",
                "{\"errorMessage\":\"Image ami-0eu in eu-west-1 is 'failed'\",\"errorType\":\"x\"}");

        assertThatThrownBy(() -> handler.handleRequest(new RecordDistributionHandler.Input("arn:exec:1", IMAGE, ACCOUNTS,
                List.of(new RecordDistributionHandler.Region("us-east-1", "ami-0source", false, null),
                        new RecordDistributionHandler.Region("eu-west-1", null, false, failure)),
                new RecordDistributionHandler.Published(List.of(new RecordDistributionHandler.Account("111111111111",
                                List.of(new RecordDistributionHandler.Target("111111111111", "us-east-1", null),
                                        new RecordDistributionHandler.Target("111111111111", "eu-west-1", failure))),
                        new RecordDistributionHandler.Account("222222222222",
                                List.of(new RecordDistributionHandler.Target("222222222222", "eu-west-1", failure),
                                        new RecordDistributionHandler.Target("222222222222", "us-east-1",
                                                new FailureReason.Failure("io.gilder.error.AwsCallFailedException", "sts:AssumeRole failed"))))),
                        null),
                new RecordDistributionHandler.Catalog("prod-1", "pa-1", "templates/x", null, null)), null))
                .isInstanceOf(DistributionIncompleteException.class)
                .hasMessageStartingWith("region eu-west-1 (ImageCopyFailedException: Image ami-0eu in eu-west-1 is 'failed'); "
                        + "failed targets: 111111111111/eu-west-1 (the image never reached eu-west-1), "
                        + "222222222222/eu-west-1 (the image never reached eu-west-1), "
                        + "222222222222/us-east-1 (AwsCallFailedException: sts:AssumeRole failed) - 3 of 4 targets failed");

        DistributionManifest manifest = store.byKey.values().iterator().next();
        assertThat(manifest.accounts()).isEqualTo(Map.of("111111111111", List.of("us-east-1")));
        assertThat(manifest.planned()).containsOnlyKeys("111111111111", "222222222222");
        assertThat(manifest.regions()).isEqualTo(Map.of("us-east-1", "ami-0source"));
        assertThat(manifest.serviceCatalog().productId()).isEqualTo("prod-1");
    }

    @Test
    void aFailedServiceCatalogStepFailsTheRunButEveryTargetIsRecorded() {
        var allPublished = ACCOUNTS.stream().map(a -> new RecordDistributionHandler.Account(a.accountId(),
                a.regions().stream().map(r -> new RecordDistributionHandler.Target(a.accountId(), r, null)).toList())).toList();

        assertThatThrownBy(() -> handler.handleRequest(new RecordDistributionHandler.Input("arn:exec:2", IMAGE, ACCOUNTS,
                List.of(new RecordDistributionHandler.Region("us-east-1", "ami-0source", false, null),
                        new RecordDistributionHandler.Region("eu-west-1", "ami-0eu", true, null)),
                new RecordDistributionHandler.Published(allPublished, null), new RecordDistributionHandler.Catalog(null, null, null, null,
                        new FailureReason.Failure("io.gilder.error.ProductTemplateException", "no template at s3://b/k"))), null))
                .isInstanceOf(DistributionIncompleteException.class)
                .hasMessageStartingWith("Service Catalog version (ProductTemplateException: no template at s3://b/k) - all 4 targets published");

        DistributionManifest manifest = store.byKey.values().iterator().next();
        assertThat(manifest.accounts()).containsOnlyKeys("111111111111", "222222222222");
        assertThat(manifest.serviceCatalog()).isNull();
    }

    @Test
    void aFailedMapRunLeavesEveryTargetUnaccountedForAndNamesItsError() {
        assertThatThrownBy(() -> handler.handleRequest(new RecordDistributionHandler.Input("arn:exec:3", IMAGE, ACCOUNTS,
                List.of(new RecordDistributionHandler.Region("us-east-1", "ami-0source", false, null)),
                new RecordDistributionHandler.Published(List.of(),
                        new FailureReason.Failure("States.ExceedToleratedFailureThreshold", "The Map Run failed")), null), null))
                .isInstanceOf(DistributionIncompleteException.class)
                .hasMessageStartingWith("publishing to accounts (ExceedToleratedFailureThreshold: The Map Run failed); failed targets: "
                        + "111111111111/eu-west-1 (no result was recorded for this account)")
                .hasMessageContaining("4 of 4 targets failed");
    }
}
