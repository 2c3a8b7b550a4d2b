package io.gilder.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.error.ScannerAuthenticationException;
import io.gilder.scan.ApiKeys;
import io.gilder.scan.BasicCredentials;
import io.gilder.scan.CredentialStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Credentials from Secrets Manager secrets holding a JSON object, {@code {"username":"...","password":"..."}}
 * or {@code {"accessKey":"...","secretKey":"..."}}, read once per container and kept in memory. Messages
 * name the secret and the fields, never their content.
 */
@Singleton
public class SecretsManagerCredentialStore implements CredentialStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient secrets;
    /** The two fields read from each secret, by secret id and the first field's name. */
    private final Map<Key, String[]> cache = new ConcurrentHashMap<>();

    private record Key(String secretId, String firstField) {}

    @Inject
    public SecretsManagerCredentialStore(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    @Override
    public BasicCredentials basic(String secretId) {
        String[] pair = pair(secretId, "username", "password");
        return new BasicCredentials(pair[0], pair[1]);
    }

    @Override
    public ApiKeys apiKeys(String secretId) {
        String[] pair = pair(secretId, "accessKey", "secretKey");
        return new ApiKeys(pair[0], pair[1]);
    }

    @Override
    public void forget(String secretId) {
        cache.keySet().removeIf(key -> key.secretId().equals(secretId));
    }

    private String[] pair(String secretId, String first, String second) {
        return cache.computeIfAbsent(new Key(secretId, first), key -> read(secretId, first, second));
    }

    private String[] read(String secretId, String first, String second) {
        String text = AwsCall.run("Secrets Manager GetSecretValue", () -> secrets.getSecretValue(r -> r.secretId(secretId)))
                .secretString();
        String expected = "Secret " + secretId + " must hold a JSON object {\"" + first + "\": \"...\", \"" + second + "\": \"...\"}";
        if (text == null) {
            throw new ScannerAuthenticationException(expected + "; it holds binary data");
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // the parser's message quotes the secret: never pass it on
            throw new ScannerAuthenticationException(expected + "; it is not JSON");
        }
        String one = text(json, first);
        String two = text(json, second);
        if (one == null || two == null) {
            throw new ScannerAuthenticationException(expected + "; " + first + " or " + second + " is missing or empty");
        }
        return new String[] {one, two};
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json == null ? null : json.get(field);
        return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
    }
}
