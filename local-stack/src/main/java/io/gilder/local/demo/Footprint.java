package io.gilder.local.demo;

import io.gilder.local.LocalStack;
import io.gilder.local.emulator.LocalNames;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Where one golden image version is, for the demo: in the pipeline account and each fake child account, per region,
 * the version parameter's value, whether {@code /GoldenAMI/latest} lists it, and the pipeline's images of the version
 * there with their snapshot counts (pipeline account) or which of them the child account may launch.
 */
final class Footprint {

    private final LocalStack aws;
    private final String parameter;
    private final List<String> regions;

    Footprint(LocalStack aws, String parameter, List<String> regions) {
        this.aws = aws;
        this.parameter = parameter;
        this.regions = List.copyOf(regions);
    }

    /** The version parameter this footprint follows. */
    String parameter() {
        return parameter;
    }

    void print() {
        List<String> accounts = new ArrayList<>();
        accounts.add(LocalNames.ACCOUNT);
        accounts.addAll(LocalNames.CHILD_ACCOUNTS);
        System.out.printf("   %-22s %-10s %-24s %-16s %s%n", "account", "region", "version parameter",
                "on latest", "images (snapshots) / launch permission");
        for (String account : accounts) {
            for (String region : regions) {
                String value = valueOf(account, region, parameter);
                String latest = valueOf(account, region, "/GoldenAMI/latest");
                boolean listed = value != null && latest != null && List.of(latest.split(",")).contains(value);
                System.out.printf("   %-22s %-10s %-24s %-16s %s%n", account + (account.equals(LocalNames.ACCOUNT) ? " (pipeline)" : ""), region,
                        value == null ? "-" : value, value == null ? "-" : listed ? "yes" : "no",
                        account.equals(LocalNames.ACCOUNT) ? images(region) : launchable(account, region));
            }
        }
    }

    private String valueOf(String account, String region, String name) {
        try (SsmClient ssm = aws.clientInAccount(account, SsmClient.builder(), Region.of(region))) {
            return ssm.getParameter(r -> r.name(name)).parameter().value();
        } catch (ParameterNotFoundException e) {
            return null;
        }
    }

    private String images(String region) {
        List<String> found = pipelineImages(region).stream().map(i -> i.imageId() + " (" + i.blockDeviceMappings().stream()
                .filter(b -> b.ebs() != null).count() + ")").toList();
        return found.isEmpty() ? "none" : String.join(", ", found);
    }

    /** The pipeline's images of the version in {@code region} that {@code account} may launch. */
    private String launchable(String account, String region) {
        try (Ec2Client ec2 = aws.clientInAccount(LocalNames.ACCOUNT, Ec2Client.builder(), Region.of(region))) {
            List<String> shared = pipelineImages(region).stream().filter(i -> ec2.describeImageAttribute(r -> r.imageId(i.imageId())
                    .attribute("launchPermission")).launchPermissions().stream().anyMatch(p -> account.equals(p.userId())))
                    .map(Image::imageId).toList();
            return shared.isEmpty() ? "none" : "may launch " + String.join(", ", shared);
        }
    }

    private List<Image> pipelineImages(String region) {
        String product = parameter.split("/")[3];
        try (Ec2Client ec2 = aws.clientInAccount(LocalNames.ACCOUNT, Ec2Client.builder(), Region.of(region))) {
            return ec2.describeImages(r -> r.owners("self").filters(f -> f.name("tag:Product").values(product))).images();
        }
    }
}
