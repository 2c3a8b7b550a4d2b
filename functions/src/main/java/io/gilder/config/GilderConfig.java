package io.gilder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/**
 * Gilder's settings. In Lambda they come from environment variables that the SAM template sets
 * from stack parameters, e.g. {@code GILDER_DEFAULTS_INSTANCE_TYPE}.
 */
@ConfigMapping(prefix = "gilder")
public interface GilderConfig {

    Aws aws();

    Defaults defaults();

    Builder builder();

    Waits waits();

    Storage storage();

    Approvals approvals();

    Registry registry();

    /** The {@code /GoldenAMI/latest} lock. */
    interface Registry {
        /**
         * How long a writer holds the lock before others may take it over: longer than any one update takes, and
         * shorter than the state machines' retry budget for {@code RegistryBusyException}, so a lock whose release
         * failed delays the next writer but never fails it.
         */
        @WithDefault("PT60S")
        java.time.Duration lease();
    }

    interface Aws {
        /** Region of every client; Lambda sets {@code AWS_REGION}. */
        @WithDefault("${AWS_REGION:us-east-1}")
        String region();

        /** Sends every AWS call here instead of the public endpoints (the local stack, a VPC proxy). */
        Optional<URI> endpointOverride();

        /**
         * Run each function's code path once during init (read-only calls), so the first invocation
         * finds loaded classes and ready clients. Unset: only when init is not on a caller's path,
         * i.e. when Lambda reports {@code AWS_LAMBDA_INITIALIZATION_TYPE} {@code snap-start} (the
         * work lands in the snapshot) or {@code provisioned-concurrency}; on-demand cold starts would
         * only pay for it twice.
         */
        Optional<Boolean> primeClients();
    }

    /** Whether {@link Aws#primeClients()} applies to an init of the given Lambda initialization type. */
    static boolean shouldPrime(Optional<Boolean> configured, String initializationType) {
        return configured.orElseGet(() -> "snap-start".equals(initializationType) || "provisioned-concurrency".equals(initializationType));
    }

    interface Defaults {
        /** Builder and test instance type when a request names none. */
        @WithDefault("t3.medium")
        String instanceType();

        /** Scanner of builds and rescans: {@code qualys}, {@code tenable}, {@code inspector} or {@code none}. */
        @WithDefault("qualys")
        String scanner();

        /** The stack's {@code AllowUnscannedImages}: builds with scanner {@code none} need no {@code allowUnscanned} of their own. */
        @WithDefault("false")
        boolean allowUnscanned();

        /**
         * The stack's {@code MaxAllowedSeverity}: the highest finding severity (1-5) a candidate may have and still pass
         * the scan policy, and the ceiling of a request's {@code scanPolicy.maxSeverity}.
         */
        @WithDefault("3")
        int maxSeverity();

        /**
         * The stack's {@code FindingExceptions}: a JSON array of {@code {"id", "expires", "reason"}}, the only finding ids
         * a scan policy may ignore, each until its expiry date.
         */
        Optional<String> findingExceptions();

        /**
         * The stack's {@code TrustedImageOwners}: owners a source AMI must come from, {@code amazon} (Amazon's own
         * images), {@code self} (the pipeline account) or account ids.
         */
        @WithDefault("amazon,self")
        java.util.List<String> trustedImageOwners();

        /** How long an approval request waits for a decision; expiry counts as a denial. */
        @WithDefault("72")
        int approvalTimeoutHours();

        /** Seconds between two checks of every wait loop in the state machines. */
        @WithDefault("30")
        int pollSeconds();
    }

    /** Where and how builder and test instances run (the template creates these resources). */
    interface Builder {
        /** Private subnet of builder and test instances. */
        Optional<String> subnetId();

        /** Security group of builders: no inbound rule. */
        Optional<String> securityGroupId();

        /** Security group of test and rescan instances: inbound only from the scanner appliance; unset = {@link #securityGroupId()}. */
        Optional<String> testSecurityGroupId();

        /** Instance profile name: SSM core plus read access to the scripts' location. */
        Optional<String> instanceProfile();
    }

    /** Maximum number of checks of each wait loop; one more raises the loop's named timeout error. */
    interface Waits {
        @WithDefault("40")
        int instanceManagedAttempts();

        @WithDefault("120")
        int commandAttempts();

        @WithDefault("40")
        int instanceStateAttempts();

        @WithDefault("120")
        int imageAvailableAttempts();

        @WithDefault("240")
        int scanAttempts();
    }

    interface Storage {
        /** Bucket of scan evidence and approval decisions. */
        Optional<String> evidenceBucket();

        /** SNS topic of approval requests and notices. */
        Optional<String> notificationTopicArn();
    }

    interface Approvals {
        /** DynamoDB table mapping approval ids to task tokens. */
        Optional<String> table();

        /** Base of approval links, e.g. https://abc.execute-api.us-east-1.amazonaws.com/approvals */
        Optional<String> baseUrl();

        /** The audit bucket (S3 Object Lock) that keeps every view and decision under {@code approvals/}. */
        Optional<String> auditBucket();

        /** The approvers' OpenID Connect issuer, e.g. the stack's Cognito user pool ({@code https://cognito-idp.<region>.amazonaws.com/<pool>}). */
        Optional<String> oidcIssuer();

        /** The page's client id at the issuer; empty when the client secret's JSON names it ({@code clientId}). */
        Optional<String> oidcClientId();

        /** The Secrets Manager secret holding the client secret: {@code {"clientId": ..., "clientSecret": ...}} or the bare secret. */
        Optional<String> oidcClientSecretId();

        /** The ID token claim that lists the person's groups or roles. */
        @WithDefault("cognito:groups")
        String approverClaim();

        /**
         * Separation of duties: refuse an approval by the person who started the build (known for builds started through
         * {@code POST /builds}; when the starter is unknown, every approval is refused).
         */
        @WithDefault("false")
        boolean separateFromStarter();

        /** The build state machine that {@code POST /builds} starts. */
        Optional<String> buildStateMachineArn();

        /** How many distinct approvers must approve a candidate (one denial denies). */
        @WithDefault("1")
        int requiredApprovals();

        /** The value of {@link #approverClaim} that makes someone an approver. */
        @WithDefault("approvers")
        String approverClaimValue();
    }

}
