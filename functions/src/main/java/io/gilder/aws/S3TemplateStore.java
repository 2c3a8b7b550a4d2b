package io.gilder.aws;

import io.gilder.catalog.TemplateStore;
import io.gilder.config.CatalogConfig;
import io.gilder.config.GilderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@link TemplateStore} in one S3 bucket (encrypted by the bucket's default). */
@ApplicationScoped
public class S3TemplateStore implements TemplateStore {

    static final String YAML = "application/x-yaml";

    private final S3Client s3;
    private final String bucket;

    @Inject
    S3TemplateStore(S3Client s3, GilderConfig config, CatalogConfig catalog) {
        this(s3, catalog.templateBucket().or(() -> config.storage().evidenceBucket()).orElse(null));
    }

    /** @param bucket the templates bucket; {@code null} fails each call with the setting to fix */
    public S3TemplateStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<String> read(String key) {
        return AwsCall.run("s3:GetObject", () -> {
            try {
                return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket()).key(key)).asString(StandardCharsets.UTF_8));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public String write(String key, String body) {
        AwsCall.run("s3:PutObject", () -> s3.putObject(r -> r.bucket(bucket()).key(key).contentType(YAML),
                RequestBody.fromString(body, StandardCharsets.UTF_8)));
        return s3.utilities().getUrl(r -> r.bucket(bucket).key(key)).toExternalForm();
    }

    @Override
    public void delete(String key) {
        // DeleteObject succeeds for a key that is already gone.
        AwsCall.run("s3:DeleteObject", () -> s3.deleteObject(r -> r.bucket(bucket()).key(key)));
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private String bucket() {
        if (bucket == null) {
            throw new IllegalStateException("gilder.catalog.template-bucket (GILDER_CATALOG_TEMPLATE_BUCKET) "
                    + "and gilder.storage.evidence-bucket are both unset");
        }
        return bucket;
    }
}
