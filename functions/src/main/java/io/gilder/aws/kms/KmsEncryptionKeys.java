package io.gilder.aws.kms;

import io.gilder.aws.AwsCall;
import io.gilder.aws.RegionalAwsClients;
import io.gilder.encryption.EncryptionKeys;
import io.gilder.encryption.KeyFacts;
import io.gilder.encryption.KeyGrants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * {@link EncryptionKeys} on KMS, one client per region of the pipeline account. Refusals of the read calls
 * ({@code AccessDeniedException}, {@code NotFoundException}) mean "not usable" and come back empty; every other
 * failure goes through {@link AwsCall} (transient ones are retried by the workflow).
 */
@ApplicationScoped
public class KmsEncryptionKeys implements EncryptionKeys {

    private final Function<String, KmsClient> kms;
    private final Function<String, Ec2Client> ec2;

    @Inject
    KmsEncryptionKeys(RegionalAwsClients clients) {
        this(clients::kms, clients::ec2);
    }

    /** @param ec2 the EC2 client of a region, for the account's EBS encryption defaults */
    public KmsEncryptionKeys(Function<String, KmsClient> kms, Function<String, Ec2Client> ec2) {
        this.kms = kms;
        this.ec2 = ec2;
    }

    @Override
    public Optional<String> ebsDefaultKey(String region) {
        Ec2Client client = ec2.apply(region);
        boolean on = Boolean.TRUE.equals(AwsCall.run("ec2:GetEbsEncryptionByDefault", () -> client.getEbsEncryptionByDefault(r -> {})
                .ebsEncryptionByDefault()));
        if (!on) {
            return Optional.empty();
        }
        return Optional.ofNullable(AwsCall.run("ec2:GetEbsDefaultKmsKeyId", () -> client.getEbsDefaultKmsKeyId(r -> {}).kmsKeyId()))
                .or(() -> Optional.of("alias/aws/ebs"));
    }

    @Override
    public Optional<KeyFacts> describe(String region, String keyId) {
        return AwsCall.run("kms:DescribeKey", () -> {
            try {
                var key = kms.apply(region).describeKey(r -> r.keyId(keyId)).keyMetadata();
                return Optional.of(new KeyFacts(key.arn(), region, key.keyStateAsString(), key.keyManagerAsString(),
                        Boolean.TRUE.equals(key.multiRegion())));
            } catch (NotFoundException e) {
                return Optional.empty();
            } catch (KmsException e) {
                if (denied(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<String> keyPolicy(String region, String keyArn) {
        return AwsCall.run("kms:GetKeyPolicy", () -> {
            try {
                return Optional.ofNullable(kms.apply(region).getKeyPolicy(r -> r.keyId(keyArn).policyName("default")).policy());
            } catch (KmsException e) {
                if (denied(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public String grant(String region, String keyArn, String granteeAccount, String name) {
        Optional<GrantListEntry> existing = grants(region, keyArn).stream().filter(g -> name.equals(g.name())).findFirst();
        if (existing.isPresent()) {
            return existing.get().grantId();
        }
        List<GrantOperation> operations = KeyGrants.OPERATIONS.stream().map(GrantOperation::fromValue).toList();
        return AwsCall.run("kms:CreateGrant", () -> kms.apply(region).createGrant(r -> r.keyId(keyArn).name(name)
                .granteePrincipal("arn:aws:iam::" + granteeAccount + ":root").operations(operations)).grantId());
    }

    @Override
    public List<String> revokeGrants(String region, String keyArn, String namePrefix) {
        List<String> revoked = new ArrayList<>();
        for (GrantListEntry grant : grants(region, keyArn)) {
            if (grant.name() != null && grant.name().startsWith(namePrefix)) {
                AwsCall.run("kms:RevokeGrant", () -> {
                    try {
                        return kms.apply(region).revokeGrant(r -> r.keyId(keyArn).grantId(grant.grantId()));
                    } catch (NotFoundException gone) {
                        return null; // revoked by a racing attempt
                    }
                });
                revoked.add(grant.name());
            }
        }
        return revoked;
    }

    private List<GrantListEntry> grants(String region, String keyArn) {
        return AwsCall.run("kms:ListGrants", () -> kms.apply(region).listGrantsPaginator(r -> r.keyId(keyArn)).grants().stream().toList());
    }

    private static boolean denied(KmsException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return "AccessDeniedException".equals(code) || e.statusCode() == 403;
    }
}
