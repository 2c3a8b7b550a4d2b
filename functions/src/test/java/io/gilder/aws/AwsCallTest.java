package io.gilder.aws;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.error.AwsCallFailedException;
import io.gilder.error.AwsTransientException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsCallTest {

    private static AwsServiceException error(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("boom").build()).build();
    }

    @Test
    void throttlingAndServerErrorsAreRetryable() {
        assertThatThrownBy(() -> AwsCall.run("ssm:GetParameter", () -> { throw error("ThrottlingException", 400); }))
                .isInstanceOf(AwsTransientException.class).hasMessage("ssm:GetParameter failed with ThrottlingException: boom");
        assertThatThrownBy(() -> AwsCall.run("ec2:RunInstances", () -> { throw error("InternalError", 500); }))
                .isInstanceOf(AwsTransientException.class);
        assertThatThrownBy(() -> AwsCall.run("ec2:RunInstances", () -> { throw SdkClientException.create("connection reset"); }))
                .isInstanceOf(AwsTransientException.class).hasMessageContaining("could not reach AWS");
    }

    @Test
    void kmsThrottlingPassedOnByAnotherServiceIsRetryable() {
        assertThatThrownBy(() -> AwsCall.run("sns:Publish", () -> { throw error("KMSThrottling", 400); }))
                .isInstanceOf(AwsTransientException.class).hasMessage("sns:Publish failed with KMSThrottling: boom");
        assertThatThrownBy(() -> AwsCall.run("sns:Publish", () -> { throw error("KMSDisabled", 400); }))
                .isInstanceOf(AwsCallFailedException.class);
    }

    @Test
    void otherErrorsAreTerminalAndNameTheOperationAndCode() {
        assertThatThrownBy(() -> AwsCall.run("ec2:DescribeImages", () -> { throw error("UnauthorizedOperation", 403); }))
                .isInstanceOf(AwsCallFailedException.class).hasMessage("ec2:DescribeImages failed with UnauthorizedOperation: boom");
    }
}
