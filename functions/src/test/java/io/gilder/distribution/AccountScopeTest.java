package io.gilder.distribution;

import io.gilder.error.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class AccountScopeTest {

    static final Map<String, String> FIELDS = fields("111111111111", "targets[0].accountId", "222222222222", "targets[1].accountId",
            "333333333333", "targets[2].accountId");
    final List<String> asked = new ArrayList<>();

    @Test
    void anAllowlistAllowsExactlyItsAccountsAndNamesTheOthersByField() {
        AccountScope scope = AccountScope.of("Allowlist", List.of("111111111111", " 333333333333", ""));

        List<FieldProblem> refused = scope.refusals(FIELDS, noOrganization());

        assertThat(refused).extracting(FieldProblem::field).containsExactly("targets[1].accountId");
        assertThat(refused.get(0).problem()).contains("names 222222222222").contains("not in the stack's DistributionAllowedAccounts")
                .contains("DistributionAccountScope=Allowlist").doesNotContain("empty");
    }

    @Test
    void anEmptyAllowlistAllowsNoAccountAndSaysTheListIsEmpty() {
        List<FieldProblem> refused = AccountScope.of("Allowlist", List.of("")).refusals(FIELDS, noOrganization());

        assertThat(refused).hasSize(3).allSatisfy(p -> assertThat(p.problem()).contains("the list is empty"));
    }

    @Test
    void organizationScopeAllowsActiveMembersOnlyAndAsksOncePerAccount() {
        Map<String, String> states = Map.of("111111111111", "ACTIVE", "222222222222", "SUSPENDED");
        OrganizationMembers members = account -> {
            asked.add(account);
            return Optional.ofNullable(states.get(account));
        };

        List<FieldProblem> refused = AccountScope.of("Organization", List.of("999999999999")).refusals(FIELDS, members);

        assertThat(asked).containsExactly("111111111111", "222222222222", "333333333333");
        assertThat(refused).extracting(FieldProblem::field).containsExactly("targets[1].accountId", "targets[2].accountId");
        assertThat(refused.get(0).problem()).contains("222222222222").contains("is SUSPENDED").contains("not ACTIVE");
        assertThat(refused.get(1).problem()).contains("333333333333").contains("not a member of the pipeline account's AWS Organization");
    }

    @Test
    void theModeIsReadWithoutRegardToCase() {
        assertThat(AccountScope.of("organization", List.of()).mode()).isEqualTo(AccountScope.ORGANIZATION);
        assertThat(AccountScope.of("ALLOWLIST", List.of("111111111111")).refusals(fields("111111111111", "t"), noOrganization())).isEmpty();
    }

    @Test
    void wrongSettingsRefuseEveryAccountAndSayWhichSetting() {
        List<FieldProblem> unknownMode = AccountScope.of("Everyone", List.of("111111111111")).refusals(FIELDS, noOrganization());
        List<FieldProblem> badEntry = AccountScope.of("Allowlist", List.of("111111111111", "all")).refusals(FIELDS, noOrganization());

        assertThat(unknownMode).hasSize(3).allSatisfy(p -> assertThat(p.problem()).contains("DistributionAccountScope is 'Everyone'"));
        assertThat(badEntry).hasSize(3).allSatisfy(p -> assertThat(p.problem())
                .contains("DistributionAllowedAccounts holds 'all', not 12-digit account ids"));
    }

    private static OrganizationMembers noOrganization() {
        return account -> {
            throw new AssertionError("Allowlist mode asks no organization");
        };
    }

    private static Map<String, String> fields(String... accountThenField) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < accountThenField.length; i += 2) {
            fields.put(accountThenField[i], accountThenField[i + 1]);
        }
        return fields;
    }
}
