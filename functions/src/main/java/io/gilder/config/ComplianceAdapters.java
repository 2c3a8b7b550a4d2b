package io.gilder.config;

import io.gilder.aws.ConfigEvaluationSink;
import io.gilder.aws.Ec2InstanceInventory;
import io.gilder.aws.RegionalAwsClients;
import io.gilder.aws.SsmGoldenImageSource;
import io.gilder.compliance.ComplianceEvaluator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The compliance rule's AWS Config client (patient with throttling, see {@link ConfigEvaluationSink#retryStrategy()}) and service. */
@ApplicationScoped
public class ComplianceAdapters {

    @Produces
    @Singleton
    ConfigClient config(RegionalAwsClients clients) {
        return clients.homeRegionClient(ConfigClient.builder(), ConfigEvaluationSink.retryStrategy());
    }

    void close(@Disposes ConfigClient client) {
        client.close();
    }

    @Produces
    @Singleton
    ComplianceEvaluator complianceEvaluator(Ec2Client ec2, SsmClient ssm, ConfigClient config) {
        return new ComplianceEvaluator(new Ec2InstanceInventory(ec2), new SsmGoldenImageSource(ssm), new ConfigEvaluationSink(config));
    }
}
