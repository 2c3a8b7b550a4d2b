package io.gilder.encryption;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** KMS keys in memory: the keys and policies a test declares, the grants made and revoked (KMS itself is exercised on the local stack). */
public final class FakeEncryptionKeys implements EncryptionKeys {

    public final Map<String, KeyFacts> keys = new HashMap<>();
    public final Map<String, String> policies = new HashMap<>();
    /** key ARN → grant name → grantee account */
    public final Map<String, Map<String, String>> grants = new LinkedHashMap<>();
    public final List<String> calls = new ArrayList<>();

    public static final String POLICY_OF_111 = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999999999999:root\"},"
            + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";

    /** A customer managed, enabled key of the pipeline account 999999999999 whose policy delegates to IAM. */
    public String customerKey(String region, String id) {
        String arn = "arn:aws:kms:" + region + ":999999999999:key/" + id;
        keys.put(arn, new KeyFacts(arn, region, "Enabled", "CUSTOMER", id.startsWith("mrk-")));
        policies.put(arn, POLICY_OF_111);
        return arn;
    }

    /** region → the account's default EBS key where encryption by default is on */
    public final Map<String, String> ebsDefaults = new HashMap<>();

    @Override
    public Optional<String> ebsDefaultKey(String region) {
        calls.add("GetEbsEncryptionByDefault " + region);
        return Optional.ofNullable(ebsDefaults.get(region));
    }

    @Override
    public Optional<KeyFacts> describe(String region, String keyId) {
        calls.add("DescribeKey " + keyId);
        return Optional.ofNullable(keys.get(keyId)).filter(k -> k.region().equals(region));
    }

    @Override
    public Optional<String> keyPolicy(String region, String keyArn) {
        calls.add("GetKeyPolicy " + keyArn);
        return Optional.ofNullable(policies.get(keyArn));
    }

    @Override
    public String grant(String region, String keyArn, String granteeAccount, String name) {
        calls.add("CreateGrant " + keyArn + " " + name);
        grants.computeIfAbsent(keyArn, k -> new LinkedHashMap<>()).put(name, granteeAccount);
        return "grant-" + name;
    }

    @Override
    public List<String> revokeGrants(String region, String keyArn, String namePrefix) {
        Map<String, String> onKey = grants.getOrDefault(keyArn, new LinkedHashMap<>());
        List<String> revoked = onKey.keySet().stream().filter(n -> n.startsWith(namePrefix)).toList();
        revoked.forEach(onKey::remove);
        return revoked;
    }
}
