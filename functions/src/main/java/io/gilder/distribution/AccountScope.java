package io.gilder.distribution;

import io.gilder.error.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which accounts may receive golden images (the stack's {@code DistributionAccountScope} and
 * {@code DistributionAllowedAccounts}):
 * <ul>
 * <li>{@code Allowlist}: exactly the listed accounts. The pipeline account gets no exception: it is a target like any
 *     other, so it must be listed to be named (its own registry is updated by "Share Image" without being a target).
 *     An empty list allows no account.</li>
 * <li>{@code Organization}: every account that is an {@code ACTIVE} member of the pipeline account's AWS Organization, as
 *     {@link OrganizationMembers} reports it.</li>
 * </ul>
 * Settings that name neither mode, or list something other than 12-digit account ids, allow nothing: every target is
 * refused with the setting's problem (fail closed).
 */
public final class AccountScope {

    public static final String ALLOWLIST = "Allowlist";
    public static final String ORGANIZATION = "Organization";
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    private final String mode;
    private final Set<String> allowed;
    private final Optional<String> misconfigured;

    private AccountScope(String mode, Set<String> allowed, Optional<String> misconfigured) {
        this.mode = mode;
        this.allowed = allowed;
        this.misconfigured = misconfigured;
    }

    /**
     * @param mode            {@code Allowlist} or {@code Organization} (case-insensitive)
     * @param allowedAccounts the allowlist's entries (blank entries are ignored)
     */
    public static AccountScope of(String mode, List<String> allowedAccounts) {
        Set<String> allowed = new TreeSet<>();
        List<String> bad = new ArrayList<>();
        for (String entry : allowedAccounts) {
            String id = entry == null ? "" : entry.strip();
            if (ACCOUNT_ID.matcher(id).matches()) {
                allowed.add(id);
            } else if (!id.isEmpty()) {
                bad.add("'" + id + "'");
            }
        }
        String normalized = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        if (normalized.equals(ALLOWLIST.toLowerCase(Locale.ROOT))) {
            return new AccountScope(ALLOWLIST, Set.copyOf(allowed), bad.isEmpty() ? Optional.empty()
                    : Optional.of("DistributionAllowedAccounts holds " + String.join(", ", bad) + ", not 12-digit account ids"));
        }
        if (normalized.equals(ORGANIZATION.toLowerCase(Locale.ROOT))) {
            return new AccountScope(ORGANIZATION, Set.of(), Optional.empty());
        }
        return new AccountScope(String.valueOf(mode), Set.of(), Optional.of("DistributionAccountScope is '" + mode
                + "', neither " + ALLOWLIST + " nor " + ORGANIZATION));
    }

    public String mode() {
        return mode;
    }

    /**
     * The targets this scope refuses, each named by the request field that first named its account.
     *
     * @param accountFields each distinct account of the request and where it was named ({@code targets[0].accountId}, ...)
     * @param members       consulted in {@code Organization} mode only, once per account, in the map's order
     */
    public List<FieldProblem> refusals(Map<String, String> accountFields, OrganizationMembers members) {
        List<FieldProblem> problems = new ArrayList<>();
        accountFields.forEach((account, field) -> reason(account, members).ifPresent(why ->
                problems.add(new FieldProblem(field, "names " + account + ", " + why))));
        return problems;
    }

    private Optional<String> reason(String account, OrganizationMembers members) {
        if (misconfigured.isPresent()) {
            return Optional.of("which is refused because the stack's settings are wrong: " + misconfigured.get()
                    + " (no account may receive images until they are fixed)");
        }
        if (mode.equals(ALLOWLIST)) {
            if (allowed.contains(account)) {
                return Optional.empty();
            }
            return Optional.of("which is not in the stack's DistributionAllowedAccounts (DistributionAccountScope=Allowlist"
                    + (allowed.isEmpty() ? ", and the list is empty" : "") + "): add it to that parameter to distribute there");
        }
        Optional<String> state = members.memberState(account);
        if (state.isEmpty()) {
            return Optional.of("which is not a member of the pipeline account's AWS Organization (DistributionAccountScope=Organization)");
        }
        return "ACTIVE".equals(state.get()) ? Optional.empty() : Optional.of("which is " + state.get()
                + " in the pipeline account's AWS Organization, not ACTIVE (DistributionAccountScope=Organization)");
    }
}
