package io.gilder.testing;

import io.gilder.approval.Approval;
import io.gilder.approval.ApprovalIds;
import io.gilder.registry.NamedVersion;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Sample approvals for tests. */
public final class Approvals {

    public static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
    public static final Instant EXPIRES = CREATED.plus(Duration.ofHours(72));

    private Approvals() {}

    public static String newId() {
        return new ApprovalIds(SecureRandom::new).next();
    }

    public static Approval pending(String id) {
        return Approval.pending(id, "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:run-1",
                "ami-0123456789abcdef0", new NamedVersion("WebServer", "1.0"), new NamedVersion("AmazonLinux", "2023"), "7",
                "ami-0fedcba9876543210", new Approval.Findings(Map.of(1, 6, 2, 4, 3, 2), 3, 12),
                "s3://evidence/AmazonLinux-2023/WebServer-1.0/7/findings.json",
                new Approval.Policy(true, "no finding above severity 3"), CREATED, EXPIRES);
    }
}
