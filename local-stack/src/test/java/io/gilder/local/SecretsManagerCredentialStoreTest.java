package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.aws.SecretsManagerCredentialStore;
import io.gilder.error.AwsCallFailedException;
import io.gilder.error.ScannerAuthenticationException;
import io.gilder.local.fakes.QualysFake;
import io.gilder.local.fakes.TenableFake;
import io.gilder.scan.ApiKeys;
import io.gilder.scan.BasicCredentials;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The credential adapter with the real SDK against the emulator's Secrets Manager. */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsManagerCredentialStoreTest {

    private SecretsManagerClient secrets;

    @BeforeAll
    void setUp(LocalStack aws) {
        secrets = aws.client(SecretsManagerClient.builder());
    }

    private String secret(String value) {
        return secrets.createSecret(r -> r.name("gilder-test-" + UUID.randomUUID()).secretString(value)).arn();
    }

    @Test
    void readsOnceAndCachesUntilForgotten() {
        String arn = secret(QualysFake.secretJson());
        SecretsManagerCredentialStore store = new SecretsManagerCredentialStore(secrets);

        assertThat(store.basic(arn)).isEqualTo(new BasicCredentials(QualysFake.USERNAME, QualysFake.PASSWORD));

        secrets.putSecretValue(r -> r.secretId(arn).secretString("{\"username\":\"rotated\",\"password\":\"new-one\"}"));
        assertThat(store.basic(arn).username()).as("cached for the container").isEqualTo(QualysFake.USERNAME);
        store.forget(arn);
        assertThat(store.basic(arn)).isEqualTo(new BasicCredentials("rotated", "new-one"));
    }

    @Test
    void aSecretWithoutUsernameAndPasswordIsRefusedWithoutQuotingIt() {
        String notJson = secret("hunter2-not-json");
        String noPassword = secret("{\"username\":\"someone\",\"pass\":\"hunter3\"}");
        SecretsManagerCredentialStore store = new SecretsManagerCredentialStore(secrets);

        assertThatThrownBy(() -> store.basic(notJson)).isInstanceOf(ScannerAuthenticationException.class)
                .hasMessageContaining(notJson).hasMessageContaining("not JSON").message().doesNotContain("hunter2");
        assertThatThrownBy(() -> store.basic(noPassword)).isInstanceOf(ScannerAuthenticationException.class)
                .hasMessageContaining("password").message().doesNotContain("hunter3");
    }

    @Test
    void apiKeyPairsAreReadFromTheirOwnFieldsAndForgottenWithTheSecret() {
        String arn = secret(TenableFake.secretJson());
        SecretsManagerCredentialStore store = new SecretsManagerCredentialStore(secrets);

        assertThat(store.apiKeys(arn)).isEqualTo(new ApiKeys(TenableFake.ACCESS_KEY, TenableFake.SECRET_KEY));
        assertThatThrownBy(() -> store.basic(arn)).as("a key pair is not a user name and password")
                .isInstanceOf(ScannerAuthenticationException.class).hasMessageContaining("username or password")
                .message().doesNotContain(TenableFake.SECRET_KEY);

        secrets.putSecretValue(r -> r.secretId(arn).secretString("{\"accessKey\":\"rotated\",\"secretKey\":\"new-one\"}"));
        store.forget(arn);
        assertThat(store.apiKeys(arn)).isEqualTo(new ApiKeys("rotated", "new-one"));
    }

    @Test
    void aMissingSecretIsATerminalAwsError() {
        assertThatThrownBy(() -> new SecretsManagerCredentialStore(secrets).basic("gilder-no-such-secret"))
                .isInstanceOf(AwsCallFailedException.class).hasMessageContaining("Secrets Manager GetSecretValue");
    }
}
