package io.gilder.catalog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.CatalogVersion;
import io.gilder.registry.DistributionImage;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/** "Publish Service Catalog Version": the image's product version from the shared template (idempotent). */
@Named("publish-service-catalog-version")
public class PublishServiceCatalogVersionHandler implements RequestHandler<PublishServiceCatalogVersionHandler.Input, CatalogVersion> {

    /** @param image validate-distribution-request's {@code image} */
    public record Input(String executionArn, DistributionImage image) {}

    private final CatalogPublisher publisher;

    PublishServiceCatalogVersionHandler(CatalogPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public CatalogVersion handleRequest(Input input, Context context) {
        List<FieldProblem> problems = new ArrayList<>();
        DistributionImage image = input.image();
        if (image == null) {
            problems.add(new FieldProblem("image", "is required"));
        } else {
            require(problems, "image.parameterName", image.parameterName());
            require(problems, "image.buildVersion", image.buildVersion());
            require(problems, "image.product", image.product());
            require(problems, "image.os", image.os());
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Publish Service Catalog Version input", problems);
        }
        return publisher.publish(input.executionArn(), image);
    }

    private static void require(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        }
    }
}
