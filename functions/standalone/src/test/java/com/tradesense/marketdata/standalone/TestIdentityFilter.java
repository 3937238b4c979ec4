package com.tradesense.marketdata.standalone;

import com.tradesense.marketdata.access.ClientIdentity;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test only: puts a {@link ClientIdentity} in the routing context from the {@code X-Test-Identity} header
 * ({@code subject;plan;role1,role2}), standing in for the real authentication filter so that the audit
 * endpoints' admin gate and the recorded actor can be tested on their own.
 */
@ApplicationScoped
public class TestIdentityFilter {
    static final String HEADER = "X-Test-Identity";

    void install(@Observes Router router) {
        router.route().order(-2_500).handler(ctx -> {
            String h = ctx.request().getHeader(HEADER);
            if (h != null) {
                String[] p = h.split(";", -1);
                if (p.length == 3) {
                    Set<String> roles = Arrays.stream(p[2].split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
                    ctx.put(ClientIdentity.ROUTING_CONTEXT_KEY, new ClientIdentity(p[0], p[1], roles));
                }
            }
            ctx.next();
        });
    }
}
