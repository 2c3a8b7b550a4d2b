package io.gilder.local.emulator;

/**
 * Entry point of a local function container: the Lambda runtime interface client, plus a watchdog
 * that ends the container when the local stack that started it goes away (its stdin closes), so
 * an interrupted test run leaves no JVM behind.
 */
public final class ContainerMain {

    private ContainerMain() {}

    public static void main(String[] args) throws Throwable {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; EOF means it is gone
                }
            } catch (java.io.IOException ignored) {
                // treat like EOF
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        com.amazonaws.services.lambda.runtime.api.client.AWSLambda.main(args);
    }
}
