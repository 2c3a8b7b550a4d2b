package io.gilder.aws;

import io.gilder.config.GilderConfig;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.GoldenRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * {@link GoldenRegistries} as {@link SsmGoldenRegistry} instances over the Parameter Store clients of
 * {@link ChildAccountClients}: the pipeline account's own per region, a child account's through its
 * cross-account role (closed after the work).
 */
@ApplicationScoped
public class SsmGoldenRegistries implements GoldenRegistries {

    private final ChildAccountClients accounts;
    private final Clock clock;
    private final Duration leaseLength;

    @Inject
    SsmGoldenRegistries(ChildAccountClients accounts, GilderConfig config) {
        this(accounts, Clock.systemUTC(), config.registry().lease());
    }

    /** @param leaseLength how long a claim on {@code /GoldenAMI/latest} lasts */
    public SsmGoldenRegistries(ChildAccountClients accounts, Clock clock, Duration leaseLength) {
        this.accounts = accounts;
        this.clock = clock;
        this.leaseLength = leaseLength;
    }

    @Override
    public <T> T inPipeline(String region, Function<GoldenRegistry, T> work) {
        return accounts.withSsm(null, region, null, ssm -> work.apply(new SsmGoldenRegistry(ssm, clock, leaseLength)));
    }

    @Override
    public <T> T inAccount(String accountId, String region, String sessionName, Function<GoldenRegistry, T> work) {
        return accounts.withSsm(accountId, region, sessionName, ssm -> work.apply(new SsmGoldenRegistry(ssm, clock, leaseLength)));
    }
}
