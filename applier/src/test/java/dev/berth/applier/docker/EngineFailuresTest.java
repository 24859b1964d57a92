package dev.berth.applier.docker;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The failures the engine tests cannot provoke on one machine: silent hosts and foreign HTTP servers. */
class EngineFailuresTest {
    @Test
    void aHostThatNeverAcceptsTimesOutOnConnect() {
        var failure = new RuntimeException(new ConnectTimeoutException("Connect to http://10.0.0.9:2375 failed: Connect timed out"));
        assertEquals("timed out after 2 s", EngineFailures.describe(failure));
    }

    @Test
    void anEngineThatAcceptsButNeverAnswersHitsTheResponseTimeout() {
        var failure = new UncheckedIOException(new SocketTimeoutException("Read timed out"));
        assertEquals("no answer within 30 s", EngineFailures.describe(failure));
    }

    @Test
    void anHttpErrorKeepsOnlyTheEngineMessage() {
        // docker-java builds the message "Status 404: <body>"; a foreign HTTP server sends an empty body.
        assertEquals("engine answered HTTP 404", EngineFailures.describe(new NotFoundException("")));
        assertEquals("engine answered HTTP 404: page not found",
                EngineFailures.describe(new NotFoundException("page not found\n")));
    }

    @Test
    void theEnginesJsonErrorIsShownAsItsMessage() {
        assertEquals("engine answered HTTP 500: unauthorized: authentication required", EngineFailures.describe(
                new InternalServerErrorException("{\"message\":\"unauthorized: authentication required\"}\n")));
        assertEquals("engine answered HTTP 500: {not json", EngineFailures.describe(
                new InternalServerErrorException("{not json")));
    }

    @Test
    void unknownFailuresFallBackToTheRootMessage() {
        assertEquals("something odd", EngineFailures.describe(new IllegalStateException(new IOException("something odd"))));
    }
}
