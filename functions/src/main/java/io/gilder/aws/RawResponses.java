package io.gilder.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Keeps the body of a successful response exactly as AWS sent it, for requests that ask for it by
 * carrying a {@link #SINK} execution attribute (the SDK otherwise hands out only parsed objects). Must be
 * registered on the client; requests without the attribute pass untouched.
 */
public final class RawResponses implements ExecutionInterceptor {

    /** Where a request wants its successful response bodies appended. */
    public static final ExecutionAttribute<List<byte[]>> SINK = new ExecutionAttribute<>("GilderRawResponses");

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        List<byte[]> sink = attributes.getAttribute(SINK);
        Optional<InputStream> body = context.responseBody();
        if (sink == null || body.isEmpty() || !context.httpResponse().isSuccessful()) {
            return body;
        }
        try (InputStream in = body.get()) {
            byte[] bytes = in.readAllBytes();
            sink.add(bytes);
            return Optional.of(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an AWS response body", e);
        }
    }
}
