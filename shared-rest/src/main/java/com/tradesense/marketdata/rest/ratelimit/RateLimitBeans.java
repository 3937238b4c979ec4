package com.tradesense.marketdata.rest.ratelimit;

import com.tradesense.marketdata.ratelimit.RateLimiterFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Where rate-limit counters live: in this process's memory (the standalone default). */
@ApplicationScoped
public class RateLimitBeans {

    @Produces
    @Singleton
    RateLimiterFactory rateLimiters() {
        return RateLimiterFactory.LOCAL;
    }
}
