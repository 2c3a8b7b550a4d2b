package io.gilder.lock;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.error.InvalidRequestException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockVersionHandlerTest {

    private final VersionLocks untouchable = new VersionLocks() {
        @Override
        public Optional<VersionLock> read(String version) {
            throw new AssertionError("read");
        }

        @Override
        public boolean take(VersionLock lock, VersionLock previous) {
            throw new AssertionError("take");
        }

        @Override
        public boolean release(String version, String owner) {
            throw new AssertionError("release");
        }
    };

    @Test
    void aBadInputNamesEveryFieldBeforeAnyLockIsTouched() {
        LockVersionHandler handler = new LockVersionHandler(new VersionLocking(untouchable, arn -> true, java.time.Clock.systemUTC()));

        assertThatThrownBy(() -> handler.handleRequest(new LockVersionHandler.Input(" ", "WebServer/1", 0), null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("executionArn")
                .hasMessageContaining("parameterName").hasMessageContaining("leaseSeconds");
    }
}
