package io.gilder.aws;

import io.gilder.approval.EvidenceLinks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned {@code GetObject} URLs of evidence objects, valid {@link EvidenceLinks#VALID_FOR}, made on each page view
 * (a link in an e-mail would outlive the credentials that signed it, and travel further than the page).
 */
@ApplicationScoped
public class S3EvidenceLinks implements EvidenceLinks {

    private static final Pattern S3_URI = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");

    private final S3Presigner presigner;

    public S3EvidenceLinks(S3Presigner presigner) {
        this.presigner = presigner;
    }

    @Override
    public Optional<String> temporaryLink(String s3Uri) {
        Matcher m = s3Uri == null ? null : S3_URI.matcher(s3Uri);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(presigner.presignGetObject(r -> r.signatureDuration(VALID_FOR)
                .getObjectRequest(g -> g.bucket(m.group(1)).key(m.group(2)))).url().toString());
    }
}
