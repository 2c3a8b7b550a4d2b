package io.gilder.distribution;

import io.gilder.build.BuildRequestParser;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.DistributionTarget;
import io.gilder.registry.Fields;
import io.gilder.registry.GoldenParameters;
import io.gilder.registry.NamedVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a {@code distribute-golden-ami} execution input and reports every problem at once, each
 * naming its field ({@code targets[1].accountId}, {@code MetadataJSON.111122223333}, ...).
 *
 * <p>Targets come in one of two forms:
 * <ul>
 * <li>{@code "targets": [{"accountId": "111122223333", "regions": ["us-east-1", "eu-west-1"]}]}: the preferred one;</li>
 * <li>{@code "MetadataJSON": {"111122223333": "us-east-1,eu-west-1"}}: the old samples' map, for migrating teams, as a JSON
 *     object or (legacy) as a string holding that JSON. The object form needs no escaped quotes and is preferred.</li>
 * </ul>
 */
public final class DistributionRequestParser {

    static final String TARGETS = "targets";
    static final String METADATA_JSON = "MetadataJSON";
    static final Set<String> FIELDS = Set.of("productName", "productOSAndVersion", "buildVersion", TARGETS, METADATA_JSON);
    private static final Set<String> TARGET_FIELDS = Set.of("accountId", "regions");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final String ACCOUNT_HINT = "a 12-digit AWS account id such as 111122223333";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}");

    private DistributionRequestParser() {}

    /**
     * @param raw          the execution input as decoded JSON
     * @param knownRegions every region name EC2 knows (enabled or not), to tell real regions from typos
     * @param decodeJson   decodes the legacy string form of {@code MetadataJSON}; throws IllegalArgumentException on bad JSON
     * @throws InvalidRequestException naming every field that is missing, malformed or repeated
     */
    /** The most account-region pairs one distribution may name. */
    static final int MAX_TARGETS = 200;

    public static DistributionRequest parse(Object raw, Set<String> knownRegions, Function<String, Object> decodeJson) {
        Fields in = Fields.of(raw, "request");
        in.rejectUnknown(FIELDS);
        String product = in.requiredString("productName", NamedVersion.FORMAT, NamedVersion.HINT);
        String os = in.requiredString("productOSAndVersion", NamedVersion.FORMAT,
                NamedVersion.HINT.replace("WebServer-1.2", "AmazonLinux-2023"));
        String buildVersion = in.requiredString("buildVersion", BuildRequestParser.BUILD_VERSION,
                "a version of one to three dot-separated numbers, e.g. \"3\" or \"1.4.0\"");
        Targets targets = new Targets(knownRegions);
        if (in.has(TARGETS) && in.has(METADATA_JSON)) {
            in.problem(METADATA_JSON, "cannot be combined with targets: give one of them");
        } else if (in.has(TARGETS)) {
            readTargets(in, targets);
        } else if (in.has(METADATA_JSON)) {
            readMetadataJson(in, targets, decodeJson);
        } else {
            in.problem(TARGETS, "is required (or, for inputs of the old samples, MetadataJSON)");
        }
        int pairs = targets.sorted().size();
        if (pairs > MAX_TARGETS) {
            in.problem(in.has(TARGETS) ? TARGETS : METADATA_JSON, "names " + pairs + " account-region pairs; at most " + MAX_TARGETS
                    + " in one distribution (each adds to the execution's history, which Step Functions caps at 25,000 events): "
                    + "split them over several distributions");
        }

        if (!in.problems().isEmpty()) {
            throw new InvalidRequestException("Invalid distribution request", in.problems());
        }
        NamedVersion productId = NamedVersion.parse(product);
        NamedVersion osId = NamedVersion.parse(os);
        return new DistributionRequest(productId, osId, buildVersion,
                GoldenParameters.imageParameter(osId, productId, buildVersion), targets.sorted(), targets.accountFields);
    }

    private static void readTargets(Fields in, Targets targets) {
        if (in.raw(TARGETS) instanceof List<?> list && list.isEmpty()) {
            in.problem(TARGETS, "must name at least one account");
        }
        for (Fields target : in.optionalObjectList(TARGETS)) {
            target.rejectUnknown(TARGET_FIELDS);
            String account = target.requiredString("accountId", ACCOUNT_ID, ACCOUNT_HINT);
            if (account != null) {
                targets.named(account, target.path("accountId"));
            }
            Object regions = target.raw("regions");
            if (regions == null) {
                target.problem("regions", "is required");
            } else if (!(regions instanceof List<?> names)) {
                target.problem("regions", "must be a JSON array of region names, not " + Fields.jsonType(regions));
            } else if (names.isEmpty()) {
                target.problem("regions", "must name at least one region");
            } else {
                for (int i = 0; i < names.size(); i++) {
                    targets.add(target, "regions[" + i + "]", account, names.get(i));
                }
            }
        }
    }

    private static void readMetadataJson(Fields in, Targets targets, Function<String, Object> decodeJson) {
        Object value = in.raw(METADATA_JSON);
        if (value instanceof String text) {
            try {
                value = decodeJson.apply(text);
            } catch (IllegalArgumentException e) {
                in.problem(METADATA_JSON, "is a string but not JSON (" + e.getMessage() + "); prefer a JSON object such as "
                        + "{\"111122223333\": \"us-east-1,eu-west-1\"}");
                return;
            }
        }
        if (!(value instanceof Map<?, ?> map)) {
            in.problem(METADATA_JSON, "must be a JSON object mapping account ids to comma-separated regions, not "
                    + Fields.jsonType(value));
            return;
        }
        if (map.isEmpty()) {
            in.problem(METADATA_JSON, "must name at least one account");
        }
        Fields accounts = in.nested(METADATA_JSON, map);
        for (String account : accounts.names()) {
            String accountId = ACCOUNT_ID.matcher(account).matches() ? account : null;
            if (accountId == null) {
                accounts.problem(account, "is not " + ACCOUNT_HINT);
            } else {
                targets.named(accountId, accounts.path(account));
            }
            Object regions = accounts.raw(account);
            if (regions instanceof String list) {
                String[] names = list.split(",", -1);
                if (list.isBlank()) {
                    accounts.problem(account, "must name at least one region, e.g. \"us-east-1,eu-west-1\"");
                    continue;
                }
                for (String name : names) {
                    targets.add(accounts, account, accountId, name.strip());
                }
            } else if (regions instanceof List<?> names && !names.isEmpty()) {
                for (int i = 0; i < names.size(); i++) {
                    targets.add(accounts, account + "[" + i + "]", accountId, names.get(i));
                }
            } else {
                accounts.problem(account, "must be a comma-separated list of regions such as \"us-east-1,eu-west-1\"");
            }
        }
    }

    /** The targets read so far, remembering where each was first named so that a repeat can point at it. */
    private static final class Targets {

        private final Map<DistributionTarget, String> firstNamedAt = new LinkedHashMap<>();
        /** Each account and the field that first named it, in account order. */
        private final Map<String, String> accountFields = new java.util.TreeMap<>();
        private final Set<String> knownRegions;

        Targets(Set<String> knownRegions) {
            this.knownRegions = knownRegions;
        }

        void named(String accountId, String field) {
            accountFields.putIfAbsent(accountId, field);
        }

        /** Checks one region name and records the target; {@code accountId} null means the account was already reported. */
        void add(Fields owner, String field, String accountId, Object region) {
            String where = owner.path(field);
            if (!(region instanceof String name) || name.isBlank()) {
                owner.problem(field, region instanceof String ? "names a blank region"
                        : "must hold region names as JSON strings, not " + Fields.jsonType(region));
                return;
            }
            if (!REGION.matcher(name).matches() || !knownRegions.contains(name)) {
                owner.problem(field, "names \"" + name + "\", which is not an AWS region (e.g. us-east-1, eu-west-1)");
                return;
            }
            if (accountId == null) {
                return;
            }
            DistributionTarget target = new DistributionTarget(accountId, name);
            String first = firstNamedAt.putIfAbsent(target, where);
            if (first != null) {
                owner.problem(field, "repeats " + target.id() + " (already named in " + first + ")");
            }
        }

        List<DistributionTarget> sorted() {
            List<DistributionTarget> all = new ArrayList<>(firstNamedAt.keySet());
            all.sort(null);
            return all;
        }
    }
}
