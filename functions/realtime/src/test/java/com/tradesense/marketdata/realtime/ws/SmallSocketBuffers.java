package com.tradesense.marketdata.realtime.ws;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tests only: a small kernel send buffer, so that a client that stops reading backs up into the
 * session's queue in a second rather than after megabytes of loopback buffering.
 */
@ApplicationScoped
public class SmallSocketBuffers implements HttpServerOptionsCustomizer {
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setSendBufferSize(16 * 1024);
    }
}
