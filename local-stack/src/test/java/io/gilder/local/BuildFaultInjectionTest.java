package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.emulator.Faults;
import io.gilder.local.fakes.QualysFake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Nothing leaks, proven: a failure is injected at each AWS call a build makes, one call per run, and
 * after every run the execution has failed with a named error and left no instance running, no
 * image, no snapshot and no parameter.
 *
 * <p>The fault points are the calls of a clean, warm run (so calls a container makes once and then
 * caches, like reading the scanner's secret, are not counted as per-build calls). Not fault points:
 * Lambda invocations and Step Functions calls (the state machine retries Lambda service errors by
 * design, and the test's own polling goes through Step Functions), the local inbox (SQS) and the
 * approval page's own calls, told apart by the page's own access key (an approver's requests, not the workflow's;
 * the approval page's tests cover them).
 */
@ExtendWith(LocalAws.class)
class BuildFaultInjectionTest {

    private static final Duration RUN = Duration.ofMinutes(3);
    private static final Pattern NAMED_ERROR = Pattern.compile("(io\\.gilder\\.error\\.[A-Za-z]+Exception|Gilder\\.[A-Za-z]+)");

    @Test
    void aFailureAtAnyAwsCallFailsTheBuildWithANamedErrorAndLeavesNothing(LocalStack aws) {
        String sourceAmi;
        try (Ec2Client ec2 = aws.client(Ec2Client.builder())) {
            sourceAmi = LocalImages.amazonLinux(ec2);
        }
        try (Builds builds = new Builds(aws)) {
            run(builds, aws, sourceAmi); // warms every function's container
            aws.faults().reset();
            aws.faults().spare(LocalStack.APPROVAL_PAGE_ACCESS_KEY);
            Outcome clean = run(builds, aws, sourceAmi);
            assertThat(clean.status()).as(clean.detail()).isEqualTo(ExecutionStatus.SUCCEEDED);
            List<Faults.Rule> points = Faults.pointsOf(aws.faults().calls().stream().filter(BuildFaultInjectionTest::isWorkflowCall).toList(),
                    "AccessDenied", 403);

            List<String> problems = new ArrayList<>();
            for (Faults.Rule point : points) {
                aws.faults().reset();
                aws.faults().failNth(point.operation(), point.nth(), point.errorCode(), point.httpStatus());
                AccountState before = AccountState.of(aws);
                Outcome outcome = run(builds, aws, sourceAmi);
                List<String> left = AccountState.of(aws).newSince(before);
                String where = point.operation() + " #" + point.nth();
                if (aws.faults().fired().isEmpty()) {
                    problems.add(where + ": the call was not made in this run");
                } else if (outcome.status() != ExecutionStatus.FAILED || !NAMED_ERROR.matcher(String.valueOf(outcome.error())).matches()) {
                    problems.add(where + ": ended " + outcome.status() + " " + outcome.error());
                } else if (!left.isEmpty()) {
                    problems.add(where + ": left " + left);
                }
            }
            System.out.printf("fault injection: %d fault points tried over %d distinct operations; %d problems%n", points.size(),
                    points.stream().map(Faults.Rule::operation).distinct().count(), problems.size());
            assertThat(points).as("fault points").hasSizeGreaterThan(20);
            assertThat(problems).isEmpty();
        }
    }

    private static boolean isWorkflowCall(String call) {
        return !(call.startsWith("lambda:") || call.startsWith("states:") || call.startsWith("sqs:"));
    }

    record Outcome(ExecutionStatus status, String error, String detail) {}

    /** One build with a unique product; approves it if it gets that far. */
    private static Outcome run(Builds builds, LocalStack aws, String sourceAmi) {
        aws.qualys(QualysFake.Options.defaults());
        String product = "Fault" + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
        String arn = builds.start("fault-" + UUID.randomUUID(), Map.of("sourceAmiId", sourceAmi, "productName", product,
                "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1", "approvalTimeout", "PT20S"));
        builds.awaitApprovalMail(arn, product, RUN).flatMap(Inbox.Mail::link)
                .ifPresent(link -> builds.decide(link, "APPROVED", "Fault Tester", "approve under fault injection"));
        Executions.Result result = builds.await(arn, RUN);
        aws.inbox().clear();
        return new Outcome(result.status(), result.error(), result.cause());
    }
}
