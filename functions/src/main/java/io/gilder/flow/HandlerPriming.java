package io.gilder.flow;

import io.gilder.config.GilderConfig;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** At start-up (Lambda's init phase, before a SnapStart snapshot) primes the one handler this function runs. */
@ApplicationScoped
public class HandlerPriming {

    private static final Logger LOG = Logger.getLogger(HandlerPriming.class);

    void onStart(@Observes StartupEvent event, GilderConfig config,
            @ConfigProperty(name = "quarkus.lambda.handler") Optional<String> handlerName) {
        if (handlerName.isEmpty()) {
            return;
        }
        try (InstanceHandle<Object> handler = Arc.container().instance(handlerName.get())) {
            if (!GilderConfig.shouldPrime(config.aws().primeClients(), System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
                return;
            }
            if (handler.isAvailable() && handler.get() instanceof Primed primed) {
                long start = System.nanoTime();
                primed.prime();
                LOG.debugf("primed %s in %d ms", handlerName.get(), (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            LOG.warnf("priming %s failed (the function still works, its first call is slower): %s", handlerName.get(), e);
        }
    }
}
