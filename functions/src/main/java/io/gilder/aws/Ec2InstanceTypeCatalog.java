package io.gilder.aws;

import io.gilder.build.InstanceTypeCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

@ApplicationScoped
public class Ec2InstanceTypeCatalog implements InstanceTypeCatalog {

    private final Ec2Client ec2;

    Ec2InstanceTypeCatalog(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public boolean exists(String instanceType) {
        return AwsCall.run("ec2:DescribeInstanceTypes", () -> {
            try {
                return !ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings(instanceType)).instanceTypes().isEmpty();
            } catch (Ec2Exception e) {
                if (AwsCall.errorCode(e).equals("InvalidInstanceType")) {
                    return false;
                }
                throw e;
            }
        });
    }
}
