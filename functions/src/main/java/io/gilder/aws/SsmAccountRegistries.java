package io.gilder.aws;

import io.gilder.port.AccountRegistries;
import io.gilder.port.GoldenRegistry;
import java.time.Clock;
import java.time.Duration;

/** {@link AccountRegistries} as {@link SsmGoldenRegistry} over each account and region's SSM client. */
public class SsmAccountRegistries implements AccountRegistries {

    private final ChildAccountClients clients;
    private final Clock clock;
    private final Duration leaseLength;

    public SsmAccountRegistries(ChildAccountClients clients, Clock clock, Duration leaseLength) {
        this.clients = clients;
        this.clock = clock;
        this.leaseLength = leaseLength;
    }

    @Override
    public GoldenRegistry in(String accountId, String region) {
        return new SsmGoldenRegistry(clients.ssm(accountId, region), clock, leaseLength);
    }
}
