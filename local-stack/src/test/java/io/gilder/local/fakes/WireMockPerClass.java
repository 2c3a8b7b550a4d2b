package io.gilder.local.fakes;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server of its own for a test class that plays a third-party API without the local stack: started on a
 * free loopback port before the class, emptied before each test, stopped after the class. Register it as
 * {@code @RegisterExtension static final WireMockPerClass wiremock = new WireMockPerClass();}.
 */
final class WireMockPerClass implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private WireMockServer server;

    WireMockServer server() {
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new ScanTargets(), new ScanRecords()));
        server.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }
}
