package io.gilder.scanner;

import io.gilder.error.ScannerUnavailableException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends one request to a scanner's API; a scanner that cannot be reached is a retryable {@link ScannerUnavailableException}. */
public final class ScannerHttp {

    private ScannerHttp() {}

    /** @param call names the operation in error messages, e.g. {@code Tenable GET /scanners} */
    public static HttpResponse<byte[]> exchange(HttpClient http, HttpRequest request, Object call) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ScannerUnavailableException(call + " could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScannerUnavailableException(call + " was interrupted", e);
        }
    }
}
