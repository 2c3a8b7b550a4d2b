package io.gilder.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.domain.BasicCredentials;
import io.gilder.error.ScannerAuthenticationException;
import io.gilder.port.CredentialStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Credentials from Secrets Manager secrets holding {@code {"username":"...","password":"..."}},
 * read once per container and kept in memory. Messages name the secret, never its content.
 */
public class SecretsManagerCredentialStore implements CredentialStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient secrets;
    private final Map<String, BasicCredentials> cache = new ConcurrentHashMap<>();

    public SecretsManagerCredentialStore(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    @Override
    public BasicCredentials basic(String secretId) {
        return cache.computeIfAbsent(secretId, this::read);
    }

    @Override
    public void forget(String secretId) {
        cache.remove(secretId);
    }

    private BasicCredentials read(String secretId) {
        String text = AwsCall.run("Secrets Manager GetSecretValue", () -> secrets.getSecretValue(r -> r.secretId(secretId)))
                .secretString();
        String expected = "Secret " + secretId + " must hold a JSON object {\"username\": \"...\", \"password\": \"...\"}";
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
        String username = text(json, "username");
        String password = text(json, "password");
        if (username == null || password == null) {
            throw new ScannerAuthenticationException(expected + "; username or password is missing or empty");
        }
        return new BasicCredentials(username, password);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json == null ? null : json.get(field);
        return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
    }
}
